#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// What a number format shows a number as.
enum ExcelDateKind: Sendable, Equatable {
    /// A calendar date (`yyyy-mm-dd`).
    case date
    /// A date with a time of day (`yyyy-mm-ddThh:mm:ss`).
    case dateTime
    /// A time of day or a duration (`hh:mm:ss`).
    case time
}

/// Turning the text of a cell's `<v>` into what a person sees, as text.
enum ExcelValues {
    /// The kind of date a number format shows, or nil for a plain number. Built-in ids 14–22 and
    /// 45–47 (and the Chinese-locale built-ins 27–36, 50–58); custom formats by their codes.
    static func dateKind(formatId: Int, code: String?) -> ExcelDateKind? {
        switch formatId {
        case 14...17, 27...31, 36, 50...54, 57, 58: return .date
        case 22: return .dateTime
        case 18...21, 32...35, 45...47, 55, 56: return .time
        default: break
        }
        guard let code else { return nil }
        return dateKind(code: code)
    }

    /// The kind of date a custom format code shows: date letters (y, m, d) and time letters (h, s)
    /// outside quoted text, escapes, fill characters and bracketed colours/locales.
    static func dateKind(code: String) -> ExcelDateKind? {
        let section = code.split(separator: ";", maxSplits: 1, omittingEmptySubsequences: false).first ?? ""
        var letters = ""
        var iterator = section.lowercased().makeIterator()
        var inQuotes = false
        var inBracket = false
        var bracket = ""
        while let character = iterator.next() {
            if inQuotes {
                if character == "\"" { inQuotes = false }
                continue
            }
            if inBracket {
                if character == "]" {
                    inBracket = false
                    // [h], [mm], [ss]: elapsed time.
                    if !bracket.isEmpty && bracket.allSatisfy({ "hms".contains($0) }) { letters += "h" }
                } else {
                    bracket.append(character)
                }
                continue
            }
            switch character {
            case "\"": inQuotes = true
            case "[":
                inBracket = true
                bracket = ""
            case "\\", "_", "*": _ = iterator.next()
            default: letters.append(character)
            }
        }
        letters = letters.replacingOccurrencesOfAMPM()
        let hasDate = letters.contains("y") || letters.contains("d") || letters.contains("e")
        let hasTime = letters.contains("h") || letters.contains("s")
        let hasMonthOrMinute = letters.contains("m")
        if hasDate { return hasTime ? .dateTime : .date }
        if hasTime { return .time }
        if hasMonthOrMinute { return .date }
        return nil
    }

    /// The ISO 8601 text of serial date `serial` in the 1900 (or 1904) date system, or nil when it
    /// is not a date Excel could show (negative, after 9999-12-31, not a number).
    static func date(serial text: String, kind: ExcelDateKind, date1904: Bool) -> String? {
        guard let serial = Double(text), serial.isFinite, serial >= 0, serial < 2_958_466 else { return nil }
        let seconds = Int((serial * 86_400).rounded())
        let days = seconds / 86_400
        let secondOfDay = seconds % 86_400
        let time =
            two(secondOfDay / 3600) + ":" + two(secondOfDay / 60 % 60) + ":" + two(secondOfDay % 60)
        if kind == .time && days == 0 { return time }
        let dateText: String
        if date1904 {
            dateText = civil(fromUnixDays: days - 24_107)
        } else if days == 0 {
            if kind == .time { return time }
            dateText = "1900-01-00"
        } else if days == 60 {
            dateText = "1900-02-29"  // Excel's fictitious leap day (the Lotus 1-2-3 bug)
        } else {
            dateText = civil(fromUnixDays: days - (days < 60 ? 25_568 : 25_569))
        }
        switch kind {
        case .date: return dateText
        case .dateTime, .time: return dateText + "T" + time
        }
    }

    private static func two(_ value: Int) -> String { value < 10 ? "0\(value)" : "\(value)" }

    /// `yyyy-mm-dd` of a day count from 1970-01-01 (proleptic Gregorian; H. Hinnant's algorithm).
    static func civil(fromUnixDays days: Int) -> String {
        let z = days + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let dayOfEra = z - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let monthIndex = (5 * dayOfYear + 2) / 153
        let day = dayOfYear - (153 * monthIndex + 2) / 5 + 1
        let month = monthIndex < 10 ? monthIndex + 3 : monthIndex - 9
        let year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0)
        var yearText = String(year)
        while yearText.count < 4 { yearText = "0" + yearText }
        return yearText + "-" + two(month) + "-" + two(day)
    }

    /// The text of a number cell as Excel shows it in General format, without float noise: at most
    /// 15 significant digits, no exponent for ordinary magnitudes, integers without ".0". Text
    /// that is not a number is returned unchanged.
    static func number(_ text: String) -> String {
        var utf8 = Array(text.utf8)
        guard !utf8.isEmpty else { return text }
        var negative = false
        if utf8[0] == UInt8(ascii: "-") {
            negative = true
            utf8.removeFirst()
        }
        var digits: [UInt8] = []
        var pointAt: Int?
        var exponent = 0
        var index = 0
        while index < utf8.count {
            let byte = utf8[index]
            if byte >= 0x30 && byte <= 0x39 {
                digits.append(byte)
            } else if byte == UInt8(ascii: ".") && pointAt == nil {
                pointAt = digits.count
            } else if byte == UInt8(ascii: "E") || byte == UInt8(ascii: "e") {
                guard let value = Int(String(decoding: utf8[(index + 1)...], as: UTF8.self)) else { return text }
                exponent = value
                break
            } else {
                return text
            }
            index += 1
        }
        guard !digits.isEmpty else { return text }
        // value = 0.digits × 10^(decimalExponent)
        var decimalExponent = (pointAt ?? digits.count) + exponent
        while let first = digits.first, first == 0x30 {
            digits.removeFirst()
            decimalExponent -= 1
        }
        while let last = digits.last, last == 0x30 { digits.removeLast() }
        if digits.isEmpty { return "0" }
        if digits.count > 15 {
            guard let value = Double(text), value.isFinite else { return text }
            var buffer = [CChar](repeating: 0, count: 64)
            _ = withVaList([abs(value)]) { vsnprintf(&buffer, 64, "%.14e", $0) }
            let formatted = String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
            return number((negative ? "-" : "") + formatted)
        }
        guard decimalExponent > -20 && decimalExponent <= 21 else {
            // Keep an exponent for magnitudes no register holds.
            let mantissa =
                String(decoding: digits.prefix(1), as: UTF8.self)
                + (digits.count > 1 ? "." + String(decoding: digits.dropFirst(), as: UTF8.self) : "")
            return (negative ? "-" : "") + mantissa + "E" + String(decimalExponent - 1)
        }
        var out = negative ? "-" : ""
        if decimalExponent <= 0 {
            out += "0." + String(repeating: "0", count: -decimalExponent) + String(decoding: digits, as: UTF8.self)
        } else if decimalExponent >= digits.count {
            out +=
                String(decoding: digits, as: UTF8.self) + String(repeating: "0", count: decimalExponent - digits.count)
        } else {
            out +=
                String(decoding: digits[..<decimalExponent], as: UTF8.self) + "."
                + String(decoding: digits[decimalExponent...], as: UTF8.self)
        }
        return out
    }
}

extension String {
    /// Removes AM/PM markers (which hold an `m`) from a lowercased format code.
    fileprivate func replacingOccurrencesOfAMPM() -> String {
        var out = ""
        var rest = Substring(self)
        while !rest.isEmpty {
            if rest.hasPrefix("am/pm") {
                out += "h"
                rest = rest.dropFirst(5)
            } else if rest.hasPrefix("a/p") {
                out += "h"
                rest = rest.dropFirst(3)
            } else {
                out.append(rest.removeFirst())
            }
        }
        return out
    }
}
