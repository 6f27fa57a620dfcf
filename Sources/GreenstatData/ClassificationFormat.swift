import Foundation
import GreenstatCore
import GreenstatTable

/// Output formats of `greenstat classify`.
public enum ClassificationFormat: String, CaseIterable, Sendable {
    /// One JSON object per line.
    case jsonl
    /// CSV with a header row (opens in Excel/WPS; UTF-8 with BOM).
    case csv

    /// The CSV header.
    public static let csvHeader = [
        "credit_code", "year", "name", "code", "class_name", "division", "section", "confidence", "review", "source",
        "reason", "evidence", "candidates", "file", "line",
    ]

    /// The text to write before the first record.
    public var preamble: String {
        switch self {
        case .jsonl: ""
        case .csv: "\u{FEFF}" + DelimitedWriter().line(ClassificationFormat.csvHeader)
        }
    }

    /// Appends the output line for a classified record to `output`.
    public func write(
        _ record: EnterpriseRecord, _ result: Classification, className: String, into output: inout JSONText
    ) {
        switch self {
        case .jsonl:
            Self.writeJSON(record, result, className: className, into: &output)
            output.endLine()
        case .csv:
            let evidence = result.evidence.prefix(5).map { "\($0.field):\($0.text)→\($0.classCode?.rawValue ?? "-")" }
            output.appendVerbatim(
                DelimitedWriter().line([
                    record.creditCode.rawValue, record.year.map(String.init) ?? "", record.name,
                    result.code?.rawValue ?? "", className, result.code?.division.rawValue ?? "",
                    result.code?.section.rawValue ?? "", FixedPoint.text(result.confidence, decimals: 3),
                    result.review ? "true" : "false", result.source.rawValue, result.reason,
                    evidence.joined(separator: "; "),
                    result.candidates.map { "\($0.code):\(FixedPoint.text($0.score, decimals: 2))" }.joined(
                        separator: "; "),
                    record.origin.file, String(record.origin.line),
                ]))
        }
    }

    /// Writes the JSON object of a classified record (keys in a fixed order).
    static func writeJSON(
        _ record: EnterpriseRecord, _ result: Classification, className: String, into json: inout JSONText
    ) {
        var creditCode = record.creditCode.rawValue
        var name = record.name
        creditCode.withUTF8 { creditCode in
            name.withUTF8 { name in
                openRecord(creditCode: creditCode, year: record.year, name: name, into: &json)
            }
        }
        addClassMembers(code: result.code, className: className, into: &json)
        addVerdict(confidence: result.confidence, review: result.review, source: result.source, into: &json)
        json.openString("reason")
        json.write(result.reason)
        json.closeString()
        json.openArray("evidence")
        writeEvidence(result, into: &json)
        json.closeArray()
        json.openArray("candidates")
        writeCandidates(result, into: &json)
        json.closeArray()
        closeRecord(file: JSONText.quoted(record.origin.file), line: record.origin.line, into: &json)
    }

    /// Writes the JSON object of a row decided by the rules straight from its bytes and the
    /// rules' outcome, building no string for the record, its evidence or its reason: the same
    /// text as `writeJSON` gives for `checker.record(checked, in: row)` and
    /// `classifier.classification(of: outcome, text: text)` (the same helpers, in the same
    /// order). `text` holds the text fields of `row` (`checked.withText(in: row)`); `file` is the
    /// input's name as a JSON string (`JSONText.quoted`), `pieces` the classifier's output pieces.
    public static func writeJSON(
        _ checked: CheckedRow, in row: RawRow, text: RecordText, file: [UInt8], line: Int,
        outcome: RuleOutcome, classifier: Classifier, pieces: OutcomeJSON, into json: inout JSONText
    ) {
        checked.withCreditCode(in: row) { creditCode in
            openRecord(creditCode: creditCode, year: checked.year, name: text.name, into: &json)
        }
        if outcome.verdict == .noEvidence && outcome.evidence.isEmpty {
            // Most records: the same members every time, written once per run.
            json.addMembers(pieces.noEvidenceMembers[outcome.mainIsEmpty ? 1 : 0])
        } else {
            writeOutcomeMembers(outcome, text: text, classifier: classifier, pieces: pieces, into: &json)
        }
        closeRecord(file: file, line: line, into: &json)
    }

    /// The members a rules outcome writes between `openRecord` and `closeRecord`: its class, its
    /// verdict, the `reason` string, the `evidence` and `candidates` arrays.
    static func writeOutcomeMembers(
        _ outcome: RuleOutcome, text: RecordText, classifier: Classifier, pieces: OutcomeJSON,
        into json: inout JSONText
    ) {
        json.addMembers(outcome.isGreen ? pieces.classMembers[outcome.best] : pieces.noClassMembers)
        addVerdict(confidence: outcome.confidence, review: outcome.review, source: .rules, into: &json)
        json.openString("reason")
        classifier.writeReason(of: outcome, text: text, to: &json)
        json.closeString()
        json.openArray("evidence")
        for item in outcome.evidence {
            json.openObject()
            json.add("field", literal: pieces.fieldLabels[Int(item.source.rawValue)])
            json.openString("text")
            classifier.writeEvidenceText(item, of: outcome, text: text, to: &json)
            json.closeString()
            switch item.source {
            case .mainBusiness, .name, .businessScope:
                json.add("rule", literal: pieces.ruleLabels[Int(item.rule)])
            case .industryCode, .greenShare:
                json.openString("rule")
                classifier.writeRule(of: item, outcome, to: &json)
                json.closeString()
            }
            if item.classIndex < 0 {
                json.add("class", nil)
            } else {
                json.add("class", literal: pieces.classCodes[Int(item.classIndex)])
            }
            json.add("weight", fixed: item.weight, decimals: 2)
            json.closeObject()
        }
        json.closeArray()
        json.openArray("candidates")
        for candidate in outcome.candidates {
            json.openObject()
            json.add("code", literal: pieces.classCodes[candidate.classIndex])
            json.add("score", fixed: candidate.score, decimals: 2)
            json.closeObject()
        }
        json.closeArray()
    }

    /// The layout of an output object, in four parts written in order by both `writeJSON`s:
    /// this opening (`credit_code`, `year`, `name`), `addClassMembers`, `addVerdict`, then the
    /// `reason` string, the `evidence` and `candidates` arrays, and `closeRecord`.
    private static func openRecord(
        creditCode: UnsafeBufferPointer<UInt8>, year: Int?, name: UnsafeBufferPointer<UInt8>, into json: inout JSONText
    ) {
        json.openObject()
        json.add("credit_code", bytes: creditCode)
        if let year { json.add("year", integer: year) } else { json.add("year", number: nil) }
        json.add("name", bytes: name)
    }

    /// The members naming a record's class: `code`, `class_name`, `division`, `section` (all
    /// null when not green).
    static func addClassMembers(code: ClassCode?, className: String, into json: inout JSONText) {
        json.add("code", code?.rawValue)
        json.add("class_name", code == nil ? nil : className)
        json.add("division", code?.division.rawValue)
        json.add("section", code?.section.rawValue)
    }

    /// `confidence`, `review` and `source`.
    private static func addVerdict(
        confidence: Double, review: Bool, source: Classification.Source, into json: inout JSONText
    ) {
        json.add("confidence", fixed: confidence, decimals: 3)
        json.add("review", review)
        json.add("source", source.rawValue)
    }

    /// `file` (a JSON string) and `line`, and the end of the object.
    private static func closeRecord(file: [UInt8], line: Int, into json: inout JSONText) {
        json.add("file", literal: file)
        json.add("line", integer: line)
        json.closeObject()
    }

    /// One member of an `evidence` array.
    private static func writeEvidenceItem(
        field: String, text: UnsafeBufferPointer<UInt8>, rule: String, classCode: ClassCode?, weight: Double,
        into json: inout JSONText
    ) {
        json.openObject()
        json.add("field", field)
        json.add("text", bytes: text)
        json.add("rule", rule)
        json.add("class", classCode?.rawValue)
        json.add("weight", fixed: weight, decimals: 2)
        json.closeObject()
    }

    /// One member of a `candidates` array.
    private static func writeCandidate(_ code: ClassCode, _ score: Double, into json: inout JSONText) {
        json.openObject()
        json.add("code", code.rawValue)
        json.add("score", fixed: score, decimals: 2)
        json.closeObject()
    }

    /// The evidence of a result as a JSON array.
    public static func evidenceJSON(_ result: Classification) -> String {
        var json = JSONText()
        json.openArrayValue()
        writeEvidence(result, into: &json)
        json.closeArray()
        return json.text
    }

    static func writeEvidence(_ result: Classification, into json: inout JSONText) {
        for item in result.evidence {
            var text = item.text
            text.withUTF8 {
                writeEvidenceItem(
                    field: item.field, text: $0, rule: item.rule, classCode: item.classCode, weight: item.weight,
                    into: &json)
            }
        }
    }

    /// The candidates of a result as a JSON array.
    public static func candidatesJSON(_ result: Classification) -> String {
        var json = JSONText()
        json.openArrayValue()
        writeCandidates(result, into: &json)
        json.closeArray()
        return json.text
    }

    static func writeCandidates(_ result: Classification, into json: inout JSONText) {
        for candidate in result.candidates { writeCandidate(candidate.code, candidate.score, into: &json) }
    }
}
