import Foundation
import GreenstatCore

/// A strictly read taxonomy table: the schema line checked, the header matched exactly, and every
/// row's cells addressable by column name with its file and line for messages.
struct DataTable {
    struct Row {
        let cells: [String: String]
        let line: Int
        let file: String

        subscript(_ column: String) -> String { cells[column] ?? "" }
        var origin: String { "\(file):\(line)" }
    }

    let file: String
    let rows: [Row]

    /// Reads `path`; problems are appended to `diagnostics`, and nil is returned when the file
    /// cannot be used at all.
    static func read(
        path: String, displayName: String, schema: String, columns: [String], diagnostics: inout [Diagnostic]
    ) -> DataTable? {
        guard let data = FileManager.default.contents(atPath: path) else {
            diagnostics.append(Diagnostic(.error, "file is missing or unreadable", file: displayName))
            return nil
        }
        guard let text = String(data: data, encoding: .utf8) else {
            diagnostics.append(
                Diagnostic(.error, "file is not valid UTF-8", file: displayName, hint: "save it as UTF-8"))
            return nil
        }
        var lines = text.split(separator: "\n", omittingEmptySubsequences: false).map {
            $0.hasSuffix("\r") ? String($0.dropLast()) : String($0)
        }
        if let first = lines.first, first.hasPrefix("\u{FEFF}") { lines[0] = String(first.dropFirst()) }
        let expected = "# schema: greenstat.\(schema)"
        guard let schemaLine = lines.first, schemaLine.trimmingWhitespace() == expected else {
            let found = lines.first.map { "'\($0.prefix(60))'" } ?? "nothing"
            diagnostics.append(
                Diagnostic(
                    .error, "first line must be '\(expected)', found \(found)", file: displayName, line: 1,
                    hint: "this greenstat reads \(schema); a newer schema needs a newer greenstat"))
            return nil
        }
        var headerIndex = 1
        while headerIndex < lines.count,
            lines[headerIndex].trimmingWhitespace().isEmpty
                || lines[headerIndex].hasPrefix("#")
        {
            headerIndex += 1
        }
        guard headerIndex < lines.count else {
            diagnostics.append(Diagnostic(.error, "no header line", file: displayName, line: 2))
            return nil
        }
        let header = lines[headerIndex].split(separator: "\t", omittingEmptySubsequences: false).map {
            String($0).trimmingWhitespace()
        }
        var headerOK = true
        for name in header where !columns.contains(name) {
            diagnostics.append(
                Diagnostic(
                    .error, "unknown column", file: displayName, line: headerIndex + 1, field: name,
                    hint: "expected columns: \(columns.joined(separator: ", "))"))
            headerOK = false
        }
        for name in columns where !header.contains(name) {
            diagnostics.append(Diagnostic(.error, "missing column '\(name)'", file: displayName, line: headerIndex + 1))
            headerOK = false
        }
        if Set(header).count != header.count {
            diagnostics.append(Diagnostic(.error, "a column is named twice", file: displayName, line: headerIndex + 1))
            headerOK = false
        }
        guard headerOK else { return nil }

        var rows: [Row] = []
        for position in (headerIndex + 1)..<lines.count {
            let line = lines[position]
            if line.trimmingWhitespace().isEmpty || line.hasPrefix("#") { continue }
            let cells = line.split(separator: "\t", omittingEmptySubsequences: false).map {
                String($0).trimmingWhitespace()
            }
            if cells.count != header.count {
                diagnostics.append(
                    Diagnostic(
                        .error, "has \(cells.count) cells, the header has \(header.count)", file: displayName,
                        line: position + 1, hint: "fields are separated by one tab each"))
                continue
            }
            var map: [String: String] = [:]
            for (name, cell) in zip(header, cells) { map[name] = cell }
            rows.append(Row(cells: map, line: position + 1, file: displayName))
        }
        return DataTable(file: displayName, rows: rows)
    }
}
