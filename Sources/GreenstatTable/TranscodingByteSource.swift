import GreenstatBytes

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// A byte source that yields UTF-8 from another source in UTF-8, GB18030, GBK or UTF-16.
///
/// The encoding is given or detected from the first chunk (byte-order mark, UTF-16 NUL pattern,
/// UTF-8 validity, else GB18030; see `EncodingGuess.detect`). Decoding streams in chunks of at most
/// `chunkSize` bytes with the C library's `iconv`; a multi-byte character split across two chunks is
/// carried over. UTF-8 input passes through unchanged but is validated. A byte-order mark is
/// dropped. A byte sequence that is not valid in the encoding is never replaced: reading throws an
/// `InputFormatError` naming its line (line feeds decoded before it, plus one) and byte offset.
public final class TranscodingByteSource: ByteSource {
    /// The encoding being decoded.
    public let encoding: TextEncoding
    /// How the encoding was chosen: "given", or the detection's reason.
    public let reason: String
    /// Whether the encoding was detected rather than given.
    public let wasDetected: Bool
    /// The file name used in errors.
    public let name: String

    private var source: any ByteSource
    private let chunkSize: Int
    /// Bytes read but not yet decoded (or, for UTF-8, not yet handed out).
    private var pending: [UInt8] = []
    private var pendingStart = 0
    /// The file offset of `pending[pendingStart]`.
    private var offset = 0
    private var exhausted = false
    private var validator = UTF8Validator()
    private var converter: iconv_t?
    private var output: UnsafeMutablePointer<UInt8>
    private let outputCapacity: Int
    private var outputStart = 0
    private var outputEnd = 0
    private var newlines = 0

    /// Wraps `source`. With `encoding` nil the encoding is detected from the first chunk. `name` is
    /// the file name used in errors. Throws when the given encoding contradicts the file's
    /// byte-order mark or the C library cannot convert from it.
    public init(source: any ByteSource, encoding: TextEncoding? = nil, name: String, chunkSize: Int = 1 << 20) throws {
        self.source = source
        self.name = name
        self.chunkSize = max(chunkSize, 64)
        outputCapacity = 2 * self.chunkSize + 64
        output = .allocate(capacity: outputCapacity)
        var head: [UInt8] = []
        var atEnd = false
        do {
            while head.count < self.chunkSize {
                let got = try self.source.read(into: &head, maxCount: self.chunkSize - head.count)
                if got == 0 {
                    atEnd = true
                    break
                }
            }
        } catch {
            output.deallocate()
            throw error
        }
        pending = head
        exhausted = atEnd
        let guess = EncodingGuess.detect(prefix: head, atEnd: atEnd)
        if let encoding {
            let mark = encoding.byteOrderMark
            if !mark.isEmpty && head.starts(with: mark) {
                pendingStart = mark.count
            } else if guess.byteOrderMarkLength > 0 {
                output.deallocate()
                throw InputFormatError(
                    file: name, line: 1, byteOffset: 0,
                    message:
                        "the file starts with a \(guess.encoding.displayName) byte-order mark but was to be read as "
                        + encoding.displayName,
                    hint: "leave the encoding to detection, or name \(guess.encoding.rawValue)")
            }
            self.encoding = encoding
            reason = "given"
            wasDetected = false
        } else {
            pendingStart = guess.byteOrderMarkLength
            self.encoding = guess.encoding
            reason = guess.reason
            wasDetected = true
        }
        offset = pendingStart
        if self.encoding != .utf8 {
            let handle = iconv_open("UTF-8", self.encoding.iconvName)
            if handle == nil || Int(bitPattern: handle) == -1 {
                output.deallocate()
                throw InputFormatError(
                    file: name, message: "the C library cannot convert from \(self.encoding.displayName)",
                    hint: "install the glibc character-set modules (gconv), or re-save the file as UTF-8")
            }
            converter = handle
        }
    }

    deinit {
        if let converter { iconv_close(converter) }
        output.deallocate()
    }

    /// Appends up to `maxCount` bytes of UTF-8 to `buffer`; returns the number appended, 0 at the end.
    public func read(into buffer: inout [UInt8], maxCount: Int) throws -> Int {
        guard maxCount > 0 else { return 0 }
        if converter == nil { return try readUTF8(into: &buffer, maxCount: maxCount) }
        while outputStart == outputEnd {
            if try !decodeMore() { return 0 }
        }
        let count = min(maxCount, outputEnd - outputStart)
        buffer.append(contentsOf: UnsafeBufferPointer(start: output + outputStart, count: count))
        outputStart += count
        return count
    }

    /// Always: UTF-8 input is validated as it is read, other encodings are decoded to UTF-8.
    public var deliversValidUTF8: Bool { true }

    private func readUTF8(into buffer: inout [UInt8], maxCount: Int) throws -> Int {
        let start = buffer.count
        var got: Int
        if pendingStart < pending.count {
            got = min(maxCount, pending.count - pendingStart)
            buffer.append(contentsOf: pending[pendingStart..<(pendingStart + got)])
            pendingStart += got
            if pendingStart == pending.count { pending = [] }
        } else if exhausted {
            got = 0
        } else {
            got = try source.read(into: &buffer, maxCount: maxCount)
            if got == 0 { exhausted = true }
        }
        if got == 0 {
            if validator.isInsideSequence {
                let open = validator.openSequence
                throw truncated(offset: open.offset, bytes: open.bytes, line: validator.newlines + 1)
            }
            return 0
        }
        let failure = buffer.withUnsafeBufferPointer { pointer in
            validator.validate(UnsafeBufferPointer(rebasing: pointer[start..<(start + got)]), base: offset)
        }
        offset += got
        if let failure { throw invalid(offset: failure.offset, bytes: failure.bytes, line: failure.line) }
        return got
    }

    /// Decodes the next stretch of input into `output`; false at the end of the input.
    private func decodeMore() throws -> Bool {
        outputStart = 0
        outputEnd = 0
        var needInput = pendingStart == pending.count
        while true {
            if needInput && !exhausted {
                if pendingStart > 0 {
                    pending.removeFirst(pendingStart)
                    pendingStart = 0
                }
                let got = try source.read(into: &pending, maxCount: chunkSize)
                if got == 0 { exhausted = true }
            }
            let available = pending.count - pendingStart
            if available == 0 { return outputEnd > 0 }
            var inputLeft = available
            var outputLeft = outputCapacity - outputEnd
            let produceStart = outputEnd
            var outcome = 0
            var failure: Int32 = 0
            pending.withUnsafeMutableBufferPointer { input in
                input.baseAddress!.withMemoryRebound(to: CChar.self, capacity: input.count) { base in
                    var inPointer: UnsafeMutablePointer<CChar>? = base + pendingStart
                    (output + outputEnd).withMemoryRebound(to: CChar.self, capacity: outputLeft) { out in
                        var outPointer: UnsafeMutablePointer<CChar>? = out
                        outcome = iconv(converter, &inPointer, &inputLeft, &outPointer, &outputLeft)
                        if outcome == -1 { failure = errno }
                    }
                }
            }
            let consumed = available - inputLeft
            pendingStart += consumed
            offset += consumed
            outputEnd = outputCapacity - outputLeft
            newlines += Self.countLineFeeds(output + produceStart, count: outputEnd - produceStart)
            if outcome != -1 {
                needInput = true
                if outputEnd > 0 { return true }
                continue
            }
            switch failure {
            case E2BIG:
                return true
            case EINVAL:
                // An incomplete character at the end of the input read so far.
                if exhausted {
                    let bytes = Array(pending[pendingStart...].prefix(4))
                    throw truncated(offset: offset, bytes: bytes, line: newlines + 1)
                }
                needInput = true
            default:
                let end = min(pending.count, pendingStart + 4)
                let bytes = Array(pending[pendingStart..<end])
                throw InputFormatError(
                    file: name, line: newlines + 1, byteOffset: offset,
                    message:
                        "undecodable \(encoding.displayName) byte \(describe(Array(bytes.prefix(1)))) at line "
                        + "\(newlines + 1), byte offset \(offset)"
                        + (bytes.count > 1 ? " (followed by \(describe(Array(bytes.dropFirst()))))" : "")
                        + ": the file mixes encodings or is damaged",
                    hint: encodingHint)
            }
        }
    }

    /// Line feeds in `count` bytes at `start` (UTF-8 never has 0x0A inside a character).
    static func countLineFeeds(_ start: UnsafePointer<UInt8>, count: Int) -> Int {
        var lines = 0
        var index = 0
        let lineFeeds = ByteWord.repeating(0x0A)
        while index + 8 <= count {
            lines += ByteWord.equalBytes(ByteWord.load(start + index), lineFeeds).nonzeroBitCount
            index += 8
        }
        while index < count {
            if start[index] == 0x0A { lines += 1 }
            index += 1
        }
        return lines
    }

    private func describe(_ bytes: [UInt8]) -> String {
        bytes.map { byte in
            let text = String(byte, radix: 16, uppercase: true)
            return text.count == 1 ? "0" + text : text
        }.joined(separator: " ")
    }

    private var encodingHint: String {
        let how = wasDetected ? "it was detected as \(encoding.displayName) (\(reason))" : "it was read as given"
        return "\(how); fix or remove that line, or re-save the whole file in one encoding (UTF-8), "
            + "or name the file's encoding (\(TextEncoding.acceptedNames))"
    }

    private func invalid(offset: Int, bytes: [UInt8], line: Int) -> InputFormatError {
        InputFormatError(
            file: name, line: line, byteOffset: offset,
            message:
                "undecodable \(encoding.displayName) byte sequence \(describe(bytes)) at line \(line), byte offset "
                + "\(offset): the file mixes encodings or is damaged",
            hint: encodingHint)
    }

    private func truncated(offset: Int, bytes: [UInt8], line: Int) -> InputFormatError {
        InputFormatError(
            file: name, line: line, byteOffset: offset,
            message:
                "the file ends inside a \(encoding.displayName) character (bytes \(describe(bytes)) at line \(line), "
                + "byte offset \(offset)): it is truncated or not \(encoding.displayName)",
            hint: encodingHint)
    }
}
