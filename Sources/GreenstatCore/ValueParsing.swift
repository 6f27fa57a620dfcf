import Foundation

/// Parsers for the numeric cells of a register. Each returns nil for an empty cell and throws a
/// message for a cell that is present but unreadable, so that callers can tell blank from bad.
public enum ValueParsing {
    /// A decimal number; accepts thousands separators and full-width digits.
    public static func decimal(_ text: String) throws(ValueError) -> Decimal? {
        let cleaned = normalizeNumber(text)
        if cleaned.isEmpty { return nil }
        guard cleaned.utf8.allSatisfy({ ($0 >= 48 && $0 <= 57) || $0 == 46 || $0 == 45 || $0 == 43 }),
            let value = fastDecimal(cleaned) ?? Decimal(string: cleaned, locale: posix)
        else { throw ValueError("not a number") }
        return value
    }

    /// An amount of money in 万元. A unit written in the cell wins (`12.5亿`, `3,000万元`,
    /// `500千元`, `1,200,000元`); a bare number is multiplied by `columnScale`, the factor from
    /// the column header's unit to 万元 (nil or 1 for 万元, 0.0001 for 元, 10,000 for 亿元).
    public static func money(_ text: String, columnScale: Decimal? = nil) throws(ValueError) -> Decimal? {
        if let plain = fastDecimal(text) { return columnScale.map { plain * $0 } ?? plain }
        var cleaned = normalizeNumber(text)
        if cleaned.isEmpty { return nil }
        var scale = columnScale ?? 1
        for (suffix, factor) in moneyUnits where cleaned.hasSuffix(suffix) {
            cleaned.removeLast(suffix.count)
            scale = factor
            break
        }
        guard let value = try decimal(cleaned) else { throw ValueError("not an amount") }
        return value * scale
    }

    /// Money units and their factor to 万元, longest first.
    public static let moneyUnits: [(String, Decimal)] = [
        ("亿元", 10_000), ("万元", 1), ("千元", Decimal(string: "0.1")!), ("亿", 10_000), ("万", 1),
        ("千", Decimal(string: "0.1")!), ("元", Decimal(string: "0.0001")!),
    ]

    /// A whole number of people; accepts `120`, `１２０`, `120人` and Chinese numerals (`一百二十`).
    public static func count(_ text: String) throws(ValueError) -> Int? {
        if let plain = plainInteger(text) { return plain }
        var cleaned = normalizeNumber(text)
        if cleaned.hasSuffix("人") { cleaned.removeLast() }
        if cleaned.isEmpty { return nil }
        if !cleaned.utf8.allSatisfy({ $0 < 0x80 }), let value = chineseNumeral(cleaned) { return value }
        if let value = Int(cleaned) { return value }
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
        // Fast path: a plain decimal between 0 and 1 ("0.92", "1", "0").
        var text = text
        if let share = text.withUTF8(plainShare(utf8:)) { return share }
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

    /// The value of a Chinese numeral such as 三十, 一百二十, 两千零五 or 一万二千, or nil.
    public static func chineseNumeral(_ text: String) -> Int? {
        let digits = chineseDigits
        let units = chineseUnits
        guard !text.isEmpty, text.allSatisfy({ digits[$0] != nil || units[$0] != nil || $0 == "万" || $0 == "亿" })
        else { return nil }
        var total = 0
        var section = 0
        var number = 0
        var sawDigit = false
        for character in text {
            if let digit = digits[character] {
                number = digit
                sawDigit = true
            } else if let unit = units[character] {
                section += (sawDigit || number > 0 ? number : 1) * unit
                number = 0
                sawDigit = false
            } else if character == "万" || character == "亿" {
                let factor = character == "万" ? 10_000 : 100_000_000
                total += (section + number) * factor
                section = 0
                number = 0
                sawDigit = false
            }
        }
        return total + section + number
    }

    static let posix = Locale(identifier: "en_US_POSIX")

    /// A whole number written as 1–18 ASCII digits, else nil.
    static func plainInteger(_ text: String) -> Int? {
        var text = text
        return text.withUTF8 { plainInteger(utf8: $0) }
    }

    /// `plainInteger` of UTF-8 bytes (a cell read as bytes: no string built).
    public static func plainInteger(utf8 bytes: UnsafeBufferPointer<UInt8>) -> Int? {
        guard !bytes.isEmpty, bytes.count <= 18 else { return nil }
        var value = 0
        for byte in bytes {
            guard byte >= 48 && byte <= 57 else { return nil }
            value = value &* 10 &+ Int(byte &- 48)
        }
        return value
    }

    /// A plain decimal (optional sign, digits, one point, at most 18 digits) as sign, significand
    /// and exponent, else nil.
    public static func plainParts(_ text: String) -> (negative: Bool, significand: UInt64, exponent: Int)? {
        var text = text
        return text.withUTF8 { plainParts(utf8: $0) }
    }

    /// `plainParts` of UTF-8 bytes (a cell read as bytes: no string built).
    public static func plainParts(utf8 bytes: UnsafeBufferPointer<UInt8>) -> (
        negative: Bool, significand: UInt64, exponent: Int
    )? {
        var significand: UInt64 = 0
        var exponent = 0
        var negative = false
        var digits = 0
        var sawPoint = false
        var index = 0
        for byte in bytes {
            switch byte {
            case 48...57:
                guard digits < 18 else { return nil }
                significand = significand &* 10 &+ UInt64(byte &- 48)
                digits += 1
                if sawPoint { exponent -= 1 }
            case 46:
                guard !sawPoint else { return nil }
                sawPoint = true
            case 45, 43:
                guard index == 0 else { return nil }
                negative = byte == 45
            default: return nil
            }
            index += 1
        }
        guard digits > 0 else { return nil }
        return (negative, significand, exponent)
    }

    /// Whether the magnitude of a plain decimal (from `plainParts`) is at most `whole`, compared
    /// in integers (Decimal comparison is slow).
    public static func isAtMost(_ parts: (negative: Bool, significand: UInt64, exponent: Int), _ whole: UInt64) -> Bool
    {
        var limit = whole
        for _ in 0..<(-parts.exponent) {
            let (scaled, overflow) = limit.multipliedReportingOverflow(by: 10)
            if overflow { return true }
            limit = scaled
        }
        return parts.significand <= limit
    }

    /// A plain decimal (digits, at most one point, an optional sign; no spaces, units or
    /// separators) built from its digits, or nil: what `Decimal(string:)` gives, much faster.
    public static func fastDecimal(_ text: String) -> Decimal? {
        plainParts(text).map(decimal(parts:))
    }

    /// The exact Decimal of a plain decimal's parts (from `plainParts`).
    public static func decimal(parts: (negative: Bool, significand: UInt64, exponent: Int)) -> Decimal {
        Decimal(
            sign: parts.negative ? .minus : .plus, exponent: parts.exponent, significand: Decimal(parts.significand))
    }

    /// What `share(_:)` reads from a plain cell — a plain decimal (`0.35`, `35`) or one followed
    /// by `%` — as UTF-8 bytes, without building a string; nil for anything else, or a value out
    /// of range (the full parser says what is wrong).
    public static func plainShare(utf8 bytes: UnsafeBufferPointer<UInt8>) -> Decimal? {
        let percent = bytes.last == UInt8(ascii: "%")
        let digits = percent ? UnsafeBufferPointer(rebasing: bytes.dropLast()) : bytes
        guard let parts = plainParts(utf8: digits), !parts.negative else { return nil }
        if !percent && isAtMost(parts, 1) { return decimal(parts: parts) }
        // A percentage: the value divided by 100, in the form Decimal division gives (no
        // trailing zeros; zero with exponent 0).
        guard isAtMost(parts, 100) else { return nil }
        var significand = parts.significand
        var exponent = parts.exponent - 2
        while significand != 0 && significand % 10 == 0 {
            significand /= 10
            exponent += 1
        }
        if significand == 0 { exponent = 0 }
        return Decimal(sign: .plus, exponent: exponent, significand: Decimal(significand))
    }

    static let chineseDigits: [Character: Int] = [
        "零": 0, "〇": 0, "一": 1, "壹": 1, "二": 2, "两": 2, "贰": 2, "三": 3, "叁": 3, "四": 4, "肆": 4,
        "五": 5, "伍": 5, "六": 6, "陆": 6, "七": 7, "柒": 7, "八": 8, "捌": 8, "九": 9, "玖": 9,
    ]
    static let chineseUnits: [Character: Int] = ["十": 10, "拾": 10, "百": 100, "佰": 100, "千": 1000, "仟": 1000]

    static func normalizeNumber(_ text: String) -> String {
        // Fast path: plain ASCII digits, sign, point, percent — nothing to fold.
        if text.utf8.allSatisfy({ ($0 >= 48 && $0 <= 57) || $0 == 46 || $0 == 45 || $0 == 43 || $0 == 37 }) {
            return text
        }
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
