/// The store's schema as numbered migrations, in the SQL dialect SQLite and PostgreSQL share.
/// Applied in order, each in the transaction that opens the store; recorded in `greenstat_schema`.
public enum StoreSchema {
    /// One migration: a version, what it does, and its statements.
    public struct Migration: Sendable {
        /// The version it brings the schema to.
        public let version: Int
        /// What it does.
        public let description: String
        /// The statements.
        public let statements: [String]
    }

    /// Every migration, oldest first.
    public static let migrations: [Migration] = [
        Migration(
            version: 1, description: "runs, records, classifications, overrides, reviews, industry totals",
            statements: [
                """
                CREATE TABLE runs (
                    id BIGINT PRIMARY KEY, command TEXT NOT NULL, started_at TEXT NOT NULL,
                    tool_version TEXT NOT NULL, taxonomy_version TEXT NOT NULL, backend TEXT NOT NULL)
                """,
                """
                CREATE TABLE run_inputs (
                    run_id BIGINT NOT NULL REFERENCES runs (id), path TEXT NOT NULL, sha256 TEXT NOT NULL,
                    rows_read BIGINT NOT NULL, accepted BIGINT NOT NULL, rejected BIGINT NOT NULL,
                    PRIMARY KEY (run_id, path))
                """,
                """
                CREATE TABLE records (
                    credit_code TEXT NOT NULL, year BIGINT NOT NULL, name TEXT NOT NULL, industry_code TEXT,
                    street TEXT, revenue_yuan BIGINT, employees BIGINT, green_share TEXT, energy_saved_tce TEXT,
                    business_scope TEXT NOT NULL, main_business TEXT NOT NULL, source_file TEXT NOT NULL,
                    source_line BIGINT NOT NULL, source_sha256 TEXT NOT NULL, run_id BIGINT NOT NULL REFERENCES runs (id),
                    PRIMARY KEY (credit_code, year))
                """,
                """
                CREATE TABLE classifications (
                    credit_code TEXT NOT NULL, year BIGINT NOT NULL, code TEXT, confidence TEXT NOT NULL,
                    review BIGINT NOT NULL, source TEXT NOT NULL, reason TEXT NOT NULL, evidence TEXT NOT NULL,
                    candidates TEXT NOT NULL, taxonomy_version TEXT NOT NULL,
                    run_id BIGINT NOT NULL REFERENCES runs (id), PRIMARY KEY (credit_code, year))
                """,
                "CREATE INDEX classifications_by_year ON classifications (year, code)",
                """
                CREATE TABLE overrides (
                    credit_code TEXT NOT NULL, year BIGINT NOT NULL, code TEXT, reason TEXT NOT NULL,
                    decided_by TEXT NOT NULL, decided_on TEXT NOT NULL, origin TEXT NOT NULL,
                    run_id BIGINT NOT NULL REFERENCES runs (id), PRIMARY KEY (credit_code, year))
                """,
                """
                CREATE TABLE review_decisions (
                    credit_code TEXT NOT NULL, year BIGINT NOT NULL, decision TEXT NOT NULL, reviewer TEXT NOT NULL,
                    decided_on TEXT NOT NULL, note TEXT NOT NULL, PRIMARY KEY (credit_code, year))
                """,
                """
                CREATE TABLE industry_totals (
                    industry_code TEXT NOT NULL, year BIGINT NOT NULL, revenue_yuan BIGINT NOT NULL,
                    employees BIGINT NOT NULL, enterprises BIGINT, source_file TEXT NOT NULL,
                    source_sha256 TEXT NOT NULL, run_id BIGINT NOT NULL REFERENCES runs (id),
                    PRIMARY KEY (industry_code, year))
                """,
            ])
    ]

    /// The newest schema version this greenstat knows.
    public static var latestVersion: Int { migrations.last?.version ?? 0 }
}
