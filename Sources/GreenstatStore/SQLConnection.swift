/// The few database operations the store needs, implemented once for SQLite (GRDB) and once for
/// PostgreSQL (libpq). SQL is written with `?` placeholders in the common dialect of both.
public protocol SQLConnection: AnyObject {
    /// `sqlite` or `postgresql`, for messages and provenance.
    var backend: String { get }
    /// Runs a statement.
    func execute(_ sql: String, _ parameters: [SQLValue]) throws
    /// Runs a query, calling `row` for every result row.
    func query(_ sql: String, _ parameters: [SQLValue], _ row: ([SQLValue]) throws -> Void) throws
    /// Runs `body` in one transaction: committed when it returns, rolled back when it throws.
    func transaction<T>(_ body: () throws -> T) throws -> T
    /// Inserts or replaces (by `key` columns) many rows at once, inside the current transaction.
    /// Each row holds the values of the first columns; `shared` holds the values of the last
    /// `shared.count` columns, the same for every row (the run, the source file).
    func upsert(table: String, columns: [String], key: [String], rows: [[SQLValue]], shared: [SQLValue]) throws
    /// Tunes the connection for a large import (nothing to do for some backends).
    func prepareForBulkWrites() throws
}

extension SQLConnection {
    /// Runs a statement without parameters.
    public func execute(_ sql: String) throws { try execute(sql, []) }

    /// Inserts or replaces (by `key` columns) many rows at once, inside the current transaction.
    public func upsert(table: String, columns: [String], key: [String], rows: [[SQLValue]]) throws {
        try upsert(table: table, columns: columns, key: key, rows: rows, shared: [])
    }

    /// Nothing to tune by default.
    public func prepareForBulkWrites() throws {}

    /// The first column of the first row, if any.
    public func scalar(_ sql: String, _ parameters: [SQLValue] = []) throws -> SQLValue? {
        var value: SQLValue?
        try query(sql, parameters) { row in if value == nil { value = row.first } }
        return value
    }

    /// The `INSERT … ON CONFLICT (key) DO UPDATE` statement both SQLite and PostgreSQL accept.
    func upsertStatement(table: String, columns: [String], key: [String], values: String) -> String {
        let updates = columns.filter { !key.contains($0) }.map { "\($0) = excluded.\($0)" }
        let action = updates.isEmpty ? "DO NOTHING" : "DO UPDATE SET " + updates.joined(separator: ", ")
        return "INSERT INTO \(table) (\(columns.joined(separator: ", "))) \(values) "
            + "ON CONFLICT (\(key.joined(separator: ", "))) \(action)"
    }
}
