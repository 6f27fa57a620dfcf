import ArgumentParser
import Foundation
import GreenstatCore
import GreenstatData
import GreenstatStore

extension MeasurementMethod: ExpressibleByArgument {}
extension MeasurementGrouping: ExpressibleByArgument {}
extension MeasurementFormat: ExpressibleByArgument {}

/// `greenstat measure`: green enterprises, output and jobs of a year, from the store.
struct Measure: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Green enterprises, output value and jobs of one year by class, division, section or street.",
        discussion: """
            Reads the store filled by `classify --db` (and `import-industry`). Methods:
              enterprise  企业数据采集法: 营业收入 × 绿色业务占比 (or the class default share)
              industry    行业数据整合法: GB/T 4754 industry totals × concordance coefficients
              combined    surveyed enterprises by the first, the unsurveyed rest of each industry
                          by the second — no revenue counted twice (default)
            Shows each cell's share of the green total and its growth on the previous year when the
            store has it. Totals roll up exactly (Σ小类 = 中类, Σ中类 = 大类): money is exact in 元.

            Example:
              greenstat measure --year 2025 --by section --db out/hongkou.sqlite
              greenstat measure --year 2025 --by street --method enterprise --format csv --db out/hongkou.sqlite
            """)

    @Option(help: "The statistical year.")
    var year: Int

    @Option(help: "Break down by section, division, class or street.")
    var by: MeasurementGrouping = .class

    @Option(help: "enterprise, industry or combined.")
    var method: MeasurementMethod = .combined

    @Option(help: "table, json or csv.")
    var format: MeasurementFormat = .table

    @Option(help: ArgumentHelp("The store: a SQLite file or a postgres:// URL.", valueName: "DB"))
    var db = "greenstat.sqlite"

    @OptionGroup var taxonomyOptions: TaxonomyOptions

    func run() throws {
        let taxonomy = try taxonomyOptions.load()
        if !db.contains("://") && !FileManager.default.fileExists(atPath: db) {
            Console.error("error: no store at \(db) (fill it with `greenstat classify FILE --db \(db)` first)")
            throw ExitCode(2)
        }
        do {
            let store = try StatisticsStore(location: db)
            let result = try MeasureJob.run(store: store, taxonomy: taxonomy, year: year, method: method, grouping: by)
            print(MeasurementReport(result: result, taxonomy: taxonomy).render(format), terminator: "")
        } catch let error as StoreError {
            Console.error("error: \(error)")
            throw ExitCode(2)
        }
    }
}
