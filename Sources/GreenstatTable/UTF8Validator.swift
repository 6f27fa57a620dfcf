import GreenstatBytes

/// A resumable UTF-8 validator that also counts line feeds, so a bad byte can be reported with its
/// line. Validates chunk by chunk; a sequence may be split across chunks. Pure ASCII runs are
/// checked eight bytes at a time.
struct UTF8Validator {
    /// Where and what the first invalid sequence is.
    struct Failure: Equatable {
        /// The 0-based byte offset of the sequence's first byte.
        var offset: Int
        /// The sequence's bytes up to and including the offending one.
        var bytes: [UInt8]
        /// The 1-based line of the offending sequence.
        var line: Int
    }

    /// Line feeds seen so far.
    private(set) var newlines = 0
    private var need = 0
    private var lower: UInt8 = 0x80
    private var upper: UInt8 = 0xBF
    private var sequenceStart = 0
    private var sequence: [UInt8] = []

    /// Whether the bytes so far end inside a multi-byte sequence.
    var isInsideSequence: Bool { need > 0 }

    /// The bytes of the unfinished sequence at the end and where it starts, for a truncation message.
    var openSequence: (offset: Int, bytes: [UInt8]) { (sequenceStart, sequence) }

    /// Continuation bytes a lead byte needs and the range of the first of them (Unicode table 3-7);
    /// `need` 0 means the byte cannot start a sequence.
    @inline(__always)
    static func sequenceShape(lead: UInt8) -> (need: Int, lower: UInt8, upper: UInt8) {
        switch lead {
        case 0xC2...0xDF: return (1, 0x80, 0xBF)
        case 0xE0: return (2, 0xA0, 0xBF)
        case 0xE1...0xEC, 0xEE, 0xEF: return (2, 0x80, 0xBF)
        case 0xED: return (2, 0x80, 0x9F)
        case 0xF0: return (3, 0x90, 0xBF)
        case 0xF1...0xF3: return (3, 0x80, 0xBF)
        case 0xF4: return (3, 0x80, 0x8F)
        default: return (0, 0, 0)
        }
    }

    /// Validates `bytes`, which start at file offset `base`; nil when they are valid so far.
    mutating func validate(_ bytes: UnsafeBufferPointer<UInt8>, base: Int) -> Failure? {
        guard let pointer = bytes.baseAddress else { return nil }
        let count = bytes.count
        let high: UInt64 = 0x8080_8080_8080_8080
        let lineFeeds = ByteWord.repeating(0x0A)
        var index = 0
        var lines = newlines
        defer { newlines = lines }
        while index < count {
            if need == 0 {
                while index + 8 <= count {
                    let word = ByteWord.load(pointer + index)
                    if word & high != 0 { break }
                    lines += ByteWord.equalBytes(word, lineFeeds).nonzeroBitCount
                    index += 8
                }
                if index >= count { break }
                let byte = pointer[index]
                if byte < 0x80 {
                    if byte == 0x0A { lines += 1 }
                    index += 1
                    continue
                }
                // Common complete sequences (CJK is E4–E9 xx xx) checked directly; anything else, or a
                // sequence cut by the end of the chunk, goes through the general state machine below.
                if byte >= 0xE1 && byte != 0xED && byte <= 0xEF && index + 2 < count {
                    if pointer[index + 1] & 0xC0 == 0x80 && pointer[index + 2] & 0xC0 == 0x80 {
                        index += 3
                        // A run of such characters (Chinese text) stays in this loop.
                        while index &+ 2 < count {
                            let lead = pointer[index]
                            guard lead >= 0xE1 && lead <= 0xEF && lead != 0xED,
                                pointer[index &+ 1] & 0xC0 == 0x80, pointer[index &+ 2] & 0xC0 == 0x80
                            else { break }
                            index &+= 3
                        }
                        continue
                    }
                } else if byte >= 0xC2 && byte <= 0xDF && index + 1 < count && pointer[index + 1] & 0xC0 == 0x80 {
                    index += 2
                    continue
                }
                let shape = Self.sequenceShape(lead: byte)
                if shape.need == 0 {
                    return Failure(offset: base + index, bytes: [byte], line: lines + 1)
                }
                need = shape.need
                lower = shape.lower
                upper = shape.upper
                sequenceStart = base + index
                sequence.removeAll(keepingCapacity: true)
                sequence.append(byte)
                index += 1
            } else {
                let byte = pointer[index]
                if byte < lower || byte > upper {
                    return Failure(offset: sequenceStart, bytes: sequence + [byte], line: lines + 1)
                }
                need -= 1
                lower = 0x80
                upper = 0xBF
                if need > 0 { sequence.append(byte) }
                index += 1
            }
        }
        return nil
    }
}
