import ArgumentParser

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

            The classification (classes, keywords, concordance, examples) is data under taxonomy/;
            greenstat finds it in ./taxonomy, beside the executable's checkout, or via --taxonomy.
            """,
        version: "0.1.0",
        subcommands: [Classify.self, Evaluate.self, TaxonomyCommand.self]
    )
}
