/// One record of a table as bytes: the fields' UTF-8 contents back to back in one buffer, with
/// where each ends. A parser refills the same value row after row, so reading a row allocates
/// nothing once the buffers have grown to the longest row.
public struct RawRow: Sendable {
    /// The fields' bytes (quotes removed, doubled quotes undone), one after the other.
    public private(set) var bytes: [UInt8] = []
    /// The end offset in `bytes` of each field.
    public private(set) var ends: [Int] = []
    /// The 1-based physical line on which the record starts.
    public var line = 0
    /// Problems met while reading this record (unbalanced quotes, invalid UTF-8), as plain text.
    public var problems: [String] = []
    /// Why the record could not be read at all, if so.
    public var unreadable: String?

    /// An empty row.
    public init() {
        bytes.reserveCapacity(1024)
        ends.reserveCapacity(32)
    }

    /// The same record as `row` (its fields concatenated).
    public init(_ row: DelimitedRow) {
        self.init()
        for field in row.fields {
            var field = field
            field.withUTF8 { bytes.append(contentsOf: $0) }
            ends.append(bytes.count)
        }
        line = row.line
        problems = row.problems
        unreadable = row.unreadable
    }

    /// The number of fields.
    public var fieldCount: Int { ends.count }

    /// The byte range of field `index` in `bytes` (empty when the row has fewer fields).
    @inline(__always)
    public func range(of index: Int) -> Range<Int> {
        guard index >= 0, index < ends.count else { return 0..<0 }
        return (index == 0 ? 0 : ends[index - 1])..<ends[index]
    }

    /// Field `index` as a string (empty when the row has fewer fields).
    public func string(_ index: Int) -> String {
        let range = range(of: index)
        if range.isEmpty { return "" }
        return bytes.withUnsafeBufferPointer { String(decoding: $0[range], as: UTF8.self) }
    }

    /// Whether every field is empty (a blank line).
    public var isBlank: Bool { unreadable == nil && bytes.isEmpty }

    /// The same record with its fields as strings.
    public var delimitedRow: DelimitedRow {
        DelimitedRow(
            fields: (0..<fieldCount).map(string), line: line, problems: problems, unreadable: unreadable)
    }

    /// Empties the row for the record starting on `line`, keeping the buffers' capacity.
    @inline(__always)
    mutating func reset(line: Int) {
        bytes.removeAll(keepingCapacity: true)
        ends.removeAll(keepingCapacity: true)
        if !problems.isEmpty { problems.removeAll() }
        unreadable = nil
        self.line = line
    }

    /// Appends bytes to the field being read.
    @inline(__always)
    mutating func append(_ source: UnsafeBufferPointer<UInt8>) { bytes.append(contentsOf: source) }

    /// The number of bytes in the field being read.
    @inline(__always)
    var openFieldCount: Int { bytes.count - (ends.last ?? 0) }

    /// Ends the field being read.
    @inline(__always)
    mutating func finishField() { ends.append(bytes.count) }

    /// Replaces the bytes of the last finished field (to repair invalid UTF-8).
    mutating func replaceLastField(with replacement: [UInt8]) {
        let start = ends.count > 1 ? ends[ends.count - 2] : 0
        bytes.removeSubrange(start...)
        bytes.append(contentsOf: replacement)
        ends[ends.count - 1] = bytes.count
    }
}
