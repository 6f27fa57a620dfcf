/// One record of a delimited text file, with where it stood in the file.
public struct DelimitedRow: Sendable, Equatable {
    /// The fields, decoded as UTF-8.
    public var fields: [String]
    /// The 1-based physical line on which the record starts.
    public var line: Int
    /// Problems met while reading this record (unbalanced quotes, invalid UTF-8), as plain text.
    public var problems: [String]
    /// Why the record could not be read at all (an unclosed quote, a line that is not JSON), if so.
    public var unreadable: String?

    /// Creates a row.
    public init(fields: [String], line: Int, problems: [String] = [], unreadable: String? = nil) {
        self.fields = fields
        self.line = line
        self.problems = problems
        self.unreadable = unreadable
    }

    /// Whether every field is empty (a blank line).
    public var isBlank: Bool { unreadable == nil && fields.allSatisfy { $0.isEmpty } }
}

/// A streaming reader for CSV (RFC 4180 quoting) and TSV text in UTF-8.
///
/// Reads its source in 1 MiB chunks, so memory does not grow with the file. A UTF-8 byte-order
/// mark at the start is skipped. Quoted fields may hold delimiters, doubled quotes and line breaks.
/// Lenient where a human-made file is usually still readable (a stray quote inside an unquoted
/// field is kept as text), and it says so in the row's `problems`.
public struct DelimitedReader {
    var source: ByteSource
    var buffer: [UInt8] = []
    var position = 0
    var exhausted = false
    var line = 1
    private var startedFile = false
    /// The field separator byte (`,` or tab).
    public private(set) var delimiter: UInt8
    private let chunkSize: Int
    /// The most bytes kept of one field: an unclosed quote would otherwise gather the rest of the
    /// file into a single field. Longer fields are cut and the row is reported unreadable.
    public static let maximumFieldBytes = 1 << 20

    /// Creates a reader over `source`. With `delimiter` nil the first line decides: tab if it
    /// holds more tabs than commas, else comma.
    public init(source: ByteSource, delimiter: UInt8? = nil, chunkSize: Int = 1 << 20) throws {
        self.source = source
        self.chunkSize = max(chunkSize, 16)
        self.delimiter = delimiter ?? UInt8(ascii: ",")
        try skipByteOrderMark()
        if delimiter == nil { try sniffDelimiter() }
    }

    mutating func fill() throws -> Bool {
        if exhausted { return false }
        if position > 0 {
            buffer.removeFirst(position)
            position = 0
        }
        let got = try source.read(into: &buffer, maxCount: chunkSize)
        if got == 0 { exhausted = true }
        return got > 0
    }

    private mutating func skipByteOrderMark() throws {
        while buffer.count < 3, try fill() {}
        if buffer.count >= 3, buffer[0] == 0xEF, buffer[1] == 0xBB, buffer[2] == 0xBF {
            position = 3
        }
        startedFile = true
    }

    private mutating func sniffDelimiter() throws {
        var end = position
        while true {
            while end < buffer.count, buffer[end] != UInt8(ascii: "\n") { end += 1 }
            if end < buffer.count || exhausted { break }
            if try !fill() { break }
            end = position
        }
        var tabs = 0
        var commas = 0
        for byte in buffer[position..<min(end, buffer.count)] {
            if byte == 9 { tabs += 1 } else if byte == UInt8(ascii: ",") { commas += 1 }
        }
        delimiter = tabs > commas ? 9 : UInt8(ascii: ",")
    }

    /// Returns the next record, or nil at the end of the input.
    public mutating func next() throws -> DelimitedRow? {
        let quote = UInt8(ascii: "\"")
        let newline = UInt8(ascii: "\n")
        let carriageReturn = UInt8(ascii: "\r")
        var fields: [String] = []
        var field: [UInt8] = []
        var problems: [String] = []
        let startLine = line
        var inQuotes = false
        var fieldWasQuoted = false
        var afterClosingQuote = false
        var sawAnything = false
        var oversized = false

        func finishField() {
            if let text = String(validating: field, as: UTF8.self) {
                fields.append(text)
            } else {
                problems.append("field \(fields.count + 1) is not valid UTF-8")
                fields.append(String(decoding: field, as: UTF8.self))
            }
            field.removeAll(keepingCapacity: true)
            fieldWasQuoted = false
            afterClosingQuote = false
        }

        while true {
            if position >= buffer.count {
                if try !fill() {
                    if !sawAnything { return nil }
                    var unreadable: String?
                    if inQuotes {
                        unreadable = "a quoted field opened on line \(startLine) is never closed (unbalanced quote)"
                        problems.append(unreadable!)
                    } else if oversized {
                        unreadable = "a field longer than \(Self.maximumFieldBytes) bytes (an unbalanced quote?)"
                        problems.append(unreadable!)
                    }
                    finishField()
                    return DelimitedRow(fields: fields, line: startLine, problems: problems, unreadable: unreadable)
                }
            }
            let byte = buffer[position]
            position += 1
            sawAnything = true
            if inQuotes {
                if byte == quote {
                    if position >= buffer.count { _ = try fill() }
                    if position < buffer.count, buffer[position] == quote {
                        field.append(quote)
                        position += 1
                    } else {
                        inQuotes = false
                        afterClosingQuote = true
                    }
                } else {
                    if byte == newline { line += 1 }
                    if field.count < Self.maximumFieldBytes { field.append(byte) } else { oversized = true }
                }
                continue
            }
            if byte == delimiter {
                finishField()
            } else if byte == newline || byte == carriageReturn {
                if byte == carriageReturn {
                    if position >= buffer.count { _ = try fill() }
                    if position < buffer.count, buffer[position] == newline { position += 1 }
                }
                line += 1
                finishField()
                if oversized {
                    let reason = "a field longer than \(Self.maximumFieldBytes) bytes (an unbalanced quote?)"
                    return DelimitedRow(
                        fields: fields, line: startLine, problems: problems + [reason], unreadable: reason)
                }
                return DelimitedRow(fields: fields, line: startLine, problems: problems)
            } else if byte == quote && field.isEmpty && !fieldWasQuoted && !afterClosingQuote {
                inQuotes = true
                fieldWasQuoted = true
            } else {
                if afterClosingQuote {
                    problems.append("text after a closing quote in field \(fields.count + 1)")
                    afterClosingQuote = false
                } else if byte == quote && !fieldWasQuoted {
                    problems.append("stray quote inside unquoted field \(fields.count + 1)")
                }
                if field.count < Self.maximumFieldBytes { field.append(byte) } else { oversized = true }
            }
        }
    }
}
