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
        json.openObject()
        json.add("credit_code", record.creditCode.rawValue)
        if let year = record.year { json.add("year", integer: year) } else { json.add("year", number: nil) }
        json.add("name", record.name)
        json.add("code", result.code?.rawValue)
        json.add("class_name", result.code == nil ? nil : className)
        json.add("division", result.code?.division.rawValue)
        json.add("section", result.code?.section.rawValue)
        json.add("confidence", fixed: result.confidence, decimals: 3)
        json.add("review", result.review)
        json.add("source", result.source.rawValue)
        json.add("reason", result.reason)
        json.openArray("evidence")
        writeEvidence(result, into: &json)
        json.closeArray()
        json.openArray("candidates")
        writeCandidates(result, into: &json)
        json.closeArray()
        json.add("file", record.origin.file)
        json.add("line", integer: record.origin.line)
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
            json.openObject()
            json.add("field", item.field)
            json.add("text", item.text)
            json.add("rule", item.rule)
            json.add("class", item.classCode?.rawValue)
            json.add("weight", fixed: item.weight, decimals: 2)
            json.closeObject()
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
        for candidate in result.candidates {
            json.openObject()
            json.add("code", candidate.code.rawValue)
            json.add("score", fixed: candidate.score, decimals: 2)
            json.closeObject()
        }
    }
}
