import GreenstatCore

/// Finds repeated (统一社会信用代码, 年份) rows across all inputs of a run. Keeps 16 bytes a table
/// slot (64-bit fingerprints from the standard library's seeded hasher, not rows): a later row
/// identical to the first is merged, a different one is refused with a pointer to the first.
struct DuplicateDetector {
    private var table = FingerprintTable()
    private var files: [String] = []

    /// What a row is relative to the rows before it.
    enum Verdict {
        /// Its key has not been seen.
        case first
        /// Same key and same content as the row at `origin`.
        case identical(RecordOrigin)
        /// Same key, different content.
        case conflicting(RecordOrigin)

        /// The reject this verdict makes of `record`, or nil for a first occurrence.
        func reject(_ record: EnterpriseRecord) -> RejectedRow? {
            reject(origin: record.origin, creditCode: record.creditCode)
        }

        /// The reject for a row at `origin` with `creditCode`, or nil for a first occurrence.
        func reject(origin: RecordOrigin, creditCode: CreditCode) -> RejectedRow? {
            switch self {
            case .first: return nil
            case .identical(let first):
                return RejectedRow(
                    origin: origin, field: "统一社会信用代码", value: creditCode.rawValue,
                    reason: "identical to \(first.file):\(first.line) (same code and year); merged")
            case .conflicting(let first):
                return RejectedRow(
                    origin: origin, field: "统一社会信用代码", value: creditCode.rawValue,
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

    /// The fingerprint of `record`.
    static func fingerprint(_ record: EnterpriseRecord) -> Fingerprint {
        // Hash raw UTF-8 bytes: String's own hashing normalizes Unicode first, which is slow and
        // not needed to tell identical rows apart.
        func add(_ text: String?, to hasher: inout Hasher) {
            var text = text ?? ""
            text.withUTF8 { hasher.combine(bytes: UnsafeRawBufferPointer($0)) }
            hasher.combine(0xFF as UInt8)
        }
        var key = Hasher()
        add(record.creditCode.rawValue, to: &key)
        key.combine(record.year ?? 0)
        var content = Hasher()
        add(record.name, to: &content)
        add(record.industryCode?.rawValue, to: &content)
        add(record.businessScope, to: &content)
        add(record.mainBusiness, to: &content)
        content.combine(record.revenueWan)
        content.combine(record.employees)
        content.combine(record.greenShare)
        add(record.street, to: &content)
        content.combine(record.energySavedTce)
        return Fingerprint(
            key: UInt64(bitPattern: Int64(key.finalize())), content: UInt64(bitPattern: Int64(content.finalize())))
    }

    mutating func check(_ record: EnterpriseRecord) -> Verdict {
        check(Self.fingerprint(record), origin: record.origin)
    }

    /// Checks a record by its fingerprint; `origin` is remembered for a first occurrence.
    mutating func check(_ fingerprint: Fingerprint, origin: RecordOrigin) -> Verdict {
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

struct FingerprintTable {
    private var keys: [UInt64] = Array(repeating: 0, count: 1024)
    private var values: [UInt64] = Array(repeating: 0, count: 1024)
    private(set) var count = 0

    /// The value stored for `key`, if any.
    func value(for key: UInt64) -> UInt64? {
        let wanted = key == 0 ? 1 : key
        let mask = keys.count - 1
        var slot = Int(truncatingIfNeeded: wanted &* 0x9E37_79B9_7F4A_7C15 >> 20) & mask
        while keys[slot] != 0 {
            if keys[slot] == wanted { return values[slot] }
            slot = (slot + 1) & mask
        }
        return nil
    }

    /// Stores `value` for `key` (a new key).
    mutating func insert(_ key: UInt64, value: UInt64) {
        if (count + 1) * 4 > keys.count * 3 { grow() }
        let wanted = key == 0 ? 1 : key
        let mask = keys.count - 1
        var slot = Int(truncatingIfNeeded: wanted &* 0x9E37_79B9_7F4A_7C15 >> 20) & mask
        while keys[slot] != 0 && keys[slot] != wanted { slot = (slot + 1) & mask }
        if keys[slot] == 0 { count += 1 }
        keys[slot] = wanted
        values[slot] = value
    }

    private mutating func grow() {
        let oldKeys = keys
        let oldValues = values
        keys = Array(repeating: 0, count: oldKeys.count * 2)
        values = Array(repeating: 0, count: oldKeys.count * 2)
        count = 0
        for (key, value) in zip(oldKeys, oldValues) where key != 0 { insert(key, value: value) }
    }
}
