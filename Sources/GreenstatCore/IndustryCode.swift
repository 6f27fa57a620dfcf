/// A GB/T 4754-2017 国民经济行业分类 小类 code: four digits (e.g. `7514` 节能技术推广服务).
///
/// Held as its number, so that the value is plain data: copied, compared and hashed without
/// touching a string (it travels with every row of a register).
public struct IndustryCode: Hashable, Comparable, Sendable, CustomStringConvertible {
    /// The code as a number, 0…9999 (`0110` is 110).
    public let number: Int16

    /// Accepts exactly four ASCII digits; whether the code exists is the taxonomy's question.
    public init?(_ text: String) {
        var text = text
        guard let code = text.withUTF8({ Self(utf8: $0) }) else { return nil }
        self = code
    }

    /// Accepts exactly four ASCII digits, as UTF-8 bytes.
    public init?(utf8 bytes: UnsafeBufferPointer<UInt8>) {
        guard bytes.count == 4 else { return nil }
        var value: Int16 = 0
        for byte in bytes {
            guard byte >= 48 && byte <= 57 else { return nil }
            value = value &* 10 &+ Int16(byte &- 48)
        }
        number = value
    }

    /// The four digits.
    public var rawValue: String { withDigits { String(decoding: $0, as: UTF8.self) } }

    /// Runs `body` with the four digits as UTF-8 bytes (no string built).
    public func withDigits<Result>(_ body: (UnsafeBufferPointer<UInt8>) -> Result) -> Result {
        let value = UInt32(number)
        var digits: (UInt8, UInt8, UInt8, UInt8) = (
            UInt8(48 + value / 1000), UInt8(48 + value / 100 % 10), UInt8(48 + value / 10 % 10), UInt8(48 + value % 10)
        )
        return withUnsafeBytes(of: &digits) { body($0.bindMemory(to: UInt8.self)) }
    }

    /// The code itself.
    public var description: String { rawValue }

    /// Orders codes by their digits.
    public static func < (lhs: IndustryCode, rhs: IndustryCode) -> Bool { lhs.number < rhs.number }
}
