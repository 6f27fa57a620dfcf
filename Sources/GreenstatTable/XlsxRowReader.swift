import Foundation

/// Reads the rows of one worksheet of an Excel `.xlsx` workbook, streaming.
///
/// The zip central directory is checked against `XlsxLimits` first (entry count, total size,
/// compression ratio); then the workbook, its relationships, styles and shared strings are parsed,
/// and the sheet's XML is inflated and parsed by libxml2's SAX2 push parser on a background thread
/// that hands rows over in small batches, so memory holds the shared-string table and a few hundred
/// rows whatever the sheet's size. Each row's `line` is its sheet row number; rows without a value
/// are skipped. Cell text: shared and inline strings (rich-text runs joined, phonetic runs
/// dropped), numbers as Excel's General format shows them (`1200`, `0.35`), booleans `TRUE`/`FALSE`,
/// numbers in date formats as ISO dates (`2025-03-01`, or with `T13:30:00` for date-times).
/// Any DOCTYPE in a part is refused.
public final class XlsxRowReader: RowReader {
    /// The name of the sheet being read.
    public let sheetName: String
    /// The 1-based position of that sheet in the workbook.
    public let sheetNumber: Int
    /// Every sheet's name, in workbook order.
    public let sheetNames: [String]
    /// The part being read, e.g. `xl/worksheets/sheet1.xml`.
    public let part: String

    private let pipe = RowPipe(capacity: 4)
    private var batch: [DelimitedRow] = []
    private var batchIndex = 0
    private var finished = false

    /// Opens `path` and prepares to read `sheet`: a sheet name, or a 1-based number when no sheet
    /// has that name; nil for the first worksheet. `file` is the name used in messages.
    public init(path: String, file: String? = nil, sheet: String? = nil, limits: XlsxLimits = XlsxLimits()) throws {
        let shown = file ?? path
        let archive = try ZipArchive(path: path, file: shown, limits: limits)
        var budget = limits.maxTotalUncompressedBytes
        func parse<Handler: XMLEventHandler>(_ entry: ZipEntry, _ handler: Handler) throws -> Handler {
            let parser = XMLPushParser(part: entry.name, file: shown, handler: handler)
            try archive.stream(entry, budget: &budget) { try parser.feed($0) }
            try parser.finish()
            return handler
        }
        var workbookPath = "xl/workbook.xml"
        if let root = archive.entry(named: "_rels/.rels") {
            let relationships = try parse(root, RelationshipsHandler())
            if let office = relationships.first(type: "officeDocument") {
                workbookPath = PartPath.resolve(office.target, from: "")
            }
        }
        guard let workbookEntry = archive.entry(named: workbookPath), !workbookPath.lowercased().hasSuffix(".bin")
        else { throw Self.notAWorkbook(archive, file: shown) }
        let workbook = try parse(workbookEntry, WorkbookHandler())
        let relationshipsPath = PartPath.relationships(of: workbookEntry.name)
        guard let relationshipsEntry = archive.entry(named: relationshipsPath) else {
            throw InputFormatError(
                file: shown, message: "damaged .xlsx: \(relationshipsPath) is missing",
                hint: "re-save the workbook from Excel/WPS")
        }
        let relationships = try parse(relationshipsEntry, RelationshipsHandler())
        let sheets = workbook.sheets
        sheetNames = sheets.map(\.name)
        guard !sheets.isEmpty else {
            throw InputFormatError(file: shown, message: "the workbook has no sheets", hint: "is this a register?")
        }
        let chosen = try Self.choose(
            sheet, from: sheets, relationships: relationships, file: shown)
        sheetNumber = chosen + 1
        sheetName = sheets[chosen].name
        guard let target = relationships.relationships.first(where: { $0.id == sheets[chosen].relationship }),
            let sheetEntry = archive.entry(named: PartPath.resolve(target.target, from: workbookEntry.name))
        else {
            throw InputFormatError(
                file: shown, message: "damaged .xlsx: the part of sheet '\(sheetName)' is missing",
                hint: "re-save the workbook from Excel/WPS")
        }
        part = sheetEntry.name
        var dateKinds: [ExcelDateKind?] = []
        if let styles = relationships.first(type: "styles"),
            let entry = archive.entry(named: PartPath.resolve(styles.target, from: workbookEntry.name))
        {
            dateKinds = try parse(entry, StylesHandler()).dateKinds()
        }
        var strings = SharedStrings(bytes: [], ends: [])
        if let shared = relationships.first(type: "sharedStrings"),
            let entry = archive.entry(named: PartPath.resolve(shared.target, from: workbookEntry.name))
        {
            strings = try parse(
                entry, SharedStringsHandler(file: shown, part: entry.name, maxCellBytes: limits.maxCellBytes)
            ).table()
        }
        let job = SheetJob(
            archive: archive, entry: sheetEntry, strings: strings, dateKinds: dateKinds,
            date1904: workbook.date1904, budget: budget, pipe: pipe, file: shown)
        let thread = Thread { job.run() }
        thread.name = "greenstat-xlsx"
        thread.start()
    }

    deinit { pipe.cancel() }

    /// The next row with a value, or nil at the end of the sheet.
    public func next() throws -> DelimitedRow? {
        while batchIndex >= batch.count {
            if finished { return nil }
            guard let next = try pipe.pop() else {
                finished = true
                return nil
            }
            batch = next
            batchIndex = 0
        }
        defer { batchIndex += 1 }
        return batch[batchIndex]
    }

    private static func choose(
        _ wanted: String?, from sheets: [WorkbookHandler.Sheet], relationships: RelationshipsHandler, file: String
    ) throws -> Int {
        func type(of sheet: WorkbookHandler.Sheet) -> String {
            relationships.relationships.first { $0.id == sheet.relationship }?.type ?? ""
        }
        let listed = sheets.enumerated().map { "\($0.offset + 1) '\($0.element.name)'" }.joined(separator: ", ")
        let index: Int
        if let wanted {
            if let exact = sheets.firstIndex(where: { $0.name == wanted }) {
                index = exact
            } else if let folded = sheets.firstIndex(where: { $0.name.lowercased() == wanted.lowercased() }) {
                index = folded
            } else if let number = Int(wanted), number >= 1 && number <= sheets.count {
                index = number - 1
            } else {
                throw InputFormatError(
                    file: file, message: "the workbook has no sheet '\(wanted)'; its sheets are \(listed)",
                    hint: "give a sheet name or its 1-based number")
            }
            guard type(of: sheets[index]).hasSuffix("/worksheet") else {
                throw InputFormatError(
                    file: file, message: "sheet '\(sheets[index].name)' is a chart or dialog sheet, not a table",
                    hint: "choose another sheet: \(listed)")
            }
            return index
        }
        guard let first = sheets.firstIndex(where: { type(of: $0).hasSuffix("/worksheet") }) else {
            throw InputFormatError(
                file: file, message: "the workbook has no worksheet (only chart sheets: \(listed))",
                hint: "is this a register?")
        }
        return first
    }

    private static func notAWorkbook(_ archive: ZipArchive, file: String) -> InputFormatError {
        let names = Set(archive.entries.map { $0.name.lowercased() })
        let what: String
        if names.contains("xl/workbook.bin") {
            what = "this is an Excel binary workbook (.xlsb), not .xlsx"
        } else if names.contains("mimetype") && names.contains("content.xml") {
            what = "this is an OpenDocument file (.ods, e.g. from LibreOffice or WPS), not .xlsx"
        } else if names.contains("word/document.xml") {
            what = "this is a Word document (.docx), not a workbook"
        } else if names.contains("ppt/presentation.xml") {
            what = "this is a PowerPoint presentation (.pptx), not a workbook"
        } else {
            what = "this is a zip archive but not an Excel workbook (it has no xl/workbook.xml)"
        }
        return InputFormatError(
            file: file, message: what, hint: "open it in Excel/WPS and save it as .xlsx or CSV (UTF-8)")
    }
}

/// Parses one worksheet on a background thread, handing rows to a `RowPipe`.
private final class SheetJob: Sendable {
    let archive: ZipArchive
    let entry: ZipEntry
    let strings: SharedStrings
    let dateKinds: [ExcelDateKind?]
    let date1904: Bool
    let budget: UInt64
    let pipe: RowPipe
    let file: String

    init(
        archive: ZipArchive, entry: ZipEntry, strings: SharedStrings, dateKinds: [ExcelDateKind?], date1904: Bool,
        budget: UInt64, pipe: RowPipe, file: String
    ) {
        self.archive = archive
        self.entry = entry
        self.strings = strings
        self.dateKinds = dateKinds
        self.date1904 = date1904
        self.budget = budget
        self.pipe = pipe
        self.file = file
    }

    func run() {
        let pipe = self.pipe
        let handler = SheetHandler(
            file: file, part: entry.name, strings: strings, dateKinds: dateKinds, date1904: date1904,
            maxCellBytes: archive.limits.maxCellBytes, maxPaddingCells: archive.limits.maxPaddingCells,
            deliver: { pipe.push($0) })
        let parser = XMLPushParser(part: entry.name, file: file, handler: handler)
        var budget = self.budget
        do {
            try archive.stream(entry, budget: &budget) { bytes in
                if pipe.isCancelled { throw SheetHandler.cancelled(file: file) }
                try parser.feed(bytes)
            }
            try parser.finish()
            _ = handler.flush()
            pipe.finish(nil)
        } catch let error as InputFormatError {
            _ = handler.flush()
            pipe.finish(error)
        } catch {
            _ = handler.flush()
            pipe.finish(InputFormatError(file: file, message: "cannot read \(entry.name): \(error)"))
        }
    }
}

/// A bounded hand-over of row batches from the parsing thread to the reader.
final class RowPipe: @unchecked Sendable {
    private let condition = NSCondition()
    private var batches: [[DelimitedRow]] = []
    private var done = false
    private var failure: InputFormatError?
    private var cancelled = false
    private let capacity: Int

    init(capacity: Int) { self.capacity = capacity }

    /// Whether the reader went away.
    var isCancelled: Bool {
        condition.lock()
        defer { condition.unlock() }
        return cancelled
    }

    /// Adds a batch, waiting while the pipe is full; false when the reader went away.
    func push(_ batch: [DelimitedRow]) -> Bool {
        condition.lock()
        defer { condition.unlock() }
        while batches.count >= capacity && !cancelled { condition.wait() }
        if cancelled { return false }
        batches.append(batch)
        condition.broadcast()
        return true
    }

    /// Marks the end of the rows, with the error that ended them if any.
    func finish(_ error: InputFormatError?) {
        condition.lock()
        defer { condition.unlock() }
        done = true
        failure = error
        condition.broadcast()
    }

    /// The next batch, nil at the end; throws the producer's error after the rows before it.
    func pop() throws -> [DelimitedRow]? {
        condition.lock()
        defer { condition.unlock() }
        while batches.isEmpty && !done { condition.wait() }
        if !batches.isEmpty {
            condition.broadcast()
            return batches.removeFirst()
        }
        if let failure { throw failure }
        return nil
    }

    /// Tells the producer to stop.
    func cancel() {
        condition.lock()
        defer { condition.unlock() }
        cancelled = true
        condition.broadcast()
    }
}
