import Foundation
import GreenstatCore
import GreenstatTable

/// Counts of one classify run, per input file and in total; they reconcile:
/// read = accepted + rejected, accepted = green + not green.
public struct ClassifySummary: Sendable, Equatable {
    /// Per-file counts.
    public struct Counts: Sendable, Equatable {
        /// Data rows read (blank lines not counted).
        public var read = 0
        /// Rows turned into records.
        public var accepted = 0
        /// Rows refused.
        public var rejected = 0
        /// Records classified green.
        public var green = 0
        /// Records classified not green.
        public var notGreen = 0
        /// Records queued for review.
        public var review = 0
        /// Records decided by an override.
        public var overridden = 0
        /// Warnings on accepted rows.
        public var warnings = 0

        /// Adds `other` to these counts.
        public mutating func merge(_ other: Counts) {
            read += other.read
            accepted += other.accepted
            rejected += other.rejected
            green += other.green
            notGreen += other.notGreen
            review += other.review
            overridden += other.overridden
            warnings += other.warnings
        }
    }

    /// Counts per input file, in the order given.
    public var files: [(file: String, counts: Counts)] = []
    /// Input files that could not be read at all (missing, no header); reported, then skipped.
    public var unusable: [String] = []

    /// Counts over all files.
    public var total: Counts {
        var sum = Counts()
        for entry in files { sum.merge(entry.counts) }
        return sum
    }

    /// Compares file lists and counts.
    public static func == (lhs: ClassifySummary, rhs: ClassifySummary) -> Bool {
        lhs.files.map(\.file) == rhs.files.map(\.file) && lhs.files.map(\.counts) == rhs.files.map(\.counts)
            && lhs.unusable == rhs.unusable
    }

    /// A human summary, one line per file and a total.
    public var text: String {
        var lines: [String] = []
        func describe(_ counts: Counts) -> String {
            "read \(counts.read) = accepted \(counts.accepted) + rejected \(counts.rejected); "
                + "green \(counts.green), not green \(counts.notGreen), review \(counts.review)"
                + (counts.overridden > 0 ? ", overridden \(counts.overridden)" : "")
                + (counts.warnings > 0 ? ", warnings \(counts.warnings)" : "")
        }
        for entry in files {
            lines.append(
                "\(entry.file): " + (unusable.contains(entry.file) ? "unusable, skipped" : describe(entry.counts)))
        }
        if files.count > 1 { lines.append("total: \(describe(total))") }
        return lines.joined(separator: "\n")
    }
}

/// The classify stage end to end: read registers, classify every accepted row, write results and
/// rejects, report diagnostics as they happen.
public struct ClassifyJob {
    /// The classifier to use.
    public var classifier: Classifier
    /// Manual determinations.
    public var overrides: OverrideBook
    /// Output format.
    public var format: ClassificationFormat
    /// How inputs are read.
    public var reading: ReadingOptions

    /// Creates a job.
    public init(
        classifier: Classifier, overrides: OverrideBook = OverrideBook(), format: ClassificationFormat,
        reading: ReadingOptions = ReadingOptions()
    ) {
        self.classifier = classifier
        self.overrides = overrides
        self.format = format
        self.reading = reading
    }

    /// Classifies every row of `inputs`, writing results to `output`, rejects (CSV) to `rejects`
    /// and, when given, records and classifications to `sink` (the store). `report` receives each
    /// diagnostic (file-level problems, rejects, warnings). A file that cannot be opened or has no
    /// header is reported and skipped; the run goes on.
    public func run(
        inputs: [String], output: OutputSink, rejects: OutputSink?, sink: ClassificationSink? = nil,
        report: (Diagnostic) -> Void
    ) throws -> ClassifySummary {
        var summary = ClassifySummary()
        try output.write(format.preamble)
        let rejectWriter = DelimitedWriter()
        try rejects?.write("\u{FEFF}" + rejectWriter.line(["file", "sheet", "line", "field", "value", "reason"]))
        let validation = RegisterValidation(taxonomy: classifier.taxonomy)
        // A register too large to remember every key is read twice: first for the keys that
        // repeat (external sort), then the check remembers only those.
        var duplicates = DuplicateDetector(
            repeatedKeys: needsKeyPrepass(inputs) ? try repeatedKeys(inputs, validation: validation) : nil)
        // Parsing, row checks, classification and formatting run on worker threads, a block of
        // records at a time; the results come back in input order, so duplicates, counts and
        // output are sequential and do not depend on the number of threads or the block size.
        let classifier = self.classifier
        let overrides = self.overrides
        let format = self.format
        let pieces = OutcomeJSON(classifier: classifier)
        let checkDuplicates = reading.checkDuplicates
        let keepRecords = sink != nil
        let pipeline = OrderedPipeline<Batch, BatchResult>(workers: reading.threads, capacity: reading.threads * 4) {
            var worker = Worker(
                classifier: classifier, overrides: overrides, format: format, pieces: pieces,
                checkDuplicates: checkDuplicates, keepRecords: keepRecords)
            return { batch in worker.run(batch) }
        }
        defer { pipeline.close() }
        for input in inputs {
            var counts = ClassifySummary.Counts()
            var reader: RegisterReader
            do {
                reader = try RegisterReader(
                    path: input, encoding: reading.encoding, sheet: reading.sheet, validation: validation)
            } catch let diagnostic as Diagnostic {
                if reading.strict { throw StrictModeError(diagnostic: diagnostic) }
                report(diagnostic)
                summary.files.append((input, counts))
                summary.unusable.append(input)
                continue
            }
            reader.fileDiagnostics.forEach(report)
            try sink?.beginFile(input)
            let sheet = reader.sheet ?? ""
            func reject(_ reject: RejectedRow) throws {
                if reading.strict { throw StrictModeError(diagnostic: reject.diagnostic) }
                counts.rejected += 1
                report(reject.diagnostic)
                try rejects?.write(
                    rejectWriter.line([
                        reject.origin.file, sheet, String(reject.origin.line), reject.field ?? "", reject.value ?? "",
                        reject.reason,
                    ]))
            }
            func deliver(_ batch: BatchResult) throws {
                duplicates.prefetch(batch.items.lazy.compactMap { $0.fingerprint?.key })
                // Lines are written in runs; a duplicate's line is left out.
                try batch.output.withUnsafeBufferPointer { lines in
                    func writeRun(_ range: Range<Int>) throws {
                        if !range.isEmpty { try output.write(bytes: UnsafeBufferPointer(rebasing: lines[range])) }
                    }
                    var runStart = 0
                    var storedIndex = 0
                    var lineStart = 0
                    for row in batch.items {
                        counts.read += 1
                        if row.rejected >= 0 {
                            try reject(batch.rejects[Int(row.rejected)])
                            continue
                        }
                        defer { lineStart = row.end }
                        // Every accepted row has its record here when a store keeps them.
                        let stored = keepRecords ? batch.stored[storedIndex] : nil
                        if keepRecords { storedIndex += 1 }
                        if let fingerprint = row.fingerprint {
                            let origin = RecordOrigin(file: input, line: row.line)
                            if let duplicate = duplicates.check(fingerprint, origin: origin).reject(
                                origin: origin, creditCode: row.creditCode.text)
                            {
                                try writeRun(runStart..<lineStart)
                                runStart = row.end
                                try reject(duplicate)
                                continue
                            }
                        }
                        counts.accepted += 1
                        if row.warnings >= 0 {
                            let warnings = batch.warnings[Int(row.warnings)]
                            counts.warnings += warnings.count
                            warnings.forEach(report)
                        }
                        if row.green { counts.green += 1 } else { counts.notGreen += 1 }
                        if row.review { counts.review += 1 }
                        if row.overridden { counts.overridden += 1 }
                        if let stored { try sink?.add(stored, report: report) }
                    }
                    try writeRun(runStart..<lines.count)
                }
            }
            try submitAll(&reader, to: pipeline, consume: deliver)
            try sink?.endFile(input, counts: counts)
            summary.files.append((input, counts))
        }
        try output.commit()
        try rejects?.commit()
        return summary
    }

    /// Hands all rows of `reader` to `pipeline` in batches and delivers every result to `consume`.
    private func submitAll<Output>(
        _ reader: inout RegisterReader, to pipeline: OrderedPipeline<Batch, Output>, consume: (Output) throws -> Void
    ) throws {
        let checker = reader.checker
        let quotedFile = JSONText.quoted(checker.file)
        var rows: [DelimitedRow] = []
        rows.reserveCapacity(reading.batchSize)
        func submitRows() throws {
            if rows.isEmpty { return }
            try pipeline.submit(Batch(work: .rows(rows), checker: checker, quotedFile: quotedFile), consume: consume)
            rows.removeAll(keepingCapacity: true)
        }
        while let chunk = try reader.nextChunk(targetBytes: reading.blockBytes) {
            switch chunk {
            case .row(let row):
                rows.append(row)
                if rows.count >= reading.batchSize { try submitRows() }
            case .block(let block):
                try submitRows()
                try pipeline.submit(
                    Batch(work: .block(block), checker: checker, quotedFile: quotedFile), consume: consume)
            }
        }
        try submitRows()
        try pipeline.drain(consume: consume)
    }

    /// Whether duplicates are checked with a key pre-pass: the inputs are regular files (they can
    /// be read twice) larger in total than `reading.duplicatePrepassBytes`.
    public func needsKeyPrepass(_ inputs: [String]) -> Bool {
        guard reading.checkDuplicates else { return false }
        var total = 0
        for input in inputs {
            guard let attributes = try? FileManager.default.attributesOfItem(atPath: input),
                attributes[.type] as? FileAttributeType == .typeRegular
            else { return false }
            total += (attributes[.size] as? Int) ?? 0
        }
        return total > reading.duplicatePrepassBytes
    }

    /// The (credit code, year) keys that occur more than once in `inputs`, from one parallel pass
    /// that checks the rows' codes and years and hashes their keys, and an external sort of the
    /// hashes. Files and rows that cannot be used are skipped here; the main pass reports them.
    private func repeatedKeys(_ inputs: [String], validation: RegisterValidation) throws -> Set<UInt64> {
        var finder = RepeatedKeyFinder()
        let pipeline = OrderedPipeline<Batch, [UInt64]>(workers: reading.threads, capacity: reading.threads * 4) {
            var row = RawRow()
            var checked = CheckedRow()
            return { batch in
                var keys: [UInt64] = []
                batch.forEachRow(using: &row) { row in
                    if let key = batch.checker.duplicateKey(row, using: &checked) { keys.append(key) }
                }
                return keys
            }
        }
        defer { pipeline.close() }
        for input in inputs {
            guard
                var reader = try? RegisterReader(
                    path: input, encoding: reading.encoding, sheet: reading.sheet, validation: validation)
            else { continue }
            try submitAll(&reader, to: pipeline) { keys in
                for key in keys { try finder.add(key) }
            }
        }
        return try finder.finish()
    }

    /// Work for a worker: a block of records or parsed rows of one file, with the file's checker.
    struct Batch: Sendable {
        enum Work: Sendable {
            case block(DelimitedBlock)
            case rows([DelimitedRow])
        }
        var work: Work
        var checker: RowChecker
        /// The input's name as a JSON string (written on every output line).
        var quotedFile: [UInt8]

        /// Calls `body` with each non-blank row, parsed into `row` (reused).
        func forEachRow(using row: inout RawRow, _ body: (RawRow) -> Void) {
            switch work {
            case .block(let block):
                var parser = DelimitedBlockParser(block)
                while parser.next(into: &row) {
                    if !row.isBlank { body(row) }
                }
            case .rows(let rows):
                for parsed in rows { body(RawRow(parsed)) }
            }
        }
    }

    /// What the ordered part of the job needs of a row (not the record itself, unless a store
    /// keeps it). Plain values only, so a batch's items are copied without reference counting;
    /// the rare reject and warnings are in arrays of the batch.
    struct Item: Sendable {
        var line: Int
        /// For a duplicate's reject.
        var creditCode = CodeText()
        /// For the duplicate check, when it is on.
        var fingerprint: DuplicateDetector.Fingerprint?
        var green = false
        var review = false
        var overridden = false
        /// Where the row's output line ends in the batch's output.
        var end = 0
        /// The row's reject in `BatchResult.rejects`, or -1 when it was accepted.
        var rejected: Int32
        /// The accepted row's warnings in `BatchResult.warnings`, or -1 when it has none.
        var warnings: Int32 = -1

        /// A refused row.
        init(rejected: Int, line: Int) {
            self.line = line
            self.rejected = Int32(rejected)
        }

        /// An accepted row.
        init(
            line: Int, creditCode: CodeText, fingerprint: DuplicateDetector.Fingerprint?, green: Bool, review: Bool,
            overridden: Bool, end: Int, rejected: Int32, warnings: Int32
        ) {
            self.line = line
            self.creditCode = creditCode
            self.fingerprint = fingerprint
            self.green = green
            self.review = review
            self.overridden = overridden
            self.end = end
            self.rejected = rejected
            self.warnings = warnings
        }
    }

    /// What a worker made of a batch: the items in order and the output lines, back to back.
    struct BatchResult: Sendable {
        var items: [Item] = []
        /// The rejects of the refused rows, in order.
        var rejects: [RejectedRow] = []
        /// The warnings of the accepted rows that have some, in order.
        var warnings: [[Diagnostic]] = []
        var output = ByteBlock()
        /// The record and result of each accepted row, in order, when a store keeps them.
        var stored: [PreparedRecord] = []
    }

    /// A credit code held inline (no allocation per row), for the rare reject that names it.
    struct CodeText: Sendable {
        private var words: (UInt64, UInt64, UInt64) = (0, 0, 0)
        private var count = 0

        /// No code (a refused row's item).
        init() {}

        /// The code of a checked row.
        init(_ checked: CheckedRow, in row: RawRow) {
            checked.withCreditCode(in: row) { store($0) }
        }

        private mutating func store(_ bytes: UnsafeBufferPointer<UInt8>) {
            count = min(bytes.count, 24)
            withUnsafeMutableBytes(of: &words) { raw in
                for index in 0..<count { raw[index] = bytes[index] }
            }
        }

        /// The code as text.
        var text: String {
            var words = words
            return withUnsafeBytes(of: &words) { raw in
                String(decoding: UnsafeRawBufferPointer(rebasing: raw[0..<count]), as: UTF8.self)
            }
        }
    }
}
