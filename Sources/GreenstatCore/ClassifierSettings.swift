import Foundation

/// The numeric knobs of the classifier. The defaults are documented in `taxonomy/README.md`;
/// they are the scoring scheme, not domain facts (those live in the dictionary).
public struct ClassifierSettings: Sendable, Equatable {
    /// Weight of evidence in 主营业务.
    public var mainWeight = 3.0
    /// Weight of evidence in 企业名称.
    public var nameWeight = 1.5
    /// Weight of evidence in 经营范围.
    public var scopeWeight = 1.0
    /// Bonus for a class the text supports and the record's industry code is concorded to.
    public var industryPrior = 1.0
    /// The rank step between items of one enumeration (、 及 /); a new clause or comma is 1.
    public var enumerationStep = 0.5
    /// The least total score that makes a record green.
    public var minimumScore = 2.0
    /// The least 绿色业务占比 of a green enterprise (spec rule 4).
    public var minimumShare = Decimal(string: "0.5")!
    /// The score at which evidence counts as fully strong (confidence scale).
    public var fullStrength = 6.0
    /// Results below this confidence go to the review queue.
    public var reviewBelow = 0.6
    /// How many candidates a result lists.
    public var candidateLimit = 5

    /// The defaults.
    public init() {}
}
