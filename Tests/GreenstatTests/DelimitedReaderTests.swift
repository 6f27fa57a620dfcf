import GreenstatTable
import XCTest

/// The streaming CSV/TSV reader: quoting, line numbers, BOM, chunk boundaries, bad input.
final class DelimitedReaderTests: XCTestCase {
    private func rows(_ text: String, delimiter: UInt8? = nil, chunk: Int = 1 << 20) throws -> [DelimitedRow] {
        var reader = try DelimitedReader(source: MemoryByteSource(text: text), delimiter: delimiter, chunkSize: chunk)
        var out: [DelimitedRow] = []
        while let row = try reader.next() { out.append(row) }
        return out
    }

    func testQuotedFieldsAndLineNumbers() throws {
        let found = try rows("\u{FEFF}a,b,c\n1,\"x, y\",\"say \"\"hi\"\"\"\n2,\"multi\nline\",z\r\n3,,\n")
        XCTAssertEqual(
            found.map(\.fields),
            [["a", "b", "c"], ["1", "x, y", "say \"hi\""], ["2", "multi\nline", "z"], ["3", "", ""]])
        XCTAssertEqual(found.map(\.line), [1, 2, 3, 5])
    }

    func testSniffsTabs() throws {
        let found = try rows("名称\t代码\n上海,甲\t1\n")
        XCTAssertEqual(found[1].fields, ["上海,甲", "1"])
    }

    func testUnbalancedQuoteIsReportedNotFatal() throws {
        let found = try rows("a,b\n1,\"open\n2,3\n")
        XCTAssertEqual(found.count, 2)
        XCTAssertTrue(found[1].problems.contains { $0.contains("never closed") }, "\(found[1].problems)")
    }

    func testStrayQuoteKeptAsText() throws {
        let found = try rows("a,b\n1,ab\"c\n")
        XCTAssertEqual(found[1].fields, ["1", "ab\"c"])
        XCTAssertFalse(found[1].problems.isEmpty)
    }

    func testInvalidUTF8Reported() throws {
        var bytes = Array("a,b\n1,".utf8)
        bytes += [0xC3, 0x28, 0x0A]
        var reader = try DelimitedReader(source: MemoryByteSource(bytes))
        _ = try reader.next()
        let row = try XCTUnwrap(try reader.next())
        XCTAssertTrue(row.problems.contains { $0.contains("not valid UTF-8") })
    }

    /// Property: writing random fields and reading them back gives the same fields, whatever the
    /// chunk size (so chunk boundaries inside quotes, CRLF and UTF-8 sequences are handled).
    func testRoundTripProperty() throws {
        var generator = SystemRandomNumberGenerator()
        let pieces = ["a", "碳", "，", ",", "\"", "\n", "\r\n", " ", "ＣＣＥＲ", "x\ty", "", "；"]
        for delimiter in [",", "\t"] {
            let writer = DelimitedWriter(delimiter: Character(delimiter))
            for _ in 0..<60 {
                let table = (0..<Int.random(in: 1...6, using: &generator)).map { _ in
                    (0..<4).map { _ in
                        (0..<Int.random(in: 0...5, using: &generator)).map { _ in
                            pieces.randomElement(using: &generator)!
                        }.joined()
                    }
                }
                let text = table.map(writer.line).joined()
                for chunk in [16, 17, 64, 1 << 20] {
                    let found = try rows(text, delimiter: UInt8(ascii: Unicode.Scalar(delimiter)!), chunk: chunk)
                    XCTAssertEqual(found.map(\.fields), table, "chunk \(chunk): \(text.debugDescription)")
                }
            }
        }
    }
}

/// An unclosed quote early in a long file does not gather the whole file in memory.
final class UnclosedQuoteMemoryTests: XCTestCase {
    func testFieldIsCappedAndTheRowReportedUnreadable() throws {
        var text = "a,b\n1,\"never closed\n"
        text += String(repeating: "2,filler line of text\n", count: 120_000)  // ~2.6 MB after the quote
        var reader = try DelimitedReader(source: MemoryByteSource(text: text), chunkSize: 1 << 16)
        _ = try reader.next()
        let row = try XCTUnwrap(try reader.next())
        XCTAssertEqual(row.line, 2)
        XCTAssertNotNil(row.unreadable)
        XCTAssertLessThanOrEqual(row.fields.map(\.utf8.count).reduce(0, +), DelimitedReader.maximumFieldBytes + 16)
        XCTAssertNil(try reader.next())
    }
}
