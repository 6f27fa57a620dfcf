/// Totals of one cell of the statistics (a class, street, … in one year): a mergeable value, so
/// that tallies of chunks, threads or files add up to exactly the tally of the whole.
public struct GreenTally: Sendable, Equatable {
    /// Green enterprises counted (head count, enterprise-data method).
    public var enterprises = 0
    /// Their total 营业收入.
    public var revenue = Money.zero
    /// Green output by the enterprise-data method (营业收入 × green share).
    public var enterpriseOutput = Money.zero
    /// Green output by the industry-data method (industry total × coefficient).
    public var industryOutput = Money.zero
    /// Their total 从业人员.
    public var employees = 0
    /// Green-equivalent jobs by the enterprise-data method.
    public var enterpriseJobs = JobEquivalent.zero
    /// Green-equivalent jobs by the industry-data method.
    public var industryJobs = JobEquivalent.zero
    /// Records whose green share was not given and the class default was used.
    public var defaultShareUsed = 0
    /// Green enterprises without 营业收入 (counted, contributing no output).
    public var missingRevenue = 0

    /// The empty tally.
    public static let zero = GreenTally()

    /// An empty tally.
    public init() {}

    /// Green output of both methods together.
    public var output: Money { enterpriseOutput + industryOutput }
    /// Green-equivalent jobs of both methods together.
    public var jobs: JobEquivalent { enterpriseJobs + industryJobs }

    /// Adds `other` into this tally.
    public mutating func merge(_ other: GreenTally) {
        enterprises += other.enterprises
        revenue = revenue + other.revenue
        enterpriseOutput = enterpriseOutput + other.enterpriseOutput
        industryOutput = industryOutput + other.industryOutput
        employees += other.employees
        enterpriseJobs = enterpriseJobs + other.enterpriseJobs
        industryJobs = industryJobs + other.industryJobs
        defaultShareUsed += other.defaultShareUsed
        missingRevenue += other.missingRevenue
    }

    /// The sum of both tallies.
    public func merging(_ other: GreenTally) -> GreenTally {
        var result = self
        result.merge(other)
        return result
    }
}
