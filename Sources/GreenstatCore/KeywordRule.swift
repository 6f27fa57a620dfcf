/// A keyword rule of the dictionary: a phrase (or a compound of phrases) and what it means.
public struct KeywordRule: Sendable, Equatable {
    /// What a rule does when its pattern matches.
    public enum Kind: String, Sendable, CaseIterable {
        /// Evidence for `classCode`.
        case include
        /// Hides any include match overlapping it ("words are not enough": 碳素, 活性炭 …).
        case mask
        /// Drops all include evidence of the clause it occurs in (维修保养 of new-energy cars …).
        case veto
        /// Generic text (技术服务 …) that does not count as a listed activity when ranking positions.
        case neutral
    }

    /// The fields a rule can look at.
    public struct Fields: OptionSet, Sendable, Hashable {
        /// The raw bit set.
        public let rawValue: UInt8
        /// Creates a set from raw bits.
        public init(rawValue: UInt8) { self.rawValue = rawValue }
        /// 企业名称.
        public static let name = Fields(rawValue: 1)
        /// 主营业务.
        public static let main = Fields(rawValue: 2)
        /// 经营范围.
        public static let scope = Fields(rawValue: 4)
        /// All three.
        public static let all: Fields = [.name, .main, .scope]
    }

    /// The class this rule is evidence for (include rules only).
    public var classCode: ClassCode?
    /// What the rule does.
    public var kind: Kind
    /// The parts that must all occur in one clause (one part for a plain phrase), as written;
    /// a part `{name}` stands for any term of the group `name` (see `terms.tsv`).
    public var parts: [String]
    /// For each part, the literal phrases any one of which satisfies it (groups expanded).
    public var alternatives: [[String]]
    /// Where the rule applies.
    public var fields: Fields
    /// The evidence weight (include rules only).
    public var weight: Double
    /// Why the rule exists.
    public var note: String
    /// The file and line the rule was read from, for explanations.
    public var origin: String

    /// Creates a rule.
    public init(
        classCode: ClassCode?, kind: Kind, parts: [String], alternatives: [[String]]? = nil, fields: Fields,
        weight: Double, note: String = "", origin: String = ""
    ) {
        self.classCode = classCode
        self.kind = kind
        self.parts = parts
        self.alternatives = alternatives ?? parts.map { [$0] }
        self.fields = fields
        self.weight = weight
        self.note = note
        self.origin = origin
    }

    /// The pattern as written in the dictionary (`A + B` for compounds).
    public var pattern: String { parts.joined(separator: " + ") }
}
