/// Where text is written piece by piece: a `String` being built, or the inside of a JSON string
/// in an output buffer (which escapes each piece as it comes). Lets a sentence such as a
/// classification's reason be written straight to its destination, with no string built.
public protocol TextSink: ~Copyable {
    /// Appends `text`.
    mutating func write(_ text: String)
    /// Appends UTF-8 bytes.
    mutating func write(bytes: UnsafeBufferPointer<UInt8>)
    /// Appends `value` with exactly `decimals` decimals, as `FixedPoint.text` writes it.
    mutating func write(fixed value: Double, decimals: Int)
}

extension TextSink where Self: ~Copyable {
    /// Appends `FixedPoint.text(value, decimals: decimals)`.
    public mutating func write(fixed value: Double, decimals: Int) {
        write(FixedPoint.text(value, decimals: decimals))
    }
}

extension String: TextSink {
    /// Appends `text`.
    public mutating func write(_ text: String) { append(text) }

    /// Appends UTF-8 bytes (invalid sequences repaired).
    public mutating func write(bytes: UnsafeBufferPointer<UInt8>) { append(String(decoding: bytes, as: UTF8.self)) }
}
