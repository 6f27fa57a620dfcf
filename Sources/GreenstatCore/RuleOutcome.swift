import Foundation

/// What the rules decided for one record, before any text is built: the verdict, the scores and
/// the evidence as byte ranges and rule numbers. `Classifier.classification(of:text:)` turns it
/// into a `Classification`; the classify output writes it out directly, without building strings.
/// Working storage: `Classifier.evaluate` refills one value record after record.
public struct RuleOutcome: Sendable {
    /// Which decision the rules reached.
    public enum Verdict: Sendable, Equatable {
        /// Nothing scored: no green evidence in any field.
        case noEvidence
        /// 主营业务 is filled and names no green activity (spec rule 1).
        case mainNotGreen
        /// The first-listed activity of 主营业务 is not green (spec rule 1).
        case firstNotGreen
        /// The best class scored below the minimum.
        case tooWeak
        /// 绿色业务占比 below the minimum (spec rule 4).
        case shareBelow
        /// Green: the best class.
        case green
    }

    /// The decision.
    public internal(set) var verdict = Verdict.noEvidence
    /// Whether 主营业务 was empty (it changes the wording of "no evidence").
    public internal(set) var mainIsEmpty = true
    /// 0…1: how sure the rules are.
    public internal(set) var confidence = 0.95
    /// Whether a person should look at it.
    public internal(set) var review = false
    /// The evidence, in output order.
    public internal(set) var evidence: [OutcomeEvidence] = []
    /// Classes with a positive score, strongest first, at most the candidate limit.
    public internal(set) var candidates: [OutcomeCandidate] = []
    /// The best class: its position in `Taxonomy.classCodes` (-1: none).
    public internal(set) var best = -1
    /// The runner-up class (-1: none).
    public internal(set) var runnerUp = -1
    /// The best class's score.
    public internal(set) var top = 0.0
    /// The runner-up's score.
    public internal(set) var second = 0.0
    /// The 行业代码 the concordance evidence came from.
    public internal(set) var industryCode: IndustryCode?
    /// The 绿色业务占比 of a `shareBelow` verdict.
    public internal(set) var greenShare: Decimal?

    /// An empty outcome (no evidence).
    public init() {}

    /// The outcome of a record without green evidence (what `Classifier.evaluate` leaves when no
    /// field has any).
    public static func noEvidence(mainIsEmpty: Bool) -> RuleOutcome {
        var outcome = RuleOutcome()
        outcome.reset(mainIsEmpty: mainIsEmpty)
        return outcome
    }

    /// Whether the record is green.
    public var isGreen: Bool { verdict == .green }

    /// Back to "no evidence", keeping the arrays' storage.
    mutating func reset(mainIsEmpty: Bool) {
        verdict = .noEvidence
        self.mainIsEmpty = mainIsEmpty
        confidence = 0.95
        review = false
        evidence.removeAll(keepingCapacity: true)
        candidates.removeAll(keepingCapacity: true)
        best = -1
        runnerUp = -1
        top = 0
        second = 0
        industryCode = nil
        greenShare = nil
    }
}

/// One piece of evidence of a `RuleOutcome`: a rule's match in a field (a byte range of the
/// field as written), a concordance entry or the share rule.
public struct OutcomeEvidence: Sendable, Equatable {
    /// Where the evidence comes from.
    public enum Source: UInt8, Sendable {
        /// 主营业务.
        case mainBusiness
        /// 企业名称.
        case name
        /// 经营范围.
        case businessScope
        /// The 行业代码 concordance.
        case industryCode
        /// 绿色业务占比 (spec rule 4).
        case greenShare

        /// The field's name in output (`Evidence.field`).
        public var label: String {
            switch self {
            case .mainBusiness: "main_business"
            case .name: "name"
            case .businessScope: "business_scope"
            case .industryCode: "industry_code"
            case .greenShare: "green_share"
            }
        }
    }

    /// The field or rule.
    public var source: Source
    /// The matched bytes of a text field (empty for the others).
    public var start: Int32
    /// One past the last matched byte.
    public var end: Int32
    /// The include rule (text evidence), else -1.
    public var rule: Int32
    /// The class spoken for (-1: none).
    public var classIndex: Int32
    /// The score added.
    public var weight: Double
}

/// A class with a positive score in a `RuleOutcome`.
public struct OutcomeCandidate: Sendable, Equatable {
    /// The class's position in `Taxonomy.classCodes`.
    public var classIndex: Int
    /// Its total score, rounded to hundredths.
    public var score: Double
}
