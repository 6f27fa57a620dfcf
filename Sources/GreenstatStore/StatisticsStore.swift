import Foundation
import GreenstatCore

/// The statistics store: runs with provenance, records per year, classifications with evidence,
/// overrides and industry totals — in SQLite (default) or PostgreSQL, with the same schema.
public final class StatisticsStore {
    /// The connection.
    public let connection: SQLConnection
    /// Where the store is, as given (password removed).
    public let location: String
    /// The location as given, password included: for opening another connection to the same
    /// store (never for display; `location` is the one to show).
    public let connectionString: String

    /// A classification row as stored (evidence and candidates as JSON text).
    public struct StoredClassification: Sendable {
        /// The record.
        public var record: EnterpriseRecord
        /// 小类 or nil.
        public var code: ClassCode?
        /// Confidence, formatted.
        public var confidence: String
        /// Review flag.
        public var review: Bool
        /// `rules` or `override`.
        public var source: String
        /// Reason.
        public var reason: String
        /// Evidence as JSON.
        public var evidenceJSON: String
        /// Candidates as JSON.
        public var candidatesJSON: String

        /// The values of its table rows, or nil when the record has no 年份 (statistics are by year).
        public var storeRow: StoreRow? {
            guard let year = record.year else { return nil }
            return StoreRow(
                record: [
                    .text(record.creditCode.rawValue), .integer(Int64(year)), .text(record.name),
                    .optional(record.industryCode?.rawValue), .optional(record.street),
                    record.revenueWan.map { .integer(Money(wan: $0).yuan) } ?? .null, .optional(record.employees),
                    .optional(record.greenShare.map { "\($0)" }), .optional(record.energySavedTce.map { "\($0)" }),
                    .text(record.businessScope), .text(record.mainBusiness), .text(record.origin.file),
                    .integer(Int64(record.origin.line)),
                ],
                classification: [
                    .text(record.creditCode.rawValue), .integer(Int64(year)), .optional(code?.rawValue),
                    .text(confidence), .integer(review ? 1 : 0), .text(source), .text(reason), .text(evidenceJSON),
                    .text(candidatesJSON),
                ])
        }

        /// Creates a row.
        public init(
            record: EnterpriseRecord, code: ClassCode?, confidence: String, review: Bool, source: String,
            reason: String, evidenceJSON: String, candidatesJSON: String
        ) {
            self.record = record
            self.code = code
            self.confidence = confidence
            self.review = review
            self.source = source
            self.reason = reason
            self.evidenceJSON = evidenceJSON
            self.candidatesJSON = candidatesJSON
        }
    }

    /// One record and its classification as the values of their table rows, without the columns
    /// every row of an import shares (source file hash, run, taxonomy version): built anywhere
    /// (a worker thread), written by `write(_:sourceSHA256:runID:taxonomyVersion:)`.
    public struct StoreRow: Sendable {
        /// The `records` row's first values.
        public var record: [SQLValue]
        /// The `classifications` row's first values.
        public var classification: [SQLValue]
    }

    /// Opens the store at `location`: a `postgres://` or `postgresql://` URL, else a SQLite file
    /// path. Brings the schema up to date (in one transaction) and refuses a newer schema.
    public init(location: String) throws {
        connectionString = location
        if location.hasPrefix("postgres://") || location.hasPrefix("postgresql://") {
            connection = try PostgresConnection(url: location)
            self.location = PostgresConnection.redacted(location)
        } else {
            connection = try SQLiteConnection(path: location)
            self.location = location
        }
        try migrate()
    }

    /// The schema version the store is at.
    public func schemaVersion() throws -> Int {
        Int(try connection.scalar("SELECT MAX(version) FROM greenstat_schema")?.integer ?? 0)
    }

    private func migrate() throws {
        try connection.execute(
            "CREATE TABLE IF NOT EXISTS greenstat_schema (version BIGINT PRIMARY KEY, description TEXT NOT NULL)")
        let current = try schemaVersion()
        if current > StoreSchema.latestVersion {
            throw StoreError(
                "the store \(location) has schema version \(current); this greenstat knows up to "
                    + "\(StoreSchema.latestVersion): use a newer greenstat")
        }
        let pending = StoreSchema.migrations.filter { $0.version > current }
        guard !pending.isEmpty else { return }
        try connection.transaction {
            for migration in pending {
                for statement in migration.statements { try connection.execute(statement) }
                try connection.execute(
                    "INSERT INTO greenstat_schema (version, description) VALUES (?, ?)",
                    [.integer(Int64(migration.version)), .text(migration.description)])
            }
        }
    }

    /// Records a new run and returns its id (call inside the import's transaction).
    public func beginRun(command: String, startedAt: String, toolVersion: String, taxonomyVersion: String) throws
        -> Int64
    {
        let id = (try connection.scalar("SELECT MAX(id) FROM runs")?.integer ?? 0) + 1
        try connection.execute(
            "INSERT INTO runs (id, command, started_at, tool_version, taxonomy_version, backend) VALUES (?, ?, ?, ?, ?, ?)",
            [
                .integer(id), .text(command), .text(startedAt), .text(toolVersion), .text(taxonomyVersion),
                .text(connection.backend),
            ])
        return id
    }

    /// Records an input file of a run with its hash and counts.
    public func recordInput(runID: Int64, path: String, sha256: String, read: Int, accepted: Int, rejected: Int)
        throws
    {
        try connection.upsert(
            table: "run_inputs", columns: ["run_id", "path", "sha256", "rows_read", "accepted", "rejected"],
            key: ["run_id", "path"],
            rows: [
                [
                    .integer(runID), .text(path), .text(sha256), .optional(read), .optional(accepted),
                    .optional(rejected),
                ]
            ])
    }

    /// Stores records and their classifications, as rows built by `StoredClassification.storeRow`,
    /// with the values they share (upsert by credit code and year: re-importing the same file
    /// changes nothing but the run that last wrote the rows).
    public func write(_ rows: [StoreRow], sourceSHA256: String, runID: Int64, taxonomyVersion: String) throws {
        try connection.upsert(
            table: "records",
            columns: [
                "credit_code", "year", "name", "industry_code", "street", "revenue_yuan", "employees", "green_share",
                "energy_saved_tce", "business_scope", "main_business", "source_file", "source_line", "source_sha256",
                "run_id",
            ], key: ["credit_code", "year"], rows: rows.map(\.record), shared: [.text(sourceSHA256), .integer(runID)])
        try connection.upsert(
            table: "classifications",
            columns: [
                "credit_code", "year", "code", "confidence", "review", "source", "reason", "evidence", "candidates",
                "taxonomy_version", "run_id",
            ], key: ["credit_code", "year"], rows: rows.map(\.classification),
            shared: [.text(taxonomyVersion), .integer(runID)])
    }

    /// Stores the overrides that were applied (year 0 = every year).
    public func write(overrides: [Override], runID: Int64) throws {
        try connection.upsert(
            table: "overrides",
            columns: ["credit_code", "year", "code", "reason", "decided_by", "decided_on", "origin", "run_id"],
            key: ["credit_code", "year"],
            rows: overrides.map {
                [
                    .text($0.creditCode.rawValue), .integer(Int64($0.year ?? 0)), .optional($0.code?.rawValue),
                    .text($0.reason), .text($0.decidedBy), .text($0.date), .text($0.origin), .integer(runID),
                ]
            })
    }

    /// Stores industry totals (upsert by industry code and year).
    public func write(industryTotals: [IndustryTotal], sourceFile: String, sourceSHA256: String, runID: Int64) throws {
        try connection.upsert(
            table: "industry_totals",
            columns: [
                "industry_code", "year", "revenue_yuan", "employees", "enterprises", "source_file", "source_sha256",
                "run_id",
            ], key: ["industry_code", "year"],
            rows: industryTotals.map {
                [
                    .text($0.industryCode.rawValue), .integer(Int64($0.year)), .integer($0.revenue.yuan),
                    .optional($0.employees), .optional($0.enterprises), .text(sourceFile), .text(sourceSHA256),
                    .integer(runID),
                ]
            })
    }

    /// The years that have classified records, ascending.
    public func years() throws -> [Int] {
        var years: [Int] = []
        try connection.query("SELECT DISTINCT year FROM classifications ORDER BY year", []) { row in
            if let year = row[0].integer { years.append(Int(year)) }
        }
        return years
    }

    /// Calls `body` for each green record of `year` as the query streams it (bounded memory), in no
    /// particular order (the tallies it feeds do not depend on order).
    public func forEachGreenRecord(year: Int, _ body: (MeasuredRecord) throws -> Void) throws {
        try connection.query(
            """
            SELECT r.credit_code, c.code, r.industry_code, r.street, r.revenue_yuan, r.employees, r.green_share
            FROM records r JOIN classifications c ON c.credit_code = r.credit_code AND c.year = r.year
            WHERE r.year = ? AND c.code IS NOT NULL
            """, [.integer(Int64(year))]
        ) { row in
            guard let creditText = row[0].text, let credit = CreditCode(creditText), let codeText = row[1].text,
                let code = ClassCode(codeText)
            else { throw StoreError("store holds an invalid code: \(row[0]) \(row[1])") }
            try body(
                MeasuredRecord(
                    creditCode: credit, year: year, code: code, industryCode: row[2].text.flatMap(IndustryCode.init),
                    street: row[3].text, revenue: row[4].integer.map { Money(yuan: $0) },
                    employees: row[5].integer.map { Int($0) },
                    greenShare: row[6].text.flatMap { ValueParsing.fastDecimal($0) ?? Decimal(string: $0) }))
        }
    }

    /// What the register holds for `year`, green or not: in total and by industry.
    public struct RegisterSummary: Sendable, Equatable {
        /// All enterprises.
        public var enterprises = 0
        /// Their 营业收入.
        public var revenue = Money.zero
        /// Their 从业人员.
        public var employees = 0
        /// The same by 行业代码 (records without one are only in the totals).
        public var byIndustry: [IndustryCode: SurveyedShare] = [:]
    }

    /// The register of `year` in total and by industry, from one scan of its records.
    public func register(year: Int) throws -> RegisterSummary {
        var summary = RegisterSummary()
        try connection.query(
            """
            SELECT industry_code, COUNT(*), SUM(revenue_yuan), SUM(employees) FROM records
            WHERE year = ? GROUP BY industry_code
            """, [.integer(Int64(year))]
        ) { row in
            let revenue = row[2].integer.map { Money(yuan: $0) }
            let employees = row[3].integer.map { Int($0) }
            summary.enterprises += Int(row[1].integer ?? 0)
            summary.revenue = summary.revenue + (revenue ?? .zero)
            summary.employees += employees ?? 0
            guard let codeText = row[0].text, let code = IndustryCode(codeText) else { return }
            var share = SurveyedShare()
            share.add(revenue: revenue, employees: employees)
            summary.byIndustry[code] = share
        }
        return summary
    }

    /// What the register covers of each industry in `year`: all enterprises, green or not.
    public func surveyed(year: Int) throws -> [IndustryCode: SurveyedShare] {
        try register(year: year).byIndustry
    }

    /// The industry totals of `year`.
    public func industryTotals(year: Int) throws -> [IndustryTotal] {
        var out: [IndustryTotal] = []
        try connection.query(
            """
            SELECT industry_code, revenue_yuan, employees, enterprises FROM industry_totals
            WHERE year = ? ORDER BY industry_code
            """, [.integer(Int64(year))]
        ) { row in
            guard let codeText = row[0].text, let code = IndustryCode(codeText) else { return }
            out.append(
                IndustryTotal(
                    industryCode: code, year: year, revenue: Money(yuan: row[1].integer ?? 0),
                    employees: Int(row[2].integer ?? 0), enterprises: row[3].integer.map { Int($0) }))
        }
        return out
    }
}
