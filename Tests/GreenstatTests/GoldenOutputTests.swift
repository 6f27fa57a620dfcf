import Foundation
import GreenstatCore
import GreenstatData
import GreenstatTable
import XCTest

/// `classify` end to end on a small register, compared with golden files.
/// Set GREENSTAT_UPDATE_GOLDEN=1 to rewrite the golden files after an intended change.
final class GoldenOutputTests: XCTestCase {
    private func runClassify(format: ClassificationFormat) throws -> (String, String, ClassifySummary, [String]) {
        let taxonomy = try Fixtures.load(try Fixtures.miniTaxonomy())
        // Run from a scratch folder with relative paths, as a user would, so that the output
        // (which names the files as given) does not depend on where the tests run.
        let work = try Fixtures.temporaryDirectory()
        for name in ["register-small.csv", "overrides.csv"] {
            try FileManager.default.copyItem(
                atPath: Fixtures.directory.appendingPathComponent(name).path,
                toPath: work.appendingPathComponent(name).path)
        }
        let previous = FileManager.default.currentDirectoryPath
        FileManager.default.changeCurrentDirectoryPath(work.path)
        defer { FileManager.default.changeCurrentDirectoryPath(previous) }
        let (book, problems) = OverrideLoader.load(path: "overrides.csv", taxonomy: taxonomy)
        XCTAssertEqual(problems, [])
        XCTAssertEqual(book.count, 2)
        let outputPath = work.appendingPathComponent("out").path
        let rejectsPath = work.appendingPathComponent("rejects.csv").path
        let job = ClassifyJob(classifier: Classifier(taxonomy: taxonomy), overrides: book, format: format)
        var messages: [String] = []
        let summary = try job.run(
            inputs: ["register-small.csv"], output: try OutputSink(path: outputPath),
            rejects: try OutputSink(path: rejectsPath), report: { messages.append($0.description) })
        return (
            try String(contentsOfFile: outputPath, encoding: .utf8),
            try String(contentsOfFile: rejectsPath, encoding: .utf8), summary, messages
        )
    }

    private func compare(_ actual: String, golden name: String, file: StaticString = #filePath, line: UInt = #line)
        throws
    {
        let sourceFixtures = Fixtures.repositoryRoot.appendingPathComponent("Tests/GreenstatTests/Fixtures")
        let path = sourceFixtures.appendingPathComponent(name).path
        if ProcessInfo.processInfo.environment["GREENSTAT_UPDATE_GOLDEN"] == "1" {
            try actual.write(toFile: path, atomically: true, encoding: .utf8)
        }
        let expected = try String(contentsOfFile: path, encoding: .utf8)
        XCTAssertEqual(actual, expected, "output differs from \(name)", file: file, line: line)
    }

    func testJSONLinesGolden() throws {
        let (output, rejects, summary, messages) = try runClassify(format: .jsonl)
        try compare(output, golden: "register-small.expected.jsonl")
        try compare(rejects, golden: "register-small.expected-rejects.csv")
        let counts = summary.total
        XCTAssertEqual(counts.read, 11)
        XCTAssertEqual(counts.read, counts.accepted + counts.rejected)
        XCTAssertEqual(counts.accepted, counts.green + counts.notGreen)
        XCTAssertEqual(counts.rejected, 2)
        XCTAssertEqual(counts.overridden, 2)
        XCTAssertTrue(
            messages.contains { $0.hasPrefix("register-small.csv:1: warning: ignoring unknown column(s): 备注") })
        // Every line is one JSON object with the required keys.
        for line in output.split(separator: "\n") {
            let object = try XCTUnwrap(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
            for key in [
                "credit_code", "year", "name", "code", "division", "section", "confidence", "review",
                "evidence", "candidates", "source",
            ] {
                XCTAssertTrue(object.keys.contains(key), "missing \(key)")
            }
        }
    }

    func testCSVGoldenAndRerunIsIdentical() throws {
        let (first, _, _, _) = try runClassify(format: .csv)
        let (second, _, _, _) = try runClassify(format: .csv)
        XCTAssertEqual(first, second)
        try compare(first, golden: "register-small.expected.csv")
    }
}
