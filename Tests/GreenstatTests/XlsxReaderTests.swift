import Foundation
import GreenstatTable
import XCTest
import ZIPFoundation

/// The `.xlsx` reader: cell types and formats, sparse and blank rows, sheet choice, streaming.
final class XlsxReaderTests: XCTestCase {
    private func fixture(_ name: String) -> String {
        Fixtures.directory.appendingPathComponent("inputs/" + name).path
    }

    private func rows(_ reader: XlsxRowReader) throws -> [DelimitedRow] {
        var out: [DelimitedRow] = []
        while let row = try reader.next() { out.append(row) }
        return out
    }

    func testCellTypesFormatsAndSparseRows() throws {
        let reader = try XlsxRowReader(path: fixture("cells.xlsx"), file: "cells.xlsx")
        XCTAssertEqual(reader.sheetName, "类型 & 格式")
        XCTAssertEqual(reader.sheetNames, ["类型 & 格式", "名录"])
        XCTAssertEqual(reader.part, "xl/worksheets/sheet1.xml")
        let expected: [DelimitedRow] = [
            DelimitedRow(fields: ["名称", "数值", "日期"], line: 1),
            // Rich-text runs joined; 1200.0 → 1200; built-in date 14, custom 年月日, date-time 22, time 21.
            DelimitedRow(
                fields: ["上海 富文本 公司", "1200", "2025-01-01", "2025-01-01", "2025-01-01T12:00:00", "18:00:00"],
                line: 2),
            // Row 3 is blank (skipped). Phonetic run dropped; float noise rounded to 15 digits; a
            // percent format is not a date; serial 60 is Excel's fictitious 1900-02-29.
            DelimitedRow(fields: ["東京", "0.3", "0.35", "1900-02-29", "1234.5"], line: 4),
            DelimitedRow(fields: ["内联富文本", "", "", "TRUE", "", "FALSE"], line: 6),
            DelimitedRow(fields: ["A & B <c>", "0.0015", "8.8", "0", "12345678901234600000"], line: 7),
            DelimitedRow(
                fields: ["名称x", "#N/A", "2025-03-01"], line: 8, problems: ["cell B8 holds the error value #N/A"]),
            // Cells without references follow the previous cell.
            DelimitedRow(fields: ["1", "2", "", "", "5", "6"], line: 9),
            DelimitedRow(
                fields: [], line: 10,
                problems: ["cell A10 refers to shared string 99, which the workbook does not have (5 strings)"]),
        ]
        let actual = try rows(reader)
        XCTAssertEqual(actual.count, expected.count)
        for (got, want) in zip(actual, expected) { XCTAssertEqual(got, want) }
    }

    func testSheetByNameOrNumberAndUnknownSheetListsThem() throws {
        for choice in ["名录", "2"] {
            let reader = try XlsxRowReader(path: fixture("cells.xlsx"), sheet: choice)
            XCTAssertEqual(reader.sheetName, "名录")
            XCTAssertEqual(reader.sheetNumber, 2)
            XCTAssertEqual(try rows(reader), [DelimitedRow(fields: ["", "第二张表"], line: 2)])
        }
        XCTAssertThrowsError(try XlsxRowReader(path: fixture("cells.xlsx"), file: "cells.xlsx", sheet: "汇总")) {
            XCTAssertEqual(
                ($0 as? InputFormatError)?.description,
                "cells.xlsx: the workbook has no sheet '汇总'; its sheets are 1 '类型 & 格式', 2 '名录' "
                    + "(give a sheet name or its 1-based number)")
        }
    }

    func testOpenpyxlWorkbookWithInlineStringsAndLineBreaks() throws {
        let reader = try XlsxRowReader(path: fixture("register.xlsx"))
        XCTAssertEqual(reader.sheetName, "企业名录")
        let all = try rows(reader)
        XCTAssertEqual(all.count, 8)
        XCTAssertEqual(all.map(\.line), Array(1...8))
        XCTAssertEqual(all[6].fields[4], "光伏组件、逆变器批发\n及进出口")
        XCTAssertEqual(Array(all[2].fields[6...8]), ["8800.5", "20", "85%"])
        XCTAssertEqual(all[7].fields[1], "上海𠮷能·低碳科技有限公司")
    }

    func testLimitsAreConfigurable() throws {
        XCTAssertThrowsError(
            try XlsxRowReader(path: fixture("cells.xlsx"), limits: XlsxLimits(maxTotalUncompressedBytes: 1000))
        ) {
            XCTAssertTrue(
                ($0 as? InputFormatError)?.message.hasPrefix("the workbook's entries would expand to") ?? false, "\($0)"
            )
        }
        XCTAssertThrowsError(try XlsxRowReader(path: fixture("cells.xlsx"), limits: XlsxLimits(maxCellBytes: 8))) {
            XCTAssertEqual(
                ($0 as? InputFormatError)?.message, "shared string 1 in xl/sharedStrings.xml is longer than 8 bytes")
        }
    }

    // MARK: Generated workbooks

    /// Writes a one-sheet workbook whose sheet holds `rows` rows built by `cells` (shared strings
    /// from `strings`), and returns its path.
    private func makeWorkbook(rows: Int, strings: [String], cells: (Int) -> String) throws -> String {
        let url = try Fixtures.temporaryDirectory().appendingPathComponent("big.xlsx")
        let archive = try Archive(url: url, accessMode: .create)
        func add(_ path: String, _ text: String) throws {
            let data = Data(text.utf8)
            try archive.addEntry(
                with: path, type: .file, uncompressedSize: Int64(data.count), compressionMethod: .deflate,
                provider: { position, size in data.subdata(in: Int(position)..<Int(position) + size) })
        }
        let main = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
        let relationships = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
        try add(
            "xl/workbook.xml",
            "<workbook xmlns=\"\(main)\" xmlns:r=\"\(relationships)\"><sheets>"
                + "<sheet name=\"Sheet1\" sheetId=\"1\" r:id=\"rId1\"/></sheets></workbook>")
        try add(
            "xl/_rels/workbook.xml.rels",
            "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
                + "<Relationship Id=\"rId1\" Type=\"\(relationships)/worksheet\" Target=\"worksheets/sheet1.xml\"/>"
                + "<Relationship Id=\"rId2\" Type=\"\(relationships)/sharedStrings\" Target=\"sharedStrings.xml\"/>"
                + "</Relationships>")
        try add(
            "xl/sharedStrings.xml",
            "<sst xmlns=\"\(main)\">" + strings.map { "<si><t>\($0)</t></si>" }.joined() + "</sst>")
        var sheet = "<worksheet xmlns=\"\(main)\"><sheetData>"
        for row in 1...rows { sheet += "<row r=\"\(row)\">\(cells(row))</row>" }
        try add("xl/worksheets/sheet1.xml", sheet + "</sheetData></worksheet>")
        return url.path
    }

    func testLargeSheetStreamsEveryRowInOrder() throws {
        let strings = (0..<500).map { "上海第\($0)号低碳科技有限公司" }
        let path = try makeWorkbook(rows: 30_000, strings: strings) { row in
            "<c r=\"A\(row)\" t=\"s\"><v>\(row % 500)</v></c><c r=\"C\(row)\"><v>\(row).25</v></c>"
        }
        let reader = try XlsxRowReader(path: path)
        var count = 0
        while let row = try reader.next() {
            count += 1
            XCTAssertEqual(row.line, count)
            if count % 7_919 == 0 {
                XCTAssertEqual(row.fields, [strings[count % 500], "", "\(count).25"])
            }
        }
        XCTAssertEqual(count, 30_000)
        XCTAssertNil(try reader.next())
    }

    func testSparseCellsFarRightAreRefusedBeforeTheyCostMuch() throws {
        let path = try makeWorkbook(rows: 5_000, strings: ["x"]) { "<c r=\"XFD\($0)\" t=\"s\"><v>0</v></c>" }
        let start = Date()
        let reader = try XlsxRowReader(path: path, file: "sparse.xlsx", limits: XlsxLimits(maxPaddingCells: 1_000_000))
        XCTAssertThrowsError(try rows(reader)) {
            XCTAssertEqual(
                ($0 as? InputFormatError)?.message,
                "xl/worksheets/sheet1.xml places its cells so sparsely (up to cell XFD62) that reading it would create "
                    + "too many empty cells; refusing")
        }
        XCTAssertLessThan(Date().timeIntervalSince(start), 5)
        // Within the limit, a far-right cell keeps its column.
        let few = try makeWorkbook(rows: 3, strings: ["x"]) { "<c r=\"XFD\($0)\" t=\"s\"><v>0</v></c>" }
        let placed = try rows(try XlsxRowReader(path: few))
        XCTAssertEqual(placed.map(\.fields.count), [16_384, 16_384, 16_384])
        XCTAssertEqual(placed.map { $0.fields.last }, ["x", "x", "x"])
    }

    func testAbandoningAReaderEarlyDoesNotHang() throws {
        let path = try makeWorkbook(rows: 20_000, strings: ["x"]) { "<c r=\"A\($0)\" t=\"s\"><v>0</v></c>" }
        let start = Date()
        for _ in 0..<20 {
            let reader = try XlsxRowReader(path: path)
            for _ in 0..<3 { XCTAssertNotNil(try reader.next()) }
        }
        XCTAssertLessThan(Date().timeIntervalSince(start), 20)
        var count = 0
        let reader = try XlsxRowReader(path: path)
        while try reader.next() != nil { count += 1 }
        XCTAssertEqual(count, 20_000)
    }
}
