import CLibXML2
import CXMLShim

/// The attributes of one element as libxml2 hands them to SAX2: five pointers per attribute
/// (local name, prefix, URI, value start, value end). Valid only during the callback.
struct XMLAttributes {
    fileprivate let base: UnsafeMutablePointer<UnsafePointer<xmlChar>?>?
    fileprivate let count: Int

    /// The raw value of the attribute with local name `name` (any namespace).
    func bytes(_ name: StaticString) -> UnsafeBufferPointer<UInt8>? {
        guard let base else { return nil }
        for index in 0..<count {
            let entry = base + index * 5
            guard let localName = entry[0], XMLName.matches(localName, name), let start = entry[3], let end = entry[4]
            else { continue }
            return UnsafeBufferPointer(start: start, count: end - start)
        }
        return nil
    }

    /// The value of the attribute `name` as text. Without entity substitution libxml2 passes `&amp;`
    /// in attribute values as `&#38;`; that is undone here.
    func string(_ name: StaticString) -> String? {
        guard let raw = bytes(name) else { return nil }
        let escape: [UInt8] = Array("&#38;".utf8)
        guard raw.count >= escape.count, raw.contains(UInt8(ascii: "&")) else {
            return String(decoding: raw, as: UTF8.self)
        }
        var out: [UInt8] = []
        out.reserveCapacity(raw.count)
        var index = 0
        while index < raw.count {
            if raw[index] == UInt8(ascii: "&"), index + escape.count <= raw.count,
                raw[index..<(index + escape.count)].elementsEqual(escape)
            {
                out.append(UInt8(ascii: "&"))
                index += escape.count
            } else {
                out.append(raw[index])
                index += 1
            }
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// The value of the attribute `name` as a non-negative decimal integer.
    func integer(_ name: StaticString) -> Int? {
        guard let raw = bytes(name), !raw.isEmpty, raw.count <= 18 else { return nil }
        var value = 0
        for byte in raw {
            guard byte >= 0x30 && byte <= 0x39 else { return nil }
            value = value * 10 + Int(byte - 0x30)
        }
        return value
    }
}

/// Comparing libxml2's NUL-terminated names with literals without making strings.
enum XMLName {
    /// Whether the NUL-terminated `name` equals `literal`.
    @inline(__always)
    static func matches(_ name: UnsafePointer<xmlChar>, _ literal: StaticString) -> Bool {
        let count = literal.utf8CodeUnitCount
        let bytes = literal.utf8Start
        for index in 0..<count where name[index] != bytes[index] { return false }
        return name[count] == 0
    }
}

/// What a SAX consumer implements. Pointers are valid only during the call. Setting `failure`
/// stops the parse; the parser then throws it.
protocol XMLEventHandler: AnyObject {
    /// An element opens.
    func startElement(_ name: UnsafePointer<xmlChar>, _ attributes: XMLAttributes)
    /// An element closes.
    func endElement(_ name: UnsafePointer<xmlChar>)
    /// Character data (possibly one of several pieces of one text node).
    func characters(_ bytes: UnsafeBufferPointer<UInt8>)
    /// A problem found by the handler; parsing stops at the next event.
    var failure: InputFormatError? { get }
    /// Whether `failure` is set (checked after every element, so it must be cheap).
    var shouldStop: Bool { get }
}

/// A libxml2 SAX2 push parser over one part of a workbook, hardened against hostile XML.
///
/// Fed in pieces of at most 1 MiB (bigger pieces trip libxml2's "huge input lookup" limit). Options:
/// `XML_PARSE_NONET`, and none of `NOENT` (entity substitution), `DTDLOAD` or `HUGE`. Any DOCTYPE
/// stops the parse at once — real workbook parts never have one, so a DTD means a crafted file
/// (external entities, entity expansion) and is refused before an entity is even declared.
final class XMLPushParser {
    /// The largest piece handed to `xmlParseChunk`.
    static let maximumPiece = 1 << 20

    private var context: xmlParserCtxtPtr?
    /// Keeps the handler alive; calls go through `handler`, which does not count references (the
    /// callbacks run millions of times).
    private let retainedHandler: any XMLEventHandler
    private unowned(unsafe) let handler: any XMLEventHandler
    /// The part's name inside the archive, for messages.
    let part: String
    /// The file as shown to the user.
    let file: String
    private var sawDTD = false
    private var firstError: (message: String, line: Int)?

    /// Creates a parser for `part` of `file` that reports to `handler`.
    init(part: String, file: String, handler: any XMLEventHandler) {
        greenstat_xml_initialize()
        self.part = part
        self.file = file
        self.retainedHandler = handler
        self.handler = handler
    }

    deinit {
        if let context {
            if let document = context.pointee.myDoc { xmlFreeDoc(document) }
            xmlFreeParserCtxt(context)
        }
    }

    /// Parses the next bytes of the part.
    func feed(_ bytes: UnsafeRawBufferPointer) throws {
        guard var start = bytes.baseAddress, bytes.count > 0 else { return }
        var left = bytes.count
        if context == nil {
            // The first bytes go to the constructor, which detects the encoding from them.
            let first = min(left, 4)
            try create(first: start.assumingMemoryBound(to: CChar.self), count: first)
            start += first
            left -= first
        }
        while left > 0 {
            let piece = min(left, Self.maximumPiece)
            let code = xmlParseChunk(context, start.assumingMemoryBound(to: CChar.self), Int32(piece), 0)
            try check(code)
            start += piece
            left -= piece
        }
    }

    /// Ends the part; throws when the XML is incomplete or was refused.
    func finish() throws {
        if context == nil {
            throw InputFormatError(
                file: file, message: "xlsx part \(part) is empty", hint: "the workbook is damaged; re-save it")
        }
        let code = xmlParseChunk(context, nil, 0, 1)
        try check(code)
    }

    private func create(first: UnsafePointer<CChar>, count: Int) throws {
        var sax = xmlSAXHandler()
        sax.initialized = UInt32(XML_SAX2_MAGIC)
        sax.startElementNs = { user, localName, _, _, _, _, attributeCount, _, attributes in
            guard let user, let localName else { return }
            Unmanaged<XMLPushParser>.fromOpaque(user)._withUnsafeGuaranteedRef { parser in
                parser.handler.startElement(localName, XMLAttributes(base: attributes, count: Int(attributeCount)))
                if parser.handler.shouldStop { xmlStopParser(parser.context) }
            }
        }
        sax.endElementNs = { user, localName, _, _ in
            guard let user, let localName else { return }
            Unmanaged<XMLPushParser>.fromOpaque(user)._withUnsafeGuaranteedRef { parser in
                parser.handler.endElement(localName)
                if parser.handler.shouldStop { xmlStopParser(parser.context) }
            }
        }
        sax.characters = { user, bytes, count in
            guard let user, let bytes else { return }
            Unmanaged<XMLPushParser>.fromOpaque(user)._withUnsafeGuaranteedRef { parser in
                parser.handler.characters(UnsafeBufferPointer(start: bytes, count: Int(count)))
            }
        }
        sax.cdataBlock = sax.characters
        sax.internalSubset = { user, _, _, _ in
            guard let user else { return }
            let parser = Unmanaged<XMLPushParser>.fromOpaque(user).takeUnretainedValue()
            parser.sawDTD = true
            xmlStopParser(parser.context)
        }
        sax.serror = { user, error in
            guard let user, let error, error.pointee.level.rawValue >= XML_ERR_ERROR.rawValue else { return }
            let parser = Unmanaged<XMLPushParser>.fromOpaque(user).takeUnretainedValue()
            if parser.firstError == nil {
                let message = error.pointee.message.map { String(cString: $0) } ?? "error \(error.pointee.code)"
                parser.firstError = (message.trimmingTrailingNewlines(), Int(error.pointee.line))
            }
        }
        let user = Unmanaged.passUnretained(self).toOpaque()
        guard let created = xmlCreatePushParserCtxt(&sax, user, first, Int32(count), part) else {
            throw InputFormatError(file: file, message: "cannot create an XML parser for xlsx part \(part)")
        }
        context = created
        let options = Int32(XML_PARSE_NONET.rawValue)
        xmlCtxtUseOptions(created, options)
    }

    private func check(_ code: Int32) throws {
        if sawDTD {
            throw InputFormatError(
                file: file,
                message: "xlsx part \(part) contains a DTD; refusing (possible XXE/entity expansion)",
                hint: "Excel and WPS never write one: the file was crafted or damaged; re-save it from Excel/WPS")
        }
        if let failure = handler.failure { throw failure }
        if code != 0 || firstError != nil {
            let detail = firstError.map { "\($0.message) (line \($0.line) of the part)" } ?? "libxml2 error \(code)"
            throw InputFormatError(
                file: file, message: "xlsx part \(part) is not well-formed XML: \(detail)",
                hint: "the workbook is damaged; re-save it from Excel/WPS")
        }
    }
}

extension String {
    /// This string without trailing line breaks.
    func trimmingTrailingNewlines() -> String {
        var text = self
        while let last = text.last, last.isNewline { text.removeLast() }
        return text
    }

}
