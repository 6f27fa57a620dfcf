import Foundation
import GreenstatCore
import GreenstatTable

/// Output formats of `greenstat measure`.
public enum MeasurementFormat: String, CaseIterable, Sendable {
    /// An aligned text table.
    case table
    /// JSON.
    case json
    /// CSV (UTF-8 with BOM, for Excel/WPS).
    case csv
}

/// Renders a `MeasureResult`: per cell the green enterprises, green output (both methods and
/// each), green-equivalent jobs, share of the green total and growth on the previous year.
public struct MeasurementReport {
    /// The result.
    public var result: MeasureResult
    /// The taxonomy (names).
    public var taxonomy: Taxonomy

    /// Creates a report.
    public init(result: MeasureResult, taxonomy: Taxonomy) {
        self.result = result
        self.taxonomy = taxonomy
    }

    struct Line {
        var key: String
        var name: String
        var tally: GreenTally
        var share: Double?
        var growth: Double?
    }

    func lines() -> [Line] {
        let table = result.current
        let total = table.total
        func growth(_ key: String?, _ tally: GreenTally) -> Double? {
            guard let previous = result.previous else { return nil }
            let before = key.map { previous.cells[$0] ?? .zero } ?? previous.total
            guard before.output.yuan > 0 else { return nil }
            return Double(tally.output.yuan - before.output.yuan) / Double(before.output.yuan)
        }
        var out: [Line] = []
        for key in table.keys {
            let tally = table.cells[key]!
            let name = table.grouping == .street ? "" : taxonomy.node(key)?.nameZH ?? ""
            let share = total.output.yuan > 0 ? Double(tally.output.yuan) / Double(total.output.yuan) : nil
            out.append(Line(key: key, name: name, tally: tally, share: share, growth: growth(key, tally)))
        }
        out.append(
            Line(
                key: "合计", name: "total", tally: total, share: total.output.yuan > 0 ? 1 : nil,
                growth: growth(nil, total)))
        return out
    }

    private func percent(_ value: Double?) -> String {
        guard let value else { return "—" }
        return String(format: "%.1f%%", value * 100)
    }

    static let header = [
        "key", "name", "green_enterprises", "green_output_wan", "enterprise_method_wan", "industry_method_wan",
        "green_jobs", "share", "yoy_growth",
    ]

    /// The report in `format`.
    public func render(_ format: MeasurementFormat) -> String {
        switch format {
        case .table: return text()
        case .csv: return csv()
        case .json: return json()
        }
    }

    func row(_ line: Line) -> [String] {
        [
            line.key, line.name, String(line.tally.enterprises), line.tally.output.wanText(),
            line.tally.enterpriseOutput.wanText(), line.tally.industryOutput.wanText(), String(line.tally.jobs.rounded),
            percent(line.share), percent(line.growth),
        ]
    }

    func text() -> String {
        let table = result.current
        var out =
            "虹口编码 green statistics \(table.year) — by \(table.grouping.rawValue), \(table.method.rawValue) method\n"
        let titles = [
            "code", "name", "enterprises", "green output 万元", "enterprise 万元", "industry 万元", "green jobs", "share",
            "YoY",
        ]
        let rows = [titles] + lines().map(row)
        func width(_ text: String) -> Int { text.unicodeScalars.reduce(0) { $0 + ($1.value > 0x2E80 ? 2 : 1) } }
        var widths = [Int](repeating: 0, count: titles.count)
        for line in rows { for (index, cell) in line.enumerated() { widths[index] = max(widths[index], width(cell)) } }
        for (number, line) in rows.enumerated() {
            var cells: [String] = []
            for (index, cell) in line.enumerated() {
                let pad = String(repeating: " ", count: widths[index] - width(cell))
                cells.append(index < 2 ? cell + pad : pad + cell)
            }
            out += cells.joined(separator: "  ") + "\n"
            if number == 0 || number == rows.count - 2 {
                out += String(repeating: "-", count: widths.reduce(0, +) + 2 * (widths.count - 1)) + "\n"
            }
        }
        let total = table.total
        if total.output.yuan > 0 {
            let enterpriseShare = Double(total.enterpriseOutput.yuan) / Double(total.output.yuan)
            out += "from the enterprise-data method: \(total.enterpriseOutput) (\(percent(enterpriseShare))); "
            out += "from the industry-data method: \(total.industryOutput) (\(percent(1 - enterpriseShare)))\n"
        }
        out += "register \(table.year): \(result.registerEnterprises) enterprises, 营业收入 \(result.registerRevenue), "
        out += "\(result.registerEmployees) 从业人员\n"
        if total.defaultShareUsed > 0 {
            out +=
                "\(total.defaultShareUsed) green enterprise(s) gave no 绿色业务占比: the class default share was used (spec rule 5)\n"
        }
        if total.missingRevenue > 0 {
            out += "\(total.missingRevenue) green enterprise(s) have no 营业收入: counted, no output\n"
        }
        if result.previous == nil { out += "no \(table.year - 1) data in the store: no year-on-year growth\n" }
        return out
    }

    func csv() -> String {
        let writer = DelimitedWriter()
        return "\u{FEFF}" + writer.line(Self.header) + lines().map { writer.line(row($0)) }.joined()
    }

    func json() -> String {
        let table = result.current
        var json = JSONText()
        json.openObject()
        json.add("year", number: String(table.year))
        json.add("method", table.method.rawValue)
        json.add("by", table.grouping.rawValue)
        json.add("register_enterprises", number: String(result.registerEnterprises))
        json.add("register_revenue_wan", number: result.registerRevenue.wanText(decimals: 4))
        json.openArray("rows")
        for line in lines() {
            json.openObject()
            json.add("key", line.key)
            json.add("name", line.name)
            json.add("green_enterprises", number: String(line.tally.enterprises))
            json.add("green_output_wan", number: line.tally.output.wanText(decimals: 4))
            json.add("enterprise_method_wan", number: line.tally.enterpriseOutput.wanText(decimals: 4))
            json.add("industry_method_wan", number: line.tally.industryOutput.wanText(decimals: 4))
            json.add("green_jobs", number: line.tally.jobs.description)
            json.add("share", number: line.share.map { FixedPoint.text($0, decimals: 6) })
            json.add("yoy_growth", number: line.growth.map { FixedPoint.text($0, decimals: 6) })
            json.closeObject()
        }
        json.closeArray()
        json.closeObject()
        return json.text + "\n"
    }
}
