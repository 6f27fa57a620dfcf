import Foundation
import GreenstatCore
import GreenstatStore
import GreenstatTable

/// A classified record made ready for the store, anywhere (a worker thread): its table rows, or
/// none when it has no 年份.
public struct PreparedRecord: Sendable {
    /// Where the record comes from (for the message when it cannot be stored).
    public var origin: RecordOrigin
    /// The rows to store; nil when the record has no 年份.
    public var row: StatisticsStore.StoreRow?

    /// Prepares `record` as classified by `result`.
    public init(_ record: EnterpriseRecord, _ result: Classification) {
        origin = record.origin
        row =
            StatisticsStore.StoredClassification(
                record: record, code: result.code, confidence: FixedPoint.text(result.confidence, decimals: 3),
                review: result.review, source: result.source.rawValue, reason: result.reason,
                evidenceJSON: ClassificationFormat.evidenceJSON(result),
                candidatesJSON: ClassificationFormat.candidatesJSON(result)
            ).storeRow
    }
}

/// Receives every classified record of a classify run (the store is one such receiver).
public protocol ClassificationSink: AnyObject {
    /// A new input file starts.
    func beginFile(_ path: String) throws
    /// One accepted, classified record, prepared by `PreparedRecord.init`.
    func add(_ record: PreparedRecord, report: (Diagnostic) -> Void) throws
    /// The file is done, with its counts.
    func endFile(_ path: String, counts: ClassifySummary.Counts) throws
}

/// Writes records and classifications to the statistics store in batches, and each input file's
/// SHA-256 and counts to the run's provenance. Use inside the store's transaction.
public final class StoreSink: ClassificationSink {
    private let store: StatisticsStore
    private let runID: Int64
    private let taxonomyVersion: String
    private let batchSize: Int
    private var batch: [StatisticsStore.StoreRow] = []
    private var fileHash = ""
    /// Records that could not be stored because they have no 年份.
    public private(set) var unstored = 0
    /// Records stored.
    public private(set) var stored = 0

    /// A sink writing into `store` under run `runID`.
    public init(store: StatisticsStore, runID: Int64, taxonomyVersion: String, batchSize: Int = 5_000) {
        self.store = store
        self.runID = runID
        self.taxonomyVersion = taxonomyVersion
        self.batchSize = batchSize
    }

    /// Hashes the file for provenance.
    public func beginFile(_ path: String) throws {
        fileHash = try SHA256.hexDigest(ofFile: path)
    }

    /// Queues one record; records without a year cannot be stored and are reported.
    public func add(_ record: PreparedRecord, report: (Diagnostic) -> Void) throws {
        guard let row = record.row else {
            unstored += 1
            report(
                Diagnostic(
                    .warning, "no 年份: classified but not stored (statistics are by year)", file: record.origin.file,
                    line: record.origin.line, field: "年份"))
            return
        }
        batch.append(row)
        if batch.count >= batchSize { try flush() }
    }

    /// Writes what is queued, then the file's provenance.
    public func endFile(_ path: String, counts: ClassifySummary.Counts) throws {
        try flush()
        try store.recordInput(
            runID: runID, path: path, sha256: fileHash, read: counts.read, accepted: counts.accepted,
            rejected: counts.rejected)
    }

    private func flush() throws {
        guard !batch.isEmpty else { return }
        try store.write(batch, sourceSHA256: fileHash, runID: runID, taxonomyVersion: taxonomyVersion)
        stored += batch.count
        batch.removeAll(keepingCapacity: true)
    }
}
