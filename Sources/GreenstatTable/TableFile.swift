/// What a table file turned out to be, judged by its content.
public enum TableFormat: Sendable, Equatable {
    /// CSV or TSV text in the given encoding.
    case delimitedText(TextEncoding)
    /// An Excel `.xlsx` workbook; the sheet read.
    case xlsx(sheet: String)
}

/// How to open a table file. Every property has a default: detection, the first sheet.
public struct TableOpenOptions: Sendable {
    /// The text encoding of a delimited file; nil to detect it.
    public var encoding: TextEncoding?
    /// The sheet of a workbook: a name or a 1-based number; nil for the first worksheet.
    public var sheet: String?
    /// The field separator of a delimited file; nil to take it from the header line.
    public var delimiter: UInt8?
    /// Limits against hostile workbooks.
    public var limits: XlsxLimits

    /// Creates options.
    public init(
        encoding: TextEncoding? = nil, sheet: String? = nil, delimiter: UInt8? = nil, limits: XlsxLimits = XlsxLimits()
    ) {
        self.encoding = encoding
        self.sheet = sheet
        self.delimiter = delimiter
        self.limits = limits
    }
}

/// An opened table: its rows, what it is, and remarks for the user.
public struct OpenedTable {
    /// The rows.
    public var rows: any RowReader
    /// What the file is.
    public var format: TableFormat
    /// Informational remarks (detected encoding, which sheet was read).
    public var notes: [String]
    /// Remarks that need attention (a name that contradicts the content).
    public var warnings: [String]
}

/// Opens a table file by its content, not only its name: a zip workbook is read as `.xlsx` whatever
/// its extension, text as CSV/TSV in its detected (or given) encoding; anything else — an Excel
/// 97-2003 `.xls`, an encrypted workbook, `.xlsb`/`.ods`, an HTML or XML "Excel" export, a PDF,
/// binary data — is refused with a message saying what the file is and what to do.
public enum TableFile {
    /// What the first bytes of a file say it is.
    public enum Kind: Sendable, Equatable {
        /// A zip archive (an `.xlsx` workbook, or another zip-based format).
        case zip
        /// Text (CSV/TSV), in some encoding.
        case text
        /// Something that is not a table this program reads; the message says what it is and what to do.
        case refused(message: String, hint: String)
    }

    /// How many bytes `sniff` looks at.
    public static let sniffLength = 8192

    /// Opens `path`. `display` is the name used in messages. Throws `FileReadError` when the file
    /// cannot be read and `InputFormatError` when it is not a readable table.
    public static func open(path: String, display: String? = nil, options: TableOpenOptions = TableOpenOptions())
        throws -> OpenedTable
    {
        let shown = display ?? path
        let file = try FileByteSource(path: path)
        var head: [UInt8] = []
        while head.count < sniffLength {
            if try file.read(into: &head, maxCount: sniffLength - head.count) == 0 { break }
        }
        if head.isEmpty {
            throw InputFormatError(file: shown, message: "the file is empty", hint: "is this the right file?")
        }
        let lower = path.lowercased()
        let namedWorkbook = [".xlsx", ".xlsm", ".xls", ".xlsb", ".et"].contains { lower.hasSuffix($0) }
        switch sniff(head) {
        case .refused(let message, let hint):
            throw InputFormatError(file: shown, message: message, hint: hint)
        case .zip:
            let reader = try XlsxRowReader(path: path, file: shown, sheet: options.sheet, limits: options.limits)
            var notes: [String] = []
            var warnings: [String] = []
            if reader.sheetNames.count > 1 {
                let others = reader.sheetNames.enumerated().map { "\($0.offset + 1) '\($0.element)'" }
                notes.append(
                    "read sheet \(reader.sheetNumber) '\(reader.sheetName)' of \(reader.sheetNames.count) "
                        + "(\(others.joined(separator: ", "))); choose another with the sheet option")
            }
            if !namedWorkbook {
                warnings.append("the file is an Excel workbook (.xlsx) despite its name; read it as one")
            }
            return OpenedTable(rows: reader, format: .xlsx(sheet: reader.sheetName), notes: notes, warnings: warnings)
        case .text:
            let decoder = try TranscodingByteSource(
                source: PrefixedByteSource(prefix: head, rest: file), encoding: options.encoding, name: shown)
            let firstByte = head.first { $0 != 0xEF && $0 != 0xBB && $0 != 0xBF && $0 != 32 && $0 != 10 && $0 != 13 }
            if lower.hasSuffix(".jsonl") || lower.hasSuffix(".ndjson") || firstByte == UInt8(ascii: "{") {
                return OpenedTable(
                    rows: JSONLinesReader(source: decoder), format: .delimitedText(decoder.encoding), notes: [],
                    warnings: [])
            }
            let rows = try DelimitedReader(source: decoder, delimiter: options.delimiter)
            var notes: [String] = []
            var warnings: [String] = []
            if decoder.encoding != .utf8 {
                notes.append(
                    "decoded as \(decoder.encoding.displayName)"
                        + (decoder.wasDetected ? " (detected: \(decoder.reason))" : " (as given)"))
            }
            if namedWorkbook {
                let kind = rows.delimiter == 9 ? "tab-separated text (TSV)" : "comma-separated text (CSV)"
                warnings.append(
                    "the file is named like an Excel workbook but holds \(kind); read it as text — rename it to "
                        + (rows.delimiter == 9 ? ".tsv" : ".csv"))
            }
            return OpenedTable(
                rows: rows, format: .delimitedText(decoder.encoding), notes: notes, warnings: warnings)
        }
    }

    /// Classifies a file by its first bytes (up to `sniffLength`).
    public static func sniff(_ head: [UInt8]) -> Kind {
        func starts(_ magic: [UInt8]) -> Bool { head.starts(with: magic) }
        let save = "open it in Excel/WPS and save it as .xlsx or CSV (UTF-8)"
        if starts([0x50, 0x4B, 0x03, 0x04]) || starts([0x50, 0x4B, 0x05, 0x06]) || starts([0x50, 0x4B, 0x07, 0x08]) {
            return .zip
        }
        if starts([0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1]) {
            if contains(head, utf16: "EncryptedPackage") {
                return .refused(
                    message: "this is a password-protected (encrypted) Excel workbook",
                    hint: "remove the password and "
                        + save)
            }
            return .refused(
                message: "this is an Excel 97-2003 .xls file (OLE2/BIFF), not .xlsx; save it as .xlsx or CSV",
                hint: save)
        }
        let known: [([UInt8], String)] = [
            (Array("%PDF".utf8), "a PDF document"), ([0x1F, 0x8B], "a gzip-compressed file"),
            (Array("Rar!".utf8), "a RAR archive"), ([0x37, 0x7A, 0xBC, 0xAF, 0x27, 0x1C], "a 7-Zip archive"),
            ([0x7F, 0x45, 0x4C, 0x46], "a program (ELF executable)"), ([0x89, 0x50, 0x4E, 0x47], "a PNG image"),
            ([0xFF, 0xD8, 0xFF], "a JPEG image"), (Array("{\\rtf".utf8), "an RTF document"),
        ]
        for (magic, name) in known where starts(magic) {
            return .refused(
                message: "this is \(name), not a register table",
                hint: "registers are read from .xlsx, CSV or TSV files")
        }
        let text = asciiLowercasePrefix(head)
        if text.contains("urn:schemas-microsoft-com:office:spreadsheet") || text.contains("progid=\"excel.sheet\"") {
            return .refused(message: "this is an Excel 2003 XML spreadsheet, not .xlsx or CSV", hint: save)
        }
        if text.hasPrefix("<!doctype html") || text.hasPrefix("<html")
            || (text.hasPrefix("<") && text.contains("<table"))
        {
            return .refused(
                message: "this is an HTML page (a web system's \"Excel\" export), not a workbook", hint: save)
        }
        if EncodingGuess.utf16WithoutMark(head) == nil && !starts([0xFF, 0xFE]) && !starts([0xFE, 0xFF]) {
            let sample = head.prefix(4096)
            let controls = sample.filter { $0 < 0x20 && $0 != 0x09 && $0 != 0x0A && $0 != 0x0D && $0 != 0x0C }
            if sample.contains(0) || controls.count * 20 > sample.count {
                let first = head.prefix(8).map { byte -> String in
                    let text = String(byte, radix: 16, uppercase: true)
                    return text.count == 1 ? "0" + text : text
                }
                return .refused(
                    message: "this is binary data, not a table (it starts with bytes \(first.joined(separator: " ")))",
                    hint: "registers are read from .xlsx, CSV or TSV files")
            }
        }
        return .text
    }

    private static func contains(_ bytes: [UInt8], utf16 text: String) -> Bool {
        let pattern = text.utf16.flatMap { [UInt8($0 & 0xFF), UInt8($0 >> 8)] }
        guard bytes.count >= pattern.count else { return false }
        for start in 0...(bytes.count - pattern.count) where bytes[start] == pattern[0] {
            if bytes[start..<(start + pattern.count)].elementsEqual(pattern) { return true }
        }
        return false
    }

    /// The start of the file as lowercase text, leading whitespace and BOM dropped (for markup sniffing).
    private static func asciiLowercasePrefix(_ head: [UInt8]) -> String {
        var bytes = head.prefix(2048)
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { bytes = bytes.dropFirst(3) }
        let trimmed = bytes.drop { $0 == 0x20 || $0 == 0x09 || $0 == 0x0A || $0 == 0x0D }
        return String(decoding: trimmed.map { $0 >= 0x41 && $0 <= 0x5A ? $0 + 0x20 : $0 }, as: UTF8.self)
    }
}

/// Bytes already read, then the rest of a source.
struct PrefixedByteSource: ByteSource {
    private var prefix: [UInt8]
    private var offset = 0
    private var rest: any ByteSource

    init(prefix: [UInt8], rest: any ByteSource) {
        self.prefix = prefix
        self.rest = rest
    }

    mutating func read(into buffer: inout [UInt8], maxCount: Int) throws -> Int {
        if offset < prefix.count {
            let count = min(maxCount, prefix.count - offset)
            buffer.append(contentsOf: prefix[offset..<(offset + count)])
            offset += count
            if offset == prefix.count { prefix = [] }
            return count
        }
        return try rest.read(into: &buffer, maxCount: maxCount)
    }
}
