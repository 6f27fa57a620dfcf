import CLibXML2

/// The shared-string table of a workbook, stored compactly (one byte buffer and end offsets) so
/// that a large table costs little more than its text.
final class SharedStrings: Sendable {
    private let bytes: [UInt8]
    private let ends: [Int]

    init(bytes: [UInt8], ends: [Int]) {
        self.bytes = bytes
        self.ends = ends
    }

    /// The number of strings.
    var count: Int { ends.count }

    /// The string at `index`, or nil when out of range.
    func string(at index: Int) -> String? {
        guard index >= 0 && index < ends.count else { return nil }
        let start = index == 0 ? 0 : ends[index - 1]
        return bytes.withUnsafeBufferPointer { pointer in
            String(decoding: UnsafeBufferPointer(rebasing: pointer[start..<ends[index]]), as: UTF8.self)
        }
    }
}

/// Collects the text of `<t>` elements (plain and rich-text runs) while skipping phonetic runs
/// (`<rPh>`); shared by shared strings and inline strings.
struct RichTextCollector {
    private(set) var inText = false
    private var phoneticDepth = 0

    mutating func start(_ name: UnsafePointer<xmlChar>) {
        if XMLName.matches(name, "t") {
            inText = phoneticDepth == 0
        } else if XMLName.matches(name, "rPh") {
            phoneticDepth += 1
        }
    }

    mutating func end(_ name: UnsafePointer<xmlChar>) {
        if XMLName.matches(name, "t") {
            inText = false
        } else if XMLName.matches(name, "rPh") {
            phoneticDepth = max(0, phoneticDepth - 1)
        }
    }

    mutating func reset() {
        inText = false
        phoneticDepth = 0
    }
}

/// `xl/sharedStrings.xml`: `<sst><si><t>…</t></si><si><r><t>…</t></r><r><t>…</t></r></si>…`.
final class SharedStringsHandler: XMLEventHandler {
    private var bytes: [UInt8] = []
    private var ends: [Int] = []
    private var inItem = false
    private var itemStart = 0
    private var text = RichTextCollector()
    private let maxCellBytes: Int
    private let file: String
    private let part: String
    var failure: InputFormatError? { didSet { shouldStop = failure != nil } }
    private(set) var shouldStop = false

    init(file: String, part: String, maxCellBytes: Int) {
        self.file = file
        self.part = part
        self.maxCellBytes = maxCellBytes
    }

    func startElement(_ name: UnsafePointer<xmlChar>, _ attributes: XMLAttributes) {
        if XMLName.matches(name, "si") {
            inItem = true
            itemStart = bytes.count
            text.reset()
        } else if XMLName.matches(name, "sst") {
            if let unique = attributes.integer("uniqueCount") { ends.reserveCapacity(min(unique, 1 << 20)) }
        } else if inItem {
            text.start(name)
        }
    }

    func endElement(_ name: UnsafePointer<xmlChar>) {
        if XMLName.matches(name, "si") {
            inItem = false
            ends.append(bytes.count)
        } else if inItem {
            text.end(name)
        }
    }

    func characters(_ chunk: UnsafeBufferPointer<UInt8>) {
        guard inItem && text.inText else { return }
        bytes.append(contentsOf: chunk)
        if bytes.count - itemStart > maxCellBytes && failure == nil {
            failure = InputFormatError(
                file: file, message: "shared string \(ends.count) in \(part) is longer than \(maxCellBytes) bytes",
                hint: "Excel cells hold at most 32,767 characters: the file is damaged or crafted")
        }
    }

    func table() -> SharedStrings { SharedStrings(bytes: bytes, ends: ends) }
}

/// `xl/workbook.xml`: the sheets (name, relationship id, visibility) and the date system.
final class WorkbookHandler: XMLEventHandler {
    struct Sheet {
        var name: String
        var relationship: String
        var state: String
    }

    private(set) var sheets: [Sheet] = []
    private(set) var date1904 = false
    var failure: InputFormatError? { didSet { shouldStop = failure != nil } }
    private(set) var shouldStop = false

    func startElement(_ name: UnsafePointer<xmlChar>, _ attributes: XMLAttributes) {
        if XMLName.matches(name, "sheet") {
            sheets.append(
                Sheet(
                    name: attributes.string("name") ?? "", relationship: attributes.string("id") ?? "",
                    state: attributes.string("state") ?? "visible"))
        } else if XMLName.matches(name, "workbookPr") {
            let value = attributes.string("date1904")?.lowercased()
            date1904 = value == "1" || value == "true"
        }
    }

    func endElement(_ name: UnsafePointer<xmlChar>) {}
    func characters(_ bytes: UnsafeBufferPointer<UInt8>) {}
}

/// A `.rels` part: relationship id → type and target.
final class RelationshipsHandler: XMLEventHandler {
    struct Relationship {
        var id: String
        var type: String
        var target: String
        var external: Bool
    }

    private(set) var relationships: [Relationship] = []
    var failure: InputFormatError? { didSet { shouldStop = failure != nil } }
    private(set) var shouldStop = false

    func startElement(_ name: UnsafePointer<xmlChar>, _ attributes: XMLAttributes) {
        guard XMLName.matches(name, "Relationship") else { return }
        relationships.append(
            Relationship(
                id: attributes.string("Id") ?? "", type: attributes.string("Type") ?? "",
                target: attributes.string("Target") ?? "",
                external: attributes.string("TargetMode")?.lowercased() == "external"))
    }

    func endElement(_ name: UnsafePointer<xmlChar>) {}
    func characters(_ bytes: UnsafeBufferPointer<UInt8>) {}

    /// The first relationship whose type ends with `/suffix` (transitional or strict namespaces).
    func first(type suffix: String) -> Relationship? {
        relationships.first { !$0.external && $0.type.hasSuffix("/" + suffix) }
    }
}

/// `xl/styles.xml`: which cell styles (`s` index into `cellXfs`) show numbers as dates.
final class StylesHandler: XMLEventHandler {
    private var formats: [Int: String] = [:]
    private var formatIds: [Int] = []
    private var inCellFormats = false
    var failure: InputFormatError? { didSet { shouldStop = failure != nil } }
    private(set) var shouldStop = false

    func startElement(_ name: UnsafePointer<xmlChar>, _ attributes: XMLAttributes) {
        if XMLName.matches(name, "numFmt") {
            if let id = attributes.integer("numFmtId") { formats[id] = attributes.string("formatCode") ?? "" }
        } else if XMLName.matches(name, "cellXfs") {
            inCellFormats = true
        } else if inCellFormats && XMLName.matches(name, "xf") {
            formatIds.append(attributes.integer("numFmtId") ?? 0)
        }
    }

    func endElement(_ name: UnsafePointer<xmlChar>) {
        if XMLName.matches(name, "cellXfs") { inCellFormats = false }
    }

    func characters(_ bytes: UnsafeBufferPointer<UInt8>) {}

    /// The date kind of each cell style, by index.
    func dateKinds() -> [ExcelDateKind?] {
        formatIds.map { ExcelValues.dateKind(formatId: $0, code: formats[$0]) }
    }
}

/// Part paths: relationship targets resolved against the folder of their source part.
enum PartPath {
    /// `target` of a relationship in the `.rels` of `source` (e.g. `xl/workbook.xml`), as an archive path.
    static func resolve(_ target: String, from source: String) -> String {
        if target.hasPrefix("/") { return normalize(String(target.dropFirst())) }
        let folder = source.split(separator: "/", omittingEmptySubsequences: false).dropLast().joined(separator: "/")
        return normalize(folder.isEmpty ? target : folder + "/" + target)
    }

    /// The `.rels` part of `source`: `xl/workbook.xml` → `xl/_rels/workbook.xml.rels`.
    static func relationships(of source: String) -> String {
        var parts = source.split(separator: "/", omittingEmptySubsequences: false).map(String.init)
        let last = parts.removeLast()
        return (parts + ["_rels", last + ".rels"]).joined(separator: "/")
    }

    private static func normalize(_ path: String) -> String {
        var out: [Substring] = []
        for part in path.split(separator: "/") {
            if part == "." { continue }
            if part == ".." {
                if !out.isEmpty { out.removeLast() }
                continue
            }
            out.append(part)
        }
        return out.joined(separator: "/")
    }
}
