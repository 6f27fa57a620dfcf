import Foundation
import GreenstatCore
import GreenstatData
import GreenstatTable
import XCTest

/// The classify job's accounting across files, unusable inputs and output placement.
final class ClassifyJobTests: XCTestCase {
    func testUnusableFileIsReportedAndTheRunGoesOn() throws {
        let taxonomy = try Fixtures.load(try Fixtures.miniTaxonomy())
        let work = try Fixtures.temporaryDirectory()
        let register = work.appendingPathComponent("a.csv").path
        let code = Fixtures.creditCode("91310109MA7B3YFG5").rawValue
        try "企业名称,统一社会信用代码,主营业务\n上海甲,\(code),碳排放核查\n".write(
            toFile: register, atomically: true, encoding: .utf8)
        let noHeader = work.appendingPathComponent("b.csv").path
        try "just,some,text\n1,2,3\n".write(toFile: noHeader, atomically: true, encoding: .utf8)
        let output = work.appendingPathComponent("deeper/still/out.jsonl").path
        var messages: [String] = []
        let summary = try ClassifyJob(classifier: Classifier(taxonomy: taxonomy), format: .jsonl).run(
            inputs: [register, work.appendingPathComponent("missing.csv").path, noHeader],
            output: try OutputSink(path: output), rejects: nil, report: { messages.append($0.description) })
        XCTAssertEqual(summary.unusable.count, 2)
        XCTAssertEqual(summary.total.read, 1)
        XCTAssertEqual(summary.total.green, 1)
        XCTAssertTrue(messages.contains { $0.contains("missing.csv: error:") }, "\(messages)")
        XCTAssertTrue(messages.contains { $0.contains("b.csv:1: error: no header row found") }, "\(messages)")
        XCTAssertTrue(summary.text.contains("missing.csv: unusable, skipped"))
        let written = try String(contentsOfFile: output, encoding: .utf8)
        XCTAssertEqual(written.split(separator: "\n").count, 1)
    }

    func testFailedRunLeavesThePreviousOutputInPlace() throws {
        let work = try Fixtures.temporaryDirectory()
        let path = work.appendingPathComponent("out.jsonl").path
        try "previous\n".write(toFile: path, atomically: true, encoding: .utf8)
        do {
            let sink = try OutputSink(path: path)
            try sink.write("half of a new file")
            // no commit: the run failed
        }
        XCTAssertEqual(try String(contentsOfFile: path, encoding: .utf8), "previous\n")
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: work.path), ["out.jsonl"])
    }
}

/// Output to special files is written in place, never renamed over.
final class OutputSinkTests: XCTestCase {
    func testDevNullStaysADevice() throws {
        let sink = try OutputSink(path: "/dev/null")
        try sink.write("discarded\n")
        try sink.commit()
        let attributes = try FileManager.default.attributesOfItem(atPath: "/dev/null")
        XCTAssertEqual(attributes[.type] as? FileAttributeType, .typeCharacterSpecial)
    }

    /// An output larger than a few write-behind ranges (written through the buffer and in large
    /// runs) arrives whole and in order.
    func testLargeOutputIsWrittenWholeThroughWriteBehind() throws {
        let path = try Fixtures.temporaryDirectory().appendingPathComponent("large.bin").path
        let sink = try OutputSink(path: path)
        var expected = SHA256()
        var total = 0
        for chunk in 0..<300 {
            // 1 KB to 2 MB pieces: some buffered, some written directly.
            let size = chunk % 7 == 0 ? 2 << 20 : 1024 + chunk * 997
            let piece = [UInt8](repeating: UInt8(truncatingIfNeeded: chunk), count: size)
            try piece.withUnsafeBufferPointer { try sink.write(bytes: $0) }
            expected.update(piece)
            total += size
        }
        try sink.commit()
        let written = try Data(contentsOf: URL(fileURLWithPath: path))
        XCTAssertEqual(written.count, total)
        var actual = SHA256()
        actual.update([UInt8](written))
        XCTAssertEqual(actual.finalizeHex(), expected.finalizeHex())
        XCTAssertGreaterThan(total, 96 << 20)
    }
}

/// Results never depend on the number of worker threads or the batch size.
final class ParallelDeterminismTests: XCTestCase {
    func testOutputIsIdenticalForAnyThreadsBatchAndBlockSize() throws {
        let taxonomy = try Fixtures.load(Fixtures.realTaxonomy)
        let register = Fixtures.repositoryRoot.appendingPathComponent("samples/hongkou-register-2025.csv").path
        var outputs: Set<String> = []
        var rejects: Set<String> = []
        var summaries: [ClassifySummary] = []
        for (threads, batch, block) in [
            (1, 100_000, 1 << 20), (1, 1, 1), (2, 7, 100), (3, 1024, 4096), (4, 333, 65_536),
        ] {
            let work = try Fixtures.temporaryDirectory()
            let output = work.appendingPathComponent("out.jsonl").path
            let rejected = work.appendingPathComponent("rejects.csv").path
            let job = ClassifyJob(
                classifier: Classifier(taxonomy: taxonomy), format: .jsonl,
                reading: ReadingOptions(threads: threads, batchSize: batch, blockBytes: block))
            summaries.append(
                try job.run(
                    inputs: [register], output: try OutputSink(path: output), rejects: try OutputSink(path: rejected),
                    report: { _ in }))
            outputs.insert(try String(contentsOfFile: output, encoding: .utf8))
            rejects.insert(try String(contentsOfFile: rejected, encoding: .utf8))
        }
        XCTAssertEqual(outputs.count, 1)
        XCTAssertEqual(rejects.count, 1)
        XCTAssertEqual(Set(summaries.map(\.text)).count, 1)
        XCTAssertGreaterThan(summaries[0].total.accepted, 3000)
    }

    /// The key pre-pass (external sort of key hashes) refuses exactly the rows the in-memory check
    /// refuses: identical and conflicting repeats within a file and across files.
    func testKeyPrepassGivesTheSameDuplicatesAsTheInMemoryCheck() throws {
        let taxonomy = try Fixtures.load(Fixtures.realTaxonomy)
        let source = Fixtures.repositoryRoot.appendingPathComponent("samples/hongkou-register-2025.csv")
        let lines = try String(contentsOf: source, encoding: .utf8).split(separator: "\n").map(String.init)
        let work = try Fixtures.temporaryDirectory()
        // File 1: the register with every 50th row repeated as is and every 70th with a changed
        // revenue; file 2: the header and 40 rows of file 1 again.
        var first = lines
        for (index, line) in lines.enumerated().dropFirst() {
            if index % 50 == 0 { first.append(line) }
            if index % 70 == 0 { first.append(line) }
        }
        for (index, line) in lines.enumerated().dropFirst() where index % 70 == 0 {
            var cells = line.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
            if cells.count > 6 { cells[6] = "123456" }
            first.append(cells.joined(separator: ","))
        }
        // Every 90th row again with its code padded and in lower case: the same key once normalized.
        for (index, line) in lines.enumerated().dropFirst() where index % 90 == 0 {
            var cells = line.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
            cells[0] = " " + cells[0].lowercased() + " "
            first.append(cells.joined(separator: ","))
        }
        let file1 = work.appendingPathComponent("a.csv").path
        let file2 = work.appendingPathComponent("b.csv").path
        try first.joined(separator: "\n").write(toFile: file1, atomically: true, encoding: .utf8)
        try ([lines[0]] + lines[1...40]).joined(separator: "\n").write(toFile: file2, atomically: true, encoding: .utf8)
        var results: Set<String> = []
        var duplicateRejects = 0
        for (prepassBytes, threads) in [(Int.max, 2), (0, 1), (0, 3)] {
            let job = ClassifyJob(
                classifier: Classifier(taxonomy: taxonomy), format: .jsonl,
                reading: ReadingOptions(threads: threads, blockBytes: 4096, duplicatePrepassBytes: prepassBytes))
            XCTAssertEqual(job.needsKeyPrepass([file1, file2]), prepassBytes == 0)
            let output = work.appendingPathComponent("out-\(prepassBytes)-\(threads).jsonl").path
            let rejected = work.appendingPathComponent("rejects-\(prepassBytes)-\(threads).csv").path
            let summary = try job.run(
                inputs: [file1, file2], output: try OutputSink(path: output), rejects: try OutputSink(path: rejected),
                report: { _ in })
            let rejectText = try String(contentsOfFile: rejected, encoding: .utf8)
            duplicateRejects = rejectText.components(separatedBy: "same code and year").count - 1
            results.insert(
                summary.text + (try String(contentsOfFile: output, encoding: .utf8)) + rejectText)
        }
        XCTAssertEqual(results.count, 1)
        // 40 repeats in file 2, and in file 1 every 50th, twice every 70th and every 90th row.
        XCTAssertEqual(
            duplicateRejects, 40 + (lines.count - 1) / 50 + 2 * ((lines.count - 1) / 70) + (lines.count - 1) / 90)
    }
}
