import XCTest

@testable import GreenstatCore

/// The segment memo gives exactly what folding a field and scanning it in one pass gives: the
/// same folded bytes and the same matches in the same order, on first sight and from memory,
/// when the memo overflows, and when one memo serves two dictionaries.
final class SegmentMemoTests: XCTestCase {
    /// Fold and scan in one pass: the reference.
    private func reference(_ text: String, _ matcher: MultiPatternMatcher) -> ([UInt8], [PatternMatch]) {
        let folded = TextNormalizer.fold(text)
        var found: [PatternMatch] = []
        folded.withUnsafeBufferPointer { buffer in
            matcher.forEachMatch(in: buffer) { id, start, end in
                found.append(PatternMatch(pattern: Int32(id), start: Int32(start), end: Int32(end)))
            }
        }
        return (folded, found)
    }

    /// Through the memo, written after `prefix` bytes of other text (positions count from there).
    private func memoized(
        _ text: String, _ matcher: MultiPatternMatcher, _ separators: SegmentSeparators, _ owner: SegmentMemoOwner,
        _ memo: inout SegmentMemo, prefix: Int
    ) -> ([UInt8], [PatternMatch]) {
        var text = text
        var output = [UInt8](repeating: 0xFF, count: prefix + text.utf8.count)
        var found: [PatternMatch] = []
        var buffers = MatchBuffers()
        let end = text.withUTF8 { field in
            output.withUnsafeMutableBufferPointer { buffer in
                memo.foldAndScan(
                    field, separators: separators, matcher: matcher, token: owner, into: buffer.baseAddress!,
                    at: prefix, found: &found, buffers: &buffers)
            }
        }
        let shifted = found.map {
            PatternMatch(pattern: $0.pattern, start: $0.start - Int32(prefix), end: $0.end - Int32(prefix))
        }
        return (Array(output[prefix..<end]), shifted)
    }

    private static let pieces = [
        "技术服务", "技术开发", "节能技术", "碳", "碳排放", "排放核查", "ＣＣＥＲ", "ccer", "光伏", "设备", "（", "）", "、", "，",
        "；", "。", "：", ",", ";", "(", ")", "/", " ", "\u{3000}", "【", "】", "一般项目", "许可项目", "及", "Ab", "０９",
        "依法须经批准的项目，经相关部门批准后方可开展经营活动",
    ]

    /// Property: random dictionaries (some phrases holding a separator, which then does not
    /// cut) and random 经营范围-like texts, each classified several times through one memo.
    func testSameAsOnePassProperty() {
        var generator = SystemRandomNumberGenerator()
        for round in 0..<60 {
            let phrases = (0..<Int.random(in: 1...10, using: &generator)).map { _ in
                (0..<Int.random(in: 1...3, using: &generator)).map { _ in Self.pieces.randomElement(using: &generator)!
                }
                .joined()
            }
            let patterns = phrases.map(TextNormalizer.fold)
            let texts = (0..<8).map { _ in
                (0..<Int.random(in: 0...60, using: &generator)).map { _ in Self.pieces.randomElement(using: &generator)!
                }
                .joined()
            }
            assertSameAsOnePass(
                texts, patterns: patterns, entryLimit: round % 2 == 0 ? 4 : 1 << 10, passes: 3,
                "round \(round) with \(phrases)")
        }
    }

    /// Runs `texts` through one memo `passes` times and compares each result with one pass.
    private func assertSameAsOnePass(
        _ texts: [String], patterns: [[UInt8]], entryLimit: Int, passes: Int, _ context: String
    ) {
        let matcher = MultiPatternMatcher(patterns: patterns)
        let separators = SegmentSeparators(patterns: patterns)
        let owner = SegmentMemoOwner()
        var memo = SegmentMemo(entryLimit: entryLimit)
        for pass in 0..<passes {
            for (number, text) in texts.enumerated() {
                let expected = reference(text, matcher)
                let got = memoized(text, matcher, separators, owner, &memo, prefix: number % 3)
                XCTAssertEqual(got.0, expected.0, "\(context), pass \(pass): \(text)")
                XCTAssertEqual(got.1, expected.1, "\(context), pass \(pass): \(text)")
            }
        }
    }

    /// Thousands of different segments: the memo grows its table, empties itself when full and
    /// still gives what one pass gives, on first sight and from memory.
    func testGrowsAndEmptiesWhenFull() {
        let texts = (0..<30).map { block in
            (0..<100).map { "技术服务\(block * 100 + $0)碳" }.joined(separator: "、")
        }
        assertSameAsOnePass(
            texts, patterns: ["技术服务", "碳", "3"].map(TextNormalizer.fold), entryLimit: 1 << 10, passes: 2,
            "3,000 segments")
    }

    /// A separator inside a phrase does not cut: 节能、环保 is still found whole.
    func testSeparatorInAPhraseDoesNotCut() {
        let patterns = ["节能、环保", "环保"].map(TextNormalizer.fold)
        let matcher = MultiPatternMatcher(patterns: patterns)
        let separators = SegmentSeparators(patterns: patterns)
        var memo = SegmentMemo()
        let owner = SegmentMemoOwner()
        for _ in 0..<2 {
            let got = memoized("技术服务、节能、环保；咨询", matcher, separators, owner, &memo, prefix: 0)
            XCTAssertEqual(got.1.map(\.pattern), [0, 1])
        }
    }

    /// One memo, two dictionaries: the entries of the first are not used for the second.
    func testAnotherDictionaryEmptiesTheMemo() {
        var memo = SegmentMemo()
        let text = "技术服务、碳排放核查；光伏设备"
        let first = MultiPatternMatcher(patterns: ["碳排放"].map(TextNormalizer.fold))
        let second = MultiPatternMatcher(patterns: ["光伏", "核查"].map(TextNormalizer.fold))
        for (matcher, patterns) in [(first, ["碳排放"]), (second, ["光伏", "核查"]), (first, ["碳排放"])] {
            let folded = patterns.map(TextNormalizer.fold)
            let got = memoized(
                text, matcher, SegmentSeparators(patterns: folded), SegmentMemoOwner(), &memo, prefix: 5)
            XCTAssertEqual(got.1, reference(text, matcher).1)
        }
    }
}
