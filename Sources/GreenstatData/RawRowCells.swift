import GreenstatCore
import GreenstatTable

extension RawRow {
    /// Field `index` with white space trimmed from both ends, as `String.trimmingWhitespace()`
    /// does, without building the untrimmed string first when there is nothing to trim.
    func trimmedString(_ index: Int) -> String {
        let range = range(of: index)
        if range.isEmpty { return "" }
        return bytes.withUnsafeBufferPointer { buffer in
            let head = buffer[range.lowerBound]
            let tail = buffer[range.upperBound - 1]
            // The same byte test as the fast path of `trimmingWhitespace()`.
            let headSafe =
                (head > 0x20 && head < 0x80) || (head >= 0xC3 && head != 0xE2 && head != 0xE3 && head != 0xEF)
            let tailSafe =
                (tail > 0x20 && tail < 0x80)
                || (tail >= 0x80 && tail != 0xA0 && tail != 0x80 && tail != 0xBF && !(tail >= 0x80 && tail <= 0x8A)
                    && tail != 0xA8 && tail != 0xA9 && tail != 0xAF)
            let text = String(decoding: buffer[range], as: UTF8.self)
            return headSafe && tailSafe ? text : text.trimmingWhitespace()
        }
    }
}
