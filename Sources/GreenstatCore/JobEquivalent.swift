import Foundation

/// Green-equivalent jobs (从业人员 × green share), kept exactly in hundredths of a job so that
/// sums do not depend on order; shown rounded to whole jobs.
public struct JobEquivalent: Hashable, Comparable, Sendable, AdditiveArithmetic, CustomStringConvertible {
    /// Hundredths of a job.
    public var hundredths: Int64

    /// A value of `hundredths` / 100 jobs.
    public init(hundredths: Int64) { self.hundredths = hundredths }

    /// `employees × share`, rounded half-to-even to a hundredth.
    public init(employees: Int, share: Decimal) {
        self.init(employees: employees, share: share, exact: FixedDecimal(share))
    }

    /// `init(employees:share:)` with `share` already as a fixed-point value
    /// (`FixedDecimal(share)`): the product is taken in integers when it fits.
    public init(employees: Int, share: Decimal, exact: FixedDecimal?) {
        if let exact, let product = exact.timesRounded(Int64(employees) * 100) {
            hundredths = product
            return
        }
        var value = Decimal(employees) * share * 100
        var rounded = Decimal()
        NSDecimalRound(&rounded, &value, 0, .bankers)
        hundredths = NSDecimalNumber(decimal: rounded).int64Value
    }

    /// Zero.
    public static let zero = JobEquivalent(hundredths: 0)

    /// Whole jobs, rounded half-to-even.
    public var rounded: Int64 {
        let (quotient, remainder) = hundredths.quotientAndRemainder(dividingBy: 100)
        if remainder > 50 || (remainder == 50 && quotient % 2 != 0) { return quotient + 1 }
        if remainder < -50 || (remainder == -50 && quotient % 2 != 0) { return quotient - 1 }
        return quotient
    }

    /// The value with two decimals.
    public var description: String {
        let sign = hundredths < 0 ? "-" : ""
        let magnitude = hundredths.magnitude
        let fraction = magnitude % 100
        return "\(sign)\(magnitude / 100).\(fraction < 10 ? "0" : "")\(fraction)"
    }

    /// Sum.
    public static func + (lhs: JobEquivalent, rhs: JobEquivalent) -> JobEquivalent {
        JobEquivalent(hundredths: lhs.hundredths + rhs.hundredths)
    }
    /// Difference.
    public static func - (lhs: JobEquivalent, rhs: JobEquivalent) -> JobEquivalent {
        JobEquivalent(hundredths: lhs.hundredths - rhs.hundredths)
    }
    /// Orders by value.
    public static func < (lhs: JobEquivalent, rhs: JobEquivalent) -> Bool { lhs.hundredths < rhs.hundredths }
}
