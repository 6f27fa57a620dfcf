import Foundation
import GreenstatCore
import GreenstatTable

/// Loads a manual-override file (人工核定): CSV or TSV with the columns 统一社会信用代码/credit_code,
/// 年份/year (empty = every year), 小类/code (a 4-digit 小类, or `not green`/`非绿色`),
/// 理由/reason, 核定人/by and 核定日期/date (YYYY-MM-DD). Loaded strictly: any bad row is an error.
public enum OverrideLoader {
    static let aliases: [String: String] = [
        "统一社会信用代码": "credit_code", "credit_code": "credit_code", "年份": "year", "year": "year",
        "小类": "code", "code": "code", "小类代码": "code", "理由": "reason", "reason": "reason",
        "核定理由": "reason", "核定人": "by", "by": "by", "decided_by": "by", "核定日期": "date", "date": "date",
        "企业名称": "name", "name": "name",
    ]

    /// Reads overrides from `path`, checking codes against `taxonomy`.
    public static func load(path: String, taxonomy: Taxonomy) -> (OverrideBook, [Diagnostic]) {
        var diagnostics: [Diagnostic] = []
        var book = OverrideBook()
        do {
            let delimiter: UInt8? = path.lowercased().hasSuffix(".tsv") ? 9 : nil
            var reader = try DelimitedReader(source: try FileByteSource(path: path), delimiter: delimiter)
            guard let header = try reader.next() else {
                return (book, [Diagnostic(.error, "override file is empty", file: path)])
            }
            var columns: [String: Int] = [:]
            for (index, name) in header.fields.enumerated() {
                let key = name.trimmingWhitespace().lowercased()
                guard let column = aliases[key] else {
                    diagnostics.append(
                        Diagnostic(
                            .error, "unknown column", file: path, line: header.line, field: name,
                            hint: "columns: 统一社会信用代码, 年份, 小类, 理由, 核定人, 核定日期"))
                    continue
                }
                columns[column] = index
            }
            for required in ["credit_code", "code", "reason", "by", "date"] where columns[required] == nil {
                diagnostics.append(Diagnostic(.error, "missing column '\(required)'", file: path, line: header.line))
            }
            if diagnostics.contains(where: { $0.severity == .error }) { return (book, diagnostics) }
            let classCodes = Set(taxonomy.classCodes)
            while let row = try reader.next() {
                if row.isBlank { continue }
                func cell(_ name: String) -> String {
                    guard let index = columns[name], index < row.fields.count else { return "" }
                    return row.fields[index].trimmingWhitespace()
                }
                func fail(_ message: String, _ field: String, _ hint: String? = nil) {
                    diagnostics.append(
                        Diagnostic(
                            .error, message, file: path, line: row.line, field: field, value: cell(field), hint: hint))
                }
                guard case .success(let creditCode) = CreditCode.validate(cell("credit_code")) else {
                    fail("not a valid 统一社会信用代码", "credit_code")
                    continue
                }
                var year: Int?
                do { year = try ValueParsing.year(cell("year")) } catch {
                    fail(error.description, "year")
                    continue
                }
                let codeText = cell("code")
                var code: ClassCode?
                if ["not green", "非绿色", "none", "-"].contains(codeText.lowercased()) {
                    code = nil
                } else if let parsed = ClassCode(codeText), classCodes.contains(parsed) {
                    code = parsed
                } else {
                    fail("not a 虹口编码 小类", "code", "write a 4-digit 小类 or 'not green'")
                    continue
                }
                if cell("reason").isEmpty {
                    fail("an override needs a reason", "reason")
                    continue
                }
                if cell("by").isEmpty {
                    fail("an override needs the name of who decided", "by")
                    continue
                }
                guard TaxonomyLoader.isISODate(cell("date")) else {
                    fail("not a date", "date", "write YYYY-MM-DD")
                    continue
                }
                let override = Override(
                    creditCode: creditCode, year: year, code: code, reason: cell("reason"), decidedBy: cell("by"),
                    date: cell("date"), origin: "\(path):\(row.line)")
                if let earlier = book.add(override) {
                    diagnostics.append(
                        Diagnostic(
                            .error, "a second override for the same enterprise and year (first at \(earlier.origin))",
                            file: path, line: row.line, field: "credit_code", value: creditCode.rawValue))
                }
            }
        } catch let error as FileReadError {
            diagnostics.append(Diagnostic(.error, error.reason, file: path))
        } catch {
            diagnostics.append(Diagnostic(.error, "\(error)", file: path))
        }
        return (book, diagnostics)
    }
}
