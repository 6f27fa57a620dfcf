import GreenstatCore
import GreenstatTable

extension RawRow {
    /// Field `index` with white space trimmed from both ends (`String.trimmingWhitespace()`).
    func trimmedString(_ index: Int) -> String {
        let range = range(of: index)
        if range.isEmpty { return "" }
        return bytes.withUnsafeBufferPointer { String(decoding: $0[range], as: UTF8.self) }.trimmingWhitespace()
    }
}
