import GreenstatCore
import GreenstatTable

extension RawRow {
    /// Field `index` with white space trimmed from both ends (`String.trimmingWhitespace()`).
    func trimmedString(_ index: Int) -> String {
        let range = trimmedRange(of: index)
        if range.isEmpty { return "" }
        return bytes.withUnsafeBufferPointer { String(decoding: $0[range], as: UTF8.self) }
    }

    /// The byte range of field `index` without surrounding white space (`Whitespace.trimmedRange`).
    func trimmedRange(of index: Int) -> Range<Int> {
        let range = range(of: index)
        if range.isEmpty { return range }
        let trimmed = bytes.withUnsafeBufferPointer {
            Whitespace.trimmedRange(of: UnsafeBufferPointer(rebasing: $0[range]))
        }
        return (range.lowerBound + trimmed.lowerBound)..<(range.lowerBound + trimmed.upperBound)
    }
}
