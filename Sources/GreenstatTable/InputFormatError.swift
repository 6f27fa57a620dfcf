/// A table file that cannot be read as it is: undecodable text, a damaged or hostile workbook, a
/// file that is not what its name says. The message names what is wrong and where; the hint says
/// what to do about it.
public struct InputFormatError: Error, CustomStringConvertible, Sendable, Equatable {
    /// The file as shown to the user.
    public var file: String
    /// The 1-based line (delimited text) or sheet row (workbook), when the problem has one.
    public var line: Int?
    /// The 0-based byte offset in the file, when the problem has one.
    public var byteOffset: Int?
    /// What is wrong, in one sentence.
    public var message: String
    /// How to fix it, when known.
    public var hint: String?

    /// Creates an error.
    public init(file: String, line: Int? = nil, byteOffset: Int? = nil, message: String, hint: String? = nil) {
        self.file = file
        self.line = line
        self.byteOffset = byteOffset
        self.message = message
        self.hint = hint
    }

    /// `file:line: message (hint)`.
    public var description: String {
        var out = file
        if let line { out += ":\(line)" }
        out += ": " + message
        if let hint { out += " (\(hint))" }
        return out
    }
}
