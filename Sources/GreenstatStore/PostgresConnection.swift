import CLibPQ

#if canImport(Glibc)
    import Glibc
#endif

/// PostgreSQL through libpq (the reference client library): the shared store. Bulk loads use COPY.
public final class PostgresConnection: SQLConnection {
    private let connection: OpaquePointer
    private var inTransaction = false
    /// `postgresql`.
    public let backend = "postgresql"

    /// Connects to `url` (`postgres://user:password@host:port/database`).
    public init(url: String) throws {
        guard let connection = PQconnectdb(url) else { throw StoreError("PostgreSQL: out of memory") }
        guard PQstatus(connection) == CONNECTION_OK else {
            let message = String(cString: PQerrorMessage(connection)).trimmingCharacters()
            PQfinish(connection)
            throw StoreError("cannot connect to PostgreSQL (\(Self.redacted(url))): \(message)")
        }
        self.connection = connection
        _ = try? run("SET client_min_messages TO warning", [])
    }

    deinit { PQfinish(connection) }

    /// `url` without its password, for messages.
    static func redacted(_ url: String) -> String {
        guard let at = url.firstIndex(of: "@"), let scheme = url.range(of: "://"),
            let colon = url[scheme.upperBound..<at].firstIndex(of: ":")
        else { return url }
        return String(url[..<url.index(after: colon)]) + "***" + String(url[at...])
    }

    /// `?` placeholders rewritten as `$1`, `$2` … (the store's SQL has no `?` inside literals).
    static func numbered(_ sql: String) -> String {
        var out = ""
        var number = 0
        for character in sql {
            if character == "?" {
                number += 1
                out += "$\(number)"
            } else {
                out.append(character)
            }
        }
        return out
    }

    @discardableResult
    private func run(_ sql: String, _ parameters: [SQLValue]) throws -> OpaquePointer {
        let texts: [String?] = parameters.map(\.text)
        var pointers: [UnsafeMutablePointer<CChar>?] = texts.map { $0.flatMap { strdup($0) } }
        defer { for pointer in pointers { free(pointer) } }
        let result = pointers.withUnsafeMutableBufferPointer { buffer -> OpaquePointer? in
            buffer.baseAddress!.withMemoryRebound(to: UnsafePointer<CChar>?.self, capacity: max(buffer.count, 1)) {
                PQexecParams(connection, Self.numbered(sql), Int32(texts.count), nil, $0, nil, nil, 0)
            }
        }
        guard let result else { throw StoreError("PostgreSQL: \(lastError)") }
        let status = PQresultStatus(result)
        guard status == PGRES_COMMAND_OK || status == PGRES_TUPLES_OK || status == PGRES_COPY_IN else {
            let message = String(cString: PQresultErrorMessage(result)).trimmingCharacters()
            PQclear(result)
            throw StoreError("PostgreSQL: \(message) in: \(sql.prefix(120))")
        }
        return result
    }

    private var lastError: String { String(cString: PQerrorMessage(connection)).trimmingCharacters() }

    /// Runs a statement.
    public func execute(_ sql: String, _ parameters: [SQLValue]) throws {
        PQclear(try run(sql, parameters))
    }

    /// Runs a query; every value arrives as text (integers are read back by `SQLValue.integer`).
    public func query(_ sql: String, _ parameters: [SQLValue], _ row: ([SQLValue]) throws -> Void) throws {
        let result = try run(sql, parameters)
        defer { PQclear(result) }
        let rows = PQntuples(result)
        let columns = PQnfields(result)
        for rowIndex in 0..<rows {
            var values: [SQLValue] = []
            values.reserveCapacity(Int(columns))
            for column in 0..<columns {
                if PQgetisnull(result, rowIndex, column) == 1 {
                    values.append(.null)
                } else {
                    values.append(.text(String(cString: PQgetvalue(result, rowIndex, column))))
                }
            }
            try row(values)
        }
    }

    /// Runs `body` between BEGIN and COMMIT; ROLLBACK when it throws.
    public func transaction<T>(_ body: () throws -> T) throws -> T {
        precondition(!inTransaction, "nested transactions are not used by the store")
        try execute("BEGIN")
        inTransaction = true
        defer { inTransaction = false }
        do {
            let value = try body()
            try execute("COMMIT")
            return value
        } catch {
            try? execute("ROLLBACK")
            throw error
        }
    }

    /// Loads rows with COPY into a temporary staging table, then upserts them in one statement.
    public func upsert(
        table: String, columns: [String], key: [String], rows: [[SQLValue]], shared: [SQLValue]
    ) throws {
        guard !rows.isEmpty else { return }
        let rows = shared.isEmpty ? rows : rows.map { $0 + shared }
        // Within one batch a key may appear once only (ON CONFLICT cannot touch a row twice): last wins.
        let keyIndexes = key.compactMap { columns.firstIndex(of: $0) }
        var seen: [[SQLValue]: Int] = [:]
        var unique: [[SQLValue]] = []
        for row in rows {
            let rowKey = keyIndexes.map { row[$0] }
            if let index = seen[rowKey] {
                unique[index] = row
            } else {
                seen[rowKey] = unique.count
                unique.append(row)
            }
        }
        let stage = "greenstat_stage_\(table)"
        try execute("CREATE TEMP TABLE IF NOT EXISTS \(stage) (LIKE \(table) INCLUDING DEFAULTS)")
        try execute("TRUNCATE \(stage)")
        PQclear(try run("COPY \(stage) (\(columns.joined(separator: ", "))) FROM STDIN", []))
        var buffer = ""
        func flush() throws {
            guard !buffer.isEmpty else { return }
            let sent = buffer.withCString { PQputCopyData(connection, $0, Int32(strlen($0))) }
            guard sent == 1 else { throw StoreError("PostgreSQL COPY: \(lastError)") }
            buffer.removeAll(keepingCapacity: true)
        }
        for row in unique {
            buffer += row.map(Self.copyText).joined(separator: "\t") + "\n"
            if buffer.utf8.count > 1 << 20 { try flush() }
        }
        try flush()
        guard PQputCopyEnd(connection, nil) == 1 else { throw StoreError("PostgreSQL COPY: \(lastError)") }
        while let result = PQgetResult(connection) {
            defer { PQclear(result) }
            if PQresultStatus(result) != PGRES_COMMAND_OK {
                throw StoreError(
                    "PostgreSQL COPY: \(String(cString: PQresultErrorMessage(result)).trimmingCharacters())")
            }
        }
        let select = "SELECT \(columns.joined(separator: ", ")) FROM \(stage)"
        try execute(upsertStatement(table: table, columns: columns, key: key, values: select))
    }

    /// A value in COPY text format.
    static func copyText(_ value: SQLValue) -> String {
        guard let text = value.text else { return "\\N" }
        var out = ""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\\": out += "\\\\"
            case "\t": out += "\\t"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out
    }
}

extension String {
    fileprivate func trimmingCharacters() -> String {
        var text = self
        while let last = text.last, last.isWhitespace { text.removeLast() }
        return text
    }
}
