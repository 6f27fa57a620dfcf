import Foundation

/// Parsers for the numeric cells of a register. Each returns nil for an empty cell and throws a
/// message for a cell that is present but unreadable, so that callers can tell blank from bad.
public enum ValueParsing {
    /// A decimal number; accepts thousands separators and full-width digits.
    public static func decimal(_ text: String) throws(ValueError) -> Decimal? {
        let cleaned = normalizeNumber(text)
        if cleaned.isEmpty { return nil }
        guard cleaned.utf8.allSatisfy({ ($0 >= 48 && $0 <= 57) || $0 == 46 || $0 == 45 || $0 == 43 }),
            let value = Decimal(string: cleaned, locale: Locale(identifier: "en_US_POSIX"))
        else { throw ValueError("not a number") }
        return value
    }

    /// A whole number of people.
    public static func count(_ text: String) throws(ValueError) -> Int? {
        let cleaned = normalizeNumber(text)
        if cleaned.isEmpty { return nil }
        if let value = Int(cleaned) { return value }
        if let value = try decimal(cleaned) {
            var source = value
            var whole = Decimal()
            NSDecimalRound(&whole, &source, 0, .plain)
            if whole == value { return NSDecimalNumber(decimal: value).intValue }
        }
        throw ValueError("not a whole number")
    }

    /// A share: `0.35`, `35%` or `35` (a number above 1 is read as a percentage); must end in 0…1.
    public static func share(_ text: String) throws(ValueError) -> Decimal? {
        var cleaned = normalizeNumber(text)
        if cleaned.isEmpty { return nil }
        var percent = false
        if cleaned.hasSuffix("%") {
            percent = true
            cleaned.removeLast()
        }
        guard var value = try decimal(cleaned) else { throw ValueError("not a share") }
        if percent || value > 1 { value /= 100 }
        guard value >= 0, value <= 1 else { throw ValueError("a share must lie between 0 and 1 (or 0% and 100%)") }
        return value
    }

    /// A year between 1949 and 2100.
    public static func year(_ text: String) throws(ValueError) -> Int? {
        guard let value = try count(text) else { return nil }
        guard (1949...2100).contains(value) else { throw ValueError("year out of range 1949–2100") }
        return value
    }

    static func normalizeNumber(_ text: String) -> String {
        var out = ""
        for scalar in text.unicodeScalars {
            switch scalar.value {
            case 0xFF10...0xFF19: out.unicodeScalars.append(UnicodeScalar(scalar.value - 0xFF10 + 48)!)
            case 0xFF0E: out.append(".")
            case 0xFF05: out.append("%")
            case 0xFF0D: out.append("-")
            case 0x2C, 0xFF0C, 0x20, 0x3000, 0x09: continue
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out
    }
}

/// Why a cell's value could not be read.
public struct ValueError: Error, Sendable, CustomStringConvertible {
    /// The explanation.
    public let description: String
    /// Creates an error with an explanation.
    public init(_ description: String) { self.description = description }
}
