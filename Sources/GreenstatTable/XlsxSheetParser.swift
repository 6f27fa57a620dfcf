import CLibXML2

/// The SAX consumer of one worksheet (`xl/worksheets/sheetN.xml`): turns `<row>`/`<c>` elements
/// into `DelimitedRow`s whose `line` is the sheet row number. Cells are placed by their reference
/// (`AB12` → column 28), so sparse rows keep their columns; rows without a value are skipped.
final class SheetHandler: XMLEventHandler {
    private enum CellType {
        case number
        case sharedString
        case inlineString
        case formulaString
        case boolean
        case error
        case isoDate
    }

    /// The failure that stops the parse (or `cancelled`).
    var failure: InputFormatError? { didSet { shouldStop = failure != nil } }
    private(set) var shouldStop = false
    private let strings: SharedStrings
    private let dateKinds: [ExcelDateKind?]
    private let date1904: Bool
    private let maxCellBytes: Int
    private var paddingLeft: Int
    private let file: String
    private let part: String
    private let deliver: ([DelimitedRow]) -> Bool
    private let batchSize: Int
    private var batch: [DelimitedRow] = []

    private var rowNumber = 0
    private var cells: [String] = []
    private var problems: [String] = []
    private var rowHasValue = false
    private var inCell = false
    private var column = 0
    private var nextColumn = 0
    private var cellType = CellType.number
    private var style = 0
    private var inValue = false
    private var inInline = false
    private var text = RichTextCollector()
    private var buffer: [UInt8] = []

    /// Excel's last column is XFD, the 16,384th.
    static let maxColumns = 16_384

    /// The failure used when the reader went away.
    static func cancelled(file: String) -> InputFormatError {
        InputFormatError(file: file, message: "reading was cancelled")
    }

    init(
        file: String, part: String, strings: SharedStrings, dateKinds: [ExcelDateKind?], date1904: Bool,
        maxCellBytes: Int, maxPaddingCells: Int, batchSize: Int = 512, deliver: @escaping ([DelimitedRow]) -> Bool
    ) {
        paddingLeft = maxPaddingCells
        self.file = file
        self.part = part
        self.strings = strings
        self.dateKinds = dateKinds
        self.date1904 = date1904
        self.maxCellBytes = maxCellBytes
        self.batchSize = batchSize
        self.deliver = deliver
        buffer.reserveCapacity(256)
    }

    /// Hands over the rows not yet delivered; false when the reader went away.
    func flush() -> Bool {
        guard !batch.isEmpty else { return true }
        let rows = batch
        batch = []
        return deliver(rows)
    }

    func startElement(_ name: UnsafePointer<xmlChar>, _ attributes: XMLAttributes) {
        if XMLName.matches(name, "c") {
            inCell = true
            buffer.removeAll(keepingCapacity: true)
            column = nextColumn
            if let reference = attributes.bytes("r"), let parsed = Self.column(of: reference) {
                if parsed >= Self.maxColumns {
                    let shown = String(decoding: reference, as: UTF8.self)
                    failure = InputFormatError(
                        file: file, line: rowNumber,
                        message: "cell reference \(shown) in \(part) lies beyond Excel's last column XFD",
                        hint: "the workbook is damaged or crafted; re-save it from Excel/WPS")
                    return
                }
                column = parsed
            }
            cellType = Self.cellType(attributes.bytes("t"))
            style = attributes.integer("s") ?? 0
        } else if XMLName.matches(name, "row") {
            rowNumber = attributes.integer("r") ?? rowNumber + 1
            cells.removeAll(keepingCapacity: true)
            problems.removeAll()
            rowHasValue = false
            nextColumn = 0
        } else if inCell {
            if XMLName.matches(name, "v") {
                inValue = true
            } else if XMLName.matches(name, "is") {
                inInline = true
                text.reset()
            } else if inInline {
                text.start(name)
            }
        }
    }

    func endElement(_ name: UnsafePointer<xmlChar>) {
        if XMLName.matches(name, "c") {
            finishCell()
        } else if XMLName.matches(name, "row") {
            finishRow()
        } else if inCell {
            if XMLName.matches(name, "v") {
                inValue = false
            } else if XMLName.matches(name, "is") {
                inInline = false
            } else if inInline {
                text.end(name)
            }
        }
    }

    func characters(_ bytes: UnsafeBufferPointer<UInt8>) {
        guard inCell && (inValue || (inInline && text.inText)) else { return }
        buffer.append(contentsOf: bytes)
        if buffer.count > maxCellBytes && failure == nil {
            failure = InputFormatError(
                file: file, line: rowNumber,
                message: "cell \(Self.reference(column: column, row: rowNumber)) is longer than \(maxCellBytes) bytes",
                hint: "Excel cells hold at most 32,767 characters: the file is damaged or crafted")
        }
    }

    private func finishCell() {
        inCell = false
        inValue = false
        inInline = false
        nextColumn = column + 1
        guard !buffer.isEmpty else { return }
        var raw: String { String(decoding: buffer, as: UTF8.self) }
        let value: String
        switch cellType {
        case .sharedString:
            if let index = Self.index(buffer), let shared = strings.string(at: index) {
                value = shared
            } else {
                problems.append(
                    "cell \(Self.reference(column: column, row: rowNumber)) refers to shared string \(raw), which "
                        + "the workbook does not have (\(strings.count) strings)")
                value = ""
            }
        case .inlineString, .formulaString:
            value = raw
        case .boolean:
            value = raw == "1" ? "TRUE" : raw == "0" ? "FALSE" : raw
        case .error:
            problems.append("cell \(Self.reference(column: column, row: rowNumber)) holds the error value \(raw)")
            value = raw
        case .isoDate:
            value = raw.hasSuffix("T00:00:00") ? String(raw.dropLast(9)) : raw
        case .number:
            if style < dateKinds.count, let kind = dateKinds[style] {
                if let date = ExcelValues.date(serial: raw, kind: kind, date1904: date1904) {
                    value = date
                } else {
                    problems.append(
                        "cell \(Self.reference(column: column, row: rowNumber)) is formatted as a date but holds "
                            + "\(raw), which is not one")
                    value = ExcelValues.number(raw)
                }
            } else if Self.isPlainInteger(buffer) {
                value = raw
            } else {
                value = ExcelValues.number(raw)
            }
        }
        guard !value.isEmpty else { return }
        if column > cells.count {
            paddingLeft -= column - cells.count
            if paddingLeft < 0 {
                failure = InputFormatError(
                    file: file, line: rowNumber,
                    message:
                        "\(part) places its cells so sparsely (up to cell "
                        + "\(Self.reference(column: column, row: rowNumber))) that reading it would create too many "
                        + "empty cells; refusing",
                    hint: "the workbook is crafted or damaged; re-save it from Excel/WPS, or raise the limit")
                return
            }
        }
        if column >= cells.count { cells.append(contentsOf: repeatElement("", count: column - cells.count + 1)) }
        cells[column] = value
        rowHasValue = true
    }

    private func finishRow() {
        guard rowHasValue || !problems.isEmpty else { return }
        batch.append(DelimitedRow(fields: cells, line: rowNumber, problems: problems))
        if batch.count >= batchSize && !flush() { failure = Self.cancelled(file: file) }
    }

    private static func cellType(_ bytes: UnsafeBufferPointer<UInt8>?) -> CellType {
        guard let bytes, let first = bytes.first else { return .number }
        switch first {
        case UInt8(ascii: "s"): return bytes.count == 1 ? .sharedString : .formulaString  // "s" or "str"
        case UInt8(ascii: "i"): return .inlineString
        case UInt8(ascii: "b"): return .boolean
        case UInt8(ascii: "e"): return .error
        case UInt8(ascii: "d"): return .isoDate
        default: return .number
        }
    }

    /// A shared-string index: decimal digits, perhaps with surrounding spaces.
    private static func index(_ bytes: [UInt8]) -> Int? {
        var value = 0
        var digits = 0
        for byte in bytes {
            if byte >= 0x30 && byte <= 0x39 {
                guard digits < 18 else { return nil }
                value = value * 10 + Int(byte - 0x30)
                digits += 1
            } else if byte != 0x20 && byte != 0x09 && byte != 0x0A && byte != 0x0D {
                return nil
            }
        }
        return digits > 0 ? value : nil
    }

    /// Whether a number's text is already as General format shows it: an optional minus and 1–15
    /// digits without a leading zero (most register numbers), so it needs no rewriting.
    private static func isPlainInteger(_ bytes: [UInt8]) -> Bool {
        var start = 0
        if bytes.first == UInt8(ascii: "-") { start = 1 }
        let count = bytes.count - start
        guard count >= 1 && count <= 15 else { return false }
        if bytes[start] == 0x30 { return count == 1 && start == 0 }
        for index in start..<bytes.count where bytes[index] < 0x30 || bytes[index] > 0x39 { return false }
        return true
    }

    /// The 0-based column of a reference such as `AB12`, or nil when it has no letters.
    static func column(of reference: UnsafeBufferPointer<UInt8>) -> Int? {
        var value = 0
        var letters = 0
        for byte in reference {
            let upper = byte >= 0x61 && byte <= 0x7A ? byte - 0x20 : byte
            guard upper >= 0x41 && upper <= 0x5A else { break }
            value = value * 26 + Int(upper - 0x40)
            letters += 1
            if letters > 4 { return Int.max }
        }
        return letters == 0 ? nil : value - 1
    }

    /// `AB12` for 0-based column 27 and row 12.
    static func reference(column: Int, row: Int) -> String {
        var letters: [UInt8] = []
        var value = column + 1
        while value > 0 {
            let remainder = (value - 1) % 26
            letters.insert(UInt8(0x41 + remainder), at: 0)
            value = (value - 1) / 26
        }
        return String(decoding: letters, as: UTF8.self) + String(row)
    }
}
