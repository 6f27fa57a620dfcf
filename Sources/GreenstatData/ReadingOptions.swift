import Foundation
import GreenstatCore
import GreenstatTable

/// How a job reads its inputs.
public struct ReadingOptions: Sendable {
    /// The text encoding when it must not be detected (`--encoding`).
    public var encoding: TextEncoding?
    /// The worksheet of a workbook: a name or 1-based number (`--sheet`).
    public var sheet: String?
    /// Whether any reject stops the run (`--strict`).
    public var strict: Bool
    /// Whether repeated (credit code, year) rows are refused.
    public var checkDuplicates: Bool
    /// Worker threads that classify (results never depend on it).
    public var threads: Int
    /// Records per batch handed to a worker, for inputs read row by row (worksheets, JSON Lines)
    /// (results never depend on it).
    public var batchSize: Int
    /// About how many bytes of delimited text are cut into one block for a worker to parse
    /// (results never depend on it).
    public var blockBytes: Int
    /// Inputs (regular files) larger than this in total are read twice when duplicates are
    /// checked: a first pass finds the repeated (credit code, year) keys with an external sort,
    /// so the check keeps only those in memory instead of every key (results never depend on it).
    public var duplicatePrepassBytes: Int

    /// Creates options; the defaults detect the encoding, read the first sheet, report rejects
    /// and go on, and refuse duplicates.
    public init(
        encoding: TextEncoding? = nil, sheet: String? = nil, strict: Bool = false, checkDuplicates: Bool = true,
        threads: Int = ProcessInfo.processInfo.activeProcessorCount, batchSize: Int = 1024,
        blockBytes: Int = 1 << 20, duplicatePrepassBytes: Int = 1 << 30
    ) {
        self.duplicatePrepassBytes = max(0, duplicatePrepassBytes)
        self.blockBytes = max(1, blockBytes)
        self.threads = max(1, threads)
        self.batchSize = max(1, batchSize)
        self.encoding = encoding
        self.sheet = sheet
        self.strict = strict
        self.checkDuplicates = checkDuplicates
    }
}

/// A reject under `--strict`: the run stops, nothing is written or stored.
public struct StrictModeError: Error, CustomStringConvertible {
    /// The reject.
    public let diagnostic: Diagnostic
    /// The reject, and that strict mode stopped the run.
    public var description: String { "\(diagnostic.description) — --strict: stopped; nothing was written" }
}
