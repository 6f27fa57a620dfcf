import Foundation
import GreenstatCore

/// Loads the `taxonomy/` directory strictly: every file's schema and columns, unknown keys,
/// duplicate and orphan codes, the 5/23/37 shape, keyword and concordance references, examples.
/// All problems are collected (with file and line) before anything runs.
public enum TaxonomyLoader {
    /// The outcome of loading: the taxonomy when there were no errors, and every diagnostic.
    public struct Outcome: Sendable {
        /// The loaded taxonomy, nil when any error was found.
        public var taxonomy: Taxonomy?
        /// All problems, errors and warnings.
        public var diagnostics: [Diagnostic]
    }

    /// Expected numbers of nodes per level (the spec: 5 大类, 23 中类, 37 小类).
    public static let expectedCounts: [TaxonomyNode.Level: Int] = [.section: 5, .division: 23, .class: 37]

    /// Loads the taxonomy from `directory`; file names in messages are shown relative to `display`.
    public static func load(directory: String, display: String? = nil) -> Outcome {
        let shown = display ?? directory
        var diagnostics: [Diagnostic] = []
        func path(_ name: String) -> (String, String) {
            ((directory as NSString).appendingPathComponent(name), (shown as NSString).appendingPathComponent(name))
        }

        // manifest
        var manifest: [String: String] = [:]
        let (manifestPath, manifestName) = path("manifest.tsv")
        if let table = DataTable.read(
            path: manifestPath, displayName: manifestName, schema: "manifest/1", columns: ["key", "value"],
            diagnostics: &diagnostics)
        {
            let known = ["title", "version", "effective_from", "normative_text", "note"]
            for row in table.rows {
                let key = row["key"]
                if !known.contains(key) {
                    diagnostics.append(
                        Diagnostic(.error, "unknown manifest key", file: row.file, line: row.line, field: key))
                } else if manifest[key] != nil {
                    diagnostics.append(
                        Diagnostic(.error, "manifest key given twice", file: row.file, line: row.line, field: key))
                } else {
                    manifest[key] = row["value"]
                }
            }
            for key in ["title", "version", "effective_from", "normative_text"] where manifest[key] == nil {
                diagnostics.append(Diagnostic(.error, "manifest key '\(key)' is missing", file: table.file))
            }
            if let date = manifest["effective_from"], !isISODate(date) {
                diagnostics.append(
                    Diagnostic(
                        .error, "not a date", file: table.file, field: "effective_from", value: date,
                        hint: "write YYYY-MM-DD"))
            }
        }

        // GB/T 4754-2017
        var industryNames: [String: String] = [:]
        var industryClasses = Set<String>()
        let (gbtPath, gbtName) = path("gbt4754-2017.tsv")
        if let table = DataTable.read(
            path: gbtPath, displayName: gbtName, schema: "gbt4754/1", columns: ["code", "name", "level", "parent"],
            diagnostics: &diagnostics)
        {
            for row in table.rows {
                let code = row["code"]
                if industryNames[code] != nil {
                    diagnostics.append(
                        Diagnostic(.error, "duplicate code", file: row.file, line: row.line, field: code))
                }
                industryNames[code] = row["name"]
                if row["level"] == "class" { industryClasses.insert(code) }
            }
        }

        let nodes = loadClasses(path("classes.tsv"), &diagnostics)
        let classCodes = Set(nodes.filter { $0.level == .class }.map(\.code))
        let concordance = loadConcordance(path("concordance.tsv"), classCodes, industryClasses, &diagnostics)
        let groups = loadTerms(path("terms.tsv"), &diagnostics)
        let rules = loadKeywords(path("keywords.tsv"), classCodes, groups, &diagnostics)
        let examples = loadExamples(path("examples.tsv"), classCodes, industryClasses, &diagnostics)
        let streets = loadStreets(path("streets.tsv"), &diagnostics)

        let hasErrors = diagnostics.contains { $0.severity == .error }
        let taxonomy =
            hasErrors
            ? nil
            : Taxonomy(
                manifest: manifest, nodes: nodes, rules: rules, termGroups: groups, concordance: concordance,
                examples: examples, industryNames: industryNames, streets: streets)
        return Outcome(taxonomy: taxonomy, diagnostics: diagnostics)
    }

    static func isISODate(_ text: String) -> Bool {
        let parts = text.split(separator: "-")
        guard parts.count == 3, parts[0].count == 4, parts[1].count == 2, parts[2].count == 2,
            let year = Int(parts[0]), let month = Int(parts[1]), let day = Int(parts[2])
        else { return false }
        let days = [
            31, (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31,
        ]
        return (1...12).contains(month) && day >= 1 && day <= days[month - 1]
    }

    private static func loadClasses(_ path: (String, String), _ diagnostics: inout [Diagnostic]) -> [TaxonomyNode] {
        guard
            let table = DataTable.read(
                path: path.0, displayName: path.1, schema: "classes/1",
                columns: [
                    "code", "level", "parent", "name_zh", "name_en", "includes", "excludes", "default_share",
                    "share_basis",
                ], diagnostics: &diagnostics)
        else { return [] }
        var nodes: [TaxonomyNode] = []
        var seen: [String: Int] = [:]
        for row in table.rows {
            let code = row["code"]
            guard let level = TaxonomyNode.Level(rawValue: row["level"]) else {
                diagnostics.append(
                    Diagnostic(
                        .error, "level must be section, division or class", file: row.file, line: row.line,
                        field: "level", value: row["level"]))
                continue
            }
            guard code.count == level.codeLength, code.allSatisfy(\.isASCII), Int(code) != nil else {
                diagnostics.append(
                    Diagnostic(
                        .error, "a \(level.rawValue) code has \(level.codeLength) digits", file: row.file,
                        line: row.line, field: "code", value: code))
                continue
            }
            if let earlier = seen[code] {
                diagnostics.append(
                    Diagnostic(
                        .error, "duplicate code (first on line \(earlier))", file: row.file, line: row.line,
                        field: "code", value: code))
                continue
            }
            seen[code] = row.line
            let parent = row["parent"]
            if level == .section {
                if !parent.isEmpty {
                    diagnostics.append(
                        Diagnostic(.error, "a section has no parent", file: row.file, line: row.line, field: "parent"))
                }
            } else if parent != String(code.dropLast()) {
                diagnostics.append(
                    Diagnostic(
                        .error, "parent must be the code's prefix \(code.dropLast())", file: row.file, line: row.line,
                        field: "parent", value: parent))
            } else if seen[parent] == nil {
                diagnostics.append(
                    Diagnostic(
                        .error, "orphan: parent \(parent) is not defined above", file: row.file, line: row.line,
                        field: "parent", value: parent))
            }
            if row["name_zh"].isEmpty || row["name_en"].isEmpty {
                diagnostics.append(
                    Diagnostic(.error, "name_zh and name_en are required", file: row.file, line: row.line))
            }
            var share: Decimal?
            if level == .class {
                if let value = Decimal(string: row["default_share"]), value >= 0, value <= 1 {
                    share = value
                } else {
                    diagnostics.append(
                        Diagnostic(
                            .error, "a class needs a default_share between 0 and 1", file: row.file, line: row.line,
                            field: "default_share", value: row["default_share"]))
                }
            } else if !row["default_share"].isEmpty {
                diagnostics.append(
                    Diagnostic(
                        .error, "only classes carry a default_share", file: row.file, line: row.line,
                        field: "default_share"))
            }
            nodes.append(
                TaxonomyNode(
                    code: code, level: level, parent: parent.isEmpty ? nil : parent, nameZH: row["name_zh"],
                    nameEN: row["name_en"], includes: row["includes"], excludes: row["excludes"], defaultShare: share,
                    shareBasis: row["share_basis"]))
        }
        let codes = Set(nodes.map(\.code))
        for node in nodes {
            for reference in excludedCodes(node.excludes) where !codes.contains(reference) {
                diagnostics.append(
                    Diagnostic(
                        .error, "excludes points to \(reference), which is not a code", file: table.file,
                        line: table.rows.first { $0["code"] == node.code }?.line, field: "excludes"))
            }
        }
        for (level, expected) in expectedCounts {
            let found = nodes.filter { $0.level == level }.count
            if found != expected {
                diagnostics.append(
                    Diagnostic(
                        .error, "the 虹口编码 has \(expected) \(level.rawValue) codes; this file has \(found)",
                        file: table.file))
            }
        }
        for node in nodes where node.level != .class {
            if !nodes.contains(where: { $0.parent == node.code }) {
                diagnostics.append(
                    Diagnostic(.error, "\(node.level.rawValue) \(node.code) has no children", file: table.file))
            }
        }
        return nodes
    }

    /// The codes named after `→` in an `excludes` cell.
    static func excludedCodes(_ text: String) -> [String] {
        text.components(separatedBy: "→").dropFirst().compactMap { tail in
            let digits = tail.trimmingWhitespace().prefix { $0.isASCII && $0.isNumber }
            return digits.count >= 2 ? String(digits) : nil
        }
    }

    private static func loadConcordance(
        _ path: (String, String), _ classes: Set<String>, _ industries: Set<String>, _ diagnostics: inout [Diagnostic]
    ) -> [ConcordanceEntry] {
        guard
            let table = DataTable.read(
                path: path.0, displayName: path.1, schema: "concordance/1",
                columns: ["industry_code", "class", "coefficient", "basis"], diagnostics: &diagnostics)
        else { return [] }
        var entries: [ConcordanceEntry] = []
        var seen: [String: Int] = [:]
        var sums: [String: Decimal] = [:]
        for row in table.rows {
            let industry = row["industry_code"]
            guard let industryCode = IndustryCode(industry), industries.contains(industry) else {
                diagnostics.append(
                    Diagnostic(
                        .error, "not a GB/T 4754-2017 class code", file: row.file, line: row.line,
                        field: "industry_code", value: industry, hint: "see taxonomy/gbt4754-2017.tsv"))
                continue
            }
            guard let classCode = ClassCode(row["class"]), classes.contains(row["class"]) else {
                diagnostics.append(
                    Diagnostic(
                        .error, "not a 虹口编码 小类", file: row.file, line: row.line, field: "class", value: row["class"]))
                continue
            }
            guard let coefficient = Decimal(string: row["coefficient"]), coefficient >= 0, coefficient <= 1 else {
                diagnostics.append(
                    Diagnostic(
                        .error, "coefficient must be a number between 0 and 1", file: row.file, line: row.line,
                        field: "coefficient", value: row["coefficient"]))
                continue
            }
            let key = industry + "|" + row["class"]
            if let earlier = seen[key] {
                diagnostics.append(
                    Diagnostic(
                        .error, "duplicate pair \(industry) → \(row["class"]) (first on line \(earlier))",
                        file: row.file, line: row.line))
                continue
            }
            seen[key] = row.line
            sums[industry, default: 0] += coefficient
            if sums[industry]! > 1 {
                diagnostics.append(
                    Diagnostic(
                        .error, "coefficients of \(industry) add up to more than 1", file: row.file, line: row.line,
                        field: "coefficient"))
            }
            entries.append(
                ConcordanceEntry(
                    industryCode: industryCode, classCode: classCode, coefficient: coefficient, basis: row["basis"]))
        }
        return entries
    }

    private static func loadStreets(_ path: (String, String), _ diagnostics: inout [Diagnostic]) -> [String: String] {
        guard
            let table = DataTable.read(
                path: path.0, displayName: path.1, schema: "streets/1", columns: ["street", "alias", "note"],
                diagnostics: &diagnostics)
        else { return [:] }
        var map: [String: String] = [:]
        for row in table.rows {
            let street = row["street"]
            if street.isEmpty {
                diagnostics.append(Diagnostic(.error, "street is required", file: row.file, line: row.line))
                continue
            }
            for name in [street, row["alias"]] where !name.isEmpty {
                if let other = map[name], other != street {
                    diagnostics.append(
                        Diagnostic(
                            .error, "'\(name)' already names \(other)", file: row.file, line: row.line, field: "alias",
                            value: name))
                }
                map[name] = street
            }
        }
        return map
    }

    private static func loadTerms(_ path: (String, String), _ diagnostics: inout [Diagnostic]) -> [String: [String]] {
        guard
            let table = DataTable.read(
                path: path.0, displayName: path.1, schema: "terms/1", columns: ["group", "term", "note"],
                diagnostics: &diagnostics)
        else { return [:] }
        var groups: [String: [String]] = [:]
        var seen: [String: Int] = [:]
        for row in table.rows {
            let group = row["group"]
            let term = row["term"]
            if group.isEmpty || term.isEmpty || group.contains("{") || term.contains("{") || term.contains(" + ") {
                diagnostics.append(
                    Diagnostic(
                        .error, "group and term must be non-empty plain text", file: row.file, line: row.line,
                        field: "term", value: term))
                continue
            }
            let key = group + "|" + term
            if let earlier = seen[key] {
                diagnostics.append(
                    Diagnostic(
                        .error, "duplicate term (first on line \(earlier))", file: row.file, line: row.line,
                        field: "term", value: term))
                continue
            }
            seen[key] = row.line
            groups[group, default: []].append(term)
        }
        return groups
    }

    private static func loadKeywords(
        _ path: (String, String), _ classes: Set<String>, _ groups: [String: [String]],
        _ diagnostics: inout [Diagnostic]
    ) -> [KeywordRule] {
        guard
            let table = DataTable.read(
                path: path.0, displayName: path.1, schema: "keywords/1",
                columns: ["class", "kind", "pattern", "fields", "weight", "note"], diagnostics: &diagnostics)
        else { return [] }
        var rules: [KeywordRule] = []
        var seen: [String: Int] = [:]
        for row in table.rows {
            func fail(_ message: String, _ field: String, _ hint: String? = nil) {
                diagnostics.append(
                    Diagnostic(
                        .error, message, file: row.file, line: row.line, field: field, value: row[field], hint: hint))
            }
            guard let kind = KeywordRule.Kind(rawValue: row["kind"]) else {
                fail("kind must be include, mask, veto or neutral", "kind")
                continue
            }
            let parts = row["pattern"].components(separatedBy: " + ").map { $0.trimmingWhitespace() }
            if parts.contains(where: \.isEmpty) {
                fail("empty pattern or empty part of a compound", "pattern")
                continue
            }
            if row["pattern"].unicodeScalars.contains(where: { $0.value < 0x20 }) {
                fail("a pattern may not contain control characters", "pattern")
                continue
            }
            if kind != .include && parts.count > 1 {
                fail("only include rules may be compounds", "pattern")
                continue
            }
            var alternatives: [[String]] = []
            var unknownGroup: String?
            for part in parts {
                if part.hasPrefix("{") && part.hasSuffix("}") {
                    let name = String(part.dropFirst().dropLast())
                    guard let terms = groups[name] else {
                        unknownGroup = name
                        break
                    }
                    alternatives.append(terms)
                } else {
                    alternatives.append([part])
                }
            }
            if let unknownGroup {
                fail("no term group '\(unknownGroup)' in terms.tsv", "pattern")
                continue
            }
            var fields: KeywordRule.Fields = []
            var fieldsOK = true
            for name in row["fields"].split(separator: ",").map({ String($0).trimmingWhitespace() }) {
                switch name {
                case "*": fields = .all
                case "name": fields.insert(.name)
                case "main": fields.insert(.main)
                case "scope": fields.insert(.scope)
                default: fieldsOK = false
                }
            }
            if !fieldsOK || fields.isEmpty {
                fail("fields must be name, main, scope (joined by ,) or *", "fields")
                continue
            }
            var classCode: ClassCode?
            var weight = 0.0
            if kind == .include {
                guard let code = ClassCode(row["class"]), classes.contains(row["class"]) else {
                    fail("an include rule needs a 虹口编码 小类", "class")
                    continue
                }
                guard let value = Double(row["weight"]), value > 0, value <= 10 else {
                    fail("weight must be a number above 0 (up to 10)", "weight")
                    continue
                }
                classCode = code
                weight = value
            } else if !row["class"].isEmpty || !row["weight"].isEmpty {
                fail("only include rules carry a class and a weight", "class")
                continue
            }
            let key = [row["class"], row["kind"], parts.joined(separator: " + "), "\(fields.rawValue)"].joined(
                separator: "|")
            if let earlier = seen[key] {
                fail("duplicate rule (first on line \(earlier))", "pattern")
                continue
            }
            seen[key] = row.line
            rules.append(
                KeywordRule(
                    classCode: classCode, kind: kind, parts: parts, alternatives: alternatives, fields: fields,
                    weight: weight, note: row["note"], origin: "keywords.tsv:\(row.line)"))
        }
        for code in classes.sorted() where !rules.contains(where: { $0.classCode?.rawValue == code }) {
            diagnostics.append(Diagnostic(.error, "class \(code) has no include rule", file: table.file))
        }
        return rules
    }

    private static func loadExamples(
        _ path: (String, String), _ classes: Set<String>, _ industries: Set<String>, _ diagnostics: inout [Diagnostic]
    ) -> [TaxonomyExample] {
        guard
            let table = DataTable.read(
                path: path.0, displayName: path.1, schema: "examples/1",
                columns: [
                    "class", "polarity", "name", "main_business", "business_scope", "industry_code", "green_share",
                    "note",
                ], diagnostics: &diagnostics)
        else { return [] }
        var examples: [TaxonomyExample] = []
        for row in table.rows {
            guard let code = ClassCode(row["class"]), classes.contains(row["class"]) else {
                diagnostics.append(
                    Diagnostic(
                        .error, "not a 虹口编码 小类", file: row.file, line: row.line, field: "class", value: row["class"]))
                continue
            }
            guard row["polarity"] == "+" || row["polarity"] == "-" else {
                diagnostics.append(
                    Diagnostic(
                        .error, "polarity must be + or -", file: row.file, line: row.line, field: "polarity",
                        value: row["polarity"]))
                continue
            }
            var industry: IndustryCode?
            if !row["industry_code"].isEmpty {
                guard industries.contains(row["industry_code"]) else {
                    diagnostics.append(
                        Diagnostic(
                            .error, "not a GB/T 4754-2017 class code", file: row.file, line: row.line,
                            field: "industry_code", value: row["industry_code"]))
                    continue
                }
                industry = IndustryCode(row["industry_code"])
            }
            var share: Decimal?
            do { share = try ValueParsing.share(row["green_share"]) } catch {
                diagnostics.append(
                    Diagnostic(
                        .error, error.description, file: row.file, line: row.line, field: "green_share",
                        value: row["green_share"]))
                continue
            }
            if row["name"].isEmpty {
                diagnostics.append(Diagnostic(.error, "an example needs a name", file: row.file, line: row.line))
                continue
            }
            examples.append(
                TaxonomyExample(
                    classCode: code, isPositive: row["polarity"] == "+", name: row["name"],
                    mainBusiness: row["main_business"], businessScope: row["business_scope"], industryCode: industry,
                    greenShare: share, note: row["note"], origin: "examples.tsv:\(row.line)"))
        }
        for code in classes.sorted() {
            let mine = examples.filter { $0.classCode.rawValue == code }
            if mine.filter(\.isPositive).count < 2 || !mine.contains(where: { !$0.isPositive }) {
                diagnostics.append(
                    Diagnostic(
                        .warning, "class \(code) should have at least two positive and one negative example",
                        file: table.file))
            }
        }
        return examples
    }
}
