extension String {
    /// The string without leading and trailing white space (ASCII and U+3000 ideographic space).
    public func trimmingWhitespace() -> String {
        // Fast path: nothing to trim when the first scalar is not white space (a Character is
        // white space by its first scalar) and the last scalar is one that always stands as a
        // Character of its own and is not white space (printable ASCII, CJK ideographs and
        // punctuation, full-width forms).
        let scalars = unicodeScalars
        guard let head = scalars.first, let tail = scalars.last else { return self }
        if !Self.mayBeSpace(head.value) && Self.isPlainEnd(tail.value) { return self }
        let isSpace: (Character) -> Bool = { $0.isWhitespace || $0 == "\u{3000}" || $0 == "\u{FEFF}" }
        guard let first = firstIndex(where: { !isSpace($0) }) else { return "" }
        let last = lastIndex(where: { !isSpace($0) })!
        return String(self[first...last])
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
