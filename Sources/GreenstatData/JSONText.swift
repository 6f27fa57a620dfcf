/// Fast JSON text building into UTF-8 bytes, with a fixed key order (stable, diffable output).
/// Strings are escaped in runs (only `"`, `\` and control characters are rewritten).
public struct JSONText {
    /// The UTF-8 bytes built so far.
    public private(set) var bytes: [UInt8] = []
    /// One bit per open object or array (bit 0: the top level): whether the next member needs a comma.
    private var commaBits: UInt64 = 0
    private var depth = 0

    /// Starts empty, with room for `capacity` bytes.
    public init(capacity: Int = 512) { bytes.reserveCapacity(capacity) }

    /// Ends a top-level value with a line feed and starts the next line (JSON Lines).
    public mutating func endLine() {
        bytes.append(0x0A)
        commaBits = 0
        depth = 0
    }

    /// Appends text as is (already valid JSON or plain line text).
    public mutating func appendVerbatim(_ text: String) {
        var text = text
        text.withUTF8 { bytes.append(contentsOf: $0) }
    }

    /// Hands back the bytes, leaving this value empty (no copy).
    public mutating func takeBytes() -> [UInt8] {
        defer { bytes = [] }
        return bytes
    }

    /// The text built so far.
    public var text: String { String(decoding: bytes, as: UTF8.self) }

    private static let hex: [UInt8] = Array("0123456789abcdef".utf8)

    /// Appends `value` as a JSON string literal.
    public mutating func appendQuoted(_ value: String) {
        var value = value
        value.withUTF8 { appendQuoted(bytes: $0) }
    }

    /// Appends UTF-8 bytes as a JSON string literal.
    public mutating func appendQuoted(bytes source: UnsafeBufferPointer<UInt8>) {
        bytes.append(UInt8(ascii: "\""))
        guard let base = source.baseAddress else {
            bytes.append(UInt8(ascii: "\""))
            return
        }
        let count = source.count
        var runStart = 0
        var index = 0
        while index < count {
            // Eight bytes at a time while none needs escaping (most text).
            if index &+ 8 <= count,
                !Self.needsEscape(UnsafeRawPointer(base + index).loadUnaligned(as: UInt64.self))
            {
                index &+= 8
                continue
            }
            let byte = base[index]
            index &+= 1
            guard byte == 0x22 || byte == 0x5C || byte < 0x20 else { continue }
            if index - 1 > runStart {
                bytes.append(contentsOf: UnsafeBufferPointer(rebasing: source[runStart..<(index - 1)]))
            }
            runStart = index
            bytes.append(0x5C)
            switch byte {
            case 0x22: bytes.append(0x22)
            case 0x5C: bytes.append(0x5C)
            case 0x0A: bytes.append(UInt8(ascii: "n"))
            case 0x0D: bytes.append(UInt8(ascii: "r"))
            case 0x09: bytes.append(UInt8(ascii: "t"))
            default:
                bytes.append(contentsOf: [UInt8(ascii: "u"), 0x30, 0x30])
                bytes.append(Self.hex[Int(byte >> 4)])
                bytes.append(Self.hex[Int(byte & 0xF)])
            }
        }
        if runStart < count {
            bytes.append(contentsOf: UnsafeBufferPointer(rebasing: source[runStart..<count]))
        }
        bytes.append(UInt8(ascii: "\""))
    }

    /// Whether one of the eight bytes of `word` is below 0x20, `"` or `\\` (exact: the
    /// has-zero-byte test on `word` minus 0x20 and on `word` xor each quote byte).
    @inline(__always)
    static func needsEscape(_ word: UInt64) -> Bool {
        let ones: UInt64 = 0x0101_0101_0101_0101
        let highs: UInt64 = 0x8080_8080_8080_8080
        @inline(__always) func hasZero(_ value: UInt64) -> Bool { (value &- ones) & ~value & highs != 0 }
        let below = (word &- ones &* 0x20) & ~word & highs != 0
        return below || hasZero(word ^ (ones &* 0x22)) || hasZero(word ^ (ones &* 0x5C))
    }

    private mutating func appendRaw(_ text: String) {
        var text = text
        text.withUTF8 { bytes.append(contentsOf: $0) }
    }

    @inline(__always)
    private mutating func separate() {
        let bit: UInt64 = 1 << UInt64(depth & 63)
        if commaBits & bit != 0 { bytes.append(UInt8(ascii: ",")) }
        commaBits |= bit
    }

    @inline(__always)
    private mutating func push() {
        depth += 1
        commaBits &= ~(1 << UInt64(depth & 63))
    }

    private mutating func key(_ key: String) {
        appendQuoted(key)
        bytes.append(UInt8(ascii: ":"))
    }

    /// Opens an object (as a value, or under `key` inside an object).
    public mutating func openObject(_ key: String? = nil) {
        separate()
        if let key { self.key(key) }
        bytes.append(UInt8(ascii: "{"))
        push()
    }

    /// Closes the innermost object.
    public mutating func closeObject() {
        depth -= 1
        bytes.append(UInt8(ascii: "}"))
    }

    /// Opens an array under `key`.
    public mutating func openArray(_ key: String) {
        separate()
        self.key(key)
        bytes.append(UInt8(ascii: "["))
        push()
    }

    /// Opens an array as a value (at top level or inside an array).
    public mutating func openArrayValue() {
        separate()
        bytes.append(UInt8(ascii: "["))
        push()
    }

    /// Closes the innermost array.
    public mutating func closeArray() {
        depth -= 1
        bytes.append(UInt8(ascii: "]"))
    }

    /// Adds `key: "value"` (or null).
    public mutating func add(_ key: String, _ value: String?) {
        separate()
        self.key(key)
        if let value { appendQuoted(value) } else { appendRaw("null") }
    }

    /// Adds `key: "value"` from UTF-8 bytes.
    public mutating func add(_ key: String, bytes value: UnsafeBufferPointer<UInt8>) {
        separate()
        self.key(key)
        appendQuoted(bytes: value)
    }

    /// Adds `key: number` (or null); `number` must be valid JSON number text.
    public mutating func add(_ key: String, number: String?) {
        separate()
        self.key(key)
        appendRaw(number ?? "null")
    }

    /// Adds `key` with a whole number.
    public mutating func add(_ key: String, integer value: Int) {
        separate()
        self.key(key)
        appendInteger(value)
    }

    /// Adds `key` with `value` written with exactly `decimals` decimals (as `FixedPoint.text`).
    public mutating func add(_ key: String, fixed value: Double, decimals: Int) {
        separate()
        self.key(key)
        var scale: Int64 = 1
        for _ in 0..<decimals { scale *= 10 }
        let scaled = Int64((value * Double(scale)).rounded())
        if scaled < 0 { bytes.append(UInt8(ascii: "-")) }
        let magnitude = scaled.magnitude
        appendDigits(magnitude / UInt64(scale), minimumCount: 1)
        if decimals > 0 {
            bytes.append(UInt8(ascii: "."))
            appendDigits(magnitude % UInt64(scale), minimumCount: decimals)
        }
    }

    private mutating func appendInteger(_ value: Int) {
        if value < 0 { bytes.append(UInt8(ascii: "-")) }
        appendDigits(UInt64(value.magnitude), minimumCount: 1)
    }

    /// Appends the decimal digits of `value`, zero-padded to `minimumCount`.
    private mutating func appendDigits(_ value: UInt64, minimumCount: Int) {
        var digits: (UInt64, UInt64, UInt64) = (0, 0, 0)
        let count = withUnsafeMutableBytes(of: &digits) { raw -> Int in
            var rest = value
            var count = 0
            repeat {
                raw[23 - count] = UInt8(48 + rest % 10)
                rest /= 10
                count += 1
            } while rest > 0
            while count < minimumCount && count < 24 {
                raw[23 - count] = 48
                count += 1
            }
            return count
        }
        withUnsafeBytes(of: &digits) { raw in bytes.append(contentsOf: raw[(24 - count)...]) }
    }

    /// Adds `key: true|false`.
    public mutating func add(_ key: String, _ value: Bool) {
        separate()
        self.key(key)
        appendRaw(value ? "true" : "false")
    }
}
