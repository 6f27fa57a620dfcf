/// A text encoding a delimited file may be in. Registers exported on Chinese Windows are often
/// GB18030/GBK ("ANSI"); Excel's "Unicode text" export is UTF-16LE with a byte-order mark.
public enum TextEncoding: String, Sendable, CaseIterable, Equatable {
    /// UTF-8, with or without a byte-order mark.
    case utf8 = "utf-8"
    /// GB 18030-2005, the superset of GBK and GB 2312.
    case gb18030
    /// GBK (code page 936).
    case gbk
    /// UTF-16, little-endian.
    case utf16LE = "utf-16le"
    /// UTF-16, big-endian.
    case utf16BE = "utf-16be"

    /// Parses a user-given name, ignoring case and `-`/`_`: `utf-8`, `utf8`, `gb18030`, `gbk`,
    /// `cp936`, `gb2312` (read as its superset GB18030), `utf-16le`, `utf-16be`.
    public init?(name: String) {
        let key = String(name.lowercased().filter { $0 != "-" && $0 != "_" && $0 != " " })
        switch key {
        case "utf8": self = .utf8
        case "gb18030", "gb2312", "euccn": self = .gb18030
        case "gbk", "cp936", "ms936", "windows936": self = .gbk
        case "utf16le", "utf16", "unicode": self = .utf16LE
        case "utf16be": self = .utf16BE
        default: return nil
        }
    }

    /// The names `init(name:)` accepts, for messages.
    public static var acceptedNames: String { allCases.map(\.rawValue).joined(separator: ", ") }

    /// The name glibc `iconv_open` knows this encoding by.
    var iconvName: String {
        switch self {
        case .utf8: return "UTF-8"
        case .gb18030: return "GB18030"
        case .gbk: return "GBK"
        case .utf16LE: return "UTF-16LE"
        case .utf16BE: return "UTF-16BE"
        }
    }

    /// The name used in messages (the standard name, as iconv spells it).
    public var displayName: String { iconvName }

    /// The byte-order mark of this encoding (empty for the Chinese encodings).
    var byteOrderMark: [UInt8] {
        switch self {
        case .utf8: return [0xEF, 0xBB, 0xBF]
        case .utf16LE: return [0xFF, 0xFE]
        case .utf16BE: return [0xFE, 0xFF]
        case .gb18030, .gbk: return []
        }
    }
}

/// How the encoding of a text file was decided.
public struct EncodingGuess: Sendable, Equatable {
    /// The encoding.
    public var encoding: TextEncoding
    /// The number of byte-order-mark bytes at the start (skipped when decoding).
    public var byteOrderMarkLength: Int
    /// Why: "byte-order mark", "valid UTF-8", "not valid UTF-8", "NUL bytes at odd positions" ….
    public var reason: String

    /// Creates a guess.
    public init(encoding: TextEncoding, byteOrderMarkLength: Int, reason: String) {
        self.encoding = encoding
        self.byteOrderMarkLength = byteOrderMarkLength
        self.reason = reason
    }

    /// Decides the encoding of a text file from its first bytes: a byte-order mark (UTF-8,
    /// UTF-16LE/BE); else the pattern of NUL bytes typical of UTF-16 without a mark; else UTF-8 when
    /// the bytes are valid UTF-8 (or mostly so: a few bad bytes in clearly UTF-8 text are reported
    /// later at their line, not hidden by a wrong guess); else GB18030. `atEnd` says whether `prefix`
    /// is the whole file (an incomplete UTF-8 sequence at its end then counts as invalid).
    public static func detect(prefix: [UInt8], atEnd: Bool) -> EncodingGuess {
        if prefix.starts(with: [0xEF, 0xBB, 0xBF]) {
            return EncodingGuess(encoding: .utf8, byteOrderMarkLength: 3, reason: "UTF-8 byte-order mark")
        }
        if prefix.starts(with: [0xFF, 0xFE]) {
            return EncodingGuess(encoding: .utf16LE, byteOrderMarkLength: 2, reason: "UTF-16LE byte-order mark")
        }
        if prefix.starts(with: [0xFE, 0xFF]) {
            return EncodingGuess(encoding: .utf16BE, byteOrderMarkLength: 2, reason: "UTF-16BE byte-order mark")
        }
        if let utf16 = utf16WithoutMark(prefix) {
            return EncodingGuess(encoding: utf16, byteOrderMarkLength: 0, reason: "NUL bytes in UTF-16 positions")
        }
        let stats = UTF8Statistics(prefix, atEnd: atEnd)
        if stats.invalid == 0 {
            return EncodingGuess(encoding: .utf8, byteOrderMarkLength: 0, reason: "valid UTF-8")
        }
        // Chinese in UTF-8 is 3-byte sequences; GB18030 text rarely forms them by accident.
        if stats.validLong >= stats.invalid {
            return EncodingGuess(encoding: .utf8, byteOrderMarkLength: 0, reason: "mostly valid UTF-8")
        }
        return EncodingGuess(encoding: .gb18030, byteOrderMarkLength: 0, reason: "not valid UTF-8")
    }

    /// UTF-16 without a byte-order mark: ASCII characters leave a NUL in every other byte.
    static func utf16WithoutMark(_ bytes: [UInt8]) -> TextEncoding? {
        let count = min(bytes.count, 4096) & ~1
        guard count >= 4 else { return nil }
        var evenZeros = 0
        var oddZeros = 0
        for index in stride(from: 0, to: count, by: 2) {
            if bytes[index] == 0 { evenZeros += 1 }
            if bytes[index + 1] == 0 { oddZeros += 1 }
        }
        let pairs = count / 2
        if oddZeros * 5 >= pairs && evenZeros * 20 <= oddZeros { return .utf16LE }
        if evenZeros * 5 >= pairs && oddZeros * 20 <= evenZeros { return .utf16BE }
        return nil
    }
}

/// Counts of valid and invalid UTF-8 sequences in a sample, for encoding detection.
struct UTF8Statistics {
    /// Valid sequences of 3 or 4 bytes.
    var validLong = 0
    /// Invalid bytes or sequences.
    var invalid = 0

    init(_ bytes: [UInt8], atEnd: Bool) {
        var index = 0
        let count = bytes.count
        while index < count {
            let lead = bytes[index]
            if lead < 0x80 {
                index += 1
                continue
            }
            let (need, lower, upper) = UTF8Validator.sequenceShape(lead: lead)
            if need == 0 {
                invalid += 1
                index += 1
                continue
            }
            if !atEnd && index + need >= count {
                break  // an incomplete sequence at the end of the sample
            }
            var ok = true
            for step in 1...need {
                guard index + step < count else {
                    ok = false
                    break
                }
                let byte = bytes[index + step]
                let low = step == 1 ? lower : 0x80
                let high = step == 1 ? upper : 0xBF
                if byte < low || byte > high {
                    ok = false
                    break
                }
            }
            if ok {
                if need >= 2 { validLong += 1 }
                index += need + 1
            } else {
                invalid += 1
                index += 1
            }
        }
    }
}
