import ArgumentParser
import Foundation
import GreenstatCore
import GreenstatData

/// `greenstat taxonomy`: inspect, validate and test the classification data.
struct TaxonomyCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "taxonomy",
        abstract: "Inspect, validate and test the 虹口编码 data under taxonomy/.",
        discussion: """
            Examples:
              greenstat taxonomy list
              greenstat taxonomy show 0121
              greenstat taxonomy validate
              greenstat taxonomy test
            """,
        subcommands: [List.self, Show.self, Validate.self, Test.self])

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "List the 5 大类, 23 中类 and 37 小类 as a tree.",
            discussion: "Example: greenstat taxonomy list")
        @OptionGroup var taxonomyOptions: TaxonomyOptions

        func run() throws {
            let taxonomy = try taxonomyOptions.load()
            print(TaxonomyReport.tree(taxonomy), terminator: "")
        }
    }

    struct Show: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Show one code: names, scope, exclusions, default share, rules, concordance, examples.",
            discussion: "Example: greenstat taxonomy show 0121")
        @Argument(help: "A 大类, 中类 or 小类 code, e.g. 0121.") var code: String
        @OptionGroup var taxonomyOptions: TaxonomyOptions

        func run() throws {
            let taxonomy = try taxonomyOptions.load()
            guard let text = TaxonomyReport.show(code, in: taxonomy) else {
                throw ValidationError("no code \(code) in the 虹口编码 (try `greenstat taxonomy list`)")
            }
            print(text, terminator: "")
        }
    }

    struct Validate: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Load every taxonomy file strictly and report problems with file and line.",
            discussion: "Exit 0 when valid, 1 otherwise. Example: greenstat taxonomy validate --taxonomy taxonomy")
        @OptionGroup var taxonomyOptions: TaxonomyOptions

        func run() throws {
            let directory = taxonomyOptions.resolvedDirectory()
            let outcome = TaxonomyLoader.load(directory: directory)
            for diagnostic in outcome.diagnostics { Console.error(diagnostic.description) }
            guard let taxonomy = outcome.taxonomy else {
                let errors = outcome.diagnostics.filter { $0.severity == .error }.count
                Console.error("invalid: \(errors) error(s) in \(directory)")
                throw ExitCode(1)
            }
            print(
                "valid: \(directory) — 虹口编码 \(taxonomy.version): "
                    + "\(taxonomy.nodes.filter { $0.level == .section }.count) 大类, "
                    + "\(taxonomy.nodes.filter { $0.level == .division }.count) 中类, "
                    + "\(taxonomy.nodes.filter { $0.level == .class }.count) 小类; "
                    + "\(taxonomy.rules.count) keyword rules, \(taxonomy.concordance.count) concordance rows, "
                    + "\(taxonomy.examples.count) examples")
        }
    }

    struct Test: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Run every example in examples.tsv as a test case; report failures by class.",
            discussion: "Exit 0 when all pass, 1 otherwise. Example: greenstat taxonomy test")
        @OptionGroup var taxonomyOptions: TaxonomyOptions

        func run() throws {
            let taxonomy = try taxonomyOptions.load()
            let classifier = Classifier(taxonomy: taxonomy)
            let report = ExampleRunner.run(classifier)
            print(TaxonomyReport.testReport(report, classifier: classifier), terminator: "")
            if !report.failures.isEmpty { throw ExitCode(1) }
        }
    }
}
