import GreenstatBytes

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// A run of whole records cut from delimited text, to be parsed on another thread with
/// `DelimitedBlockParser` (the reader only finds where records end, which is cheap).
public struct DelimitedBlock: Sendable {
    /// The records' bytes (UTF-8), ending right after a record's line break or at the end of the file.
    public var bytes: [UInt8]
    /// The 1-based line on which the first record starts.
    public var firstLine: Int
    /// The field separator.
    public var delimiter: UInt8
    /// Whether the bytes are known to be valid UTF-8 (the source checked them).
    public var isKnownValidUTF8: Bool

    /// Creates a block.
    public init(bytes: [UInt8], firstLine: Int, delimiter: UInt8, isKnownValidUTF8: Bool = false) {
        self.bytes = bytes
        self.firstLine = firstLine
        self.delimiter = delimiter
        self.isKnownValidUTF8 = isKnownValidUTF8
    }
}

/// What a reader hands out for parallel parsing: a block of records to parse elsewhere, or one
/// row it parsed itself (worksheets, JSON Lines, and a record too long for a block).
public enum RowChunk: Sendable {
    /// Whole records, unparsed.
    case block(DelimitedBlock)
    /// One parsed row.
    case row(DelimitedRow)
}

/// Reads the records of a `DelimitedBlock` into a reusable `RawRow`, with exactly the rules of
/// `DelimitedReader.next()` (quoting, line counting, problems, the field size limit).
public struct DelimitedBlockParser {
    private let block: DelimitedBlock
    private var position = 0
    /// The line the next record starts on.
    fileprivate var line: Int
    private let isValidUTF8: Bool

    /// A parser over `block`.
    public init(_ block: DelimitedBlock) {
        self.block = block
        line = block.firstLine
        isValidUTF8 = block.isKnownValidUTF8 || block.bytes.withUnsafeBufferPointer { Self.isValidUTF8($0) }
    }

    static func isValidUTF8(_ buffer: UnsafeBufferPointer<UInt8>) -> Bool {
        var validator = UTF8Validator()
        return validator.validate(buffer, base: 0) == nil && !validator.isInsideSequence
    }

    /// Reads the next record into `row`; false at the end of the block.
    public mutating func next(into row: inout RawRow) -> Bool {
        let count = block.bytes.count
        guard position < count else { return false }
        row.reset(line: line)
        let delimiter = block.delimiter
        let startLine = line
        var oversized = false
        var inQuotes = false
        var fieldWasQuoted = false
        var afterClosingQuote = false
        let limit = DelimitedReader.maximumFieldBytes
        var ended = false
        let delimiters = ByteWord.repeating(delimiter)
        let lineFeeds = ByteWord.repeating(0x0A)
        let returns = ByteWord.repeating(0x0D)
        let quotes = ByteWord.repeating(0x22)
        let delimiterLanes = SIMD16<UInt8>(repeating: delimiter)
        let lineFeedLanes = SIMD16<UInt8>(repeating: 0x0A)
        let returnLanes = SIMD16<UInt8>(repeating: 0x0D)
        let quoteLanes = SIMD16<UInt8>(repeating: 0x22)
        block.bytes.withUnsafeBufferPointer { buffer in
            let base = buffer.baseAddress!
            var index = position
            @inline(__always) func keep(_ from: Int, _ to: Int) {
                if to <= from { return }
                let room = limit - row.openFieldCount
                if to - from <= room {
                    row.append(UnsafeBufferPointer(start: base + from, count: to - from))
                } else {
                    if room > 0 { row.append(UnsafeBufferPointer(start: base + from, count: room)) }
                    oversized = true
                }
            }
            func finishField() {
                row.finishField()
                if !isValidUTF8 { repairLastField(&row) }
                fieldWasQuoted = false
                afterClosingQuote = false
            }
            while index < count {
                if inQuotes {
                    // Copy up to the next quote, counting line feeds.
                    var end = index
                    while end < count && base[end] != 0x22 {
                        if base[end] == 0x0A { line += 1 }
                        end += 1
                    }
                    keep(index, end)
                    if end >= count {
                        index = end
                        break
                    }
                    if end + 1 < count && base[end + 1] == 0x22 {
                        keep(end, end + 1)
                        index = end + 2
                    } else {
                        inQuotes = false
                        afterClosingQuote = true
                        index = end + 1
                    }
                    continue
                }
                let byte = base[index]
                if byte == delimiter {
                    finishField()
                    index += 1
                } else if byte == 0x0A || byte == 0x0D {
                    index += 1
                    if byte == 0x0D && index < count && base[index] == 0x0A { index += 1 }
                    line += 1
                    finishField()
                    ended = true
                    break
                } else if byte == 0x22 && row.openFieldCount == 0 && !fieldWasQuoted && !afterClosingQuote {
                    inQuotes = true
                    fieldWasQuoted = true
                    index += 1
                } else {
                    if afterClosingQuote {
                        row.problems.append("text after a closing quote in field \(row.fieldCount + 1)")
                        afterClosingQuote = false
                    } else if byte == 0x22 && !fieldWasQuoted {
                        row.problems.append("stray quote inside unquoted field \(row.fieldCount + 1)")
                    }
                    // The plain run up to the next special byte goes in one copy; it is found
                    // sixteen bytes at a time, then eight.
                    var end = index + 1
                    var searching = true
                    while end &+ 16 <= count {
                        let vector = ByteVector.load(base + end)
                        let special =
                            (vector .== delimiterLanes) .| (vector .== lineFeedLanes) .| (vector .== returnLanes)
                            .| (vector .== quoteLanes)
                        if let first = ByteVector.firstSet(special) {
                            end &+= first
                            searching = false
                            break
                        }
                        end &+= 16
                    }
                    while searching && end &+ 8 <= count {
                        let word = ByteWord.load(base + end)
                        let special =
                            ByteWord.equalBytes(word, delimiters) | ByteWord.equalBytes(word, lineFeeds)
                            | ByteWord.equalBytes(word, returns) | ByteWord.equalBytes(word, quotes)
                        if special != 0 {
                            end &+= ByteWord.firstMarked(special)
                            searching = false
                        } else {
                            end &+= 8
                        }
                    }
                    while searching && end < count {
                        let next = base[end]
                        if next == delimiter || next == 0x0A || next == 0x0D || next == 0x22 { break }
                        end += 1
                    }
                    keep(index, end)
                    index = end
                }
            }
            position = index
        }
        if !ended {
            // The end of the block is the end of the file here (blocks otherwise end after a line break).
            if inQuotes {
                let reason = "a quoted field opened on line \(startLine) is never closed (unbalanced quote)"
                row.problems.append(reason)
                row.unreadable = reason
            } else if oversized {
                let reason = "a field longer than \(limit) bytes (an unbalanced quote?)"
                row.problems.append(reason)
                row.unreadable = reason
            }
            row.finishField()
            if !isValidUTF8 { repairLastField(&row) }
        } else if oversized {
            let reason = "a field longer than \(limit) bytes (an unbalanced quote?)"
            row.problems.append(reason)
            row.unreadable = reason
        }
        return true
    }

    private func repairLastField(_ row: inout RawRow) {
        let range = row.range(of: row.fieldCount - 1)
        let valid = row.bytes.withUnsafeBufferPointer { Self.isValidUTF8(UnsafeBufferPointer(rebasing: $0[range])) }
        if valid { return }
        row.problems.append("field \(row.fieldCount) is not valid UTF-8")
        let repaired = row.bytes.withUnsafeBufferPointer {
            Array(String(decoding: $0[range], as: UTF8.self).utf8)
        }
        row.replaceLastField(with: repaired)
    }
}

extension DelimitedReader {
    /// The most bytes `nextChunk` gathers while looking for the end of a record; a longer record
    /// (an unclosed quote) is read by `next()`, which streams it.
    static let maximumBlockBytes = 8 << 20

    /// The next run of whole records of about `targetBytes`, or nil at the end. Cutting is cheap
    /// (quotes and line breaks are found with `memchr`); parsing is left to `DelimitedBlockParser`,
    /// on any thread, with the same result as reading the records with `next()`.
    public mutating func nextChunk(targetBytes: Int) throws -> RowChunk? {
        let target = max(1, targetBytes)
        while true {
            while buffer.count - position < target, try fill() {}
            let available = buffer.count - position
            if available == 0 { return nil }
            // The last record end within `target` bytes; where a record is longer, a wider window.
            var window = min(target, available)
            var cut: (end: Int, lines: Int)?
            while true {
                cut = buffer.withUnsafeBufferPointer { whole in
                    Self.lastRecordEnd(
                        UnsafeBufferPointer(rebasing: whole[position..<(position + window)]), delimiter: delimiter,
                        atEnd: exhausted && window == available)
                }
                if cut != nil || window == available { break }
                window = min(available, window * 2)
            }
            if let cut { return takeBlock(length: cut.end, lines: cut.lines) }
            if available >= Self.maximumBlockBytes {
                return try next().map { .row($0) }
            }
            if try !fill() {
                // Nothing more to read: the rest is the last record, without a final line break.
                let lines = buffer.withUnsafeBufferPointer {
                    Self.lineCount(UnsafeBufferPointer(rebasing: $0[position...]), delimiter: delimiter)
                }
                return takeBlock(length: buffer.count - position, lines: lines)
            }
        }
    }

    /// The next `length` bytes as a block of records spanning `lines` lines.
    private mutating func takeBlock(length: Int, lines: Int) -> RowChunk {
        var bytes: [UInt8] = []
        if position == 0 {
            // The buffer itself becomes the block (no copy of it); the reader goes on in new
            // memory holding the rest (the start of the next record, usually a few hundred bytes).
            var rest: [UInt8] = []
            rest.reserveCapacity(buffer.capacity)
            rest.append(contentsOf: buffer[length...])
            swap(&bytes, &buffer)
            bytes.removeLast(bytes.count - length)
            buffer = rest
        } else {
            bytes = Array(buffer[position..<(position + length)])
            position += length
        }
        line += lines
        return .block(
            DelimitedBlock(
                bytes: bytes, firstLine: line - lines, delimiter: delimiter, isKnownValidUTF8: source.deliversValidUTF8)
        )
    }

    /// Where the last whole record in `bytes` (which start at a record) ends, and how many lines
    /// the records up to there span; nil when no record ends inside `bytes`. With `atEnd` the
    /// bytes are the rest of the file, so a quote as the last byte closes its field.
    static func lastRecordEnd(
        _ bytes: UnsafeBufferPointer<UInt8>, delimiter: UInt8, atEnd: Bool
    ) -> (end: Int, lines: Int)? {
        guard let base = bytes.baseAddress else { return nil }
        let count = bytes.count
        // Quoted fields as [open, close] offsets; quotes elsewhere are plain text. A quote opens a
        // field only at the start of a field (the reader's rule).
        var quoted: [(Int, Int)] = []
        var limit = count
        var index = 0
        scan: while index < count {
            guard let found = memchr(base + index, 0x22, count - index) else { break }
            let open = UnsafeRawPointer(found).assumingMemoryBound(to: UInt8.self) - base
            let previous = open == 0 ? UInt8(0x0A) : base[open - 1]
            guard previous == delimiter || previous == 0x0A || previous == 0x0D else {
                index = open + 1
                continue
            }
            var inside = open + 1
            while true {
                guard let close = memchr(base + inside, 0x22, count - inside) else {
                    limit = open
                    break scan
                }
                let closing = UnsafeRawPointer(close).assumingMemoryBound(to: UInt8.self) - base
                if closing + 1 < count {
                    if base[closing + 1] == 0x22 {
                        inside = closing + 2
                        continue
                    }
                } else if !atEnd {
                    limit = open
                    break scan
                }
                quoted.append((open, closing))
                index = closing + 1
                continue scan
            }
        }
        // The last line break before `limit` outside every quoted field.
        var end = limit - 1
        var interval = quoted.count - 1
        while end >= 0 {
            while interval >= 0 && quoted[interval].0 > end { interval -= 1 }
            if interval >= 0 && quoted[interval].1 >= end {
                end = quoted[interval].0 - 1
                continue
            }
            let byte = base[end]
            if byte == 0x0A
                || (byte == 0x0D && (end + 1 < count || atEnd) && (end + 1 >= count || base[end + 1] != 0x0A))
            {
                break
            }
            end -= 1
        }
        guard end >= 0 else { return nil }
        let cut = end + 1
        return (cut, lineCount(UnsafeBufferPointer(start: base, count: cut), delimiter: delimiter))
    }

    /// The lines `next()` would count over `bytes` (whole records): every line feed, plus every
    /// carriage return outside quotes that is not followed by a line feed.
    static func lineCount(_ bytes: UnsafeBufferPointer<UInt8>, delimiter: UInt8) -> Int {
        guard let base = bytes.baseAddress else { return 0 }
        var lineFeeds = 0
        var returns: UInt64 = 0
        var index = 0
        let lineFeedWord = ByteWord.repeating(0x0A)
        let returnWord = ByteWord.repeating(0x0D)
        while index &+ 8 <= bytes.count {
            let word = ByteWord.load(base + index)
            lineFeeds &+= ByteWord.equalBytes(word, lineFeedWord).nonzeroBitCount
            returns |= ByteWord.equalBytes(word, returnWord)
            index &+= 8
        }
        while index < bytes.count {
            lineFeeds &+= base[index] == 0x0A ? 1 : 0
            returns |= base[index] == 0x0D ? 1 : 0
            index &+= 1
        }
        if returns == 0 { return lineFeeds }
        // Carriage returns count only when alone (not CR LF) and outside quotes: rare, so only
        // then is the block parsed to count.
        index = 0
        var lone = false
        while index < bytes.count, let found = memchr(base + index, 0x0D, bytes.count - index) {
            let at = UnsafeRawPointer(found).assumingMemoryBound(to: UInt8.self) - base
            if at + 1 < bytes.count && base[at + 1] != 0x0A || at + 1 == bytes.count {
                lone = true
                break
            }
            index = at + 1
        }
        if !lone { return lineFeeds }
        var parser = DelimitedBlockParser(DelimitedBlock(bytes: Array(bytes), firstLine: 0, delimiter: delimiter))
        var row = RawRow()
        var last = 0
        while parser.next(into: &row) { last = parser.line }
        return last
    }
}
