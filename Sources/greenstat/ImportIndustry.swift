import ArgumentParser
import Foundation
import GreenstatCore
import GreenstatData
import GreenstatStore
import GreenstatTable

/// `greenstat import-industry`: loads GB/T 4754 industry totals for the industry-data method.
struct ImportIndustry: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import-industry",
        abstract: "Load industry totals (GB/T 4754 code, year, 营业收入, 从业人员) into the store.",
        discussion: """
            The 行业数据整合法 input: the statistics bureau's totals per GB/T 4754-2017 小类 and year.
            Columns 行业代码, 年份, 营业收入（万元）, 从业人员 and optionally 企业数 (or industry_code,
            year, revenue_wan, employees, enterprises). Bad rows are reported and skipped; the
            import is one transaction and re-importing a file replaces its rows (idempotent).

            Example:
              greenstat import-industry samples/hongkou-industry-totals.csv --db out/hongkou.sqlite
            """)

    @Argument(help: ArgumentHelp("Industry-totals file (CSV/TSV).", valueName: "FILE"))
    var file: String

    @Option(help: ArgumentHelp("The store: a SQLite file or a postgres:// URL.", valueName: "DB"))
    var db = "greenstat.sqlite"

    @OptionGroup var taxonomyOptions: TaxonomyOptions

    func run() throws {
        let taxonomy = try taxonomyOptions.load()
        let outcome: IndustryTotalsReader.Outcome
        do { outcome = try IndustryTotalsReader.read(path: file, taxonomy: taxonomy) } catch let diagnostic
            as Diagnostic
        {
            Console.error(diagnostic.description)
            throw ExitCode(2)
        } catch {
            Console.error("error: \(error)")
            throw ExitCode(2)
        }
        for diagnostic in outcome.diagnostics { Console.error(diagnostic.description) }
        do {
            let store = try StatisticsStore(location: db)
            let hash = try SHA256.hexDigest(ofFile: file)
            try store.connection.transaction {
                let runID = try store.beginRun(
                    command: "import-industry \(file)", startedAt: ISO8601DateFormatter().string(from: Date()),
                    toolVersion: ToolInfo.version, taxonomyVersion: taxonomy.version)
                try store.write(industryTotals: outcome.totals, sourceFile: file, sourceSHA256: hash, runID: runID)
                try store.recordInput(
                    runID: runID, path: file, sha256: hash, read: outcome.read, accepted: outcome.totals.count,
                    rejected: outcome.rejected)
            }
            let years = Set(outcome.totals.map(\.year)).sorted().map(String.init).joined(separator: ", ")
            Console.error(
                "\(file): read \(outcome.read) = accepted \(outcome.totals.count) + rejected \(outcome.rejected); "
                    + "years \(years); stored in \(store.location)")
        } catch let error as StoreError {
            Console.error("error: \(error) — the store was left unchanged")
            throw ExitCode(2)
        }
    }
}
