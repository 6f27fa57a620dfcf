import GreenstatBytes
import GreenstatCore
import GreenstatTable

/// Fast JSON text building into UTF-8 bytes, with a fixed key order (stable, diffable output).
/// Strings are escaped in runs (only `"`, `\` and control characters are rewritten).
///
/// The bytes live in memory this value owns (it cannot be copied), so appending is a capacity
/// check and a store: no reference counting or uniqueness check per byte, which is what an
/// array would cost on the output of every record.
public struct JSONText: ~Copyable {
    private var base: UnsafeMutablePointer<UInt8>
    private var capacity: Int
    /// The number of bytes built so far.
    public private(set) var count = 0
    /// One bit per open object or array (bit 0: the top level): whether the next member needs a comma.
    private var commaBits: UInt64 = 0
    private var depth = 0

    /// Starts empty, with room for `capacity` bytes.
    public init(capacity: Int = 512) {
        self.capacity = max(16, capacity)
        base = .allocate(capacity: self.capacity)
    }

    deinit { base.deallocate() }

    /// A copy of the UTF-8 bytes built so far.
    public var bytes: [UInt8] { Array(UnsafeBufferPointer(start: base, count: count)) }

    /// Ends a top-level value with a line feed and starts the next line (JSON Lines).
    public mutating func endLine() {
        put(0x0A)
        commaBits = 0
        depth = 0
    }

    /// Appends text as is (already valid JSON or plain line text).
    public mutating func appendVerbatim(_ text: String) {
        var text = text
        text.withUTF8 { put($0) }
    }

    /// Starts empty again, keeping the memory.
    public mutating func removeAll() {
        count = 0
        commaBits = 0
        depth = 0
    }

    /// Hands back the bytes and starts empty again (keeping the memory).
    public mutating func takeBytes() -> [UInt8] {
        defer { removeAll() }
        return bytes
    }

    /// Hands over the memory holding the bytes (no copy) and starts empty again in new memory
    /// of the same size.
    mutating func takeBlock() -> ByteBlock {
        let block = ByteBlock(taking: base, count: count)
        base = .allocate(capacity: capacity)
        removeAll()
        return block
    }

    /// The text built so far.
    public var text: String { String(decoding: UnsafeBufferPointer(start: base, count: count), as: UTF8.self) }

    /// Makes room for `extra` more bytes.
    @inline(__always)
    private mutating func reserve(_ extra: Int) {
        if count &+ extra > capacity { grow(extra) }
    }

    @inline(never)
    private mutating func grow(_ extra: Int) {
        let newCapacity = max(capacity * 2, count + extra)
        let newBase = UnsafeMutablePointer<UInt8>.allocate(capacity: newCapacity)
        newBase.update(from: base, count: count)
        base.deallocate()
        base = newBase
        capacity = newCapacity
    }

    @inline(__always)
    private mutating func put(_ byte: UInt8) {
        reserve(1)
        base[count] = byte
        count &+= 1
    }

    @inline(__always)
    private mutating func put(_ source: UnsafeBufferPointer<UInt8>) {
        guard let start = source.baseAddress else { return }
        reserve(source.count)
        (base + count).update(from: start, count: source.count)
        count &+= source.count
    }

    /// Appends two to four ASCII bytes given as a little-endian word (`length` of them).
    @inline(__always)
    private mutating func put(word: UInt32, length: Int) {
        reserve(4)
        UnsafeMutableRawPointer(base + count).storeBytes(of: word.littleEndian, as: UInt32.self)
        count &+= length
    }

    private static let hex: [UInt8] = Array("0123456789abcdef".utf8)

    /// Appends `value` as a JSON string literal.
    public mutating func appendQuoted(_ value: String) {
        var value = value
        value.withUTF8 { appendQuoted(bytes: $0) }
    }

    /// Appends UTF-8 bytes as a JSON string literal.
    public mutating func appendQuoted(bytes source: UnsafeBufferPointer<UInt8>) {
        // Room for the quotes and the text as it is; an escape makes more room for itself.
        reserve(source.count &+ 2)
        base[count] = UInt8(ascii: "\"")
        count &+= 1
        appendEscaped(bytes: source)
        put(UInt8(ascii: "\""))
    }

    /// Appends UTF-8 bytes as the inside of a JSON string: as they are but for `"`, `\\` and
    /// control characters, which are escaped.
    public mutating func appendEscaped(bytes source: UnsafeBufferPointer<UInt8>) {
        guard let start = source.baseAddress else { return }
        let count = source.count
        reserve(count)
        var runStart = 0
        var index = 0
        while index < count {
            // Eight bytes at a time while none needs escaping (most text).
            if index &+ 8 <= count,
                !Self.needsEscape(ByteWord.load(start + index))
            {
                index &+= 8
                continue
            }
            let byte = start[index]
            index &+= 1
            guard byte == 0x22 || byte == 0x5C || byte < 0x20 else { continue }
            put(UnsafeBufferPointer(start: start + runStart, count: index - 1 - runStart))
            runStart = index
            switch byte {
            case 0x22: put(word: 0x225C, length: 2)
            case 0x5C: put(word: 0x5C5C, length: 2)
            case 0x0A: put(word: 0x6E5C, length: 2)
            case 0x0D: put(word: 0x725C, length: 2)
            case 0x09: put(word: 0x745C, length: 2)
            default:
                put(word: 0x3030_755C, length: 4)
                put(Self.hex[Int(byte >> 4)])
                put(Self.hex[Int(byte & 0xF)])
            }
        }
        put(UnsafeBufferPointer(start: start + runStart, count: count - runStart))
    }

    /// Whether one of the eight bytes of `word` is below 0x20, `"` or `\\`.
    @inline(__always)
    static func needsEscape(_ word: UInt64) -> Bool {
        ByteWord.bytesBelow(word, 0x20) | ByteWord.equalBytes(word, ByteWord.repeating(0x22))
            | ByteWord.equalBytes(word, ByteWord.repeating(0x5C)) != 0
    }

    private mutating func appendLiteral(_ text: StaticString) {
        put(UnsafeBufferPointer(start: text.utf8Start, count: text.utf8CodeUnitCount))
    }

    private mutating func appendRaw(_ text: String) {
        var text = text
        text.withUTF8 { put($0) }
    }

    @inline(__always)
    private mutating func separate() {
        let bit: UInt64 = 1 << UInt64(depth & 63)
        if commaBits & bit != 0 { put(UInt8(ascii: ",")) }
        commaBits |= bit
    }

    @inline(__always)
    private mutating func push() {
        depth += 1
        commaBits &= ~(1 << UInt64(depth & 63))
    }

    /// Writes `"key":`. Keys are the format's own plain ASCII names, so they are written as they
    /// are, without an escape scan.
    @inline(__always)
    private mutating func key(_ key: StaticString) {
        let length = key.utf8CodeUnitCount
        reserve(length &+ 3)
        base[count] = UInt8(ascii: "\"")
        (base + (count &+ 1)).update(from: key.utf8Start, count: length)
        UnsafeMutableRawPointer(base + (count &+ 1 &+ length)).storeBytes(
            of: (0x3A22 as UInt16).littleEndian, as: UInt16.self)
        count &+= length &+ 3
    }

    /// Opens an object (as a value, or under `key` inside an object).
    public mutating func openObject(_ key: StaticString? = nil) {
        separate()
        if let key { self.key(key) }
        put(UInt8(ascii: "{"))
        push()
    }

    /// Closes the innermost object.
    public mutating func closeObject() {
        depth -= 1
        put(UInt8(ascii: "}"))
    }

    /// Opens an array under `key`.
    public mutating func openArray(_ key: StaticString) {
        separate()
        self.key(key)
        put(UInt8(ascii: "["))
        push()
    }

    /// Opens an array as a value (at top level or inside an array).
    public mutating func openArrayValue() {
        separate()
        put(UInt8(ascii: "["))
        push()
    }

    /// Closes the innermost array.
    public mutating func closeArray() {
        depth -= 1
        put(UInt8(ascii: "]"))
    }

    /// Adds `key: "value"` (or null).
    public mutating func add(_ key: StaticString, _ value: String?) {
        separate()
        self.key(key)
        if let value { appendQuoted(value) } else { appendLiteral("null") }
    }

    /// Adds `key: "value"` from UTF-8 bytes.
    public mutating func add(_ key: StaticString, bytes value: UnsafeBufferPointer<UInt8>) {
        separate()
        self.key(key)
        appendQuoted(bytes: value)
    }

    /// Adds `key: number` (or null); `number` must be valid JSON number text.
    public mutating func add(_ key: StaticString, number: String?) {
        separate()
        self.key(key)
        if let number { appendRaw(number) } else { appendLiteral("null") }
    }

    /// Adds `key` with a whole number.
    public mutating func add(_ key: StaticString, integer value: Int) {
        separate()
        self.key(key)
        appendInteger(value)
    }

    /// Adds `key` with `value` written with exactly `decimals` decimals (as `FixedPoint.text`).
    public mutating func add(_ key: StaticString, fixed value: Double, decimals: Int) {
        separate()
        self.key(key)
        appendFixed(value, decimals: decimals)
    }

    /// Appends `value` as `FixedPoint.text` writes it, digit by digit.
    private mutating func appendFixed(_ value: Double, decimals: Int) {
        let (negative, whole, fraction) = FixedPoint.parts(value, decimals: decimals)
        if negative { put(UInt8(ascii: "-")) }
        appendDigits(whole, minimumCount: 1)
        if decimals > 0 {
            put(UInt8(ascii: "."))
            appendDigits(fraction, minimumCount: decimals)
        }
    }

    private mutating func appendInteger(_ value: Int) {
        if value < 0 { put(UInt8(ascii: "-")) }
        appendDigits(UInt64(value.magnitude), minimumCount: 1)
    }

    /// Appends the decimal digits of `value`, zero-padded to `minimumCount`.
    private mutating func appendDigits(_ value: UInt64, minimumCount: Int) {
        var width = 1
        var rest = value / 10
        while rest > 0 {
            width += 1
            rest /= 10
        }
        width = max(width, minimumCount)
        reserve(width)
        rest = value
        var position = count &+ width
        while position > count {
            position &-= 1
            base[position] = UInt8(truncatingIfNeeded: 48 &+ rest % 10)
            rest /= 10
        }
        count &+= width
    }

    /// Adds `key: true|false`.
    public mutating func add(_ key: StaticString, _ value: Bool) {
        separate()
        self.key(key)
        appendLiteral(value ? "true" : "false")
    }

    /// Opens a string under `key`, to be filled with `appendEscaped` (or as a `TextSink`) and
    /// closed with `closeString`.
    public mutating func openString(_ key: StaticString) {
        separate()
        self.key(key)
        put(UInt8(ascii: "\""))
    }

    /// Closes the string opened with `openString`.
    public mutating func closeString() { put(UInt8(ascii: "\"")) }

    /// Adds `key` with a value written beforehand (`literal` is valid JSON: a quoted string from
    /// `quoted`, a number, null).
    public mutating func add(_ key: StaticString, literal: [UInt8]) {
        separate()
        self.key(key)
        literal.withUnsafeBufferPointer { put($0) }
    }

    /// Adds members written beforehand with `members` (`"key":value` pairs).
    public mutating func addMembers(_ members: [UInt8]) {
        separate()
        members.withUnsafeBufferPointer { put($0) }
    }

    /// `value` as a JSON string literal, to write later with `add(_:literal:)`.
    public static func quoted(_ value: String) -> [UInt8] {
        var json = JSONText(capacity: value.utf8.count + 2)
        json.appendQuoted(value)
        return json.takeBytes()
    }

    /// The members `body` adds to an object, without the braces, to write later with
    /// `addMembers`.
    public static func members(_ body: (inout JSONText) -> Void) -> [UInt8] {
        var json = JSONText()
        json.openObject()
        body(&json)
        json.closeObject()
        return Array(json.takeBytes().dropFirst().dropLast())
    }
}

/// Inside a string opened with `openString`, text pieces are escaped as they come.
extension JSONText: TextSink {
    /// Appends `text`, escaped.
    public mutating func write(_ text: String) {
        let written = text.utf8.withContiguousStorageIfAvailable { appendEscaped(bytes: $0) }
        if written == nil {
            var text = text
            text.withUTF8 { appendEscaped(bytes: $0) }
        }
    }

    /// Appends UTF-8 bytes, escaped.
    public mutating func write(bytes: UnsafeBufferPointer<UInt8>) { appendEscaped(bytes: bytes) }

    /// Appends `value` with exactly `decimals` decimals (digits need no escaping).
    public mutating func write(fixed value: Double, decimals: Int) { appendFixed(value, decimals: decimals) }
}
