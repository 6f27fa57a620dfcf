import Foundation
import GreenstatBytes

/// The dictionary pass over text made of standard phrases, remembered: a field is cut at
/// separators no dictionary phrase contains (，；、。 and the like), and for each segment the
/// memo keeps its folded bytes and the matches in them. A segment seen before — the
/// registration phrases of 经营范围 (技术服务、技术开发 …, the 依法须经批准 clauses) recur in
/// most records — costs a hash and a copy instead of a fold and an automaton scan.
///
/// The result is the same as folding the whole field and scanning it in one pass: folding works
/// character by character, and since no phrase contains a separator, no match crosses one and
/// the automaton is back at its root after each. The memo only changes the speed: entries are
/// compared byte for byte, and when it is full it is emptied. One per thread (in
/// `ClassifierScratch`); it belongs to the matcher it was filled by.
struct SegmentMemo {
    /// Where one remembered segment's pieces are in the arenas.
    struct Entry {
        var hash: UInt64
        var keyStart: Int32
        var keyCount: Int32
        var foldedStart: Int32
        var foldedCount: Int32
        var matchStart: Int32
        var matchCount: Int32
    }

    /// Open addressing: entry index + 1 per slot, 0 for empty.
    private var slots: [Int32] = []
    private var entries: [Entry] = []
    /// The segments as written, their folded bytes and their matches (relative to the segment).
    private var keys: [UInt8] = []
    private var folded: [UInt8] = []
    private var matches: [PatternMatch] = []
    /// The matcher the entries were found with.
    private var owner: AnyObject?

    /// How many segments it holds before it is emptied, with twice as many slots; the arenas'
    /// limits follow (64 bytes of text and 8 matches a segment on average).
    private let entryLimit: Int
    private var slotCount: Int { 2 * entryLimit }
    private var byteLimit: Int { 64 * entryLimit }
    private var matchLimit: Int { 8 * entryLimit }

    /// An empty memo for up to `entryLimit` segments (a power of two; 32,768: about 9 MB at most).
    init(entryLimit: Int = 1 << 15) {
        precondition(entryLimit > 0 && entryLimit & (entryLimit - 1) == 0, "a power of two")
        self.entryLimit = entryLimit
    }

    /// The slots an empty memo starts with (doubled as it fills, up to `slotCount`): a memo
    /// used for a few records costs little.
    private static let initialSlots = 512

    /// Empties the memo, keeping its arenas' storage.
    private mutating func clear() {
        slots = [Int32](repeating: 0, count: min(Self.initialSlots, slotCount))
        entries.removeAll(keepingCapacity: true)
        keys.removeAll(keepingCapacity: true)
        folded.removeAll(keepingCapacity: true)
        matches.removeAll(keepingCapacity: true)
    }

    /// Folds `field` into `output` from `start` (room for `field.count` bytes; folding never
    /// lengthens), appends the dictionary matches to `found` (positions in `output`) and returns
    /// the end of the folded text: what folding the field and scanning it would give.
    mutating func foldAndScan(
        _ field: UnsafeBufferPointer<UInt8>, separators: SegmentSeparators, matcher: MultiPatternMatcher,
        token: AnyObject, into output: UnsafeMutablePointer<UInt8>, at start: Int, found: inout [PatternMatch],
        buffers: inout MatchBuffers
    ) -> Int {
        if owner !== token || slots.isEmpty {
            clear()
            owner = token
        }
        guard let base = field.baseAddress else { return start }
        let count = field.count
        var length = start
        var segmentStart = 0
        var index = 0
        // Lanes for the sixteen-byte test (vectors, not scalars: the scalar forms of the lane
        // comparisons are not specialized across modules and run hundreds of times slower).
        let below64 = SIMD16<UInt8>(repeating: 64)
        let lead3 = SIMD16<UInt8>(repeating: 0xE3)
        let leadF = SIMD16<UInt8>(repeating: 0xEF)
        while index < count {
            // Sixteen, then eight bytes at a time while none may start a separator.
            if index &+ 16 <= count {
                let vector = ByteVector.load(base + index)
                guard let first = ByteVector.firstSet((vector .< below64) .| (vector .== lead3) .| (vector .== leadF))
                else {
                    index &+= 16
                    continue
                }
                index &+= first
            } else if index &+ 8 <= count {
                let word = ByteWord.load(base + index)
                let mask = SegmentSeparators.candidates(word)
                if mask == 0 {
                    index &+= 8
                    continue
                }
                index &+= ByteWord.firstMarked(mask)
            }
            let separator = separators.length(at: index, in: base, count: count)
            if separator == 0 {
                index &+= 1
                continue
            }
            length = segment(
                UnsafeBufferPointer(start: base + segmentStart, count: index - segmentStart), matcher: matcher,
                into: output, at: length, found: &found, buffers: &buffers)
            length += TextNormalizer.fold(
                UnsafeBufferPointer(start: base + index, count: separator),
                into: UnsafeMutableBufferPointer(start: output + length, count: separator))
            index &+= separator
            segmentStart = index
        }
        return segment(
            UnsafeBufferPointer(start: base + segmentStart, count: count - segmentStart), matcher: matcher,
            into: output, at: length, found: &found, buffers: &buffers)
    }

    /// Puts entry `index` in the first free slot from its hash's.
    private mutating func place(_ index: Int) {
        let mask = slots.count - 1
        var slot = Int(truncatingIfNeeded: entries[index].hash) & mask
        while slots[slot] != 0 { slot = (slot + 1) & mask }
        slots[slot] = Int32(index + 1)
    }

    /// One segment: from the memo, or folded, scanned and remembered.
    private mutating func segment(
        _ key: UnsafeBufferPointer<UInt8>, matcher: MultiPatternMatcher, into output: UnsafeMutablePointer<UInt8>,
        at start: Int, found: inout [PatternMatch], buffers: inout MatchBuffers
    ) -> Int {
        let count = key.count
        guard count > 0 else { return start }
        var hasher = ByteHash()
        hasher.combine(bytes: UnsafeRawBufferPointer(key))
        let hash = hasher.finalize()
        let mask = slots.count - 1
        var slot = Int(truncatingIfNeeded: hash) & mask
        let hit: Int? = slots.withUnsafeBufferPointer { slots in
            entries.withUnsafeBufferPointer { entries in
                keys.withUnsafeBufferPointer { keys in
                    while true {
                        let stored = Int(slots[slot])
                        if stored == 0 { return nil }
                        let entry = entries[stored - 1]
                        if entry.hash == hash, Int(entry.keyCount) == count,
                            memcmp(keys.baseAddress! + Int(entry.keyStart), key.baseAddress!, count) == 0
                        {
                            return stored - 1
                        }
                        slot = (slot + 1) & mask
                    }
                }
            }
        }
        if let hit {
            let entry = entries[hit]
            let foldedCount = Int(entry.foldedCount)
            folded.withUnsafeBufferPointer { folded in
                (output + start).update(from: folded.baseAddress! + Int(entry.foldedStart), count: foldedCount)
            }
            if entry.matchCount > 0 {
                let shift = Int32(truncatingIfNeeded: start)
                matches.withUnsafeBufferPointer { matches in
                    for match in matches[Int(entry.matchStart)..<Int(entry.matchStart + entry.matchCount)] {
                        found.append(
                            PatternMatch(pattern: match.pattern, start: match.start &+ shift, end: match.end &+ shift))
                    }
                }
            }
            return start + foldedCount
        }
        // Not seen: fold and scan, then remember.
        let foldedCount = TextNormalizer.fold(
            key, into: UnsafeMutableBufferPointer(start: output + start, count: count))
        let first = found.count
        matcher.collectMatches(
            in: UnsafeBufferPointer(start: output + start, count: foldedCount), into: &found, buffers: &buffers)
        let matchCount = found.count - first
        if entries.count >= entryLimit || keys.count + count > byteLimit
            || matches.count + matchCount > matchLimit
        {
            clear()
        }
        let entry = Entry(
            hash: hash, keyStart: Int32(keys.count), keyCount: Int32(count), foldedStart: Int32(folded.count),
            foldedCount: Int32(foldedCount), matchStart: Int32(matches.count), matchCount: Int32(matchCount))
        keys.append(contentsOf: key)
        folded.append(contentsOf: UnsafeBufferPointer(start: output + start, count: foldedCount))
        matches.append(contentsOf: found[first...])
        entries.append(entry)
        if 2 * entries.count > slots.count && slots.count < slotCount {
            // Half full: twice the slots, every entry placed again.
            slots = [Int32](repeating: 0, count: 2 * slots.count)
            for index in entries.indices { place(index) }
        } else {
            place(entries.count - 1)
        }
        found.shift(from: first, by: start)
        return start + foldedCount
    }
}

/// What a `SegmentMemo`'s entries belong to: one per classifier, compared by identity.
final class SegmentMemoOwner: Sendable {
    init() {}
}

/// The characters that cut text into `SegmentMemo` segments: the punctuation of 经营范围 that
/// no dictionary phrase contains (a phrase holding one keeps it from cutting).
struct SegmentSeparators: Sendable {
    /// Bit `b` set: the ASCII byte `b` (below 64) is a separator.
    private var low: UInt64 = 0
    /// Bit `t - 0x80` set: E3 80 t is a separator (、。【】, the ideographic space).
    private var ideographic: UInt64 = 0
    /// Bit `t - 0x80` set: EF BC t is a separator (full-width ，；：（）／).
    private var fullWidth: UInt64 = 0

    /// The candidates, as written in registers.
    static let candidates: [String] = [
        ",", ";", ":", "(", ")", "/", "\n", "\r", "\t", " ", "，", "；", "：", "（", "）", "／", "、", "。", "【", "】",
        "\u{3000}",
    ]

    /// The candidates whose folded form is in none of `patterns` (folded phrases).
    init(patterns: [[UInt8]]) {
        for candidate in Self.candidates {
            let raw = Array(candidate.utf8)
            let folded = TextNormalizer.fold(candidate)
            let inPattern = patterns.contains { pattern in
                pattern.count >= folded.count
                    && (0...(pattern.count - folded.count)).contains {
                        pattern[$0..<($0 + folded.count)].elementsEqual(folded)
                    }
            }
            if inPattern { continue }
            if raw.count == 1, raw[0] < 64 {
                low |= 1 << UInt64(raw[0])
            } else if raw.count == 3, raw[0] == 0xE3, raw[1] == 0x80 {
                ideographic |= 1 << UInt64(raw[2] - 0x80)
            } else if raw.count == 3, raw[0] == 0xEF, raw[1] == 0xBC {
                fullWidth |= 1 << UInt64(raw[2] - 0x80)
            }
        }
    }

    /// The top bit of each byte of `word` that may start a separator: below 64, E3 or EF.
    /// (Below 64 is tested with the borrow trick, which may also mark bytes after a marked one;
    /// only the first mark is used.)
    @inline(__always)
    static func candidates(_ word: UInt64) -> UInt64 {
        ByteWord.bytesBelow(word, 64) | ByteWord.equalBytes(word, ByteWord.repeating(0xE3))
            | ByteWord.equalBytes(word, ByteWord.repeating(0xEF))
    }

    /// The length of the separator at `index` of the `count` bytes at `base`, or 0.
    @inline(__always)
    func length(at index: Int, in base: UnsafePointer<UInt8>, count: Int) -> Int {
        let byte = base[index]
        if byte < 64 { return low & (1 << UInt64(byte)) != 0 ? 1 : 0 }
        guard index + 2 < count else { return 0 }
        let third = base[index + 2]
        guard third & 0xC0 == 0x80 else { return 0 }
        if byte == 0xE3, base[index + 1] == 0x80 { return ideographic & (1 << UInt64(third & 0x3F)) != 0 ? 3 : 0 }
        if byte == 0xEF, base[index + 1] == 0xBC { return fullWidth & (1 << UInt64(third & 0x3F)) != 0 ? 3 : 0 }
        return 0
    }
}
