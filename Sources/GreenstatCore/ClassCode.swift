/// A 虹口编码 小类 (class) code: four digits whose prefixes are its 中类 and 大类.
public struct ClassCode: Hashable, Comparable, Sendable, CustomStringConvertible {
    /// The four digits, e.g. `0111`.
    public let rawValue: String

    /// Accepts exactly four ASCII digits.
    public init?(_ text: String) {
        guard text.utf8.count == 4, text.utf8.allSatisfy({ $0 >= 48 && $0 <= 57 }) else { return nil }
        rawValue = text
    }

    /// The 中类 (first three digits).
    public var division: DivisionCode { DivisionCode(unchecked: String(rawValue.prefix(3))) }
    /// The 大类 (first two digits).
    public var section: SectionCode { SectionCode(unchecked: String(rawValue.prefix(2))) }
    /// The code itself.
    public var description: String { rawValue }

    /// Orders codes by their digits.
    public static func < (lhs: ClassCode, rhs: ClassCode) -> Bool { lhs.rawValue < rhs.rawValue }
}
