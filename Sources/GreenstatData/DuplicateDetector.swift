import GreenstatBytes
import GreenstatCore
import GreenstatTable

/// Finds repeated (统一社会信用代码, 年份) rows across all inputs of a run. Keeps 16 bytes a table
/// slot (64-bit fingerprints, not rows): a later row
/// identical to the first is merged, a different one is refused with a pointer to the first.
struct DuplicateDetector {
    private var table = FingerprintTable()
    private var files: [String] = []
    /// When known, the only keys that occur more than once (from a pre-pass): other rows are
    /// first occurrences without being remembered, so memory does not grow with the register.
    private let repeatedKeys: Set<UInt64>?
    /// A sum of the slots `prefetch` loaded (its only use: keeping those loads).
    private var touched: UInt64 = 0

    /// A detector that remembers every key, or only `repeatedKeys` when they are known.
    init(repeatedKeys: Set<UInt64>? = nil) {
        self.repeatedKeys = repeatedKeys
    }

    /// What a row is relative to the rows before it.
    enum Verdict {
        /// Its key has not been seen.
        case first
        /// Same key and same content as the row at `origin`.
        case identical(RecordOrigin)
        /// Same key, different content.
        case conflicting(RecordOrigin)

        /// The reject for a row at `origin` with `creditCode`, or nil for a first occurrence (the
        /// code's text is only made for a reject).
        func reject(origin: RecordOrigin, creditCode: @autoclosure () -> String) -> RejectedRow? {
            switch self {
            case .first: return nil
            case .identical(let first):
                return RejectedRow(
                    origin: origin, field: "统一社会信用代码", value: creditCode(),
                    reason: "identical to \(first.file):\(first.line) (same code and year); merged")
            case .conflicting(let first):
                return RejectedRow(
                    origin: origin, field: "统一社会信用代码", value: creditCode(),
                    reason: "duplicate of \(first.file):\(first.line) (same code and year, different content); "
                        + "the first row is kept")
            }
        }
    }

    /// What identifies a record (credit code and year) and what it says (every other field), as
    /// hashes; computed anywhere (a worker thread), checked in input order.
    struct Fingerprint: Sendable {
        var key: UInt64
        var content: UInt64
    }

    /// The fingerprint of a row that `RowChecker.inspect` accepted into `checked`.
    static func fingerprint(_ checked: CheckedRow, in row: RawRow) -> Fingerprint {
        // The text fields are hashed as raw UTF-8 bytes (fast, and String's own hashing
        // normalizes Unicode first, which is not needed to tell identical rows apart); the parsed
        // numbers go through the standard hasher, as values.
        var hash = ByteHash()
        row.bytes.withUnsafeBufferPointer { bytes in
            hash.combine(bytes: UnsafeRawBufferPointer(UnsafeBufferPointer(rebasing: bytes[checked.nameRange])))
            hash.combine(bytes: UnsafeRawBufferPointer(UnsafeBufferPointer(rebasing: bytes[checked.scopeRange])))
            hash.combine(bytes: UnsafeRawBufferPointer(UnsafeBufferPointer(rebasing: bytes[checked.mainRange])))
        }
        // The industry code as its digits; the street as the district street it names (one
        // name for all its aliases), else as written.
        if let industry = checked.industryCode {
            industry.withDigits { hash.combine(bytes: UnsafeRawBufferPointer($0)) }
        } else {
            hash.combine(UInt64.max)
        }
        if checked.streetNumber >= 0 {
            hash.combine(UInt64(checked.streetNumber) | 1 << 62)
        } else if checked.streetRange.isEmpty {
            hash.combine(UInt64.max)
        } else {
            row.bytes.withUnsafeBufferPointer { bytes in
                hash.combine(bytes: UnsafeRawBufferPointer(UnsafeBufferPointer(rebasing: bytes[checked.streetRange])))
            }
        }
        var content = Hasher()
        content.combine(hash.finalize())
        content.combine(checked.revenueWan)
        content.combine(checked.employees)
        content.combine(checked.greenShare)
        content.combine(checked.energySavedTce)
        return Fingerprint(key: key(checked, in: row), content: UInt64(bitPattern: Int64(content.finalize())))
    }

    /// The hash of what identifies a row (credit code and year): `Fingerprint.key`. The same in
    /// every run.
    static func key(_ checked: CheckedRow, in row: RawRow) -> UInt64 {
        var key = ByteHash()
        checked.withCreditCode(in: row) { key.combine(bytes: UnsafeRawBufferPointer($0)) }
        key.combine(UInt64(bitPattern: Int64(checked.year ?? 0)))
        return key.finalize()
    }

    /// Loads the table slots of `keys` (the keys of a batch about to be checked) in one pass:
    /// the loads do not wait on each other, so the checks that follow find their slots in cache
    /// instead of waiting on memory one row at a time.
    mutating func prefetch(_ keys: some Sequence<UInt64>) {
        if repeatedKeys != nil { return }
        var sum: UInt64 = 0
        for key in keys { sum &+= table.slotContent(for: key) }
        // Kept, so the loads are not optimized away.
        touched &+= sum
    }

    /// Checks a record by its fingerprint; `origin` is remembered for a first occurrence.
    mutating func check(_ fingerprint: Fingerprint, origin: RecordOrigin) -> Verdict {
        if let repeatedKeys, !repeatedKeys.contains(fingerprint.key) { return .first }
        let contentBits = fingerprint.content & 0xF_FFFF
        if let packed = table.value(for: fingerprint.key) {
            let file = Int(packed >> 52)
            let line = Int((packed >> 20) & 0xFFFF_FFFF)
            let first = RecordOrigin(file: files[file], line: line)
            return packed & 0xF_FFFF == contentBits ? .identical(first) : .conflicting(first)
        }
        if files.last != origin.file { files.append(origin.file) }
        let file = UInt64(min(files.count - 1, 0xFFF))
        let line = UInt64(clamping: min(origin.line, 0xFFFF_FFFF))
        table.insert(fingerprint.key, value: file << 52 | line << 20 | contentBits)
        return .first
    }
}

/// A compact hash table from 64-bit fingerprints to 64-bit values: 16 bytes a slot. It is cut
/// into 64 segments (by the hash's top bits) that grow one at a time, so growing never needs the
/// old and the new copy of the whole table at once (the peak of a single table's rehash).
struct FingerprintTable {
    private struct Segment {
        var keys: [UInt64] = Array(repeating: 0, count: 64)
        var values: [UInt64] = Array(repeating: 0, count: 64)
        var count = 0
    }

    private static let segmentBits = 6
    private var segments = Array(repeating: Segment(), count: 1 << segmentBits)
    /// The number of keys stored.
    private(set) var count = 0

    @inline(__always)
    private static func hash(_ key: UInt64) -> UInt64 { key &* 0x9E37_79B9_7F4A_7C15 }

    /// Where `key` lives: the key as stored (0 is stored as 1), its hash, and its segment.
    @inline(__always)
    private static func place(of key: UInt64) -> (stored: UInt64, hash: UInt64, segment: Int) {
        let stored = key == 0 ? 1 : key
        let hash = hash(stored)
        return (stored, hash, Int(truncatingIfNeeded: hash >> UInt64(64 - segmentBits)))
    }

    /// The slot of a segment of `capacity` slots where the search for a key of `hash` starts.
    @inline(__always)
    private static func firstSlot(_ hash: UInt64, capacity: Int) -> Int {
        Int(truncatingIfNeeded: hash >> 20) & (capacity - 1)
    }

    /// The value stored for `key`.
    func value(for key: UInt64) -> UInt64? {
        let (wanted, hash, segment) = Self.place(of: key)
        return segments[segment].keys.withUnsafeBufferPointer { keys in
            let mask = keys.count - 1
            var slot = Self.firstSlot(hash, capacity: keys.count)
            while keys[slot] != 0 {
                if keys[slot] == wanted { return segments[segment].values[slot] }
                slot = (slot + 1) & mask
            }
            return nil
        }
    }

    /// The key in the slot where the search for `key` starts (for `DuplicateDetector.prefetch`).
    func slotContent(for key: UInt64) -> UInt64 {
        let (_, hash, segment) = Self.place(of: key)
        return segments[segment].keys.withUnsafeBufferPointer { keys in
            keys[Self.firstSlot(hash, capacity: keys.count)]
        }
    }

    /// Stores `value` for `key`, replacing any value there was.
    mutating func insert(_ key: UInt64, value: UInt64) {
        let (stored, hash, index) = Self.place(of: key)
        if (segments[index].count + 1) * 4 > segments[index].keys.count * 3 { grow(index) }
        if Self.put(stored, hash, value, into: &segments[index]) {
            segments[index].count += 1
            count += 1
        }
    }

    /// Puts a key into a segment with room; true when the key is new.
    private static func put(_ key: UInt64, _ hash: UInt64, _ value: UInt64, into segment: inout Segment) -> Bool {
        let mask = segment.keys.count - 1
        var slot = firstSlot(hash, capacity: segment.keys.count)
        while segment.keys[slot] != 0 && segment.keys[slot] != key { slot = (slot + 1) & mask }
        let isNew = segment.keys[slot] == 0
        segment.keys[slot] = key
        segment.values[slot] = value
        return isNew
    }

    private mutating func grow(_ index: Int) {
        let old = segments[index]
        var bigger = Segment()
        bigger.keys = Array(repeating: 0, count: old.keys.count * 2)
        bigger.values = Array(repeating: 0, count: old.keys.count * 2)
        segments[index] = Segment()
        for (key, value) in zip(old.keys, old.values) where key != 0 {
            _ = Self.put(key, Self.hash(key), value, into: &bigger)
        }
        bigger.count = old.count
        segments[index] = bigger
    }
}
