/// Scores of a classification against expected labels: accuracy at each level, macro-F1 over the
/// 37 classes plus "not green", green-vs-not precision/recall/F1, the review share and the most
/// frequent confusions. A mergeable tally: `merge` two and the scores are those of the union.
public struct Evaluation: Sendable, Equatable {
    /// Counts of (expected, predicted) pairs; nil stands for not green.
    public private(set) var pairs: [Pair: Int] = [:]
    /// Number of results flagged for review.
    public private(set) var reviewed = 0
    /// Number of records scored.
    public private(set) var total = 0

    /// An (expected, predicted) pair; nil = not green.
    public struct Pair: Hashable, Sendable {
        /// The expected class.
        public var expected: ClassCode?
        /// The predicted class.
        public var predicted: ClassCode?
    }

    /// Per-class precision, recall and F1.
    public struct ClassScore: Sendable, Equatable {
        /// The class, nil for not green.
        public var code: ClassCode?
        /// Records expected in the class.
        public var support: Int
        /// Precision.
        public var precision: Double
        /// Recall.
        public var recall: Double
        /// F1.
        public var f1: Double
    }

    /// An empty tally.
    public init() {}

    /// The empty tally (identity of `merge`).
    public static let zero = Evaluation()

    /// Records one scored record.
    public mutating func add(expected: ClassCode?, predicted: ClassCode?, review: Bool) {
        pairs[Pair(expected: expected, predicted: predicted), default: 0] += 1
        total += 1
        if review { reviewed += 1 }
    }

    /// The tally of both.
    public func merging(_ other: Evaluation) -> Evaluation {
        var result = self
        result.merge(other)
        return result
    }

    /// Adds `other` into this tally.
    public mutating func merge(_ other: Evaluation) {
        for (pair, count) in other.pairs { pairs[pair, default: 0] += count }
        total += other.total
        reviewed += other.reviewed
    }

    private func accuracy(_ same: (ClassCode?, ClassCode?) -> Bool) -> Double {
        guard total > 0 else { return 0 }
        let right = pairs.reduce(0) { $0 + (same($1.key.expected, $1.key.predicted) ? $1.value : 0) }
        return Double(right) / Double(total)
    }

    /// Share of records whose 小类 (or not-green) is right.
    public var classAccuracy: Double { accuracy { $0 == $1 } }
    /// Share whose 中类 (or not-green) is right.
    public var divisionAccuracy: Double { accuracy { $0?.division == $1?.division } }
    /// Share whose 大类 (or not-green) is right.
    public var sectionAccuracy: Double { accuracy { $0?.section == $1?.section } }
    /// Share flagged for review.
    public var reviewShare: Double { total == 0 ? 0 : Double(reviewed) / Double(total) }

    /// Precision, recall and F1 of "green" (any class) against "not green".
    public var green: (precision: Double, recall: Double, f1: Double) {
        var truePositive = 0
        var falsePositive = 0
        var falseNegative = 0
        for (pair, count) in pairs {
            switch (pair.expected != nil, pair.predicted != nil) {
            case (true, true): truePositive += count
            case (false, true): falsePositive += count
            case (true, false): falseNegative += count
            default: break
            }
        }
        return Self.prf(truePositive, falsePositive, falseNegative)
    }

    static func prf(_ truePositive: Int, _ falsePositive: Int, _ falseNegative: Int) -> (Double, Double, Double) {
        let precision =
            truePositive + falsePositive == 0 ? 0 : Double(truePositive) / Double(truePositive + falsePositive)
        let recall = truePositive + falseNegative == 0 ? 0 : Double(truePositive) / Double(truePositive + falseNegative)
        let f1 = precision + recall == 0 ? 0 : 2 * precision * recall / (precision + recall)
        return (precision, recall, f1)
    }

    /// Scores for each of `classes` plus not green (nil, listed last).
    public func classScores(_ classes: [ClassCode]) -> [ClassScore] {
        let labels: [ClassCode?] = classes.map { $0 } + [nil]
        return labels.map { label in
            var truePositive = 0
            var falsePositive = 0
            var falseNegative = 0
            for (pair, count) in pairs {
                if pair.expected == label && pair.predicted == label {
                    truePositive += count
                } else if pair.predicted == label {
                    falsePositive += count
                } else if pair.expected == label {
                    falseNegative += count
                }
            }
            let (precision, recall, f1) = Self.prf(truePositive, falsePositive, falseNegative)
            return ClassScore(
                code: label, support: truePositive + falseNegative, precision: precision, recall: recall, f1: f1)
        }
    }

    /// Macro-F1 over the labels among `classes` plus not green that occur in the data, expected
    /// or predicted (as scikit-learn averages); on a full gold set that is every class.
    public func macroF1(_ classes: [ClassCode]) -> Double {
        let scores = occurringScores(classes)
        return scores.isEmpty ? 0 : scores.reduce(0) { $0 + $1.f1 } / Double(scores.count)
    }

    /// Scores of the labels that occur in the data, expected or predicted.
    public func occurringScores(_ classes: [ClassCode]) -> [ClassScore] {
        let predicted = Set(pairs.keys.map(\.predicted))
        return classScores(classes).filter { $0.support > 0 || predicted.contains($0.code) }
    }

    /// The most frequent wrong (expected, predicted) pairs.
    public func confusions(limit: Int = 10) -> [(pair: Pair, count: Int)] {
        let wrong: [(pair: Pair, count: Int)] = pairs.filter { $0.key.expected != $0.key.predicted }
            .map { (pair: $0.key, count: $0.value) }
        let sorted = wrong.sorted { left, right in
            if left.count != right.count { return left.count > right.count }
            let leftKey = (left.pair.expected?.rawValue ?? "") + ">" + (left.pair.predicted?.rawValue ?? "")
            let rightKey = (right.pair.expected?.rawValue ?? "") + ">" + (right.pair.predicted?.rawValue ?? "")
            return leftKey < rightKey
        }
        return Array(sorted.prefix(limit))
    }
}
