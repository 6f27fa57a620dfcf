import GreenstatCore

/// Scores the classifier against labeled registers (a `label` column: the expected 小类, empty =
/// not green). Overrides apply as in `classify`.
public enum EvaluateJob {
    /// Classifies every accepted row of `inputs` and tallies it against its label. Rows without a
    /// label column make the file unusable; rejects and bad labels are reported and skipped.
    public static func run(
        inputs: [String], classifier: Classifier, overrides: OverrideBook, reading: ReadingOptions = ReadingOptions(),
        report: (Diagnostic) -> Void
    ) throws -> Evaluation {
        let validation = RegisterValidation(taxonomy: classifier.taxonomy)
        var evaluation = Evaluation()
        let classes = Set(classifier.taxonomy.classCodes)
        for input in inputs {
            var reader: RegisterReader
            do {
                reader = try RegisterReader(
                    path: input, encoding: reading.encoding, sheet: reading.sheet, validation: validation)
            } catch let diagnostic as Diagnostic {
                report(diagnostic)
                continue
            }
            guard reader.columns[.label] != nil else {
                report(Diagnostic(.error, "no label column (label / 标注小类): cannot score", file: input, line: 1))
                continue
            }
            while let row = try reader.next() {
                switch row {
                case .rejected(let reject): report(reject.diagnostic)
                case .accepted(let record, _, let label):
                    let text = (label ?? "").trimmingWhitespace()
                    var expected: ClassCode?
                    if !text.isEmpty {
                        guard let code = ClassCode(text), classes.contains(code) else {
                            report(
                                Diagnostic(
                                    .error, "label is not a 虹口编码 小类; row skipped", file: input,
                                    line: record.origin.line, field: "label", value: text))
                            continue
                        }
                        expected = code
                    }
                    let result = classifier.classify(record, overrides: overrides)
                    evaluation.add(expected: expected, predicted: result.code, review: result.review)
                }
            }
        }
        return evaluation
    }
}
