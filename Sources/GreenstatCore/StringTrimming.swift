extension String {
    /// The string without leading and trailing white space (ASCII and U+3000 ideographic space).
    public func trimmingWhitespace() -> String {
        // Fast path: nothing to trim when neither end is ASCII space or a multi-byte character
        // (U+3000 and U+FEFF are multi-byte; anything else multi-byte takes the slow path too).
        let utf8 = self.utf8
        guard let head = utf8.first, let tail = utf8.last else { return self }
        // Multi-byte white space starts with C2 (U+00A0), E2 80 (U+2000–U+200A …), E3 80 80 (U+3000)
        // or EF BB BF (U+FEFF); every other lead byte or last byte of a CJK character is not space.
        let headSafe = (head > 0x20 && head < 0x80) || (head >= 0xC3 && head != 0xE2 && head != 0xE3 && head != 0xEF)
        let tailSafe =
            (tail > 0x20 && tail < 0x80)
            || (tail >= 0x80 && tail != 0xA0 && tail != 0x80 && tail != 0xBF
                && !(tail >= 0x80 && tail <= 0x8A) && tail != 0xA8 && tail != 0xA9 && tail != 0xAF)
        if headSafe && tailSafe { return self }
        let isSpace: (Character) -> Bool = { $0.isWhitespace || $0 == "\u{3000}" || $0 == "\u{FEFF}" }
        guard let first = firstIndex(where: { !isSpace($0) }) else { return "" }
        let last = lastIndex(where: { !isSpace($0) })!
        return String(self[first...last])
    }
}
