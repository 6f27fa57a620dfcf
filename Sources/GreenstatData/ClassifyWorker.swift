import GreenstatCore
import GreenstatTable

extension ClassifyJob {
    /// What one worker thread of a classify run does to a batch: check each row, run the rules,
    /// write the output line, and note what the ordered part of the job needs. It keeps its
    /// buffers from batch to batch; each row is handled by a mutating method, so the row's
    /// buffers are reached as stored properties (no copy of the outcome, no dynamic exclusivity
    /// check per row, as captured variables of a closure would cost).
    struct Worker: ~Copyable {
        let classifier: Classifier
        let overrides: OverrideBook
        let format: ClassificationFormat
        let pieces: OutcomeJSON
        let checkDuplicates: Bool
        /// Whether a store keeps the records (then each accepted row's record is prepared).
        let keepRecords: Bool
        private let scratch = ClassifierScratch()
        private var row = RawRow()
        private var checked = CheckedRow()
        private var outcome = RuleOutcome()
        private var output = JSONText(capacity: 1 << 20)

        init(
            classifier: Classifier, overrides: OverrideBook, format: ClassificationFormat, pieces: OutcomeJSON,
            checkDuplicates: Bool, keepRecords: Bool
        ) {
            self.classifier = classifier
            self.overrides = overrides
            self.format = format
            self.pieces = pieces
            self.checkDuplicates = checkDuplicates
            self.keepRecords = keepRecords
        }

        /// The rows of `batch`, each checked, classified and written.
        mutating func run(_ batch: Batch) -> BatchResult {
            var result = BatchResult()
            var row = RawRow()
            swap(&row, &self.row)
            defer { swap(&row, &self.row) }
            batch.forEachRow(using: &row) { handle($0, of: batch, into: &result) }
            result.output = output.takeBlock()
            return result
        }

        /// One row: a reject, or an accepted row's output line and item.
        private mutating func handle(_ row: RawRow, of batch: Batch, into result: inout BatchResult) {
            if let reject = batch.checker.inspect(row, into: &checked) {
                result.items.append(Item(rejected: result.rejects.count, line: row.line))
                result.rejects.append(reject)
                return
            }
            let decided = row.bytes.withUnsafeBufferPointer { bytes in
                decide(row, text: checked.text(in: bytes), batch: batch)
            }
            let fingerprint = checkDuplicates ? DuplicateDetector.fingerprint(checked, in: row) : nil
            var warnings: Int32 = -1
            if !checked.warnings.isEmpty {
                warnings = Int32(result.warnings.count)
                result.warnings.append(checked.warnings)
            }
            result.items.append(
                Item(
                    line: row.line, creditCode: CodeText(checked, in: row), fingerprint: fingerprint,
                    green: decided.green, review: decided.review, overridden: decided.overridden,
                    end: output.count, rejected: -1, warnings: warnings))
            if let stored = decided.stored { result.stored.append(stored) }
        }

        /// Runs the rules on the checked row and writes its output line. The rules work on the
        /// row's bytes; strings are built only for an override, the CSV format or the store.
        private mutating func decide(_ row: RawRow, text: RecordText, batch: Batch) -> (
            green: Bool, review: Bool, overridden: Bool, stored: PreparedRecord?
        ) {
            classifier.evaluate(
                text, industryCode: checked.industryCode, greenShare: checked.greenShare, scratch: scratch,
                into: &outcome)
            let override =
                overrides.count == 0 ? nil : overrides.lookup(checked.creditCode(in: row), year: checked.year)
            if override == nil && format == .jsonl && !keepRecords {
                ClassificationFormat.writeJSON(
                    checked, in: row, text: text, file: batch.quotedFile, line: row.line, outcome: outcome,
                    classifier: classifier, pieces: pieces, into: &output)
                output.endLine()
                return (outcome.isGreen, outcome.review, false, nil)
            }
            var classification = classifier.classification(of: outcome, text: text)
            if let override { classification = classifier.apply(override, to: classification) }
            let record = batch.checker.record(checked, in: row)
            let className = classification.code.map { classifier.name(of: $0) } ?? ""
            format.write(record, classification, className: className, into: &output)
            return (
                classification.code != nil, classification.review, classification.source == .override,
                keepRecords ? PreparedRecord(record, classification) : nil
            )
        }
    }
}
