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
