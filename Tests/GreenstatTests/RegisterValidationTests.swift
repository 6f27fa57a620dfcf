import Foundation
import GreenstatCore
import GreenstatData
import GreenstatStore
import GreenstatTable
import XCTest

/// Units, two-line headers, value severities, typo hints, duplicates, strict mode, JSON Lines,
/// and identical classification output from every input format.
final class RegisterValidationTests: XCTestCase {
    private static let taxonomy = try! Fixtures.load(try! Fixtures.miniTaxonomy())
    private let code = Fixtures.creditCode("91310109MA7B3YFG5").rawValue
    private let other = Fixtures.creditCode("913101093158384658".prefix(17).description).rawValue

    private func read(_ text: String) throws -> (RegisterReader, [RegisterRow]) {
        var reader = try RegisterReader(source: MemoryByteSource(text: text), file: "reg.csv")
        reader.validation = RegisterValidation(taxonomy: Self.taxonomy)
        var rows: [RegisterRow] = []
        while let row = try reader.next() { rows.append(row) }
        return (reader, rows)
    }

    private func accepted(_ row: RegisterRow) -> (EnterpriseRecord, [String])? {
        if case .accepted(let record, let warnings, _) = row { return (record, warnings.map(\.description)) }
        return nil
    }

    private func rejected(_ row: RegisterRow) -> String? {
        if case .rejected(let reject) = row { return reject.diagnostic.description }
        return nil
    }

    func testMoneyUnitsInCellsAndHeaders() throws {
        XCTAssertEqual(try ValueParsing.money("12.5亿"), 125_000)
        XCTAssertEqual(try ValueParsing.money("3,000万元"), 3000)
        XCTAssertEqual(try ValueParsing.money("500千元"), 50)
        XCTAssertEqual(try ValueParsing.money("1,200,000元"), 120)
        XCTAssertEqual(try ValueParsing.money("１２０"), 120)
        XCTAssertEqual(try ValueParsing.money("1,200,000", columnScale: Decimal(string: "0.0001")!), 120)
        let (reader, rows) = try read("统一社会信用代码,企业名称,营业收入（元）\n\(code),甲,\"2,500,000\"\n")
        XCTAssertEqual(reader.moneyScale, Decimal(string: "0.0001"))
        XCTAssertEqual(accepted(rows[0])?.0.revenueWan, 250)
        XCTAssertTrue(reader.fileDiagnostics.contains { $0.message.contains("converted to 万元") })
    }

    func testTwoLineHeaderIsMerged() throws {
        let text = "统一社会信用代码,企业名称,营业收入,从业人员\n,,（亿元）,（人）\n\(code),甲,1.5,三十\n"
        let (reader, rows) = try read(text)
        XCTAssertEqual(rows.count, 1)
        XCTAssertEqual(accepted(rows[0])?.0.revenueWan, 15_000)
        XCTAssertEqual(accepted(rows[0])?.0.employees, 30)
        XCTAssertTrue(reader.fileDiagnostics.contains { $0.message.contains("two-line header") })
    }

    func testChineseNumerals() {
        XCTAssertEqual(ValueParsing.chineseNumeral("十二"), 12)
        XCTAssertEqual(ValueParsing.chineseNumeral("一百二十"), 120)
        XCTAssertEqual(ValueParsing.chineseNumeral("两千零五"), 2005)
        XCTAssertEqual(ValueParsing.chineseNumeral("一万二千"), 12_000)
        XCTAssertNil(ValueParsing.chineseNumeral("十二a"))
        XCTAssertEqual(try ValueParsing.count("四十五人"), 45)
    }

    func testSeverities() throws {
        let text = """
            统一社会信用代码,企业名称,年份,营业收入,从业人员,行业代码,街道
            \(code),负收入,2025,-5,10,7514,北外滩
            \(code),怪年份,1800,5,10,7514,北外滩街道
            \(code),巨额,2024,200000000,10,9999,外滩街道
            \(code),负人数,2023,5,-3,7514,江湾

            """
        let (_, rows) = try read(text)
        XCTAssertEqual(rejected(rows[0]), "reg.csv:2: error: 营业收入 \"-5\": 营业收入 is negative")
        XCTAssertTrue(rejected(rows[1])?.contains("年份 \"1800\": year out of range") ?? false, "\(rows[1])")
        let (record, warnings) = try XCTUnwrap(accepted(rows[2]))
        XCTAssertEqual(record.revenueWan, 200_000_000)
        XCTAssertNil(record.industryCode)
        XCTAssertEqual(record.street, "外滩街道")
        XCTAssertEqual(warnings.count, 3, "\(warnings)")
        XCTAssertTrue(warnings.contains { $0.contains("implausible") })
        XCTAssertTrue(warnings.contains { $0.contains("行业代码 \"9999\": no such class in GB/T 4754-2017") })
        XCTAssertTrue(warnings.contains { $0.contains("街道 \"外滩街道\": not one of the district's streets") })
        XCTAssertEqual(rejected(rows[3]), "reg.csv:5: error: 从业人员 \"-3\": 从业人员 is negative")
        // Street aliases map to the canonical name.
        let (_, more) = try read("统一社会信用代码,企业名称,街道\n\(code),甲,北外滩\n")
        XCTAssertEqual(accepted(more[0])?.0.street, "北外滩街道")
    }

    func testTypoHints() throws {
        // O typed for 0, I typed for 1, a digit swapped for a letter: one change makes the code valid.
        let valid = Array(code)
        var withO = valid
        if let zero = withO.firstIndex(of: "0") { withO[zero] = "O" }
        let hint = CreditCode.typoHint(for: String(withO))
        XCTAssertEqual(hint?.hasPrefix("did you mean \(code)?"), true, hint ?? "nil")
        let (_, rows) = try read("统一社会信用代码,企业名称\n\(String(withO)),甲\n")
        XCTAssertTrue(rejected(rows[0])?.contains("did you mean \(code)?") ?? false, "\(rows[0])")
        XCTAssertNil(CreditCode.typoHint(for: "91310109MA7B3YFG5X"))
    }

    private func runJob(_ files: [(String, String)], strict: Bool = false) throws -> (ClassifySummary, [String], String)
    {
        let work = try Fixtures.temporaryDirectory()
        var paths: [String] = []
        for (name, text) in files {
            let path = work.appendingPathComponent(name).path
            try text.write(toFile: path, atomically: true, encoding: .utf8)
            paths.append(path)
        }
        let rejects = work.appendingPathComponent("rejects.csv").path
        var messages: [String] = []
        let summary = try ClassifyJob(
            classifier: Classifier(taxonomy: Self.taxonomy), format: .jsonl, reading: ReadingOptions(strict: strict)
        ).run(
            inputs: paths, output: try OutputSink(path: work.appendingPathComponent("out.jsonl").path),
            rejects: try OutputSink(path: rejects), report: { messages.append($0.description) })
        return (summary, messages, try String(contentsOfFile: rejects, encoding: .utf8))
    }

    func testDuplicatesAcrossFiles() throws {
        let header = "统一社会信用代码,企业名称,年份,主营业务\n"
        let (summary, _, rejects) = try runJob([
            ("a.csv", header + "\(code),甲,2025,碳排放核查\n\(other),乙,2025,物业管理\n"),
            ("b.csv", header + "\(code),甲,2025,碳排放核查\n\(other),乙,2025,光伏运维\n\(code),甲,2024,碳排放核查\n"),
        ])
        XCTAssertEqual(summary.total.read, 5)
        XCTAssertEqual(summary.total.accepted, 3)
        XCTAssertEqual(summary.total.rejected, 2)
        XCTAssertTrue(rejects.contains("b.csv,,2,统一社会信用代码,\(code),identical to "), rejects)
        XCTAssertTrue(rejects.contains("a.csv:2 (same code and year); merged"), rejects)
        XCTAssertTrue(rejects.contains("b.csv,,3,统一社会信用代码,\(other),\"duplicate of "), rejects)
        XCTAssertTrue(
            rejects.contains("a.csv:3 (same code and year, different content); the first row is kept"), rejects)
        for entry in summary.files {
            XCTAssertEqual(entry.counts.read, entry.counts.accepted + entry.counts.rejected, entry.file)
        }
    }

    func testStrictStopsAtTheFirstReject() throws {
        let text = "统一社会信用代码,企业名称\n\(code),甲\nBAD,乙\n"
        XCTAssertThrowsError(try runJob([("a.csv", text)], strict: true)) { error in
            XCTAssertTrue("\(error)".contains("--strict: stopped"), "\(error)")
        }
        XCTAssertNoThrow(try runJob([("a.csv", text)], strict: false))
    }

    func testJSONLinesInput() throws {
        let text = """
            {"统一社会信用代码": "\(code)", "企业名称": "甲", "年份": 2025, "主营业务": "碳排放核查", "营业收入": 1200.5}
            not json
            {"统一社会信用代码": "\(other)", "企业名称": "乙", "年份": 2025, "备注": "x"}

            """
        let (summary, messages, rejects) = try runJob([("a.jsonl", text)])
        XCTAssertEqual(summary.total.read, 3)
        XCTAssertEqual(summary.total.accepted, 2)
        XCTAssertEqual(summary.total.green, 1)
        XCTAssertTrue(rejects.contains(",2,,,line 2 is not valid JSON"), rejects)
        XCTAssertTrue(messages.contains { $0.contains("key(s) not on the first line, ignored: 备注") }, "\(messages)")
    }

    /// The same register as UTF-8, UTF-8 with BOM, GB18030, UTF-16 and .xlsx classifies identically.
    func testEveryInputFormatClassifiesIdentically() throws {
        let inputs = Fixtures.directory.appendingPathComponent("inputs")
        var outputs: [String: String] = [:]
        for name in [
            "register.csv", "register-bom.csv", "register-gb18030.csv", "register-utf16le.tsv", "register.xlsx",
        ] {
            let work = try Fixtures.temporaryDirectory()
            let output = work.appendingPathComponent("out.jsonl").path
            _ = try ClassifyJob(classifier: Classifier(taxonomy: Self.taxonomy), format: .jsonl).run(
                inputs: [inputs.appendingPathComponent(name).path], output: try OutputSink(path: output), rejects: nil,
                report: { _ in })
            // Everything but the file name and the line (rows of a sheet vs lines of a file) must agree.
            let lines = try String(contentsOfFile: output, encoding: .utf8).split(separator: "\n").map { line in
                var object = try! JSONSerialization.jsonObject(with: Data(line.utf8)) as! [String: Any]
                object["file"] = nil
                object["line"] = nil
                return String(
                    data: try! JSONSerialization.data(withJSONObject: object, options: [.sortedKeys]), encoding: .utf8)!
            }
            XCTAssertFalse(lines.isEmpty, name)
            outputs[name] = lines.joined(separator: "\n")
        }
        XCTAssertEqual(Set(outputs.values).count, 1, "\(outputs.keys.sorted())")
    }
}

/// `trimmingWhitespace()`'s fast path gives what trimming Character by Character gives.
final class TrimmingTests: XCTestCase {
    private func reference(_ text: String) -> String {
        let isSpace: (Character) -> Bool = { $0.isWhitespace || $0 == "\u{3000}" || $0 == "\u{FEFF}" }
        guard let first = text.firstIndex(where: { !isSpace($0) }) else { return "" }
        let last = text.lastIndex(where: { !isSpace($0) })!
        return String(text[first...last])
    }

    func testTrimmingMatchesCharacterByCharacterProperty() {
        var generator = SystemRandomNumberGenerator()
        let pieces = [
            "碳", "a", "Z", "1", " ", "\t", "\u{3000}", "\u{FEFF}", "\u{00A0}", "\u{0301}", "\u{302A}", "、", "（", "）",
            "\r\n", "\u{200B}", "가", "ｱ", "\u{FF9E}",
        ]
        for _ in 0..<3000 {
            let text = (0..<Int.random(in: 0...6, using: &generator)).map { _ in
                pieces.randomElement(using: &generator)!
            }.joined()
            XCTAssertEqual(text.trimmingWhitespace(), reference(text), text.debugDescription)
        }
    }
}
