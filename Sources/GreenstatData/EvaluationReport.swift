import Foundation
import GreenstatCore

/// Renders an `Evaluation` as a text table or JSON.
public struct EvaluationReport {
    /// The scores.
    public var evaluation: Evaluation
    /// The classifier (for class names and the class list).
    public var classifier: Classifier

    /// Creates a report.
    public init(evaluation: Evaluation, classifier: Classifier) {
        self.evaluation = evaluation
        self.classifier = classifier
    }

    private func percent(_ value: Double) -> String { String(format: "%.1f%%", value * 100) }
    private func fixed(_ value: Double) -> String { FixedPoint.text(value, decimals: 3) }
    private func label(_ code: ClassCode?) -> String {
        code.map { "\($0) \(classifier.name(of: $0))" } ?? "not green"
    }

    /// A plain-text report.
    public func text(perClass: Bool) -> String {
        let classes = classifier.taxonomy.classCodes
        let green = evaluation.green
        var lines = [
            "records scored          \(evaluation.total)",
            "accuracy 大类 section     \(percent(evaluation.sectionAccuracy))",
            "accuracy 中类 division    \(percent(evaluation.divisionAccuracy))",
            "accuracy 小类 class       \(percent(evaluation.classAccuracy))",
            "macro-F1 小类             \(fixed(evaluation.macroF1(classes))) over \(evaluation.occurringScores(classes).count) labels (of 37 classes + not green) present",
            "green vs not: precision \(fixed(green.precision))  recall \(fixed(green.recall))  F1 \(fixed(green.f1))",
            "review queue            \(percent(evaluation.reviewShare)) (\(evaluation.reviewed) of \(evaluation.total))",
        ]
        let confusions = evaluation.confusions(limit: 10)
        if !confusions.isEmpty {
            lines.append("")
            lines.append("most frequent confusions (expected → predicted):")
            for entry in confusions {
                lines.append("  \(entry.count) × \(label(entry.pair.expected)) → \(label(entry.pair.predicted))")
            }
        }
        if perClass {
            lines.append("")
            lines.append("class                                   support  precision  recall  F1")
            for score in evaluation.classScores(classes) {
                let name = label(score.code)
                let padded =
                    name
                    + String(
                        repeating: " ", count: max(1, 40 - name.count * 2 + name.unicodeScalars.filter(\.isASCII).count)
                    )
                lines.append(
                    "\(padded)\(String(format: "%7d  %9.3f  %6.3f  %.3f", score.support, score.precision, score.recall, score.f1))"
                )
            }
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// A JSON report.
    public func json() -> String {
        let classes = classifier.taxonomy.classCodes
        var json = JSONText()
        json.openObject()
        json.add("records", number: String(evaluation.total))
        json.add("accuracy_section", number: fixed(evaluation.sectionAccuracy))
        json.add("accuracy_division", number: fixed(evaluation.divisionAccuracy))
        json.add("accuracy_class", number: fixed(evaluation.classAccuracy))
        json.add("macro_f1_class", number: fixed(evaluation.macroF1(classes)))
        json.add("macro_f1_labels", number: String(evaluation.occurringScores(classes).count))
        json.add("green_precision", number: fixed(evaluation.green.precision))
        json.add("green_recall", number: fixed(evaluation.green.recall))
        json.add("green_f1", number: fixed(evaluation.green.f1))
        json.add("review_share", number: fixed(evaluation.reviewShare))
        json.openArray("confusions")
        for entry in evaluation.confusions(limit: 10) {
            json.openObject()
            json.add("expected", entry.pair.expected?.rawValue)
            json.add("predicted", entry.pair.predicted?.rawValue)
            json.add("count", number: String(entry.count))
            json.closeObject()
        }
        json.closeArray()
        json.openArray("classes")
        for score in evaluation.classScores(classes) {
            json.openObject()
            json.add("code", score.code?.rawValue)
            json.add("support", number: String(score.support))
            json.add("precision", number: fixed(score.precision))
            json.add("recall", number: fixed(score.recall))
            json.add("f1", number: fixed(score.f1))
            json.closeObject()
        }
        json.closeArray()
        json.closeObject()
        return json.text + "\n"
    }
}
