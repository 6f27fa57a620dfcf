/// A 虹口编码 中类 (division) code: three digits.
public struct DivisionCode: Hashable, Comparable, Sendable, CustomStringConvertible {
    /// The three digits, e.g. `011`.
    public let rawValue: String

    /// Accepts exactly three ASCII digits.
    public init?(_ text: String) {
        guard text.utf8.count == 3, text.utf8.allSatisfy({ $0 >= 48 && $0 <= 57 }) else { return nil }
        rawValue = text
    }

    init(unchecked text: String) { rawValue = text }

    /// The 大类 (first two digits).
    public var section: SectionCode { SectionCode(unchecked: String(rawValue.prefix(2))) }
    /// The code itself.
    public var description: String { rawValue }

    /// Orders codes by their digits.
    public static func < (lhs: DivisionCode, rhs: DivisionCode) -> Bool { lhs.rawValue < rhs.rawValue }
}
