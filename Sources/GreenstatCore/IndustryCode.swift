/// A GB/T 4754-2017 国民经济行业分类 小类 code: four digits (e.g. `7514` 节能技术推广服务).
public struct IndustryCode: Hashable, Comparable, Sendable, CustomStringConvertible {
    /// The four digits.
    public let rawValue: String

    /// Accepts exactly four ASCII digits; whether the code exists is the taxonomy's question.
    public init?(_ text: String) {
        guard text.utf8.count == 4, text.utf8.allSatisfy({ $0 >= 48 && $0 <= 57 }) else { return nil }
        rawValue = text
    }

    /// The code itself.
    public var description: String { rawValue }

    /// Orders codes by their digits.
    public static func < (lhs: IndustryCode, rhs: IndustryCode) -> Bool { lhs.rawValue < rhs.rawValue }
}
