import Foundation
import GreenstatCore
import GreenstatTable

/// Reads an industry-totals file (行业数据整合法 input): CSV/TSV with 行业代码/industry_code,
/// 年份/year, 营业收入/revenue_wan (万元), 从业人员/employees and optionally 企业数/enterprises.
/// Bad rows are reported and skipped; read = accepted + rejected.
public enum IndustryTotalsReader {
    static let aliases: [String: String] = [
        "行业代码": "industry_code", "industry_code": "industry_code", "国民经济行业代码": "industry_code",
        "年份": "year", "year": "year", "营业收入": "revenue_wan", "revenue_wan": "revenue_wan",
        "从业人员": "employees", "employees": "employees", "企业数": "enterprises", "enterprises": "enterprises",
        "企业个数": "enterprises",
    ]

    /// The totals read, with the number of rows read and every problem.
    public struct Outcome: Sendable {
        /// Accepted totals.
        public var totals: [IndustryTotal] = []
        /// Data rows read.
        public var read = 0
        /// Problems (errors reject a row).
        public var diagnostics: [Diagnostic] = []
        /// Rows rejected.
        public var rejected: Int { diagnostics.filter { $0.severity == .error && $0.line != nil }.count }
    }

    /// Reads `path`; industry codes are checked against GB/T 4754-2017 in `taxonomy`.
    public static func read(path: String, taxonomy: Taxonomy) throws -> Outcome {
        var outcome = Outcome()
        var reader = try DelimitedReader(
            source: try FileByteSource(path: path), delimiter: path.lowercased().hasSuffix(".tsv") ? 9 : nil)
        guard let header = try reader.next() else {
            throw Diagnostic(.error, "the file is empty", file: path)
        }
        var columns: [String: Int] = [:]
        for (index, name) in header.fields.enumerated() {
            let key = RegisterField.key(name)
            if let column = aliases[key] ?? aliases[name.trimmingWhitespace()] { columns[column] = index }
        }
        for required in ["industry_code", "year", "revenue_wan", "employees"] where columns[required] == nil {
            throw Diagnostic(
                .error, "no \(required) column", file: path, line: header.line,
                hint: "columns: 行业代码, 年份, 营业收入（万元）, 从业人员, 企业数")
        }
        var seen: [String: Int] = [:]
        while let row = try reader.next() {
            if row.isBlank { continue }
            outcome.read += 1
            func cell(_ name: String) -> String {
                guard let index = columns[name], index < row.fields.count else { return "" }
                return row.fields[index].trimmingWhitespace()
            }
            func reject(_ field: String, _ message: String) {
                outcome.diagnostics.append(
                    Diagnostic(.error, message, file: path, line: row.line, field: field, value: cell(field)))
            }
            guard let code = IndustryCode(cell("industry_code")), taxonomy.industryNames[code.rawValue] != nil else {
                reject("industry_code", "not a GB/T 4754-2017 class code")
                continue
            }
            let year: Int
            let revenue: Decimal
            let employees: Int
            var enterprises: Int?
            do {
                guard let parsedYear = try ValueParsing.year(cell("year")) else {
                    reject("year", "年份 is required")
                    continue
                }
                guard let parsedRevenue = try ValueParsing.decimal(cell("revenue_wan")), parsedRevenue >= 0 else {
                    reject("revenue_wan", "营业收入 must be a number ≥ 0")
                    continue
                }
                guard let parsedEmployees = try ValueParsing.count(cell("employees")), parsedEmployees >= 0 else {
                    reject("employees", "从业人员 must be a whole number ≥ 0")
                    continue
                }
                year = parsedYear
                revenue = parsedRevenue
                employees = parsedEmployees
                enterprises = try ValueParsing.count(cell("enterprises"))
            } catch {
                outcome.diagnostics.append(Diagnostic(.error, error.description, file: path, line: row.line))
                continue
            }
            let key = "\(code)|\(year)"
            if let first = seen[key] {
                reject("industry_code", "duplicate \(code) for \(year) (first on line \(first)); row skipped")
                continue
            }
            seen[key] = row.line
            outcome.totals.append(
                IndustryTotal(
                    industryCode: code, year: year, revenue: Money(wan: revenue), employees: employees,
                    enterprises: enterprises))
        }
        return outcome
    }
}
