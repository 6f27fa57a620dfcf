import ArgumentParser
import Foundation
import GreenstatCore
import GreenstatData

/// `greenstat evaluate`: scores the dictionary against labeled registers.
struct Evaluate: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Score classification against a labeled register (the check to run after every dictionary edit).",
        discussion: """
            The gold file is a register with a `label` column (expected 小类; empty = not green).
            Prints accuracy at 大类/中类/小类, macro-F1 over the 37 classes plus not green,
            green-vs-not precision/recall/F1, the review-queue share, per-class scores and the most
            frequent confusions. --min-macro-f1 / --min-green-f1 turn it into a gate (exit 3).

            Example:
              greenstat evaluate --gold samples/labeled-sample.tsv --min-macro-f1 0.9
            """)

    @Option(help: ArgumentHelp("Labeled register(s) (CSV/TSV with a label column).", valueName: "FILE"))
    var gold: [String]

    @Option(help: ArgumentHelp("Manual determinations to apply, as in classify.", valueName: "FILE"))
    var overrides: String?

    @Option(help: "Fail (exit 3) when 小类 macro-F1 is below this.")
    var minMacroF1: Double?

    @Option(help: "Fail (exit 3) when green-vs-not F1 is below this.")
    var minGreenF1: Double?

    @Flag(help: "Also list the score of every class.")
    var perClass = false

    @Flag(help: "Print the scores as JSON instead of a table.")
    var json = false

    @OptionGroup var inputOptions: InputOptions

    @OptionGroup var taxonomyOptions: TaxonomyOptions

    func run() throws {
        guard !gold.isEmpty else { throw ValidationError("give at least one --gold FILE") }
        let taxonomy = try taxonomyOptions.load()
        let book = try loadOverrides(overrides, taxonomy: taxonomy)
        let classifier = Classifier(taxonomy: taxonomy)
        let printer = DiagnosticPrinter(limit: 20)
        let evaluation = try EvaluateJob.run(
            inputs: gold, classifier: classifier, overrides: book, reading: try inputOptions.reading(),
            report: printer.callAsFunction)
        printer.finish()
        guard evaluation.total > 0 else {
            Console.error("error: no labeled rows were scored")
            throw ExitCode(2)
        }
        let report = EvaluationReport(evaluation: evaluation, classifier: classifier)
        print(json ? report.json() : report.text(perClass: perClass), terminator: "")
        let classes = taxonomy.classCodes
        if let minMacroF1, evaluation.macroF1(classes) < minMacroF1 {
            Console.error("FAIL: 小类 macro-F1 \(evaluation.macroF1(classes)) < \(minMacroF1)")
            throw ExitCode(3)
        }
        if let minGreenF1, evaluation.green.f1 < minGreenF1 {
            Console.error("FAIL: green F1 \(evaluation.green.f1) < \(minGreenF1)")
            throw ExitCode(3)
        }
    }
}
