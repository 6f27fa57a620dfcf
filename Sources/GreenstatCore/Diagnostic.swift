/// A recoverable problem found while loading or processing input, with where it was found.
///
/// Diagnostics are values: stages collect and return them; only unrecoverable failures throw.
public struct Diagnostic: Sendable, Equatable, CustomStringConvertible, Error {
    /// How serious the problem is.
    public enum Severity: String, Sendable, Comparable {
        /// Informational.
        case note
        /// Kept, but worth a look.
        case warning
        /// The record or file is refused.
        case error

        private var rank: Int { self == .note ? 0 : self == .warning ? 1 : 2 }
        /// Orders by seriousness.
        public static func < (lhs: Severity, rhs: Severity) -> Bool { lhs.rank < rhs.rank }
    }

    /// How serious the problem is.
    public var severity: Severity
    /// The file, when the problem has one.
    public var file: String?
    /// The 1-based line, when known.
    public var line: Int?
    /// The field (column) concerned, when there is one.
    public var field: String?
    /// The offending value, when there is one.
    public var value: String?
    /// What is wrong.
    public var message: String
    /// How to fix it, when known.
    public var hint: String?

    /// Creates a diagnostic.
    public init(
        _ severity: Severity, _ message: String, file: String? = nil, line: Int? = nil, field: String? = nil,
        value: String? = nil, hint: String? = nil
    ) {
        self.severity = severity
        self.message = message
        self.file = file
        self.line = line
        self.field = field
        self.value = value
        self.hint = hint
    }

    /// `file:line: severity: field "value": message (hint)` — the compiler-style form editors understand.
    public var description: String {
        var out = ""
        if let file {
            out += file
            if let line { out += ":\(line)" }
            out += ": "
        }
        out += severity.rawValue + ": "
        if let field {
            out += field
            if let value { out += " \"\(value)\"" }
            out += ": "
        }
        out += message
        if let hint { out += " (\(hint))" }
        return out
    }
}
