import GRDB

/// SQLite through GRDB: the embedded default store (one file).
public final class SQLiteConnection: SQLConnection {
    private let queue: DatabaseQueue
    private var current: Database?
    /// `sqlite`.
    public let backend = "sqlite"

    /// Opens (creating if needed) the database file at `path`.
    public init(path: String) throws {
        do {
            var configuration = Configuration()
            configuration.foreignKeysEnabled = true
            // Write-ahead logging with NORMAL sync: durable at each commit point that matters for an
            // import (a transaction), without an fsync per page.
            configuration.prepareDatabase { database in
                try database.execute(sql: "PRAGMA journal_mode = WAL")
                try database.execute(sql: "PRAGMA synchronous = NORMAL")
            }
            queue = try DatabaseQueue(path: path, configuration: configuration)
        } catch {
            throw StoreError("cannot open SQLite database \(path): \(error)")
        }
    }

    /// A page cache of up to 128 MiB for this connection (the default is 2 MiB): an import inserts
    /// keys in random order into the primary-key indexes, and with a small cache every insert
    /// goes to the file system. Memory is only taken as the cache fills.
    public func prepareForBulkWrites() throws {
        try execute("PRAGMA cache_size = -131072")
    }

    private func arguments(_ parameters: [SQLValue]) -> StatementArguments {
        StatementArguments(
            parameters.map { value -> (any DatabaseValueConvertible)? in
                switch value {
                case .null: return nil
                case .integer(let number): return number
                case .text(let text): return text
                }
            })
    }

    private func withDatabase<T>(_ body: (Database) throws -> T) throws -> T {
        if let current { return try body(current) }
        return try queue.writeWithoutTransaction { try body($0) }
    }

    /// Runs a statement.
    public func execute(_ sql: String, _ parameters: [SQLValue]) throws {
        do {
            try withDatabase { try $0.execute(sql: sql, arguments: arguments(parameters)) }
        } catch let error as DatabaseError {
            throw StoreError("SQLite: \(error.message ?? "\(error)") in: \(sql.prefix(120))")
        }
    }

    /// Runs a query.
    public func query(_ sql: String, _ parameters: [SQLValue], _ row: ([SQLValue]) throws -> Void) throws {
        try withDatabase { database in
            let cursor = try Row.fetchCursor(database, sql: sql, arguments: arguments(parameters))
            while let next = try cursor.next() {
                var values: [SQLValue] = []
                values.reserveCapacity(next.count)
                for index in 0..<next.count {
                    switch (next[index] as DatabaseValue).storage {
                    case .null: values.append(.null)
                    case .int64(let number): values.append(.integer(number))
                    case .string(let text): values.append(.text(text))
                    case .double(let number): values.append(.text(String(number)))
                    case .blob(let data): values.append(.text(String(decoding: data, as: UTF8.self)))
                    }
                }
                try row(values)
            }
        }
    }

    /// Runs `body` in one transaction.
    public func transaction<T>(_ body: () throws -> T) throws -> T {
        precondition(current == nil, "nested transactions are not used by the store")
        var result: T?
        try queue.inTransaction { database in
            current = database
            defer { current = nil }
            result = try body()
            return .commit
        }
        return result!
    }

    /// Inserts or replaces rows with one prepared statement.
    public func upsert(table: String, columns: [String], key: [String], rows: [[SQLValue]]) throws {
        guard !rows.isEmpty else { return }
        let placeholders = "VALUES (" + Array(repeating: "?", count: columns.count).joined(separator: ", ") + ")"
        let sql = upsertStatement(table: table, columns: columns, key: key, values: placeholders)
        try withDatabase { database in
            let statement = try database.cachedStatement(sql: sql)
            for row in rows {
                try statement.execute(arguments: arguments(row))
            }
        }
    }
}
