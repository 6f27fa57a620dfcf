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
