/// A 虹口编码 大类 (section) code: two digits.
public struct SectionCode: Hashable, Comparable, Sendable, CustomStringConvertible {
    /// The two digits, e.g. `01`.
    public let rawValue: String

    /// Accepts exactly two ASCII digits.
    public init?(_ text: String) {
        guard text.utf8.count == 2, text.utf8.allSatisfy({ $0 >= 48 && $0 <= 57 }) else { return nil }
        rawValue = text
    }

    init(unchecked text: String) { rawValue = text }

    /// The code itself.
    public var description: String { rawValue }

    /// Orders codes by their digits.
    public static func < (lhs: SectionCode, rhs: SectionCode) -> Bool { lhs.rawValue < rhs.rawValue }
}
