import GreenstatBytes
import XCTest

@testable import GreenstatData

/// The compact duplicate table behaves like a dictionary, through growth and colliding keys.
final class FingerprintTableTests: XCTestCase {
    func testMatchesADictionary() {
        var generator = SystemRandomNumberGenerator()
        var table = FingerprintTable()
        var reference: [UInt64: UInt64] = [:]
        let keys: [UInt64] = [0, 1] + (0..<20_000).map { _ in UInt64.random(in: 0...5_000, using: &generator) }
        for key in keys {
            let value = UInt64.random(in: 0...UInt64.max, using: &generator)
            if table.value(for: key) == nil {
                XCTAssertNil(reference[key == 0 ? 1 : key])
                table.insert(key, value: value)
                reference[key == 0 ? 1 : key] = value
            }
            XCTAssertEqual(table.value(for: key), reference[key == 0 ? 1 : key])
        }
        XCTAssertEqual(table.count, reference.count)
    }
}

/// `RepeatedKeyFinder` finds exactly the keys added more than once, in memory and across runs
/// spilled to disk.
final class RepeatedKeyFinderTests: XCTestCase {
    func testFindsExactlyTheRepeatedKeysWhateverTheRunLength() throws {
        var generator = SystemRandomNumberGenerator()
        for _ in 0..<12 {
            let count = Int.random(in: 0..<3_000, using: &generator)
            // Few distinct values, so repeats are common; some runs hold only one key.
            let range = UInt64.random(in: 1...20_000, using: &generator)
            let keys = (0..<count).map { _ in UInt64.random(in: 0..<range, using: &generator) &* 0x9E37_79B9_7F4A_7C15 }
            var seen: [UInt64: Int] = [:]
            for key in keys { seen[key, default: 0] += 1 }
            let expected = Set(seen.filter { $0.value > 1 }.keys)
            let directory = try Fixtures.temporaryDirectory()
            for runLength in [2, 29, 1_000, 1 << 20] {
                var finder = RepeatedKeyFinder(runLength: runLength, directory: directory)
                for key in keys { try finder.add(key) }
                XCTAssertEqual(try finder.finish(), expected, "run length \(runLength)")
                // The run files are gone.
                XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: directory.path), [])
            }
        }
    }
}

/// The duplicate check's byte hash: a function of the bytes alone (the same in every run, however
/// the bytes are laid out), and telling apart every prefix and every one-byte change.
final class ByteHashTests: XCTestCase {
    private func hash(_ bytes: [UInt8]) -> UInt64 {
        var hasher = ByteHash()
        bytes.withUnsafeBytes { hasher.combine(bytes: $0) }
        return hasher.finalize()
    }

    func testEqualBytesHashEqualAndChangesDiffer() {
        var generator = SystemRandomNumberGenerator()
        var seen: [UInt64: [UInt8]] = [:]
        for length in 0..<70 {
            let bytes = (0..<length).map { _ in UInt8.random(in: 0...255, using: &generator) }
            // The same bytes at another address hash the same.
            let copy = [UInt8](repeating: 7, count: 3) + bytes
            let shifted = copy.withUnsafeBytes { raw -> UInt64 in
                var hasher = ByteHash()
                hasher.combine(bytes: UnsafeRawBufferPointer(rebasing: raw[3...]))
                return hasher.finalize()
            }
            XCTAssertEqual(hash(bytes), shifted)
            // Every prefix and every single-byte change hashes differently (no collision among them).
            for prefix in 0...length {
                let part = Array(bytes[0..<prefix])
                if let other = seen[hash(part)] { XCTAssertEqual(other, part, "collision") }
                seen[hash(part)] = part
            }
            for index in 0..<length {
                var changed = bytes
                changed[index] ^= 1 << UInt8(index % 8)
                XCTAssertNotEqual(hash(changed), hash(bytes), "length \(length), byte \(index)")
            }
        }
        // A field boundary counts: ("ab", "c") and ("a", "bc") differ.
        var first = ByteHash()
        var second = ByteHash()
        Array("ab".utf8).withUnsafeBytes { first.combine(bytes: $0) }
        Array("c".utf8).withUnsafeBytes { first.combine(bytes: $0) }
        Array("a".utf8).withUnsafeBytes { second.combine(bytes: $0) }
        Array("bc".utf8).withUnsafeBytes { second.combine(bytes: $0) }
        XCTAssertNotEqual(first.finalize(), second.finalize())
    }
}
