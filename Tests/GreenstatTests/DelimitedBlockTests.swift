import GreenstatTable
import XCTest

/// Cutting text into blocks (`DelimitedReader.nextChunk`) and parsing them on their own
/// (`DelimitedBlockParser`) gives exactly the rows of `DelimitedReader.next()`: fields, lines,
/// problems and unreadable rows, for any block size.
final class DelimitedBlockTests: XCTestCase {
    /// Rows read one at a time, the reference.
    private func sequentialRows(_ bytes: [UInt8], chunkSize: Int) throws -> [DelimitedRow] {
        var reader = try DelimitedReader(source: MemoryByteSource(bytes), chunkSize: chunkSize)
        var rows: [DelimitedRow] = []
        while let row = try reader.next() { rows.append(row) }
        return rows
    }

    /// Rows read through blocks.
    private func blockRows(_ bytes: [UInt8], chunkSize: Int, blockBytes: Int) throws -> [DelimitedRow] {
        var reader = try DelimitedReader(source: MemoryByteSource(bytes), chunkSize: chunkSize)
        var rows: [DelimitedRow] = []
        var raw = RawRow()
        while let chunk = try reader.nextChunk(targetBytes: blockBytes) {
            switch chunk {
            case .row(let row): rows.append(row)
            case .block(let block):
                var parser = DelimitedBlockParser(block)
                while parser.next(into: &raw) { rows.append(raw.delimitedRow) }
            }
        }
        return rows
    }

    func testBlocksGiveTheRowsOfTheSequentialReaderProperty() throws {
        var generator = SystemRandomNumberGenerator()
        let pieces: [[UInt8]] = [
            Array("碳".utf8), Array("ab".utf8), [UInt8(ascii: ",")], [UInt8(ascii: ",")], [UInt8(ascii: "\"")],
            Array("\"\"".utf8), [0x0A], [0x0D, 0x0A], [0x0D], Array(" ".utf8), [0xFF], Array("\"x,y\"".utf8),
            Array("\"多\n行\"".utf8),
        ]
        for round in 0..<500 {
            var bytes: [UInt8] = round % 5 == 0 ? [0xEF, 0xBB, 0xBF] : []
            for _ in 0..<Int.random(in: 0...80, using: &generator) {
                bytes += pieces.randomElement(using: &generator)!
            }
            let chunkSize = [16, 64, 4096].randomElement(using: &generator)!
            let blockBytes = [1, 7, 64, 1 << 20].randomElement(using: &generator)!
            let expected = try sequentialRows(bytes, chunkSize: chunkSize)
            let got = try blockRows(bytes, chunkSize: chunkSize, blockBytes: blockBytes)
            XCTAssertEqual(got, expected, "round \(round): \(String(decoding: bytes, as: UTF8.self).debugDescription)")
        }
    }

    func testAnUnclosedQuoteIsOneUnreadableRowAndTheRestStillReads() throws {
        var text = "a,b\n1,\"open\n"
        text += String(repeating: "x,y\n", count: 50_000)
        let bytes = Array(text.utf8)
        let expected = try sequentialRows(bytes, chunkSize: 1 << 16)
        let got = try blockRows(bytes, chunkSize: 1 << 16, blockBytes: 1 << 12)
        XCTAssertEqual(got, expected)
        XCTAssertEqual(got.count, 2)
        XCTAssertNotNil(got[1].unreadable)
    }

    func testLinesAreCountedAcrossBlocks() throws {
        let text = "h1,h2\r\n1,\"a\nb\"\r\n2,c\r3,d\n\n4,e"
        let got = try blockRows(Array(text.utf8), chunkSize: 16, blockBytes: 1)
        XCTAssertEqual(got.map(\.line), [1, 2, 4, 5, 6, 7])
        XCTAssertEqual(got.last?.fields, ["4", "e"])
    }
}
