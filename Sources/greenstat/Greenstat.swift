import ArgumentParser
import GreenstatData

/// The `greenstat` command: green-industry statistics from an enterprise register.
@main
struct Greenstat: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "greenstat",
        abstract: "Green-industry statistics from an enterprise register, by the 虹口编码 (5 大类 / 23 中类 / 37 小类).",
        discussion: """
            Example — classify the bundled sample register and score the dictionary on its labels:

              greenstat classify samples/register-sample.csv --output out/classified.jsonl
              greenstat evaluate --gold samples/labeled-sample.tsv
              greenstat taxonomy test
              greenstat classify samples/hongkou-register-2025.csv --db out/hongkou.sqlite
              greenstat measure --year 2025 --by section --db out/hongkou.sqlite

            The classification (classes, keywords, concordance, examples) is data under taxonomy/;
            greenstat finds it in ./taxonomy, beside the executable's checkout, or via --taxonomy.
            """,
        version: ToolInfo.version,
        subcommands: [Classify.self, Evaluate.self, ImportIndustry.self, Measure.self, TaxonomyCommand.self]
    )
}
