import GreenstatBytes
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

/// The word-at-a-time byte tests agree with the byte-by-byte rule.
final class ByteWordTests: XCTestCase {
    func testMarksExactlyTheEqualBytesProperty() {
        var generator = SystemRandomNumberGenerator()
        let interesting: [UInt8] = [0x00, 0x01, 0x0A, 0x0D, 0x22, 0x2C, 0x7F, 0x80, 0x81, 0xE4, 0xFF]
        for _ in 0..<20_000 {
            let bytes = (0..<8).map { _ in
                Bool.random(using: &generator)
                    ? interesting.randomElement(using: &generator)! : UInt8.random(in: 0...255, using: &generator)
            }
            let target = interesting.randomElement(using: &generator)!
            let mask = bytes.withUnsafeBufferPointer {
                ByteWord.equalBytes(ByteWord.load($0.baseAddress!), ByteWord.repeating(target))
            }
            var expected: UInt64 = 0
            for (index, byte) in bytes.enumerated() where byte == target { expected |= 0x80 << (8 * UInt64(index)) }
            XCTAssertEqual(mask, expected, "\(bytes) \(target)")
            if let first = bytes.firstIndex(of: target) { XCTAssertEqual(ByteWord.firstMarked(mask), first) }
        }
    }
}
