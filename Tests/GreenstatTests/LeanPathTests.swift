import Foundation
import GreenstatCore
import GreenstatData
import GreenstatTable
import XCTest

/// The classify stage's byte path (`RowChecker.inspect`, `Classifier.evaluate`, the JSON written
/// from the outcome) gives exactly what the record path gives (`check`, `classify`, `write`).
final class LeanPathTests: XCTestCase {
    /// Rows that exercise what the byte path handles itself: white space and U+3000 around cells,
    /// lower-case and padded credit codes, quotes, backslashes and control characters in names,
    /// full-width letters in matches, a share below one half, concordance evidence, empty 主营业务.
    static let edgeRows = [
        [
            "  91310109YG58BRK2A3 ", "　上海衡碳环境核查技术有限公司　", "2024", "7459", "一般项目：技术服务；认证咨询",
            " 温室气体排放核查与碳排放报告核算 ", "800", "9", "0.9", "欧阳路街道", "",
        ],
        [
            "91310109y55bb55kbq", "上海\"足印\"低碳\\科技\t有限公司", "2025", "7499", "ＣＣＥＲ项目开发", "产品生命周期碳足迹评价",
            "5600", "97", "30%", "曲阳路街道", "12.5",
        ],
        [
            "91310109BKW37DX2FM", "上海汇林碳汇开发有限公司", "2025", "7519", "林业碳汇及CCER减排项目开发", "", "800", "91",
            "0.2", "广中路", "",
        ],
        [
            "91310109427M6B0XB4", "上海东履碳资产管理有限公司", "", "9999", "碳资产托管；园林绿化工程施工", "园林绿化工程施工；碳资产托管",
            "1.2亿", "一百二十", "", "", "3,000",
        ],
        ["91310109427M6B0XB4", "上海东履碳资产管理有限公司", "2023", "75x9", "", "", "abc", "", "2", "", ""],
    ]

    func testBytePathWritesWhatTheRecordPathWrites() throws {
        let taxonomy = try Fixtures.load(Fixtures.realTaxonomy)
        let classifier = Classifier(taxonomy: taxonomy)
        let pieces = OutcomeJSON(classifier: classifier)
        let directory = try Fixtures.temporaryDirectory()
        let header = "统一社会信用代码,企业名称,年份,行业代码,经营范围,主营业务,营业收入（万元）,从业人员,绿色业务占比,街道,节能量（吨标准煤）\n"
        let writer = DelimitedWriter()
        let edges = directory.appendingPathComponent("edges.csv")
        try (header + Self.edgeRows.map { writer.line($0) }.joined()).write(
            to: edges, atomically: true, encoding: .utf8)
        let samples = Fixtures.repositoryRoot.appendingPathComponent("samples")
        var compared = 0
        var green = 0
        for path in [
            edges.path, samples.appendingPathComponent("register-sample.csv").path,
            samples.appendingPathComponent("hongkou-register-2025.csv").path,
        ] {
            var reader = try RegisterReader(path: path, validation: RegisterValidation(taxonomy: taxonomy))
            let checker = reader.checker
            let scratch = ClassifierScratch()
            var checked = CheckedRow()
            var outcome = RuleOutcome()
            let before = compared
            while let parsed = try reader.nextRow() {
                let row = RawRow(parsed)
                let checkedRow = checker.check(row)
                let rejected = checker.inspect(row, into: &checked)
                guard case .accepted(let record, let warnings, _) = checkedRow else {
                    guard case .rejected(let expected) = checkedRow else { continue }
                    XCTAssertEqual(rejected, expected, "\(path):\(row.line)")
                    continue
                }
                XCTAssertNil(rejected, "\(path):\(row.line)")
                XCTAssertEqual(checked.warnings, warnings, "\(path):\(row.line)")
                XCTAssertEqual(checker.record(checked, in: row), record, "\(path):\(row.line)")
                let classification = classifier.classify(record, scratch: scratch)
                var expected = JSONText()
                ClassificationFormat.jsonl.write(
                    record, classification, className: classification.code.map { classifier.name(of: $0) } ?? "",
                    into: &expected)
                var lean = JSONText()
                checked.withText(in: row) { text in
                    classifier.evaluate(
                        text, industryCode: checked.industryCode, greenShare: checked.greenShare, scratch: scratch,
                        into: &outcome)
                    XCTAssertEqual(classifier.classification(of: outcome, text: text), classification)
                    ClassificationFormat.writeJSON(
                        checked, in: row, text: text, file: JSONText.quoted(record.origin.file),
                        line: record.origin.line, outcome: outcome, classifier: classifier, pieces: pieces, into: &lean)
                }
                lean.endLine()
                XCTAssertEqual(lean.text, expected.text, "\(path):\(row.line)")
                compared += 1
                if classification.code != nil { green += 1 }
            }
            // Every edge row is accepted (with warnings) and compared.
            if path == edges.path { XCTAssertEqual(compared - before, Self.edgeRows.count) }
        }
        // Every sample row was compared, green ones among them.
        XCTAssertGreaterThan(compared, 3_500)
        XCTAssertGreaterThan(green, 1_000)
    }

    /// The word-at-a-time escape test agrees with the byte rule on every position of random text.
    func testQuotingEscapesExactlyWhatJSONNeeds() throws {
        var generator = SystemRandomNumberGenerator()
        let pool: [String] = [
            "a", "Z", " ", "\"", "\\", "\n", "\r", "\t", "\u{01}", "\u{1F}", "\u{7F}", "碳", "é", "😀", "/",
        ]
        for _ in 0..<2_000 {
            let count = Int.random(in: 0..<40, using: &generator)
            let text = (0..<count).map { _ in pool.randomElement(using: &generator)! }.joined()
            var json = JSONText()
            json.appendQuoted(text)
            var expected: [UInt8] = [0x22]
            for byte in text.utf8 {
                switch byte {
                case 0x22, 0x5C: expected += [0x5C, byte]
                case 0x0A: expected += Array("\\n".utf8)
                case 0x0D: expected += Array("\\r".utf8)
                case 0x09: expected += Array("\\t".utf8)
                case 0..<0x20: expected += Array(String(format: "\\u%04x", byte).utf8)
                default: expected.append(byte)
                }
            }
            expected.append(0x22)
            XCTAssertEqual(json.bytes, expected, text.debugDescription)
            let decoded = try JSONSerialization.jsonObject(with: Data(json.bytes), options: [.fragmentsAllowed])
            XCTAssertEqual(decoded as? String, text)
        }
    }
}
