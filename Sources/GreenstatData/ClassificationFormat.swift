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
                writeObject(
                    creditCode: creditCode, year: record.year, name: name, code: result.code, className: className,
                    confidence: result.confidence, review: result.review, source: result.source,
                    reason: result.reason, origin: record.origin, into: &json,
                    evidence: { writeEvidence(result, into: &$0) }, candidates: { writeCandidates(result, into: &$0) })
            }
        }
    }

    /// Writes the JSON object of a row decided by the rules straight from its bytes and the
    /// rules' outcome, building no string for the record or its evidence: the same text as
    /// `writeJSON` gives for `checker.record(checked, in: row)` and
    /// `classifier.classification(of: outcome, text: text)`. `text` holds the text fields of
    /// `row` (`checked.withText(in: row)`).
    public static func writeJSON(
        _ checked: CheckedRow, in row: RawRow, text: RecordText, origin: RecordOrigin,
        outcome: RuleOutcome, classifier: Classifier, into json: inout JSONText
    ) {
        func write(creditCode: UnsafeBufferPointer<UInt8>) {
            let code = classifier.code(of: outcome)
            writeObject(
                creditCode: creditCode, year: checked.year, name: text.name, code: code,
                className: code == nil ? "" : classifier.className(at: outcome.best), confidence: outcome.confidence,
                review: outcome.review, source: .rules, reason: classifier.reason(of: outcome, text: text),
                origin: origin, into: &json,
                evidence: { json in
                    for item in outcome.evidence {
                        let classCode = item.classIndex < 0 ? nil : classifier.classCode(at: Int(item.classIndex))
                        let rule = classifier.rule(of: item, outcome)
                        switch item.source {
                        case .mainBusiness, .name, .businessScope:
                            let matched = UnsafeBufferPointer(
                                rebasing: text.bytes(of: item.source)[Int(item.start)..<Int(item.end)])
                            writeEvidenceItem(
                                field: item.source.label, text: matched, rule: rule, classCode: classCode,
                                weight: item.weight, into: &json)
                        case .industryCode, .greenShare:
                            var value = classifier.evidenceText(item, of: outcome, text: text)
                            value.withUTF8 {
                                writeEvidenceItem(
                                    field: item.source.label, text: $0, rule: rule, classCode: classCode,
                                    weight: item.weight, into: &json)
                            }
                        }
                    }
                },
                candidates: { json in
                    for candidate in outcome.candidates {
                        writeCandidate(classifier.classCode(at: candidate.classIndex), candidate.score, into: &json)
                    }
                })
        }
        checked.withCreditCode(in: row) { write(creditCode: $0) }
    }

    /// The one layout of an output object; `evidence` and `candidates` write the members of
    /// their arrays.
    private static func writeObject(
        creditCode: UnsafeBufferPointer<UInt8>, year: Int?, name: UnsafeBufferPointer<UInt8>, code: ClassCode?,
        className: String, confidence: Double, review: Bool, source: Classification.Source, reason: String,
        origin: RecordOrigin, into json: inout JSONText, evidence: (inout JSONText) -> Void,
        candidates: (inout JSONText) -> Void
    ) {
        json.openObject()
        json.add("credit_code", bytes: creditCode)
        if let year { json.add("year", integer: year) } else { json.add("year", number: nil) }
        json.add("name", bytes: name)
        json.add("code", code?.rawValue)
        json.add("class_name", code == nil ? nil : className)
        json.add("division", code?.division.rawValue)
        json.add("section", code?.section.rawValue)
        json.add("confidence", fixed: confidence, decimals: 3)
        json.add("review", review)
        json.add("source", source.rawValue)
        json.add("reason", reason)
        json.openArray("evidence")
        evidence(&json)
        json.closeArray()
        json.openArray("candidates")
        candidates(&json)
        json.closeArray()
        json.add("file", origin.file)
        json.add("line", integer: origin.line)
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
