import GreenstatCore
import XCTest

/// Metric arithmetic and the mergeable-tally law.
final class EvaluationTests: XCTestCase {
    private let a = ClassCode("0111")!
    private let b = ClassCode("0112")!
    private let c = ClassCode("0211")!

    func testHandComputedScores() {
        var evaluation = Evaluation()
        evaluation.add(expected: a, predicted: a, review: false)
        evaluation.add(expected: a, predicted: b, review: true)
        evaluation.add(expected: b, predicted: b, review: false)
        evaluation.add(expected: nil, predicted: nil, review: false)
        evaluation.add(expected: nil, predicted: c, review: false)
        evaluation.add(expected: c, predicted: nil, review: false)
        XCTAssertEqual(evaluation.classAccuracy, 3.0 / 6.0, accuracy: 1e-9)
        XCTAssertEqual(evaluation.divisionAccuracy, 4.0 / 6.0, accuracy: 1e-9)
        XCTAssertEqual(evaluation.sectionAccuracy, 4.0 / 6.0, accuracy: 1e-9)
        // green: TP 3 (a→a, a→b, b→b), FP 1, FN 1
        XCTAssertEqual(evaluation.green.precision, 0.75, accuracy: 1e-9)
        XCTAssertEqual(evaluation.green.recall, 0.75, accuracy: 1e-9)
        XCTAssertEqual(evaluation.reviewShare, 1.0 / 6.0, accuracy: 1e-9)
        let scores = evaluation.classScores([a, b, c])
        XCTAssertEqual(scores[0].f1, 2.0 / 3.0, accuracy: 1e-9)  // a: P 1, R 0.5
        XCTAssertEqual(scores[1].f1, 2.0 / 3.0, accuracy: 1e-9)  // b: P 0.5, R 1
        XCTAssertEqual(scores[2].f1, 0, accuracy: 1e-9)
        XCTAssertEqual(scores[3].f1, 0.5, accuracy: 1e-9)  // not green: P 0.5, R 0.5
        XCTAssertEqual(evaluation.macroF1([a, b, c]), (2.0 / 3 + 2.0 / 3 + 0 + 0.5) / 4, accuracy: 1e-9)
        XCTAssertEqual(evaluation.confusions(limit: 1).first?.count, 1)
        // A class that occurs nowhere (neither expected nor predicted) is not averaged in.
        XCTAssertEqual(evaluation.macroF1([a, b, c, ClassCode("0531")!]), evaluation.macroF1([a, b, c]))
    }

    /// Property: splitting the records into random chunks and merging the tallies gives the
    /// same scores as one tally, in any order.
    func testMergeIsChunkIndependent() {
        var generator = SystemRandomNumberGenerator()
        let labels: [ClassCode?] = [a, b, c, nil]
        let records = (0..<500).map { _ in
            (labels.randomElement(using: &generator)!, labels.randomElement(using: &generator)!, Bool.random())
        }
        var whole = Evaluation.zero
        for record in records { whole.add(expected: record.0, predicted: record.1, review: record.2) }
        var chunks: [Evaluation] = []
        var index = 0
        while index < records.count {
            let size = Int.random(in: 1...50, using: &generator)
            var chunk = Evaluation.zero
            for record in records[index..<min(index + size, records.count)] {
                chunk.add(expected: record.0, predicted: record.1, review: record.2)
            }
            chunks.append(chunk)
            index += size
        }
        chunks.shuffle(using: &generator)
        let merged = chunks.reduce(Evaluation.zero) { $0.merging($1) }
        XCTAssertEqual(merged, whole)
        XCTAssertEqual(merged.macroF1([a, b, c]), whole.macroF1([a, b, c]))
    }
}
