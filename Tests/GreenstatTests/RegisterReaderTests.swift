import GreenstatCore
import GreenstatTable
import XCTest

@testable import GreenstatData

/// Header aliasing, reject paths and value parsing of registers.
final class RegisterReaderTests: XCTestCase {
    private func read(_ text: String) throws -> (RegisterReader, [RegisterRow]) {
        var reader = try RegisterReader(source: MemoryByteSource(text: text), file: "reg.csv")
        var rows: [RegisterRow] = []
        while let row = try reader.next() { rows.append(row) }
        return (reader, rows)
    }

    private let code = Fixtures.creditCode("91310109MA7B3YFG5").rawValue

    func testChineseAndEnglishHeadersMapToTheSameFields() throws {
        let chinese = "统一社会信用代码,企业名称,年份,行业代码,经营范围,主营业务,营业收入（万元）,从业人员,绿色业务占比,街道,节能量（吨标准煤）\n"
        let english =
            "credit_code,name,year,industry_code,business_scope,main_business,revenue_wan,employees,green_share,street,energy_saved_tce\n"
        let row = "\(code),上海甲公司,2025,7514,合同能源管理,能源托管,\"1,200.5\",30,85%,北外滩街道,120\n"
        let (first, firstRows) = try read(chinese + row)
        let (second, secondRows) = try read(english + row)
        XCTAssertEqual(Set(first.columns.keys), Set(RegisterField.allCases).subtracting([.label]))
        XCTAssertEqual(first.columns, second.columns)
        guard case .accepted(let a, let warnings, _) = firstRows[0], case .accepted(let b, _, _) = secondRows[0] else {
            return XCTFail("rows should be accepted")
        }
        XCTAssertEqual(warnings, [])
        XCTAssertEqual(a.creditCode, b.creditCode)
        XCTAssertEqual(a.revenueWan, Decimal(string: "1200.5"))
        XCTAssertEqual(a.greenShare, Decimal(string: "0.85"))
        XCTAssertEqual(a.employees, 30)
        XCTAssertEqual(a.year, 2025)
        XCTAssertEqual(a.industryCode?.rawValue, "7514")
        XCTAssertEqual(a.energySavedTce, 120)
        XCTAssertEqual(a.origin, RecordOrigin(file: "reg.csv", line: 2))
    }

    func testUnknownColumnsWarnOnceAndTitleRowsAreSkipped() throws {
        let text = "虹口区企业名录（2025）\n\n企业名称,统一社会信用代码,备注,联系人\n上海甲公司,\(code),x,y\n"
        let (reader, rows) = try read(text)
        XCTAssertEqual(rows.count, 1)
        XCTAssertEqual(reader.fileDiagnostics.filter { $0.severity == .warning }.count, 1)
        XCTAssertTrue(reader.fileDiagnostics.contains { $0.message.contains("备注, 联系人") })
        XCTAssertTrue(reader.fileDiagnostics.contains { $0.message.contains("skipped 1 row(s) above the header") })
    }

    func testMissingRequiredColumnIsFatalWithAHint() throws {
        XCTAssertThrowsError(try read("企业名称,年份\n上海甲,2025\n")) { error in
            let diagnostic = error as? Diagnostic
            XCTAssertEqual(diagnostic?.severity, .error)
            XCTAssertTrue(diagnostic?.description.contains("no 统一社会信用代码 (credit_code) column") ?? false, "\(error)")
        }
    }

    func testRejectsNameFileLineAndReason() throws {
        let text = """
            统一社会信用代码,企业名称,年份
            \(code),上海甲公司,2025
            91310109MA7B3YFG54,上海乙公司,2025
            ,上海丙公司,2025
            \(code),,2025
            91310109MA7B3YFG5,上海丁公司,2025
            \(code),上海戊公司,20x5

            """
        let (_, rows) = try read(text)
        let rejects = rows.compactMap { row -> String? in
            if case .rejected(let reject) = row { return reject.diagnostic.description }
            return nil
        }
        XCTAssertEqual(
            rejects,
            [
                "reg.csv:3: error: 统一社会信用代码 \"91310109MA7B3YFG54\": check character is '4' but GB 32100-2015 gives '3'",
                "reg.csv:4: error: 统一社会信用代码: 统一社会信用代码 is empty",
                "reg.csv:5: error: 企业名称: 企业名称 is empty",
                "reg.csv:6: error: 统一社会信用代码 \"91310109MA7B3YFG5\": 统一社会信用代码 must have 18 characters, found 17",
                "reg.csv:7: error: 年份 \"20x5\": not a number (write a year such as 2025)",
            ])
        // Statistics are by year: a year that is there but unreadable refuses the row.
        guard case .rejected(let badYear) = rows[5] else { return XCTFail("a bad year rejects the row") }
        XCTAssertEqual(
            badYear.diagnostic.description, "reg.csv:7: error: 年份 \"20x5\": not a number (write a year such as 2025)")
    }

    func testShareParsing() throws {
        XCTAssertEqual(try ValueParsing.share("35%"), Decimal(string: "0.35"))
        XCTAssertEqual(try ValueParsing.share("0.35"), Decimal(string: "0.35"))
        XCTAssertEqual(try ValueParsing.share("35"), Decimal(string: "0.35"))
        XCTAssertEqual(try ValueParsing.share("３５％"), Decimal(string: "0.35"))
        XCTAssertNil(try ValueParsing.share(" "))
        XCTAssertThrowsError(try ValueParsing.share("150%"))
        XCTAssertThrowsError(try ValueParsing.share("abc"))
    }
}

/// The checker's per-field column table is indexed by `RegisterField.position`, which must be
/// each field's place in `allCases`.
final class RegisterFieldPositionTests: XCTestCase {
    /// The byte-level share reader (the register check's fast path) against the full reading
    /// of the same cells: a plain number, a percentage or a number above 1 read as one, divided
    /// by 100 with Decimal arithmetic. Same value and same text, on random plain cells.
    func testPlainShareAgreesWithDecimalArithmetic() {
        var generator = SystemRandomNumberGenerator()
        func reference(_ text: String) -> Decimal? {
            var digits = text
            let percent = digits.hasSuffix("%")
            if percent { digits.removeLast() }
            guard var value = Decimal(string: digits, locale: Locale(identifier: "en_US_POSIX")) else { return nil }
            if percent || value > 1 { value /= 100 }
            return value >= 0 && value <= 1 ? value : nil
        }
        for _ in 0..<20_000 {
            let whole = Int.random(in: 0...150, using: &generator)
            let decimals = Int.random(in: 0...3, using: &generator)
            var text = String(whole)
            if decimals > 0 {
                text += "." + (0..<decimals).map { _ in String(Int.random(in: 0...9, using: &generator)) }.joined()
            }
            if Bool.random(using: &generator) { text += "%" }
            var bytes = text
            let fast = bytes.withUTF8 { ValueParsing.plainShare(utf8: $0) }
            let expected = reference(text)
            XCTAssertEqual(fast, expected, text)
            XCTAssertEqual(fast?.description, expected?.description, text)
            XCTAssertEqual(try? ValueParsing.share(text), expected, text)
        }
        for text in ["", "%", "-5%", "+", "1.2.3", "５０%", "50 %"] {
            var bytes = text
            XCTAssertNil(bytes.withUTF8 { ValueParsing.plainShare(utf8: $0) }, text)
        }
    }

    func testPositionIsTheIndexInAllCases() {
        for (index, field) in RegisterField.allCases.enumerated() {
            XCTAssertEqual(field.position, index, "\(field)")
        }
    }
}
