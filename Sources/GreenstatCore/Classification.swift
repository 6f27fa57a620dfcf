/// The outcome of classifying one record: one 小类 with its evidence, or none with the reason.
public struct Classification: Sendable, Equatable {
    /// Where the decision came from.
    public enum Source: String, Sendable {
        /// The keyword dictionary, concordance and rules.
        case rules
        /// A manual determination (人工核定), which always wins.
        case override
    }

    /// The 小类, or nil for not green.
    public var code: ClassCode?
    /// 0…1: how sure the rules are of `code` (or of "not green").
    public var confidence: Double
    /// Whether a person should look at it (low confidence or close candidates).
    public var review: Bool
    /// What supported the decision.
    public var evidence: [Evidence]
    /// The classes the evidence supported, strongest first (the decision's runner-ups included).
    public var candidates: [Candidate]
    /// Rules or override.
    public var source: Source
    /// One sentence saying why.
    public var reason: String
    /// The manual determination applied, when `source` is `.override`.
    public var override: Override?

    /// Creates a classification.
    public init(
        code: ClassCode?, confidence: Double, review: Bool, evidence: [Evidence], candidates: [Candidate],
        source: Source, reason: String, override: Override? = nil
    ) {
        self.code = code
        self.confidence = confidence
        self.review = review
        self.evidence = evidence
        self.candidates = candidates
        self.source = source
        self.reason = reason
        self.override = override
    }
}

/// A piece of evidence: which rule matched what text in which field, and what it added.
public struct Evidence: Sendable, Equatable {
    /// The field the text came from: `name`, `main_business`, `business_scope`, `industry_code`,
    /// `green_share` or `override`.
    public var field: String
    /// The matched text, as written in the record.
    public var text: String
    /// The rule: a dictionary pattern with its file and line, or a named rule.
    public var rule: String
    /// The class the evidence speaks for, if any.
    public var classCode: ClassCode?
    /// The score it added (after field and position weighting).
    public var weight: Double

    /// Creates a piece of evidence.
    public init(field: String, text: String, rule: String, classCode: ClassCode?, weight: Double) {
        self.field = field
        self.text = text
        self.rule = rule
        self.classCode = classCode
        self.weight = weight
    }
}

/// A class the evidence supported, with its total score.
public struct Candidate: Sendable, Equatable {
    /// The class.
    public var code: ClassCode
    /// Its total score.
    public var score: Double

    /// Creates a candidate.
    public init(code: ClassCode, score: Double) {
        self.code = code
        self.score = score
    }
}
