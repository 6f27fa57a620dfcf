import Foundation

/// One row of the GB/T 4754-2017 → 虹口编码 concordance.
public struct ConcordanceEntry: Sendable, Equatable {
    /// The national industry class.
    public var industryCode: IndustryCode
    /// The 小类 it may belong to.
    public var classCode: ClassCode
    /// Share (0…1) of that industry's output attributed to the class (industry-data method).
    public var coefficient: Decimal
    /// The reasoning and source.
    public var basis: String

    /// Creates an entry.
    public init(industryCode: IndustryCode, classCode: ClassCode, coefficient: Decimal, basis: String) {
        self.industryCode = industryCode
        self.classCode = classCode
        self.coefficient = coefficient
        self.basis = basis
    }
}
