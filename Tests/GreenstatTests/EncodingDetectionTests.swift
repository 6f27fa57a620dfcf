import Foundation
import GreenstatTable
import XCTest

/// Text decoding: detection, explicit encodings, chunk boundaries, and undecodable bytes reported
/// with line and byte offset.
final class EncodingDetectionTests: XCTestCase {
    /// Everything `source` yields, read `maxCount` bytes at a time.
    private func drain(_ source: TranscodingByteSource, maxCount: Int = 1 << 20) throws -> [UInt8] {
        var out: [UInt8] = []
        while try source.read(into: &out, maxCount: maxCount) > 0 {}
        return out
    }

    private func decode(
        _ bytes: [UInt8], encoding: TextEncoding? = nil, chunkSize: Int = 1 << 20, maxCount: Int = 1 << 20
    ) throws -> (text: String, source: TranscodingByteSource) {
        let source = try TranscodingByteSource(
            source: MemoryByteSource(bytes), encoding: encoding, name: "t.csv", chunkSize: chunkSize)
        let out = try drain(source, maxCount: maxCount)
        return (try XCTUnwrap(String(validating: out, as: UTF8.self)), source)
    }

    /// GB18030 bytes of `text`, made with the C library (the reference the tests compare against).
    private func gb18030(_ text: String) -> [UInt8] {
        let converter = iconv_open("GB18030", "UTF-8")!
        defer { iconv_close(converter) }
        var input = Array(text.utf8).map { CChar(bitPattern: $0) }
        var output = [CChar](repeating: 0, count: input.count * 2 + 16)
        var inLeft = input.count
        var outLeft = output.count
        input.withUnsafeMutableBufferPointer { inBuffer in
            output.withUnsafeMutableBufferPointer { outBuffer in
                var inPointer = inBuffer.baseAddress
                var outPointer = outBuffer.baseAddress
                _ = iconv(converter, &inPointer, &inLeft, &outPointer, &outLeft)
            }
        }
        return output[0..<(output.count - outLeft)].map { UInt8(bitPattern: $0) }
    }

    private let sample = "统一社会信用代码,企业名称,经营范围\n91310109AY4CL12TH7,上海𠮷能·低碳科技有限公司,\"节能技术服务，合同能源管理\"\n"

    func testDetectsByteOrderMarksUTF16AndGB18030() throws {
        let utf8 = Array(sample.utf8)
        let cases: [([UInt8], TextEncoding, String)] = [
            (utf8, .utf8, "valid UTF-8"),
            ([0xEF, 0xBB, 0xBF] + utf8, .utf8, "UTF-8 byte-order mark"),
            (
                [0xFF, 0xFE] + sample.utf16.flatMap { [UInt8($0 & 0xFF), UInt8($0 >> 8)] }, .utf16LE,
                "UTF-16LE byte-order mark"
            ),
            (
                [0xFE, 0xFF] + sample.utf16.flatMap { [UInt8($0 >> 8), UInt8($0 & 0xFF)] }, .utf16BE,
                "UTF-16BE byte-order mark"
            ),
            (
                "code,name\n1,a\n".utf16.flatMap { [UInt8($0 & 0xFF), UInt8($0 >> 8)] }, .utf16LE,
                "NUL bytes in UTF-16 positions"
            ),
            (gb18030(sample), .gb18030, "not valid UTF-8"),
        ]
        for (bytes, encoding, reason) in cases {
            let (text, source) = try decode(bytes)
            XCTAssertEqual(source.encoding, encoding, reason)
            XCTAssertEqual(source.reason, reason)
            XCTAssertTrue(source.wasDetected)
            XCTAssertTrue(text.hasPrefix("统一社会信用代码") || text.hasPrefix("code"), "byte-order mark dropped: \(reason)")
            if encoding != .utf16LE || reason.contains("mark") { XCTAssertEqual(text, sample, reason) }
        }
    }

    func testExplicitEncodingOverridesDetection() throws {
        // C3 A9 is "é" in UTF-8 and "茅" in GBK.
        XCTAssertEqual(try decode([0xC3, 0xA9]).text, "é")
        let (text, source) = try decode([0xC3, 0xA9], encoding: .gbk)
        XCTAssertEqual(text, "茅")
        XCTAssertFalse(source.wasDetected)
        XCTAssertEqual(source.reason, "given")
        // A matching byte-order mark is dropped; a contradicting one is an error, not mojibake.
        XCTAssertEqual(try decode([0xEF, 0xBB, 0xBF, 0x61], encoding: .utf8).text, "a")
        XCTAssertThrowsError(try decode([0xEF, 0xBB, 0xBF, 0x61], encoding: .gb18030)) { error in
            XCTAssertEqual(
                (error as? InputFormatError)?.message,
                "the file starts with a UTF-8 byte-order mark but was to be read as GB18030")
        }
    }

    func testEncodingNames() {
        XCTAssertEqual(TextEncoding(name: "UTF8"), .utf8)
        XCTAssertEqual(TextEncoding(name: "gb2312"), .gb18030)
        XCTAssertEqual(TextEncoding(name: "CP936"), .gbk)
        XCTAssertEqual(TextEncoding(name: "utf_16_be"), .utf16BE)
        XCTAssertNil(TextEncoding(name: "latin1"))
        XCTAssertEqual(TextEncoding.acceptedNames, "utf-8, gb18030, gbk, utf-16le, utf-16be")
    }

    func testMultiByteCharactersSplitAcrossChunksDecodeExactly() throws {
        let text = String(repeating: sample, count: 40)
        let gb = gb18030(text)
        let utf16: [UInt8] = [0xFF, 0xFE] + text.utf16.flatMap { [UInt8($0 & 0xFF), UInt8($0 >> 8)] }
        for chunkSize in [64, 65, 66, 67, 97, 1000] {
            for maxCount in [1, 7, 4096] {
                XCTAssertEqual(
                    try decode(gb, chunkSize: chunkSize, maxCount: maxCount).text, text, "\(chunkSize)/\(maxCount)")
                XCTAssertEqual(try decode(utf16, chunkSize: chunkSize, maxCount: maxCount).text, text)
                XCTAssertEqual(try decode(Array(text.utf8), chunkSize: chunkSize, maxCount: maxCount).text, text)
                let marked = [0xEF, 0xBB, 0xBF] + Array(text.utf8)
                XCTAssertEqual(try decode(marked, chunkSize: chunkSize, maxCount: maxCount).text, text)
            }
        }
    }

    func testUndecodableBytesThrowWithLineAndOffsetEvenMidStream() throws {
        let lines = (1...200).map { "91310109AY4CL12TH7,上海甲碳核查有限公司第\($0)号\n" }
        var gb = gb18030(lines.joined())
        let bad = gb18030(lines[0..<150].joined()).count + 19
        gb.insert(0xFF, at: bad)
        let source = try TranscodingByteSource(source: MemoryByteSource(gb), name: "reg.csv", chunkSize: 256)
        XCTAssertThrowsError(try drain(source, maxCount: 100).count) { error in
            let error = error as? InputFormatError
            XCTAssertEqual(error?.line, 151)
            XCTAssertEqual(error?.byteOffset, bad)
            XCTAssertEqual(error?.file, "reg.csv")
            XCTAssertTrue(
                error?.message.hasPrefix("undecodable GB18030 byte FF at line 151, byte offset \(bad) (followed by")
                    ?? false,
                "\(String(describing: error))")
        }

        var utf8 = Array(lines.joined().utf8)
        let utf8Bad = Array(lines[0..<120].joined().utf8).count + 19
        utf8[utf8Bad + 1] = 0x41  // the second byte of 上 (E4 B8 8A) replaced: E4 41
        XCTAssertThrowsError(try decode(utf8, chunkSize: 300, maxCount: 64)) { error in
            let error = error as? InputFormatError
            XCTAssertEqual(error?.line, 121)
            XCTAssertEqual(error?.byteOffset, utf8Bad)
            XCTAssertTrue(
                error?.message.hasPrefix("undecodable UTF-8 byte sequence E4 41 at line 121, byte offset \(utf8Bad)")
                    ?? false, "\(String(describing: error))")
        }
    }

    func testTruncatedCharacterAtTheEndIsAnError() throws {
        XCTAssertThrowsError(try decode(gb18030("甲乙\n丙") + [0x81], encoding: .gb18030)) { error in
            XCTAssertTrue(
                (error as? InputFormatError)?.message.hasPrefix(
                    "the file ends inside a GB18030 character (bytes 81 at line 2, byte offset 7)") ?? false,
                "\(error)")
        }
        XCTAssertThrowsError(try decode(Array("甲\n乙".utf8) + [0xE4, 0xB8])) { error in
            XCTAssertTrue(
                (error as? InputFormatError)?.message.hasPrefix(
                    "the file ends inside a UTF-8 character (bytes E4 B8 at line 2, byte offset 7)") ?? false,
                "\(error)")
        }
        XCTAssertThrowsError(try decode([0xFF, 0xFE, 0x3D, 0xD8])) { error in  // a lone high surrogate
            XCTAssertTrue((error as? InputFormatError)?.message.contains("UTF-16LE") ?? false, "\(error)")
        }
    }

    func testMostlyUTF8WithAForeignLineIsReadAsUTF8AndReportedThere() {
        var bytes = Array(String(repeating: "上海甲碳核查有限公司\n", count: 20).utf8)
        bytes += [0xC9, 0xCF, 0xBA, 0xA3, 0x0A]  // 上海 in GBK
        XCTAssertEqual(EncodingGuess.detect(prefix: bytes, atEnd: true).encoding, .utf8)
        XCTAssertThrowsError(try decode(bytes)) { error in
            XCTAssertEqual((error as? InputFormatError)?.line, 21)
        }
    }

    /// Random mixes of valid and invalid UTF-8, validated in random chunks, agree with the standard
    /// library about validity, and line numbers agree with a plain count.
    func testUTF8ValidationAgreesWithTheStandardLibrary() throws {
        var generator = SystemRandomNumberGenerator()
        let pieces: [[UInt8]] = [
            Array("a,b\n".utf8), Array("上海\n".utf8), Array("节能环保技术服务".utf8), Array("𠮷".utf8), Array("é".utf8),
            [0x0A], [0xFF], [0xC0, 0x80],
            [0xED, 0xA0, 0x80], [0xF4, 0x90, 0x80, 0x80], [0xE4, 0xB8], [0x80], Array("12345678".utf8),
        ]
        for _ in 0..<1_000 {
            var bytes: [UInt8] = []
            for _ in 0..<Int.random(in: 0...40, using: &generator) {
                bytes +=
                    pieces[Int.random(in: 0..<(Bool.random(using: &generator) ? 7 : pieces.count), using: &generator)]
            }
            let valid = String(validating: bytes, as: UTF8.self) != nil
            let chunk = Int.random(in: 64...80, using: &generator)
            do {
                let out = try decode(bytes, encoding: .utf8, chunkSize: chunk, maxCount: Int.random(in: 1...9)).text
                XCTAssertTrue(valid, "accepted invalid \(bytes)")
                XCTAssertEqual(Array(out.utf8), bytes)
            } catch let error as InputFormatError {
                XCTAssertFalse(valid, "refused valid \(bytes): \(error)")
                let offset = try XCTUnwrap(error.byteOffset)
                XCTAssertNotNil(
                    String(validating: bytes[..<offset], as: UTF8.self), "bytes before the offset are valid")
                XCTAssertEqual(error.line, bytes[..<offset].filter { $0 == 0x0A }.count + 1)
            }
        }
    }
}
