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
    /// The worksheet read, for a workbook.
    public private(set) var sheet: String?
    /// Column index of each recognised field.
    public private(set) var columns: [RegisterField: Int] = [:]
    /// Problems with the file as a whole (unknown columns, skipped title rows).
    public private(set) var fileDiagnostics: [Diagnostic] = []
    private var headerCount = 0
    /// Checks against the taxonomy's data (GB/T 4754 codes, streets), when given.
    public var validation: RegisterValidation?
    /// Factor from each money column's header unit to 万元 (营业收入（元） → 0.0001).
    public private(set) var moneyScale: Decimal = 1
    /// Factor from the 节能量 column's unit to 吨标准煤 (万吨标准煤 → 10,000).
    public private(set) var energyScale: Decimal = 1
    private var pending: DelimitedRow?

    /// Opens `path` and reads up to its header row. The format is taken from the content: an
    /// `.xlsx` workbook (the first worksheet, or `sheet`: a name or 1-based number) or CSV/TSV text
    /// in UTF-8, UTF-16 with a byte-order mark or GB18030/GBK (detected, or `encoding`). Throws a
    /// diagnostic when the file cannot be read, is not a readable table (an `.xls`, a damaged or
    /// hostile workbook …) or has no recognisable header (needs at least 统一社会信用代码 and 企业名称).
    /// A problem met later while reading rows (an undecodable line) throws a `FileReadError`.
    public init(
        path: String, display: String? = nil, encoding: TextEncoding? = nil, sheet: String? = nil,
        validation: RegisterValidation? = nil
    ) throws {
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
        self.validation = validation
        if case .xlsx(let name) = table.format { self.sheet = name }
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
                var header = row.fields
                // A second header line holding only units (营业收入 over （万元）) is merged into the first.
                if let next = try reader.next() {
                    if Self.isUnitRow(next) {
                        for (index, unit) in next.fields.enumerated() where index < header.count {
                            header[index] += unit.trimmingWhitespace()
                        }
                        fileDiagnostics.append(
                            Diagnostic(
                                .note, "merged the two-line header (units on line \(next.line))", file: file,
                                line: row.line))
                    } else {
                        pending = next
                    }
                }
                columns = mapped
                headerCount = row.fields.count
                if let index = mapped[.revenueWan], index < header.count {
                    moneyScale = Self.moneyScale(ofHeader: header[index])
                    if moneyScale != 1 {
                        fileDiagnostics.append(
                            Diagnostic(
                                .note,
                                "营业收入 column is in \(Self.unit(ofHeader: header[index]) ?? "?"): converted to 万元",
                                file: file, line: row.line))
                    }
                }
                if let index = mapped[.energySavedTce], index < header.count,
                    Self.unit(ofHeader: header[index])?.hasPrefix("万吨") == true
                {
                    energyScale = 10_000
                }
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

    /// The unit written in a header cell: in brackets (`营业收入（元）`, `(亿元)`) or as a suffix.
    static func unit(ofHeader header: String) -> String? {
        let folded = String(decoding: TextNormalizer.fold(header.trimmingWhitespace()), as: UTF8.self)
        if folded.hasSuffix(")"), let open = folded.lastIndex(of: "(") {
            return String(folded[folded.index(after: open)..<folded.index(before: folded.endIndex)])
                .trimmingWhitespace()
        }
        for (suffix, _) in ValueParsing.moneyUnits where folded.hasSuffix(suffix) && folded.count > suffix.count {
            return suffix
        }
        return nil
    }

    /// The factor from a money header's unit to 万元 (1 when there is none).
    static func moneyScale(ofHeader header: String) -> Decimal {
        guard let unit = unit(ofHeader: header) else { return 1 }
        return ValueParsing.moneyUnits.first { $0.0 == unit }?.1 ?? 1
    }

    /// Whether a row holds only units (the second line of a two-line header).
    static func isUnitRow(_ row: DelimitedRow) -> Bool {
        let units = ["万元", "元", "亿元", "千元", "人", "%", "吨标准煤", "tce", "万吨标准煤", "年"]
        var sawUnit = false
        for cell in row.fields {
            var text = String(decoding: TextNormalizer.fold(cell.trimmingWhitespace()), as: UTF8.self)
            if text.isEmpty { continue }
            if text.hasPrefix("(") && text.hasSuffix(")") { text = String(text.dropFirst().dropLast()) }
            guard units.contains(text.trimmingWhitespace()) else { return false }
            sawUnit = true
        }
        return sawUnit
    }

    /// Reads and checks the next data row, or nil at the end of the file.
    public mutating func next() throws -> RegisterRow? {
        try nextRow().map { checker.check($0) }
    }

    /// Checks rows the way this reader does, usable on any thread (what workers use).
    public var checker: RowChecker {
        RowChecker(
            file: file, columns: columns, headerCount: headerCount, validation: validation, moneyScale: moneyScale,
            energyScale: energyScale)
    }

    /// The next rows for parallel work: a block of unparsed records (delimited text; parse it with
    /// `DelimitedBlockParser`, skip blank rows and check the rest with `checker`) or one non-blank
    /// row as read.
    public mutating func nextChunk(targetBytes: Int) throws -> RowChunk? {
        if let row = takePending() { return .row(row) }
        while let chunk = try reader.nextChunk(targetBytes: targetBytes) {
            if case .row(let row) = chunk, row.isBlank { continue }
            return chunk
        }
        return nil
    }

    /// The next non-blank row as read, unchecked (check it with `checker`), or nil at the end.
    public mutating func nextRow() throws -> DelimitedRow? {
        if let row = takePending() { return row }
        while let row = try reader.next() {
            if !row.isBlank { return row }
        }
        return nil
    }

    /// The row read after the header while looking for a unit line, if it is not blank.
    private mutating func takePending() -> DelimitedRow? {
        defer { pending = nil }
        return pending?.isBlank == false ? pending : nil
    }
}

/// Turns a row of a register into a record or a reject: the field checks of `RegisterReader`,
/// as a value that can run on worker threads.
public struct RowChecker: Sendable {
    let file: String
    let columns: [RegisterField: Int]
    let headerCount: Int
    let validation: RegisterValidation?
    let moneyScale: Decimal
    let energyScale: Decimal
    /// Column of each field, by `RegisterField.allCases` position (-1: no such column).
    private let columnOf: [Int]
    /// Whether the money and energy columns need no unit conversion (decided once).
    private let moneyScaleIsOne: Bool
    private let energyScaleIsOne: Bool

    init(
        file: String, columns: [RegisterField: Int], headerCount: Int, validation: RegisterValidation?,
        moneyScale: Decimal, energyScale: Decimal
    ) {
        self.file = file
        self.columns = columns
        self.headerCount = headerCount
        self.validation = validation
        self.moneyScale = moneyScale
        self.energyScale = energyScale
        columnOf = RegisterField.allCases.map { columns[$0] ?? -1 }
        moneyScaleIsOne = moneyScale == 1
        energyScaleIsOne = energyScale == 1
    }

    /// The record in `row`, or why it is refused.
    public func check(_ row: DelimitedRow) -> RegisterRow { check(RawRow(row)) }

    /// The record in `row` (a row as bytes, as the block parser reads it), or why it is refused.
    public func check(_ row: RawRow) -> RegisterRow {
        var checked = CheckedRow()
        if let reject = inspect(row, into: &checked) { return .rejected(reject) }
        let label = columnOf[RegisterField.label.position] < 0 ? nil : cellString(.label, of: row)
        return .accepted(record(checked, in: row), warnings: checked.warnings, label: label)
    }

    /// Field `field` of `row`, trimmed, as a string.
    private func cellString(_ field: RegisterField, of row: RawRow) -> String {
        let index = columnOf[field.position]
        guard index >= 0 else { return "" }
        return row.trimmedString(index)
    }

    /// The byte range of field `field` of `row`, trimmed; empty when the column is missing.
    private func cellRange(_ field: RegisterField, of row: RawRow) -> Range<Int> {
        let index = columnOf[field.position]
        return index >= 0 ? row.trimmedRange(of: index) : 0..<0
    }

    /// Checks the credit code of `row` into `checked` (its range, and the normalized code when it
    /// is not valid as written); the problem when it is invalid.
    private func checkCreditCode(_ row: RawRow, into checked: inout CheckedRow) -> CreditCode.Problem? {
        checked.creditCodeRange = cellRange(.creditCode, of: row)
        let asWritten = row.bytes.withUnsafeBufferPointer { bytes in
            CreditCode.isValidAsWritten(UnsafeBufferPointer(rebasing: bytes[checked.creditCodeRange]))
        }
        if asWritten { return nil }
        switch CreditCode.validate(cellString(.creditCode, of: row)) {
        case .success(let code):
            checked.normalizedCreditCode = code
            return nil
        case .failure(let problem): return problem
        }
    }

    /// The duplicate check's key of `row` — what `DuplicateDetector.key` gives once `inspect`
    /// accepts it — when its credit code and 年份 are valid, else nil; nothing else is checked.
    /// For the key pre-pass: a key of a row refused for another reason only makes the check
    /// remember one key more. `checked` is working space.
    public func duplicateKey(_ row: RawRow, using checked: inout CheckedRow) -> UInt64? {
        checked.reset(line: row.line)
        guard row.unreadable == nil, checkCreditCode(row, into: &checked) == nil else { return nil }
        let yearText = cellString(.year, of: row)
        if !yearText.isEmpty {
            guard let year = try? ValueParsing.year(yearText) else { return nil }
            checked.year = year
        }
        return DuplicateDetector.key(checked, in: row)
    }

    /// Checks `row` without building the record: fills `checked` with the trimmed byte ranges of
    /// the text fields, the parsed values and the warnings, and returns nil; or returns why the
    /// row is refused. `record(_:in:)` builds the record when one is needed (the store).
    public func inspect(_ row: RawRow, into checked: inout CheckedRow) -> RejectedRow? {
        checked.reset(line: row.line)
        func cell(_ field: RegisterField) -> String { cellString(field, of: row) }
        func range(_ field: RegisterField) -> Range<Int> { cellRange(field, of: row) }
        func reject(_ field: String?, _ value: String?, _ reason: String) -> RejectedRow {
            RejectedRow(origin: RecordOrigin(file: file, line: row.line), field: field, value: value, reason: reason)
        }
        if let problem = row.unreadable { return reject(nil, nil, problem) }
        if let problem = checkCreditCode(row, into: &checked) {
            let codeText = cell(.creditCode)
            let hint = CreditCode.typoHint(for: codeText).map { "; \($0)" } ?? ""
            return reject("统一社会信用代码", codeText.isEmpty ? nil : codeText, problem.description + hint)
        }
        checked.nameRange = range(.name)
        if checked.nameRange.isEmpty { return reject("企业名称", nil, "企业名称 is empty") }
        checked.scopeRange = range(.businessScope)
        checked.mainRange = range(.mainBusiness)
        if !row.problems.isEmpty {
            checked.warnings = row.problems.map { Diagnostic(.warning, $0, file: file, line: row.line) }
        }
        func warn(_ field: RegisterField, _ value: String, _ message: String) {
            checked.warnings.append(
                Diagnostic(
                    .warning, message, file: file, line: row.line, field: field.aliases[0],
                    value: value.isEmpty ? nil : value))
        }
        if row.fieldCount > headerCount {
            checked.warnings.append(
                Diagnostic(
                    .warning, "row has \(row.fieldCount) cells, the header \(headerCount); extra cells ignored",
                    file: file, line: row.line))
        }
        // Each value cell is read from its bytes when it is plain (ASCII digits, a point, a sign:
        // nearly every cell); anything else goes through the full parsers, which build a string.
        return row.bytes.withUnsafeBufferPointer { bytes in
            func cellBytes(_ field: RegisterField) -> UnsafeBufferPointer<UInt8> {
                UnsafeBufferPointer(rebasing: bytes[range(field)])
            }
            // Year: statistics are by year, so a year that is there but wrong refuses the row.
            if let year = ValueParsing.plainInteger(utf8: cellBytes(.year)), (1949...2100).contains(year) {
                checked.year = year
            } else {
                let yearText = cell(.year)
                if !yearText.isEmpty {
                    do throws(ValueError) { checked.year = try ValueParsing.year(yearText) } catch {
                        return reject("年份", yearText, "\(error.description) (write a year such as 2025)")
                    }
                } else if columnOf[RegisterField.year.position] >= 0 {
                    warn(.year, "", "no 年份: the record cannot be counted in any year's statistics")
                }
            }
            /// A value cell: read from its bytes by `plain` when it can, else by `full` from its
            /// text; an unreadable value is a warning and no value.
            func value<Value>(
                _ field: RegisterField, plain: (UnsafeBufferPointer<UInt8>) -> Value?,
                full: (String) throws(ValueError) -> Value?
            ) -> Value? {
                if let value = plain(cellBytes(field)) { return value }
                let text = cell(field)
                do throws(ValueError) { return try full(text) } catch {
                    warn(field, text, "\(error.description); value ignored")
                    return nil
                }
            }
            // 营业收入 in 万元: unit from the cell or the column; negative refuses the row.
            let revenueParts = ValueParsing.plainParts(utf8: cellBytes(.revenueWan))
            checked.revenueWan = value(
                .revenueWan,
                plain: { _ in
                    revenueParts.map(ValueParsing.decimal(parts:)).map { moneyScaleIsOne ? $0 : $0 * moneyScale }
                },
                full: { (text: String) throws(ValueError) in
                    try ValueParsing.money(text, columnScale: moneyScaleIsOne ? nil : moneyScale)
                })
            if let value = checked.revenueWan {
                if value.isSignMinus && !value.isZero { return reject("营业收入", cell(.revenueWan), "营业收入 is negative") }
                // A plain number in a 万元 column is compared as an integer (Decimal comparison is slow).
                let implausible =
                    moneyScaleIsOne
                    ? revenueParts.map { !ValueParsing.isAtMost($0, Self.implausibleRevenueWan) }
                        ?? isImplausible(value)
                    : isImplausible(value)
                if implausible {
                    warn(
                        .revenueWan, cell(.revenueWan),
                        "营业收入 above 1万亿元 is implausible for one enterprise; check the unit")
                }
            }
            checked.employees = value(.employees, plain: ValueParsing.plainInteger(utf8:), full: ValueParsing.count)
            if let value = checked.employees {
                if value < 0 { return reject("从业人员", cell(.employees), "从业人员 is negative") }
                if value > 1_000_000 {
                    warn(.employees, cell(.employees), "more than 1,000,000 从业人员 is implausible")
                }
            }
            checked.greenShare = value(.greenShare, plain: ValueParsing.plainShare(utf8:), full: ValueParsing.share)
            checked.energySavedTce = value(
                .energySavedTce, plain: { ValueParsing.plainParts(utf8: $0).map(ValueParsing.decimal(parts:)) },
                full: ValueParsing.decimal
            ).map { energyScaleIsOne ? $0 : $0 * energyScale }
            if let value = checked.energySavedTce, value.isSignMinus && !value.isZero {
                return reject("节能量", cell(.energySavedTce), "节能量 is negative")
            }
            let industryBytes = cellBytes(.industryCode)
            if !industryBytes.isEmpty {
                checked.industryCode = IndustryCode(utf8: industryBytes)
                if checked.industryCode == nil {
                    warn(.industryCode, cell(.industryCode), "not a 4-digit GB/T 4754-2017 code; ignored")
                } else if let validation, let code = checked.industryCode, !validation.isIndustryCode(code) {
                    warn(.industryCode, cell(.industryCode), "no such class in GB/T 4754-2017; ignored")
                    checked.industryCode = nil
                }
            }
            checked.streetRange = range(.street)
            if !checked.streetRange.isEmpty, let validation, !validation.streets.isEmpty {
                checked.streetNumber = validation.streetNumber(cellBytes(.street))
                if checked.streetNumber < 0 {
                    warn(
                        .street, cell(.street),
                        "not one of the district's streets (taxonomy/streets.tsv); kept as written")
                }
            }
            return nil
        }
    }

    /// The record of a row that `inspect` accepted into `checked`.
    public func record(_ checked: CheckedRow, in row: RawRow) -> EnterpriseRecord {
        func string(_ range: Range<Int>) -> String {
            row.bytes.withUnsafeBufferPointer { String(decoding: $0[range], as: UTF8.self) }
        }
        return EnterpriseRecord(
            creditCode: checked.creditCode(in: row),
            name: string(checked.nameRange), year: checked.year, industryCode: checked.industryCode,
            businessScope: string(checked.scopeRange), mainBusiness: string(checked.mainRange),
            revenueWan: checked.revenueWan, employees: checked.employees, greenShare: checked.greenShare,
            street: street(of: checked, in: row), energySavedTce: checked.energySavedTce,
            origin: RecordOrigin(file: file, line: checked.line))
    }

    /// 1万亿元 in 万元: more is implausible for one enterprise.
    private static let implausibleRevenueWan: UInt64 = 100_000_000

    /// Whether `value` in 万元 is above `implausibleRevenueWan`.
    private func isImplausible(_ value: Decimal) -> Bool { value > Decimal(Self.implausibleRevenueWan) }

    /// 街道 of a row that `inspect` accepted into `checked`: the canonical name when the cell
    /// names one of the district's streets, else the cell as written (trimmed), nil when empty.
    public func street(of checked: CheckedRow, in row: RawRow) -> String? {
        if checked.streetNumber >= 0, let validation { return validation.canonicalStreets[Int(checked.streetNumber)] }
        if checked.streetRange.isEmpty { return nil }
        return row.bytes.withUnsafeBufferPointer { String(decoding: $0[checked.streetRange], as: UTF8.self) }
    }
}

/// What a register is checked against beyond its own syntax: the taxonomy's GB/T 4754-2017 codes
/// and the district's streets.
public struct RegisterValidation: Sendable {
    /// GB/T 4754-2017 class codes.
    public let industryCodes: Set<String>
    /// The same codes as a table indexed by the code's number (a lookup without string hashing).
    private let industryCodeTable: [Bool]
    /// Street names and aliases → canonical street.
    public let streets: [String: String]
    /// The canonical streets, sorted: a checked row names its street by position here.
    public let canonicalStreets: [String]
    /// Each name or alias as UTF-8 and its canonical street's position, searched by bytes (few
    /// entries, no hashing).
    private let streetList: [([UInt8], Int32)]
    /// Each name or alias and its canonical street's position, for a name written in another
    /// Unicode form.
    private let streetNumbers: [String: Int32]

    /// Validation from a loaded taxonomy.
    public init(taxonomy: Taxonomy) {
        industryCodes = Set(taxonomy.industryNames.keys.filter { $0.count == 4 && $0.allSatisfy(\.isNumber) })
        var table = [Bool](repeating: false, count: 10_000)
        for code in industryCodes { if let number = Int(code) { table[number] = true } }
        industryCodeTable = table
        streets = taxonomy.streets
        canonicalStreets = Set(streets.values).sorted()
        let positions = Dictionary(uniqueKeysWithValues: canonicalStreets.enumerated().map { ($1, Int32($0)) })
        streetNumbers = streets.mapValues { positions[$0]! }
        streetList = streets.sorted { $0.key < $1.key }.map { (Array($0.key.utf8), positions[$0.value]!) }
    }

    /// The position in `canonicalStreets` of the street that `name` (UTF-8) names, or -1.
    public func streetNumber(_ name: UnsafeBufferPointer<UInt8>) -> Int32 {
        guard !name.isEmpty else { return -1 }
        for entry in streetList where entry.0.count == name.count {
            if entry.0.withUnsafeBufferPointer({ memcmp($0.baseAddress!, name.baseAddress!, name.count) == 0 }) {
                return entry.1
            }
        }
        return streetNumbers[String(decoding: name, as: UTF8.self)] ?? -1
    }

    /// Whether `code` is a GB/T 4754-2017 class.
    public func isIndustryCode(_ code: IndustryCode) -> Bool { industryCodeTable[Int(code.number)] }
}

/// Reports a problem met while reading rows (an undecodable line, a damaged sheet) as the
/// `FileReadError` the command line treats as "input file unusable".
private struct InputErrorsAsReadErrors: RowReader {
    var base: any RowReader
    let file: String

    mutating func next() throws -> DelimitedRow? {
        do { return try base.next() } catch let error as InputFormatError { throw readError(error) }
    }

    mutating func nextChunk(targetBytes: Int) throws -> RowChunk? {
        do { return try base.nextChunk(targetBytes: targetBytes) } catch let error as InputFormatError {
            throw readError(error)
        }
    }

    private func readError(_ error: InputFormatError) -> FileReadError {
        let hint = error.hint.map { " (\($0))" } ?? ""
        return FileReadError(path: file, reason: error.message + hint)
    }
}
