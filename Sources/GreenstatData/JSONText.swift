/// Fast JSON text building into UTF-8 bytes, with a fixed key order (stable, diffable output).
/// Strings are escaped in runs (only `"`, `\` and control characters are rewritten).
public struct JSONText {
    /// The UTF-8 bytes built so far.
    public private(set) var bytes: [UInt8] = []
    private var needsComma: [Bool] = [false]

    /// Starts empty, with room for `capacity` bytes.
    public init(capacity: Int = 512) { bytes.reserveCapacity(capacity) }

    /// The text built so far.
    public var text: String { String(decoding: bytes, as: UTF8.self) }

    private static let hex: [UInt8] = Array("0123456789abcdef".utf8)

    /// Appends `value` as a JSON string literal.
    public mutating func appendQuoted(_ value: String) {
        bytes.append(UInt8(ascii: "\""))
        var value = value
        value.withUTF8 { source in
            var runStart = 0
            for index in 0..<source.count {
                let byte = source[index]
                guard byte == 0x22 || byte == 0x5C || byte < 0x20 else { continue }
                if index > runStart {
                    bytes.append(contentsOf: UnsafeBufferPointer(rebasing: source[runStart..<index]))
                }
                runStart = index + 1
                bytes.append(0x5C)
                switch byte {
                case 0x22: bytes.append(0x22)
                case 0x5C: bytes.append(0x5C)
                case 0x0A: bytes.append(UInt8(ascii: "n"))
                case 0x0D: bytes.append(UInt8(ascii: "r"))
                case 0x09: bytes.append(UInt8(ascii: "t"))
                default:
                    bytes.append(contentsOf: Array("u00".utf8))
                    bytes.append(Self.hex[Int(byte >> 4)])
                    bytes.append(Self.hex[Int(byte & 0xF)])
                }
            }
            if runStart < source.count {
                bytes.append(contentsOf: UnsafeBufferPointer(rebasing: source[runStart..<source.count]))
            }
        }
        bytes.append(UInt8(ascii: "\""))
    }

    private mutating func appendRaw(_ text: String) {
        var text = text
        text.withUTF8 { bytes.append(contentsOf: $0) }
    }

    private mutating func separate() {
        if needsComma[needsComma.count - 1] { bytes.append(UInt8(ascii: ",")) }
        needsComma[needsComma.count - 1] = true
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
        needsComma.append(false)
    }

    /// Closes the innermost object.
    public mutating func closeObject() {
        needsComma.removeLast()
        bytes.append(UInt8(ascii: "}"))
    }

    /// Opens an array under `key`.
    public mutating func openArray(_ key: String) {
        separate()
        self.key(key)
        bytes.append(UInt8(ascii: "["))
        needsComma.append(false)
    }

    /// Opens an array as a value (at top level or inside an array).
    public mutating func openArrayValue() {
        separate()
        bytes.append(UInt8(ascii: "["))
        needsComma.append(false)
    }

    /// Adds `key: json` where `json` is already valid JSON text.
    public mutating func raw(_ key: String, _ json: String) {
        separate()
        self.key(key)
        appendRaw(json)
    }

    /// Closes the innermost array.
    public mutating func closeArray() {
        needsComma.removeLast()
        bytes.append(UInt8(ascii: "]"))
    }

    /// Adds `key: "value"` (or null).
    public mutating func add(_ key: String, _ value: String?) {
        separate()
        self.key(key)
        if let value { appendQuoted(value) } else { appendRaw("null") }
    }

    /// Adds `key: number` (or null); `number` must be valid JSON number text.
    public mutating func add(_ key: String, number: String?) {
        separate()
        self.key(key)
        appendRaw(number ?? "null")
    }

    /// Adds `key: true|false`.
    public mutating func add(_ key: String, _ value: Bool) {
        separate()
        self.key(key)
        appendRaw(value ? "true" : "false")
    }
}
