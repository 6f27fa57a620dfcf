import GreenstatTable
import XCTest

/// FIPS 180-4 test vectors, and chunking independence.
final class SHA256Tests: XCTestCase {
    private func hex(_ text: String) -> String {
        var hash = SHA256()
        hash.update(Array(text.utf8))
        return hash.finalizeHex()
    }

    func testKnownVectors() {
        XCTAssertEqual(hex(""), "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
        XCTAssertEqual(hex("abc"), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
        XCTAssertEqual(
            hex("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq"),
            "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1")
        XCTAssertEqual(
            hex(String(repeating: "a", count: 1_000_000)),
            "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0")
    }

    func testChunkingDoesNotMatter() {
        let bytes = (0..<5000).map { UInt8(truncatingIfNeeded: $0 * 7) }
        var whole = SHA256()
        whole.update(bytes)
        var pieces = SHA256()
        var index = 0
        for size in [1, 63, 64, 65, 128, 1000, 3679] {
            pieces.update(bytes[index..<min(index + size, bytes.count)])
            index += size
        }
        XCTAssertEqual(pieces.finalizeHex(), whole.finalizeHex())
    }
}
