import GreenstatCore
import XCTest

/// The Aho–Corasick automaton finds exactly what a naive search finds.
final class MatcherTests: XCTestCase {
    private func naive(_ patterns: [[UInt8]], _ text: [UInt8]) -> [String] {
        var found: [String] = []
        for end in 1...max(1, text.count) where end <= text.count {
            for (id, pattern) in patterns.enumerated() where !pattern.isEmpty && pattern.count <= end {
                if Array(text[(end - pattern.count)..<end]) == pattern { found.append("\(id)@\(end - pattern.count)") }
            }
        }
        return found.sorted()
    }

    func testChineseOverlaps() {
        let patterns = ["碳", "碳排放", "排放核查", "核查"].map { Array($0.utf8) }
        let matcher = MultiPatternMatcher(patterns: patterns)
        let text = Array("重点单位碳排放核查".utf8)
        let found = matcher.matches(in: text).map { "\($0.pattern)@\($0.range.lowerBound)" }.sorted()
        XCTAssertEqual(found, naive(patterns, text))
        XCTAssertEqual(found.count, 4)
    }

    /// Property: random patterns over a small alphabet, random texts: same matches as naive search.
    func testMatchesNaiveSearchProperty() {
        var generator = SystemRandomNumberGenerator()
        let alphabet: [UInt8] = [0x61, 0x62, 0x63, 0xE7, 0xA2, 0xB3]
        for _ in 0..<200 {
            let patterns = (0..<Int.random(in: 1...12, using: &generator)).map { _ in
                (0..<Int.random(in: 1...4, using: &generator)).map { _ in alphabet.randomElement(using: &generator)! }
            }
            let text = (0..<Int.random(in: 0...40, using: &generator)).map { _ in
                alphabet.randomElement(using: &generator)!
            }
            let matcher = MultiPatternMatcher(patterns: patterns)
            let found = matcher.matches(in: text).map { "\($0.pattern)@\($0.range.lowerBound)" }.sorted()
            XCTAssertEqual(found, naive(patterns, text))
        }
    }

    func testFoldingMakesASCIICaseAndFullWidthEqual() {
        XCTAssertEqual(TextNormalizer.fold("ＣＣＥＲ（碳）；ccer"), TextNormalizer.fold("ccer(碳);CCER"))
        XCTAssertEqual(String(decoding: TextNormalizer.fold("【LNG】\u{3000}Ｖ２Ｇ"), as: UTF8.self), "(lng) v2g")
    }
}

/// Folded offsets map back to the text as written.
final class FoldOriginTests: XCTestCase {
    func testOriginsPointIntoTheOriginal() {
        let text = "光伏（ＢＩＰＶ）Ab"
        let (bytes, origins) = TextNormalizer.foldWithOrigins(text)
        XCTAssertEqual(String(decoding: bytes, as: UTF8.self), "光伏(bipv)ab")
        XCTAssertEqual(origins.count, bytes.count + 1)
        let original = Array(text.utf8)
        // "(bipv)" starts at folded byte 6 and ends at 12.
        let from = Int(origins[6])
        let to = Int(origins[12])
        XCTAssertEqual(String(decoding: original[from..<to], as: UTF8.self), "（ＢＩＰＶ）")
    }
}

/// The fast fold and the origin-tracking fold always produce the same bytes.
final class FoldAgreementTests: XCTestCase {
    func testFoldPathsAgree() {
        var generator = SystemRandomNumberGenerator()
        let pieces = [
            "碳", "ＣＣＥＲ", "（", "）", "、", "。", "；", "\u{3000}", "【", "】", "Ab", "ｚ", "￥", "…", " ", "一般项目：",
            "节能技术服务", "ccer", "Z", "@[`{",
        ]
        for _ in 0..<2_000 {
            let text = (0..<Int.random(in: 0...30, using: &generator)).map { _ in
                pieces.randomElement(using: &generator)!
            }.joined()
            var general: [UInt8] = []
            TextNormalizer.fold(text, into: &general)
            XCTAssertEqual(TextNormalizer.fold(text), general, text)
            XCTAssertEqual(TextNormalizer.foldWithOrigins(text).bytes, general, text)
        }
    }
}

/// The lockstep scan (`collectMatches`) reports exactly what the one-pass scan reports, in the
/// same order, wherever the text is cut: with and without bytes no pattern contains, long
/// patterns (large overlaps) and texts of every length around the cutting thresholds.
final class LockstepMatcherTests: XCTestCase {
    func testCollectMatchesEqualsForEachMatchProperty() {
        var generator = SystemRandomNumberGenerator()
        // ';' and ',' are in no pattern: the cuts can land after them.
        let patternAlphabet: [UInt8] = [0x61, 0x62, 0x63, 0xE7, 0xA2, 0xB3]
        let textAlphabet = patternAlphabet + [UInt8(ascii: ";"), UInt8(ascii: ",")]
        for round in 0..<400 {
            let longest = round % 3 == 0 ? 60 : 6
            let patterns = (0..<Int.random(in: 1...20, using: &generator)).map { _ in
                (0..<Int.random(in: 1...longest, using: &generator)).map { _ in
                    patternAlphabet.randomElement(using: &generator)!
                }
            }
            let withSeparators = round % 2 == 0
            let text = (0..<Int.random(in: 0...600, using: &generator)).map { _ in
                (withSeparators ? textAlphabet : patternAlphabet).randomElement(using: &generator)!
            }
            let matcher = MultiPatternMatcher(patterns: patterns)
            var expected: [PatternMatch] = []
            var found: [PatternMatch] = []
            var buffers = MatchBuffers()
            text.withUnsafeBufferPointer { buffer in
                matcher.forEachMatch(in: buffer) { id, start, end in
                    expected.append(PatternMatch(pattern: Int32(id), start: Int32(start), end: Int32(end)))
                }
                matcher.collectMatches(in: buffer, into: &found, buffers: &buffers)
            }
            XCTAssertEqual(found, expected, "round \(round), text of \(text.count) bytes")
        }
    }
}
