import Foundation
import GreenstatCore
import GreenstatTable

/// A row of a register that was refused, with where and why.
public struct RejectedRow: Sendable, Equatable {
    /// The file and line.
    public var origin: RecordOrigin
    /// The field at fault, when one is.
    public var field: String?
    /// The offending value, when there is one.
    public var value: String?
    /// Why the row was refused.
    public var reason: String

    /// The same as a diagnostic (severity error).
    public var diagnostic: Diagnostic {
        Diagnostic(.error, reason, file: origin.file, line: origin.line, field: field, value: value)
    }
}

/// One result of reading a register row: a record (with warnings and extra columns) or a reject.
public enum RegisterRow: Sendable {
    /// A usable record; `label` is the gold 小类 column when the file has one ("" = not green).
    case accepted(EnterpriseRecord, warnings: [Diagnostic], label: String?)
    /// A refused row.
    case rejected(RejectedRow)
}

/// Reads an enterprise register (CSV or TSV in UTF-8) row by row, mapping Chinese or English
/// headers to fields and checking each row. Streams: memory does not grow with the file.
public struct RegisterReader {
    private var reader: any RowReader
    /// The file as named by the user.
    public let file: String
    /// Column index of each recognised field.
    public private(set) var columns: [RegisterField: Int] = [:]
    /// Problems with the file as a whole (unknown columns, skipped title rows).
    public private(set) var fileDiagnostics: [Diagnostic] = []
    /// The number of data rows read so far (blank lines not counted).
    public private(set) var rowsRead = 0
    private var headerCount = 0

    /// Opens `path` and reads up to its header row. The format is taken from the content: an
    /// `.xlsx` workbook (the first worksheet, or `sheet`: a name or 1-based number) or CSV/TSV text
    /// in UTF-8, UTF-16 with a byte-order mark or GB18030/GBK (detected, or `encoding`). Throws a
    /// diagnostic when the file cannot be read, is not a readable table (an `.xls`, a damaged or
    /// hostile workbook …) or has no recognisable header (needs at least 统一社会信用代码 and 企业名称).
    /// A problem met later while reading rows (an undecodable line) throws a `FileReadError`.
    public init(path: String, display: String? = nil, encoding: TextEncoding? = nil, sheet: String? = nil) throws {
        let shown = display ?? path
        let table: OpenedTable
        do {
            table = try TableFile.open(
                path: path, display: shown,
                options: TableOpenOptions(encoding: encoding, sheet: sheet, delimiter: Self.delimiter(forPath: path)))
        } catch let error as InputFormatError {
            throw Diagnostic(.error, error.message, file: shown, line: error.line, hint: error.hint)
        } catch {
            throw Diagnostic(
                .error, (error as? FileReadError)?.reason ?? "\(error)", file: shown, hint: "check the path")
        }
        do { try self.init(rows: table.rows, file: shown) } catch let error as InputFormatError {
            throw Diagnostic(.error, error.message, file: shown, line: error.line, hint: error.hint)
        }
        reader = InputErrorsAsReadErrors(base: reader, file: shown)
        fileDiagnostics.insert(
            contentsOf: table.notes.map { Diagnostic(.note, $0, file: shown) }
                + table.warnings.map { Diagnostic(.warning, $0, file: shown) }, at: 0)
    }

    /// Reads a register from any byte source of UTF-8 delimited text.
    public init(source: ByteSource, file: String, delimiter: UInt8? = nil) throws {
        try self.init(rows: try DelimitedReader(source: source, delimiter: delimiter), file: file)
    }

    /// Reads a register from any row reader (delimited text, a worksheet …).
    public init(rows: any RowReader, file: String) throws {
        self.file = file
        reader = rows
        var skipped = 0
        while let row = try reader.next() {
            if row.isBlank { continue }
            var mapped: [RegisterField: Int] = [:]
            var unknown: [String] = []
            for (index, cell) in row.fields.enumerated() {
                if let field = RegisterField.match(header: cell), mapped[field] == nil {
                    mapped[field] = index
                } else if !cell.trimmingWhitespace().isEmpty {
                    unknown.append(cell)
                }
            }
            if mapped.count >= 2 {
                if skipped > 0 {
                    fileDiagnostics.append(
                        Diagnostic(
                            .note, "skipped \(skipped) row(s) above the header (titles)", file: file, line: row.line))
                }
                columns = mapped
                headerCount = row.fields.count
                if !unknown.isEmpty {
                    fileDiagnostics.append(
                        Diagnostic(
                            .warning, "ignoring unknown column(s): \(unknown.joined(separator: ", "))", file: file,
                            line: row.line))
                }
                for required in [RegisterField.creditCode, .name] where mapped[required] == nil {
                    throw Diagnostic(
                        .error, "the header has no \(required.aliases[0]) (\(required.rawValue)) column", file: file,
                        line: row.line, hint: "name the column \(required.aliases[0]) or \(required.rawValue)")
                }
                return
            }
            skipped += 1
            if skipped > 20 { break }
        }
        throw Diagnostic(
            .error, "no header row found (a row naming 统一社会信用代码/credit_code and 企业名称/name)", file: file,
            line: 1, hint: "is this a register? headers may be Chinese or English")
    }

    static func delimiter(forPath path: String) -> UInt8? {
        let lower = path.lowercased()
        if lower.hasSuffix(".tsv") || lower.hasSuffix(".tab") { return 9 }
        if lower.hasSuffix(".csv") { return UInt8(ascii: ",") }
        return nil
    }

    /// Reads the next data row, or nil at the end of the file.
    public mutating func next() throws -> RegisterRow? {
        while let row = try reader.next() {
            if row.isBlank { continue }
            rowsRead += 1
            return check(row)
        }
        return nil
    }

    private func check(_ row: DelimitedRow) -> RegisterRow {
        let origin = RecordOrigin(file: file, line: row.line)
        func cell(_ field: RegisterField) -> String {
            guard let index = columns[field], index < row.fields.count else { return "" }
            return row.fields[index].trimmingWhitespace()
        }
        if let problem = row.problems.first(where: { $0.contains("never closed") }) {
            return .rejected(RejectedRow(origin: origin, field: nil, value: nil, reason: problem))
        }
        let codeText = cell(.creditCode)
        let creditCode: CreditCode
        switch CreditCode.validate(codeText) {
        case .success(let code): creditCode = code
        case .failure(let problem):
            return .rejected(
                RejectedRow(
                    origin: origin, field: "统一社会信用代码", value: codeText.isEmpty ? nil : codeText,
                    reason: problem.description))
        }
        let name = cell(.name)
        if name.isEmpty {
            return .rejected(RejectedRow(origin: origin, field: "企业名称", value: nil, reason: "企业名称 is empty"))
        }
        var warnings: [Diagnostic] = row.problems.map { Diagnostic(.warning, $0, file: file, line: row.line) }
        if row.fields.count > headerCount {
            warnings.append(
                Diagnostic(
                    .warning, "row has \(row.fields.count) cells, the header \(headerCount); extra cells ignored",
                    file: file, line: row.line))
        }
        func parse<T>(_ field: RegisterField, _ parser: (String) throws(ValueError) -> T?) -> T? {
            let text = cell(field)
            do { return try parser(text) } catch {
                warnings.append(
                    Diagnostic(
                        .warning, "\(error.description); value ignored", file: file, line: row.line,
                        field: field.aliases[0], value: text))
                return nil
            }
        }
        var industry: IndustryCode?
        let industryText = cell(.industryCode)
        if !industryText.isEmpty {
            industry = IndustryCode(industryText)
            if industry == nil {
                warnings.append(
                    Diagnostic(
                        .warning, "not a 4-digit GB/T 4754-2017 code; ignored", file: file, line: row.line,
                        field: "行业代码", value: industryText))
            }
        }
        let street = cell(.street)
        let record = EnterpriseRecord(
            creditCode: creditCode, name: name, year: parse(.year, ValueParsing.year),
            industryCode: industry, businessScope: cell(.businessScope), mainBusiness: cell(.mainBusiness),
            revenueWan: parse(.revenueWan, ValueParsing.decimal), employees: parse(.employees, ValueParsing.count),
            greenShare: parse(.greenShare, ValueParsing.share), street: street.isEmpty ? nil : street,
            energySavedTce: parse(.energySavedTce, ValueParsing.decimal), origin: origin)
        let label = columns[.label] == nil ? nil : cell(.label)
        return .accepted(record, warnings: warnings, label: label)
    }
}

/// Reports a problem met while reading rows (an undecodable line, a damaged sheet) as the
/// `FileReadError` the command line treats as "input file unusable".
private struct InputErrorsAsReadErrors: RowReader {
    var base: any RowReader
    let file: String

    mutating func next() throws -> DelimitedRow? {
        do { return try base.next() } catch let error as InputFormatError {
            let hint = error.hint.map { " (\($0))" } ?? ""
            throw FileReadError(path: file, reason: error.message + hint)
        }
    }
}
