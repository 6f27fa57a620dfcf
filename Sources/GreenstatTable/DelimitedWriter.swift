/// Formats rows as RFC 4180 CSV (or TSV), quoting only where needed.
public struct DelimitedWriter: Sendable {
    /// The field separator.
    public let delimiter: Character

    /// Creates a writer; `delimiter` is `,` for CSV or a tab for TSV.
    public init(delimiter: Character = ",") { self.delimiter = delimiter }

    /// One line of output (ending in `\n`) for `fields`.
    public func line(_ fields: [String]) -> String {
        var out = ""
        for (index, field) in fields.enumerated() {
            if index > 0 { out.append(delimiter) }
            out += escape(field)
        }
        out.append("\n")
        return out
    }

    /// `field` quoted when it holds the delimiter, a quote or a line break.
    public func escape(_ field: String) -> String {
        let separator = delimiter.unicodeScalars.first!
        let needsQuotes = field.unicodeScalars.contains { $0 == separator || $0 == "\"" || $0 == "\n" || $0 == "\r" }
        guard needsQuotes else { return field }
        var out = "\""
        for scalar in field.unicodeScalars {
            if scalar == "\"" { out += "\"\"" } else { out.unicodeScalars.append(scalar) }
        }
        return out + "\""
    }
}
