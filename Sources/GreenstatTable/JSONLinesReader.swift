import Foundation

/// Reads JSON Lines (one JSON object per line) as table rows: first a header row made of the
/// first object's keys, then one row per object with its values in that order (numbers and
/// booleans as text, null as empty). A key the first object lacks is reported on its row; a
/// line that is not a JSON object comes back as an unreadable row with the reason.
public struct JSONLinesReader: RowReader {
    private var source: ByteSource
    private var buffer: [UInt8] = []
    private var position = 0
    private var exhausted = false
    private var line = 0
    private var keys: [String]?
    private var pendingFirst: DelimitedRow?

    /// Reads UTF-8 JSON Lines from `source`.
    public init(source: ByteSource) {
        self.source = source
    }

    private mutating func nextLine() throws -> (text: [UInt8], number: Int)? {
        while true {
            if let newline = buffer[position...].firstIndex(of: 10) {
                let text = Array(buffer[position..<newline])
                position = newline + 1
                line += 1
                return (text, line)
            }
            if exhausted {
                guard position < buffer.count else { return nil }
                let text = Array(buffer[position...])
                position = buffer.count
                line += 1
                return (text, line)
            }
            buffer.removeFirst(position)
            position = 0
            if try source.read(into: &buffer, maxCount: 1 << 20) == 0 { exhausted = true }
        }
    }

    private static func text(_ value: Any) -> String {
        switch value {
        case is NSNull: return ""
        case let string as String: return string
        case let number as NSNumber:
            if String(describing: type(of: value)).contains("Bool") { return number.boolValue ? "true" : "false" }
            return number.stringValue
        default:
            guard JSONSerialization.isValidJSONObject([value]),
                let data = try? JSONSerialization.data(withJSONObject: [value]),
                let text = String(data: data, encoding: .utf8)
            else { return "\(value)" }
            return String(text.dropFirst().dropLast())
        }
    }

    /// The next row: the header first, then one per object line (blank lines skipped).
    public mutating func next() throws -> DelimitedRow? {
        if let first = pendingFirst {
            pendingFirst = nil
            return first
        }
        while let (bytes, number) = try nextLine() {
            var trimmed = bytes
            if number == 1, trimmed.starts(with: [0xEF, 0xBB, 0xBF]) { trimmed.removeFirst(3) }
            while let last = trimmed.last, last == 13 || last == 32 || last == 9 { trimmed.removeLast() }
            if trimmed.allSatisfy({ $0 == 32 || $0 == 9 }) { continue }
            let object = try? JSONSerialization.jsonObject(with: Data(trimmed))
            guard let dictionary = object as? [String: Any] else {
                let reason = object == nil ? "line \(number) is not valid JSON" : "line \(number) is not a JSON object"
                return DelimitedRow(fields: [], line: number, problems: [reason], unreadable: reason)
            }
            if keys == nil {
                let header = dictionary.keys.sorted()
                keys = header
                pendingFirst = row(dictionary, number)
                return DelimitedRow(fields: header, line: number)
            }
            return row(dictionary, number)
        }
        return nil
    }

    private func row(_ dictionary: [String: Any], _ number: Int) -> DelimitedRow {
        let header = keys ?? []
        var problems: [String] = []
        let extra = dictionary.keys.filter { !header.contains($0) }.sorted()
        if !extra.isEmpty {
            problems.append("key(s) not on the first line, ignored: \(extra.joined(separator: ", "))")
        }
        return DelimitedRow(
            fields: header.map { dictionary[$0].map(Self.text) ?? "" }, line: number, problems: problems)
    }
}
