import Foundation

/// A decimal as a whole number of units of 10^-scale (`units / 10^scale`, up to 18 digits, with
/// a sign), for exact products in integers: Decimal's general multiplication and division cost
/// microseconds, and measurement takes one per green record.
public struct FixedDecimal: Sendable, Equatable {
    /// The digits as a whole number.
    public var units: UInt64
    /// The number of decimals (0…18).
    public var scale: Int
    /// Whether the value is below zero.
    public var isNegative: Bool

    private static let powersOfTen: [UInt64] = (0...18).map { power in
        (0..<power).reduce(UInt64(1)) { value, _ in value * 10 }
    }

    /// `units / 10^scale`, not negative.
    public init(units: UInt64, scale: Int) {
        precondition((0...18).contains(scale), "0 to 18 decimals")
        self.units = units
        self.scale = scale
        isNegative = false
    }

    /// The value of a plain decimal text (`0.85`, `-1.5`, `2`), or nil for anything else or more
    /// than 18 digits.
    public init?(_ text: String) {
        guard let parts = ValueParsing.plainParts(text), -parts.exponent <= 18 else { return nil }
        units = parts.significand
        scale = -parts.exponent
        isNegative = parts.negative
    }

    /// The exact value of `decimal` when it has at most 18 digits, else nil.
    public init?(_ decimal: Decimal) {
        self.init(decimal.description)
    }

    /// `value × self`, rounded half-to-even to a whole number; nil when the result does not fit
    /// in 64 bits.
    public func timesRounded(_ value: Int64) -> Int64? {
        let divisor = Self.powersOfTen[scale]
        let product = value.magnitude.multipliedFullWidth(by: units)
        // The quotient fits in 64 bits exactly when the high half is below the divisor.
        guard product.high < divisor else { return nil }
        let (quotient, remainder) = divisor.dividingFullWidth(product)
        var magnitude = quotient
        // Half-to-even: up when the remainder is more than half, or exactly half and odd.
        let rest = divisor - remainder
        if remainder > rest || (remainder == rest && quotient & 1 == 1) { magnitude += 1 }
        guard magnitude <= UInt64(Int64.max) else { return nil }
        let result = Int64(magnitude)
        return (value < 0) != isNegative ? -result : result
    }
}
