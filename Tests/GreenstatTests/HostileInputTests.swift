import Foundation
import GreenstatCore
import GreenstatData
import GreenstatTable
import XCTest

/// Broken and hostile inputs: each is refused (or read with a warning) quickly, with a message that
/// says what the file is and what to do — never a crash, a hang or silently wrong text.
final class HostileInputTests: XCTestCase {
    private func path(_ name: String) -> String {
        Fixtures.directory.appendingPathComponent("inputs/hostile/" + name).path
    }

    /// Reads `name` as a register to the end; returns the error's text (nil when none), the
    /// diagnostics met and the seconds taken.
    private func outcome(_ name: String) -> (error: String?, diagnostics: [Diagnostic], seconds: Double) {
        let start = Date()
        var diagnostics: [Diagnostic] = []
        do {
            var reader = try RegisterReader(path: path(name), display: name)
            diagnostics += reader.fileDiagnostics
            while let row = try reader.next() {
                switch row {
                case .accepted(_, let warnings, _): diagnostics += warnings
                case .rejected(let reject): diagnostics.append(reject.diagnostic)
                }
            }
            return (nil, diagnostics, Date().timeIntervalSince(start))
        } catch {
            return ("\(error)", diagnostics, Date().timeIntervalSince(start))
        }
    }

    func testRefusedFilesSayWhatTheyAreAndWhatToDo() {
        let cases: [(String, String)] = [
            (
                "truncated.xlsx",
                "truncated.xlsx: error: damaged or incomplete .xlsx: no zip end-of-central-directory record (the end "
                    + "of the file is missing) (a truncated download or copy? Re-download the file or re-save it from "
                    + "Excel/WPS)"
            ),
            (
                "xxe.xlsx",
                "xxe.xlsx: error: xlsx part xl/worksheets/sheet1.xml contains a DTD; refusing (possible XXE/entity "
                    + "expansion) (Excel and WPS never write one: the file was crafted or damaged; re-save it from "
                    + "Excel/WPS)"
            ),
            (
                "billion-laughs.xlsx",
                "billion-laughs.xlsx: error: xlsx part xl/sharedStrings.xml contains a DTD; refusing (possible "
                    + "XXE/entity expansion)"
            ),
            (
                "zip-bomb.xlsx",
                "zip-bomb.xlsx: error: xlsx entry xl/worksheets/sheet1.xml would expand 1022 times (24.0 KiB to "
                    + "24.0 MiB, limit 200:1); refusing (possible zip bomb)"
            ),
            (
                "zip-bomb-lying.xlsx",
                "zip-bomb-lying.xlsx: error: xlsx entry xl/worksheets/sheet1.xml expands beyond its declared 4.0 KiB; "
                    + "refusing (damaged, or a zip bomb)"
            ),
            (
                "endless-deflate.xlsx",
                "endless-deflate.xlsx: error: damaged or incomplete .xlsx: entry xl/worksheets/sheet1.xml is corrupt "
                    + "(invalid deflate data)"
            ),
            (
                "bad-crc.xlsx",
                "bad-crc.xlsx: error: damaged or incomplete .xlsx: entry xl/worksheets/sheet1.xml fails its CRC-32 check"
            ),
            (
                "old-excel.xls",
                "old-excel.xls: error: this is an Excel 97-2003 .xls file (OLE2/BIFF), not .xlsx; save it as .xlsx or "
                    + "CSV (open it in Excel/WPS and save it as .xlsx or CSV (UTF-8))"
            ),
            ("old-excel-renamed.xlsx", "old-excel-renamed.xlsx: error: this is an Excel 97-2003 .xls file"),
            (
                "not-a-workbook.xlsx",
                "not-a-workbook.xlsx: error: this is a Word document (.docx), not a workbook (open it in Excel/WPS "
                    + "and save it as .xlsx or CSV (UTF-8))"
            ),
            (
                "web-export.xls",
                "web-export.xls: error: this is an HTML page (a web system's \"Excel\" export), not a workbook"
            ),
            (
                "junk.csv",
                "junk.csv: error: this is binary data, not a table (it starts with bytes A5 4D CA 18 25 30 BB 1D) "
                    + "(registers are read from .xlsx, CSV or TSV files)"
            ),
            (
                "mixed-encoding.csv",
                "mixed-encoding.csv:4: error: undecodable UTF-8 byte sequence C9 CF at line 4, byte offset 564: the "
                    + "file mixes encodings or is damaged (it was detected as UTF-8 (mostly valid UTF-8); fix or remove "
                    + "that line, or re-save the whole file in one encoding (UTF-8), or name the file's encoding "
                    + "(utf-8, gb18030, gbk, utf-16le, utf-16be))"
            ),
            (
                "invalid-gb18030.csv",
                "invalid-gb18030.csv:5: error: undecodable GB18030 byte FF at line 5, byte offset 582 (followed by C9 "
                    + "CF BA): the file mixes encodings or is damaged (it was detected as GB18030 (not valid UTF-8)"
            ),
        ]
        for (name, expected) in cases {
            let (error, _, seconds) = outcome(name)
            XCTAssertTrue(
                error?.hasPrefix(expected) ?? false,
                "\(name):\n  got      \(error ?? "no error")\n  expected \(expected)")
            XCTAssertLessThan(seconds, 5, "\(name) took \(seconds) s")
        }
    }

    func testReadableButFlawedFilesAreReadWithClearMessages() {
        let renamed = outcome("csv-renamed.xlsx")
        XCTAssertNil(renamed.error)
        XCTAssertEqual(
            renamed.diagnostics.map(\.description),
            [
                "csv-renamed.xlsx: warning: the file is named like an Excel workbook but holds comma-separated text "
                    + "(CSV); read it as text — rename it to .csv"
            ])

        let ragged = outcome("ragged.csv")
        XCTAssertNil(ragged.error)
        XCTAssertEqual(
            ragged.diagnostics.map(\.description),
            [
                "ragged.csv:2: warning: row has 6 cells, the header 4; extra cells ignored",
                "ragged.csv:3: warning: 年份: no 年份: the record cannot be counted in any year's statistics",
            ])

        let unbalanced = outcome("unbalanced-quote.csv")
        XCTAssertNil(unbalanced.error)
        XCTAssertEqual(
            unbalanced.diagnostics.map(\.description),
            ["unbalanced-quote.csv:3: error: a quoted field opened on line 3 is never closed (unbalanced quote)"])
    }

    func testEmptyFileSaysSo() throws {
        let file = try Fixtures.temporaryDirectory().appendingPathComponent("empty.xlsx")
        try Data().write(to: file)
        XCTAssertThrowsError(try RegisterReader(path: file.path, display: "empty.xlsx")) {
            XCTAssertEqual("\($0)", "empty.xlsx: error: the file is empty (is this the right file?)")
        }
    }

    /// A bad byte past the first chunk surfaces from `next()` as a `FileReadError` (what the command
    /// line reports as "input file unusable", exit 2), after the rows before it, naming the line.
    func testUndecodableLineLateInALargeFileStopsTheReadAtThatLine() throws {
        let directory = try Fixtures.temporaryDirectory()
        let file = directory.appendingPathComponent("late.csv")
        let code = Fixtures.creditCode("91310109AY4CL12TH").rawValue
        var bytes = Array("统一社会信用代码,企业名称,经营范围\n".utf8)
        let row = Array("\(code),上海甲碳核查有限公司,碳排放核查、碳盘查、碳足迹核算与咨询服务\n".utf8)
        let rows = (3 << 20) / row.count
        for _ in 0..<rows { bytes += row }
        let offset = bytes.count + code.count + 1
        bytes += Array("\(code),".utf8) + [0xC9, 0xCF] + Array("有限公司,x\n".utf8)
        try Data(bytes).write(to: file)
        var reader = try RegisterReader(path: file.path, display: "late.csv")
        var accepted = 0
        XCTAssertThrowsError(
            try {
                while let next = try reader.next() {
                    if case .accepted = next { accepted += 1 }
                }
            }()
        ) { error in
            XCTAssertEqual(
                (error as? FileReadError)?.description.components(separatedBy: ": the file").first,
                "late.csv: cannot read: undecodable UTF-8 byte sequence C9 CF at line \(rows + 2), byte offset \(offset)"
            )
        }
        XCTAssertGreaterThan(accepted, rows / 2)
    }
}
