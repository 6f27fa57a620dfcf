import ArgumentParser
import Foundation
import GreenstatCore
import GreenstatData
import GreenstatStore
import GreenstatTable

extension ClassificationFormat: ExpressibleByArgument {}

/// `greenstat classify`: one 小类 (or not green) per register row, with evidence.
struct Classify: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Classify every enterprise of one or more registers into a 小类 or not green.",
        discussion: """
            Reads registers: .xlsx workbooks, CSV/TSV in UTF-8, UTF-16 or GB18030/GBK
            (detected), JSON Lines; Chinese or English headers. Writes one result per
            accepted row: the 小类 (or null), its 中类 and 大类, a confidence, whether
            it needs review, the evidence and the runner-up candidates. Rows without a
            valid 统一社会信用代码 or 企业名称, and repeated (code, year) rows, are
            rejected with file, line and reason; the run goes on. A summary goes to
            standard error. Exit status: 0 run completed (rejects are reported, not
            fatal); 1 invalid taxonomy, overrides or options, or a reject under
            --strict; 2 an input file unusable.

            Examples:
              greenstat classify samples/register-sample.csv \\
                  --overrides samples/overrides.csv --output out/classified.jsonl
              greenstat classify samples/hongkou-register-2025.xlsx --sheet 企业名录 \\
                  --db out/hongkou.sqlite --output out/hongkou-2025.jsonl
            """)

    @Argument(help: ArgumentHelp("Register files (.xlsx, .csv, .tsv, .jsonl).", valueName: "FILE"))
    var files: [String]

    @Option(help: ArgumentHelp("Manual determinations (人工核定) CSV/TSV; they always win.", valueName: "FILE"))
    var overrides: String?

    @Option(help: "Output format: jsonl or csv.")
    var format: ClassificationFormat = .jsonl

    @Option(help: ArgumentHelp("Write results here (atomically) instead of standard output.", valueName: "PATH"))
    var output: String?

    @Option(
        help: ArgumentHelp(
            "Write every rejected row here as CSV (file, sheet, line, field, value, reason); default: beside --output.",
            valueName: "PATH"))
    var rejects: String?

    @Option(
        help: ArgumentHelp(
            "Also store records and classifications here: a SQLite file, or a postgres:// URL.", valueName: "DB"))
    var db: String?

    @Option(help: "Show at most this many diagnostics of each severity on standard error.")
    var maxMessages = 20

    @OptionGroup var inputOptions: InputOptions

    @OptionGroup var taxonomyOptions: TaxonomyOptions

    func run() throws {
        let taxonomy = try taxonomyOptions.load()
        let book = try loadOverrides(overrides, taxonomy: taxonomy)
        let job = ClassifyJob(
            classifier: Classifier(taxonomy: taxonomy), overrides: book, format: format,
            reading: try inputOptions.reading())
        let rejectsPath = rejects ?? output.flatMap(defaultRejectsPath(forOutput:))
        let printer = DiagnosticPrinter(limit: maxMessages)
        let summary: ClassifySummary
        do {
            let sink = try output.map { try OutputSink(path: $0) } ?? OutputSink()
            let rejectSink = try rejectsPath.map { try OutputSink(path: $0) }
            if let db {
                let store = try StatisticsStore(location: db)
                try store.connection.prepareForBulkWrites()
                summary = try store.connection.transaction {
                    let runID = try store.beginRun(
                        command: "classify " + CommandLine.arguments.dropFirst(2).joined(separator: " "),
                        startedAt: ISO8601DateFormatter().string(from: Date()), toolVersion: ToolInfo.version,
                        taxonomyVersion: taxonomy.version)
                    try store.write(overrides: book.all, runID: runID)
                    let storeSink = StoreSink(store: store, runID: runID, taxonomyVersion: taxonomy.version)
                    let summary = try job.run(
                        inputs: files, output: sink, rejects: rejectSink, sink: storeSink,
                        report: printer.callAsFunction)
                    Console.error("stored \(storeSink.stored) record(s) in \(store.location) as run \(runID)")
                    return summary
                }
            } else {
                summary = try job.run(inputs: files, output: sink, rejects: rejectSink, report: printer.callAsFunction)
            }
        } catch let error as FileReadError {
            Console.error("error: \(error)")
            throw ExitCode(2)
        } catch let error as StoreError {
            Console.error("error: \(error) — the store was left unchanged")
            throw ExitCode(2)
        } catch let error as StrictModeError {
            Console.error(error.description)
            throw ExitCode(1)
        }
        printer.finish()
        Console.error(summary.text)
        if let rejectsPath, summary.total.rejected > 0 { Console.error("rejected rows: \(rejectsPath)") }
        if !summary.unusable.isEmpty { throw ExitCode(2) }
    }
}
