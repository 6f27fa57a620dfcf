import Foundation
import GreenstatCore

/// Text views of the taxonomy for `greenstat taxonomy list|show|test`.
public enum TaxonomyReport {
    /// The tree of codes with Chinese and English names.
    public static func tree(_ taxonomy: Taxonomy) -> String {
        var out = "虹口编码 \(taxonomy.version) — \(taxonomy.manifest["title"] ?? "")\n"
        for node in taxonomy.nodes {
            let indent = String(repeating: "  ", count: node.level == .section ? 0 : node.level == .division ? 1 : 2)
            out += "\(indent)\(node.code)  \(node.nameZH)  \(node.nameEN)\n"
        }
        return out
    }

    /// Everything known about one code, or nil when there is no such code.
    public static func show(_ code: String, in taxonomy: Taxonomy) -> String? {
        guard let node = taxonomy.node(code) else { return nil }
        var out = "\(node.code)  \(node.nameZH) / \(node.nameEN)  (\(node.level.rawValue))\n"
        var chain: [String] = []
        var parent = node.parent
        while let current = parent, let up = taxonomy.node(current) {
            chain.insert("\(up.code) \(up.nameZH)", at: 0)
            parent = up.parent
        }
        if !chain.isEmpty { out += "in:        \(chain.joined(separator: " › "))\n" }
        if !node.includes.isEmpty { out += "includes:  \(node.includes)\n" }
        if !node.excludes.isEmpty { out += "excludes:  \(node.excludes)\n" }
        if let share = node.defaultShare { out += "default share: \(share) — \(node.shareBasis)\n" }
        let children = taxonomy.nodes.filter { $0.parent == node.code }
        if !children.isEmpty {
            out += "children:\n"
            for child in children { out += "  \(child.code)  \(child.nameZH)\n" }
        }
        if node.level == .class, let classCode = ClassCode(code) {
            let rules = taxonomy.rules.filter { $0.classCode == classCode }
            out += "keyword rules (\(rules.count)):\n"
            for rule in rules {
                out += "  \(rule.pattern)  [\(fieldNames(rule.fields))] weight \(rule.weight)  \(rule.origin)\n"
            }
            let concordance = taxonomy.concordance.filter { $0.classCode == classCode }
            if !concordance.isEmpty {
                out += "GB/T 4754-2017 concordance:\n"
                for entry in concordance {
                    let name = taxonomy.industryNames[entry.industryCode.rawValue] ?? ""
                    out += "  \(entry.industryCode) \(name)  coefficient \(entry.coefficient)\n"
                }
            }
            let examples = taxonomy.examples.filter { $0.classCode == classCode }
            if !examples.isEmpty {
                out += "examples:\n"
                for example in examples {
                    out += "  \(example.isPositive ? "+" : "-") \(example.name) — \(example.mainBusiness)\n"
                }
            }
        }
        return out
    }

    static func fieldNames(_ fields: KeywordRule.Fields) -> String {
        if fields == .all { return "*" }
        var names: [String] = []
        if fields.contains(.name) { names.append("name") }
        if fields.contains(.main) { names.append("main") }
        if fields.contains(.scope) { names.append("scope") }
        return names.joined(separator: ",")
    }

    /// The result of running the examples, failures grouped by class.
    public static func testReport(_ report: ExampleRunner.Report, classifier: Classifier) -> String {
        var out = ""
        var byClass: [ClassCode: [ExampleRunner.Failure]] = [:]
        for failure in report.failures { byClass[failure.example.classCode, default: []].append(failure) }
        for code in byClass.keys.sorted() {
            out += "FAIL \(code) \(classifier.name(of: code)):\n"
            for failure in byClass[code]! {
                let example = failure.example
                let got = failure.result.code.map { "\($0) \(classifier.name(of: $0))" } ?? "not green"
                let expectation = example.isPositive ? "expected \(code)" : "expected anything but \(code)"
                out += "  \(example.origin) \(example.name): \(expectation), got \(got) — \(failure.result.reason)\n"
            }
        }
        out += "\(report.passed) passed, \(report.failures.count) failed\n"
        return out
    }
}
