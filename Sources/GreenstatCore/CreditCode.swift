/// A 统一社会信用代码 (unified social credit code) checked against GB 32100-2015.
///
/// Eighteen characters from the 31-character alphabet `0-9 A-H J-N P-R T U W-Y` (no I, O, S, V,
/// Z); the last is a check character computed from the first seventeen with fixed weights.
public struct CreditCode: Hashable, Comparable, Sendable, CustomStringConvertible {
    /// The eighteen characters, upper case.
    public let rawValue: String

    static let alphabet = Array("0123456789ABCDEFGHJKLMNPQRTUWXY".utf8)
    static let weights = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28]

    /// Why a text is not a valid credit code.
    public enum Problem: Error, Sendable, Equatable, CustomStringConvertible {
        /// The code is missing.
        case empty
        /// Not eighteen characters.
        case length(Int)
        /// A character outside the GB 32100 alphabet, at a 1-based position.
        case character(Character, position: Int)
        /// The check character does not match; `expected` is what the first 17 give.
        case checkDigit(expected: Character, found: Character)

        /// A sentence for the user.
        public var description: String {
            switch self {
            case .empty: return "统一社会信用代码 is empty"
            case .length(let count): return "统一社会信用代码 must have 18 characters, found \(count)"
            case .character(let char, let position):
                return "character '\(char)' at position \(position) is not allowed in a 统一社会信用代码 (no I, O, S, V, Z)"
            case .checkDigit(let expected, let found):
                return "check character is '\(found)' but GB 32100-2015 gives '\(expected)'"
            }
        }
    }

    /// Validates `text` (surrounding spaces ignored; lower case accepted and upper-cased).
    public static func validate(_ text: String) -> Result<CreditCode, Problem> {
        // Most codes come as written: 18 characters of the alphabet, nothing to trim or upper-case.
        let asWritten = text.utf8.count == 18 && text.utf8.allSatisfy { values[Int($0)] >= 0 }
        var trimmed = asWritten ? text : text.trimmingWhitespace().uppercased()
        if trimmed.isEmpty { return .failure(.empty) }
        // Written as 18 alphabet bytes, it is 18 characters; otherwise count them.
        guard trimmed.utf8.count == 18, asWritten || trimmed.count == 18 else {
            return .failure(.length(trimmed.count))
        }
        let problem: Problem? = trimmed.withUTF8 { bytes in
            switch expectedCheck(UnsafeBufferPointer(rebasing: bytes[0..<17])) {
            case .failure(let invalid):
                return .character(Character(UnicodeScalar(bytes[invalid.position])), position: invalid.position + 1)
            case .success(let expected):
                let last = bytes[17]
                guard values[Int(last)] >= 0 else { return .character(Character(UnicodeScalar(last)), position: 18) }
                guard last == expected else {
                    return .checkDigit(
                        expected: Character(UnicodeScalar(expected)), found: Character(UnicodeScalar(last)))
                }
                return nil
            }
        }
        return problem.map { .failure($0) } ?? .success(CreditCode(unchecked: trimmed))
    }

    /// Whether `bytes` are a valid code exactly as written: eighteen upper-case alphabet bytes
    /// with the right check character (nothing to trim or upper-case). When false, `validate`
    /// says why, or accepts the code after trimming and upper-casing.
    public static func isValidAsWritten(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        guard bytes.count == 18, values[Int(bytes[17])] >= 0,
            case .success(let expected) = expectedCheck(UnsafeBufferPointer(rebasing: bytes[0..<17]))
        else { return false }
        return bytes[17] == expected
    }

    /// The code in `bytes` when it is valid exactly as written (`isValidAsWritten`), else nil.
    public init?(asWritten bytes: UnsafeBufferPointer<UInt8>) {
        guard Self.isValidAsWritten(bytes) else { return nil }
        rawValue = String(decoding: bytes, as: UTF8.self)
    }

    /// A valid code, or nil.
    public init?(_ text: String) {
        guard case .success(let code) = CreditCode.validate(text) else { return nil }
        self = code
    }

    init(unchecked: String) { rawValue = unchecked }

    /// The value of each byte in `alphabet` (-1: not in it).
    private static let values: [Int8] = {
        var table = [Int8](repeating: -1, count: 256)
        for (value, byte) in alphabet.enumerated() { table[Int(byte)] = Int8(value) }
        return table
    }()

    /// A byte outside the alphabet, at a 0-based position.
    private struct InvalidCharacter: Error {
        var position: Int
    }

    /// The check character GB 32100-2015 gives the first 17 characters (upper-case bytes). The
    /// tables are reached once per code, not once per character (each reach of a global is a
    /// lazy-initialization check).
    private static func expectedCheck(_ first17: UnsafeBufferPointer<UInt8>) -> Result<UInt8, InvalidCharacter> {
        values.withUnsafeBufferPointer { values in
            weights.withUnsafeBufferPointer { weights in
                var sum = 0
                for position in first17.indices {
                    let value = Int(values[Int(first17[position])])
                    guard value >= 0 else { return .failure(InvalidCharacter(position: position)) }
                    sum += value * weights[position]
                }
                return .success(alphabet[(31 - sum % 31) % 31])
            }
        }
    }

    /// The check character GB 32100-2015 assigns to the first 17 characters, or nil when they
    /// contain a character outside the alphabet.
    public static func checkCharacter(forFirst17 prefix: String) -> Character? {
        let bytes = Array(prefix.uppercased().utf8)
        guard bytes.count == 17, case .success(let check) = bytes.withUnsafeBufferPointer(expectedCheck) else {
            return nil
        }
        return Character(UnicodeScalar(check))
    }

    /// Letters GB 32100 never uses, and the digit or letter they are usually typed for.
    static let forbiddenLookalikes: [Character: Character] = ["O": "0", "I": "1", "Z": "2", "S": "5", "V": "U"]

    /// A correction of an invalid code that contains letters GB 32100 never uses (O for 0, I for 1,
    /// Z for 2, S for 5, V for U) when replacing them makes the code pass the check, as "did you
    /// mean …" text. Nil otherwise: where every character is allowed, some single change passes the
    /// check by chance about one time in three, so guessing would mislead.
    public static func typoHint(for text: String) -> String? {
        let characters = Array(text.trimmingWhitespace().uppercased())
        guard characters.count == 18 else { return nil }
        let fixed = characters.map { forbiddenLookalikes[$0] ?? $0 }
        guard fixed != characters, let code = CreditCode(String(fixed)) else { return nil }
        let changes = zip(characters, fixed).filter { $0 != $1 }.map { "'\($0.0)' → '\($0.1)'" }
        return "did you mean \(code.rawValue)? (\(changes.joined(separator: ", ")): letters a credit code never uses)"
    }

    /// The code itself.
    public var description: String { rawValue }

    /// Orders codes by their characters.
    public static func < (lhs: CreditCode, rhs: CreditCode) -> Bool { lhs.rawValue < rhs.rawValue }
}
