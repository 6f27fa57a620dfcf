extension String {
    /// The string without leading and trailing white space (ASCII and U+3000 ideographic space).
    public func trimmingWhitespace() -> String {
        var copy = self
        let range = copy.withUTF8 { Whitespace.trimmedRange(of: $0) }
        if range.count == utf8.count { return self }
        return copy.withUTF8 { String(decoding: UnsafeBufferPointer(rebasing: $0[range]), as: UTF8.self) }
    }
}

/// White space trimming over UTF-8 bytes (what `String.trimmingWhitespace()` removes).
public enum Whitespace {
    /// The byte range of valid UTF-8 `text` without its leading and trailing white space: whole
    /// Characters that are white space (Unicode White_Space), U+3000 or a byte-order mark.
    public static func trimmedRange(of text: UnsafeBufferPointer<UInt8>) -> Range<Int> {
        // Fast path: nothing to trim when the first scalar is not white space (a Character is
        // white space by its first scalar) and the last scalar is one that always stands as a
        // Character of its own and is not white space (printable ASCII, CJK ideographs and
        // punctuation, full-width forms).
        guard !text.isEmpty else { return 0..<0 }
        if !mayBeSpace(scalar(in: text, at: 0)) {
            var last = text.count - 1
            while last > 0 && text[last] & 0xC0 == 0x80 { last -= 1 }
            if isPlainEnd(scalar(in: text, at: last)) { return 0..<text.count }
        }
        let string = String(decoding: text, as: UTF8.self)
        let isSpace: (Character) -> Bool = { $0.isWhitespace || $0 == "\u{3000}" || $0 == "\u{FEFF}" }
        guard let first = string.firstIndex(where: { !isSpace($0) }) else { return 0..<0 }
        let last = string.lastIndex(where: { !isSpace($0) })!
        let utf8 = string.utf8
        return utf8.distance(
            from: utf8.startIndex, to: first)..<utf8.distance(
                from: utf8.startIndex, to: string.index(after: last))
    }

    /// The scalar value starting at `index` of valid UTF-8.
    @inline(__always)
    private static func scalar(in text: UnsafeBufferPointer<UInt8>, at index: Int) -> UInt32 {
        let lead = UInt32(text[index])
        if lead < 0x80 { return lead }
        let count = lead >= 0xF0 ? 4 : lead >= 0xE0 ? 3 : 2
        guard index + count <= text.count else { return 0xFFFD }
        var value = lead & (0x7F >> UInt32(count))
        for offset in 1..<count { value = value << 6 | UInt32(text[index + offset] & 0x3F) }
        return value
    }

    /// Whether a scalar is white space (Unicode White_Space) or a byte-order mark.
    private static func mayBeSpace(_ value: UInt32) -> Bool {
        switch value {
        case 0x09...0x0D, 0x20, 0x85, 0xA0, 0x1680, 0x2000...0x200A, 0x2028, 0x2029, 0x202F, 0x205F, 0x3000, 0xFEFF:
            return true
        default: return value > 0x7E && value < 0xA0
        }
    }

    /// Whether a scalar is never white space and never joins the Character before it.
    private static func isPlainEnd(_ value: UInt32) -> Bool {
        switch value {
        case 0x21...0x7E, 0x3001...0x3029, 0x3030...0x303F, 0x3400...0x4DBF, 0x4E00...0x9FFF, 0xFF01...0xFF5E:
            return true
        default: return false
        }
    }
}
