/// The whole classification as loaded data: the tree, the keyword dictionary, the concordance,
/// the examples and the GB/T 4754 names. Built by a loader that has already validated it.
public struct Taxonomy: Sendable {
    /// Manifest entries (`title`, `version`, `effective_from`, …).
    public var manifest: [String: String]
    /// All nodes in file order (sections, divisions, classes interleaved hierarchically).
    public var nodes: [TaxonomyNode]
    /// Keyword rules in file order.
    public var rules: [KeywordRule]
    /// Synonym groups usable in rules as `{name}`, by name.
    public var termGroups: [String: [String]]
    /// Concordance rows in file order.
    public var concordance: [ConcordanceEntry]
    /// Worked examples in file order.
    public var examples: [TaxonomyExample]
    /// GB/T 4754-2017 names by code (all levels).
    public var industryNames: [String: String]
    /// The district's streets: every canonical name and alias, mapped to the canonical name.
    public var streets: [String: String]

    private var nodeIndex: [String: Int]
    private var concordanceIndex: [IndustryCode: [ConcordanceEntry]]

    /// Assembles a taxonomy from validated parts.
    public init(
        manifest: [String: String], nodes: [TaxonomyNode], rules: [KeywordRule], termGroups: [String: [String]] = [:],
        concordance: [ConcordanceEntry], examples: [TaxonomyExample], industryNames: [String: String],
        streets: [String: String] = [:]
    ) {
        self.streets = streets
        self.manifest = manifest
        self.nodes = nodes
        self.rules = rules
        self.termGroups = termGroups
        self.concordance = concordance
        self.examples = examples
        self.industryNames = industryNames
        var index: [String: Int] = [:]
        for (position, node) in nodes.enumerated() { index[node.code] = position }
        nodeIndex = index
        var byIndustry: [IndustryCode: [ConcordanceEntry]] = [:]
        for entry in concordance { byIndustry[entry.industryCode, default: []].append(entry) }
        concordanceIndex = byIndustry
    }

    /// The taxonomy's version string from the manifest.
    public var version: String { manifest["version"] ?? "unknown" }

    /// The node with `code`, at any level.
    public func node(_ code: String) -> TaxonomyNode? { nodeIndex[code].map { nodes[$0] } }

    /// The class nodes, in code order.
    public var classes: [TaxonomyNode] { nodes.filter { $0.level == .class }.sorted { $0.code < $1.code } }

    /// The class codes, in code order.
    public var classCodes: [ClassCode] { classes.compactMap { ClassCode($0.code) } }

    /// Concordance rows for an industry code (empty when it has none).
    public func concordance(for industry: IndustryCode) -> [ConcordanceEntry] { concordanceIndex[industry] ?? [] }
}
