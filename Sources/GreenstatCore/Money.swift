import Foundation

/// An exact amount of money in whole 元, shown in 万元 (1 万元 = 10,000 元).
///
/// Registers give 营业收入 in 万元 with up to four decimals, which is exactly whole 元: integer
/// arithmetic keeps every sum exact and independent of the order it is added in.
public struct Money: Hashable, Comparable, Sendable, AdditiveArithmetic, CustomStringConvertible {
    /// The amount in 元.
    public var yuan: Int64

    /// An amount of `yuan` 元.
    public init(yuan: Int64) { self.yuan = yuan }

    /// An amount given in 万元, rounded half-to-even to whole 元.
    public init(wan: Decimal) {
        var scaled = wan * 10_000
        var rounded = Decimal()
        NSDecimalRound(&rounded, &scaled, 0, .bankers)
        yuan = NSDecimalNumber(decimal: rounded).int64Value
    }

    /// Zero.
    public static let zero = Money(yuan: 0)

    /// This amount times `share` (0…1), rounded half-to-even to whole 元.
    public func scaled(by share: Decimal) -> Money {
        scaled(by: share, exact: FixedDecimal(share))
    }

    /// `scaled(by: share)` with `share` already as a fixed-point value (`FixedDecimal(share)`):
    /// the product is taken in integers when it fits.
    public func scaled(by share: Decimal, exact: FixedDecimal?) -> Money {
        if let exact, let product = exact.timesRounded(yuan) { return Money(yuan: product) }
        return Money(wan: Decimal(yuan) * share / 10_000)
    }

    /// The amount in 万元 as an exact decimal.
    public var wan: Decimal { Decimal(yuan) / 10_000 }

    /// The amount in 万元 with `decimals` decimals (rounded half-to-even), e.g. `1234.57`.
    public func wanText(decimals: Int = 2) -> String {
        var value = wan
        var rounded = Decimal()
        NSDecimalRound(&rounded, &value, decimals, .bankers)
        let text = NSDecimalNumber(decimal: rounded).stringValue
        guard decimals > 0 else { return text }
        let parts = text.split(separator: ".", omittingEmptySubsequences: false)
        let fraction = parts.count > 1 ? String(parts[1]) : ""
        return String(parts[0]) + "." + fraction + String(repeating: "0", count: max(0, decimals - fraction.count))
    }

    /// `wanText()` followed by 万元.
    public var description: String { wanText() + " 万元" }

    /// Sum.
    public static func + (lhs: Money, rhs: Money) -> Money { Money(yuan: lhs.yuan + rhs.yuan) }
    /// Difference.
    public static func - (lhs: Money, rhs: Money) -> Money { Money(yuan: lhs.yuan - rhs.yuan) }
    /// Orders by amount.
    public static func < (lhs: Money, rhs: Money) -> Bool { lhs.yuan < rhs.yuan }
}
