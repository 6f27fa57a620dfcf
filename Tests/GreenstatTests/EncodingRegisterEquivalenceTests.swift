import Foundation
import GreenstatCore
import GreenstatData
import GreenstatTable
import XCTest

/// The same register as UTF-8 CSV, UTF-8-BOM CSV, GB18030 CSV, UTF-16LE TSV and `.xlsx` gives the
/// same records through `RegisterReader`.
final class EncodingRegisterEquivalenceTests: XCTestCase {
    private func read(_ name: String) throws -> (records: [EnterpriseRecord], diagnostics: [Diagnostic]) {
        var reader = try RegisterReader(path: Fixtures.directory.appendingPathComponent("inputs/" + name).path)
        var records: [EnterpriseRecord] = []
        var diagnostics = reader.fileDiagnostics
        while let row = try reader.next() {
            switch row {
            case .accepted(var record, let warnings, _):
                diagnostics += warnings
                record.origin = RecordOrigin(file: "", line: 0)
                records.append(record)
            case .rejected(let reject):
                XCTFail("\(name): unexpected reject \(reject.diagnostic)")
            }
        }
        return (records, diagnostics)
    }

    func testEveryFormatGivesIdenticalRecords() throws {
        let (reference, referenceDiagnostics) = try read("register.csv")
        XCTAssertEqual(referenceDiagnostics, [])
        XCTAssertEqual(reference.count, 7)
        let expectedNotes = [
            "register-bom.csv": [String](),
            "register-gb18030.csv": ["decoded as GB18030 (detected: not valid UTF-8)"],
            "register-utf16le.tsv": ["decoded as UTF-16LE (detected: UTF-16LE byte-order mark)"],
            "register.xlsx": [
                "read sheet 1 '企业名录' of 2 (1 '企业名录', 2 '说明'); choose another with the sheet option"
            ],
        ]
        for (name, notes) in expectedNotes {
            let (records, diagnostics) = try read(name)
            XCTAssertEqual(diagnostics.map(\.message), notes, name)
            XCTAssertEqual(records.count, reference.count, name)
            for (record, expected) in zip(records, reference) {
                XCTAssertEqual(record, expected, "\(name): \(record.name)")
            }
        }
        // Spot checks that the shared values are the intended ones, not equally wrong everywhere.
        XCTAssertEqual(reference[6].name, "上海𠮷能·低碳科技有限公司")
        XCTAssertEqual(reference[5].businessScope, "光伏组件、逆变器批发\n及进出口")
        XCTAssertEqual(reference[2].mainBusiness, "活性炭吸附及\"催化燃烧\"废气治理")
        XCTAssertEqual(reference[1].revenueWan, Decimal(string: "8800.5"))
        XCTAssertEqual(reference[1].greenShare, Decimal(string: "0.85"))
        XCTAssertEqual(reference[0].energySavedTce, Decimal(string: "120.5"))
        XCTAssertNil(reference[4].industryCode)
    }

    func testLinesAreFileLinesForTextAndRowNumbersForWorkbooks() throws {
        func lines(_ name: String) throws -> [Int] {
            var reader = try RegisterReader(path: Fixtures.directory.appendingPathComponent("inputs/" + name).path)
            var out: [Int] = []
            while let row = try reader.next() {
                if case .accepted(let record, _, _) = row { out.append(record.origin.line) }
            }
            return out
        }
        XCTAssertEqual(try lines("register-gb18030.csv"), [2, 3, 4, 5, 6, 7, 9])  // row 7 holds a line break
        XCTAssertEqual(try lines("register.xlsx"), [2, 3, 4, 5, 6, 7, 8])
    }

    func testEncodingAndSheetOptionsReachTheReaders() throws {
        let path = Fixtures.directory.appendingPathComponent("inputs/register-gb18030.csv").path
        var reader = try RegisterReader(path: path, display: "reg.csv", encoding: .gb18030)
        XCTAssertEqual(reader.fileDiagnostics.map(\.message), ["decoded as GB18030 (as given)"])
        XCTAssertNotNil(try reader.next())
        XCTAssertThrowsError(try RegisterReader(path: path, display: "reg.csv", encoding: .utf8)) { error in
            let diagnostic = error as? Diagnostic
            XCTAssertEqual(diagnostic?.line, 1)
            XCTAssertTrue(
                diagnostic?.message.hasPrefix("undecodable UTF-8 byte sequence") ?? false,
                "\(String(describing: diagnostic))")
        }
        let workbook = Fixtures.directory.appendingPathComponent("inputs/register.xlsx").path
        XCTAssertThrowsError(try RegisterReader(path: workbook, display: "reg.xlsx", sheet: "说明")) { error in
            XCTAssertTrue(
                (error as? Diagnostic)?.message.hasPrefix("no header row found") ?? false, "\(error)")
        }
    }
}
