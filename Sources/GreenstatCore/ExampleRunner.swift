/// Runs the taxonomy's worked examples as test cases (`greenstat taxonomy test`).
public enum ExampleRunner {
    /// One failed example.
    public struct Failure: Sendable {
        /// The example.
        public var example: TaxonomyExample
        /// What the classifier said.
        public var result: Classification
    }

    /// The outcome: how many ran and which failed.
    public struct Report: Sendable {
        /// Examples run.
        public var run: Int
        /// Failed examples, in file order.
        public var failures: [Failure]
        /// Passed examples.
        public var passed: Int { run - failures.count }
    }

    /// Classifies every example of the classifier's taxonomy and checks its expectation.
    public static func run(_ classifier: Classifier) -> Report {
        var failures: [Failure] = []
        let examples = classifier.taxonomy.examples
        for example in examples {
            let result = classifier.classify(
                name: example.name, mainBusiness: example.mainBusiness, businessScope: example.businessScope,
                industryCode: example.industryCode, greenShare: example.greenShare)
            let hit = result.code == example.classCode
            if hit != example.isPositive { failures.append(Failure(example: example, result: result)) }
        }
        return Report(run: examples.count, failures: failures)
    }
}
