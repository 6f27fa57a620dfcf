import GreenstatCore

/// Finds repeated (统一社会信用代码, 年份) rows across all inputs of a run. Keeps 24 bytes per
/// record (64-bit fingerprints from the standard library's seeded hasher, not rows): a later row identical to the first is merged, a different
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
        let keyValue = UInt64(bitPattern: Int64(key.finalize()))
        let contentValue = UInt64(bitPattern: Int64(content.finalize()))
        if let first = seen[keyValue] {
            let origin = RecordOrigin(file: files[Int(first.file)], line: Int(first.line))
            return first.content == contentValue ? .identical(origin) : .conflicting(origin)
        }
        if files.last != record.origin.file { files.append(record.origin.file) }
        seen[keyValue] = First(
            content: contentValue, file: Int32(files.count - 1), line: Int32(clamping: record.origin.line))
        return .first
    }
}
