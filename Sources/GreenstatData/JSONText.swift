/// Minimal, fast JSON text building with a fixed key order (for stable, diffable output).
public struct JSONText {
    /// The text built so far.
    public private(set) var text = ""
    private var needsComma = [false]

    /// Starts empty.
    public init() {}

    /// `value` as a JSON string literal.
    public static func quote(_ value: String) -> String {
        var out = "\""
        for scalar in value.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            default:
                if scalar.value < 0x20 {
                    let hex = String(scalar.value, radix: 16)
                    out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        return out + "\""
    }

    private mutating func separate() {
        if needsComma[needsComma.count - 1] { text += "," }
        needsComma[needsComma.count - 1] = true
    }

    /// Opens an object (as a value, or under `key` inside an object).
    public mutating func openObject(_ key: String? = nil) {
        separate()
        if let key { text += JSONText.quote(key) + ":" }
        text += "{"
        needsComma.append(false)
    }

    /// Closes the innermost object.
    public mutating func closeObject() {
        needsComma.removeLast()
        text += "}"
    }

    /// Opens an array under `key`.
    public mutating func openArray(_ key: String) {
        separate()
        text += JSONText.quote(key) + ":["
        needsComma.append(false)
    }

    /// Opens an array as a value (at top level or inside an array).
    public mutating func openArrayValue() {
        separate()
        text += "["
        needsComma.append(false)
    }

    /// Adds `key: json` where `json` is already valid JSON text.
    public mutating func raw(_ key: String, _ json: String) {
        separate()
        text += JSONText.quote(key) + ":" + json
    }

    /// Closes the innermost array.
    public mutating func closeArray() {
        needsComma.removeLast()
        text += "]"
    }

    /// Adds `key: "value"` (or null).
    public mutating func add(_ key: String, _ value: String?) {
        separate()
        text += JSONText.quote(key) + ":" + (value.map(JSONText.quote) ?? "null")
    }

    /// Adds `key: number` (or null).
    public mutating func add(_ key: String, number: String?) {
        separate()
        text += JSONText.quote(key) + ":" + (number ?? "null")
    }

    /// Adds `key: true|false`.
    public mutating func add(_ key: String, _ value: Bool) {
        separate()
        text += JSONText.quote(key) + ":" + (value ? "true" : "false")
    }
}
