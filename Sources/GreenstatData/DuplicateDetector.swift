import GreenstatCore

/// Finds repeated (统一社会信用代码, 年份) rows across all inputs of a run. Keeps 24 bytes per
/// record (fingerprints, not rows): a later row identical to the first is merged, a different
/// one is refused with a pointer to the first.
struct DuplicateDetector {
    private struct First {
        var content: UInt64
        var file: Int32
        var line: Int32
    }

    private var seen: [UInt64: First] = [:]
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
            switch self {
            case .first: return nil
            case .identical(let first):
                return RejectedRow(
                    origin: record.origin, field: "统一社会信用代码", value: record.creditCode.rawValue,
                    reason: "identical to \(first.file):\(first.line) (same code and year); merged")
            case .conflicting(let first):
                return RejectedRow(
                    origin: record.origin, field: "统一社会信用代码", value: record.creditCode.rawValue,
                    reason: "duplicate of \(first.file):\(first.line) (same code and year, different content); "
                        + "the first row is kept")
            }
        }
    }

    /// Records `record` and says whether it repeats an earlier one.
    /// (See `Verdict.reject(_:)` for the reject a repeat becomes.)
    mutating func check(_ record: EnterpriseRecord) -> Verdict {
        var key = FNV1a()
        key.add(record.creditCode.rawValue)
        key.add(String(record.year ?? 0))
        var content = FNV1a()
        content.add(record.name)
        content.add(record.industryCode?.rawValue ?? "")
        content.add(record.businessScope)
        content.add(record.mainBusiness)
        content.add(record.revenueWan.map { "\($0)" } ?? "")
        content.add(record.employees.map { String($0) } ?? "")
        content.add(record.greenShare.map { "\($0)" } ?? "")
        content.add(record.street ?? "")
        content.add(record.energySavedTce.map { "\($0)" } ?? "")
        if let first = seen[key.value] {
            let origin = RecordOrigin(file: files[Int(first.file)], line: Int(first.line))
            return first.content == content.value ? .identical(origin) : .conflicting(origin)
        }
        if files.last != record.origin.file { files.append(record.origin.file) }
        seen[key.value] = First(
            content: content.value, file: Int32(files.count - 1), line: Int32(clamping: record.origin.line))
        return .first
    }
}

/// 64-bit FNV-1a over UTF-8 text, with a separator between parts.
struct FNV1a {
    private(set) var value: UInt64 = 0xcbf2_9ce4_8422_2325

    mutating func add(_ text: String) {
        for byte in text.utf8 {
            value ^= UInt64(byte)
            value &*= 0x0000_0100_0000_01B3
        }
        value ^= 0x1F
        value &*= 0x0000_0100_0000_01B3
    }
}
