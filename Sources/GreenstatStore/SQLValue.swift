/// A value bound to or read from SQL: greenstat stores only integers (money in 元, counts) and
/// text (codes, decimals as text, JSON), so both backends hold exactly the same values.
public enum SQLValue: Sendable, Equatable, Hashable {
    /// SQL NULL.
    case null
    /// A 64-bit integer.
    case integer(Int64)
    /// Text.
    case text(String)

    /// The integer, when this is one (text holding an integer is read as one: libpq returns text).
    public var integer: Int64? {
        switch self {
        case .integer(let value): value
        case .text(let text): Int64(text)
        case .null: nil
        }
    }

    /// The text, when not null (integers rendered).
    public var text: String? {
        switch self {
        case .integer(let value): String(value)
        case .text(let text): text
        case .null: nil
        }
    }

    /// `.text(value)` or `.null`.
    public static func optional(_ value: String?) -> SQLValue { value.map { .text($0) } ?? .null }
    /// `.integer(value)` or `.null`.
    public static func optional(_ value: Int?) -> SQLValue { value.map { .integer(Int64($0)) } ?? .null }
}

/// A failure of the database itself (connection, SQL, constraint), with the backend's message.
public struct StoreError: Error, CustomStringConvertible, Sendable {
    /// What went wrong.
    public let description: String
    /// Creates an error.
    public init(_ description: String) { self.description = description }
}
