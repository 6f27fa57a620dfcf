/// Folds text to the byte form the dictionary is matched in: UTF-8 with ASCII letters lower-cased,
/// full-width ASCII (ＣＣＥＲ, （, ；, ０-９) folded to half-width, U+3000 to a space and 【】 to ().
///
/// Patterns and record text go through the same fold, so `CCER`, `ccer` and `ＣＣＥＲ` all match.
public enum TextNormalizer {
    /// Appends the folded bytes of `text` to `output`.
    public static func fold(_ text: String, into output: inout [UInt8]) {
        var ignored: [Int32]? = nil
        fold(text, into: &output, origins: &ignored)
    }

    /// The folded bytes of `text` and, for each of them, the offset of the original UTF-8 byte
    /// it came from (plus one final entry for the end), so matches can be shown as written.
    public static func foldWithOrigins(_ text: String) -> (bytes: [UInt8], origins: [Int32]) {
        var text = text
        return text.withUTF8 { source in
            let count = source.count
            var origins = [Int32](repeating: 0, count: count + 1)
            let bytes = origins.withUnsafeMutableBufferPointer { originBuffer in
                [UInt8](unsafeUninitializedCapacity: count) { output, written in
                    var index = 0
                    var out = 0
                    @inline(__always) func emit(_ byte: UInt8, from start: Int) {
                        output[out] = byte
                        originBuffer[out] = Int32(start)
                        out += 1
                    }
                    while index < count {
                        let byte = source[index]
                        if byte < 0x80 {
                            emit(byte >= 65 && byte <= 90 ? byte + 32 : byte, from: index)
                            index += 1
                        } else if byte == 0xEF, index + 2 < count,
                            source[index + 1] == 0xBC || source[index + 1] == 0xBD
                        {
                            let third = source[index + 2]
                            let ascii: UInt8 =
                                source[index + 1] == 0xBC
                                ? (third >= 0x81 ? third &- 0x60 : 0) : (third <= 0x9E ? third &- 0x20 : 0)
                            if ascii != 0 {
                                emit(ascii >= 65 && ascii <= 90 ? ascii + 32 : ascii, from: index)
                            } else {
                                for offset in 0..<3 { emit(source[index + offset], from: index) }
                            }
                            index += 3
                        } else if byte == 0xE3, index + 2 < count, source[index + 1] == 0x80,
                            source[index + 2] == 0x80 || source[index + 2] == 0x90 || source[index + 2] == 0x91
                        {
                            let third = source[index + 2]
                            emit(
                                third == 0x80 ? 32 : third == 0x90 ? UInt8(ascii: "(") : UInt8(ascii: ")"), from: index)
                            index += 3
                        } else {
                            emit(byte, from: index)
                            index += 1
                        }
                    }
                    originBuffer[out] = Int32(count)
                    written = out
                }
            }
            origins.removeLast(count - bytes.count)
            return (bytes, origins)
        }
    }

    static func fold(_ text: String, into output: inout [UInt8], origins: inout [Int32]?) {
        var text = text
        let tracking = origins != nil
        text.withUTF8 { bytes in
            output.reserveCapacity(output.count + bytes.count)
            var index = 0
            let count = bytes.count
            while index < count {
                let before = output.count
                let start = index
                defer {
                    if tracking {
                        for _ in before..<output.count { origins!.append(Int32(start)) }
                    }
                }
                let byte = bytes[index]
                if byte < 0x80 {
                    output.append(byte >= 65 && byte <= 90 ? byte + 32 : byte)
                    index += 1
                } else if byte == 0xEF, index + 2 < count, bytes[index + 1] == 0xBC || bytes[index + 1] == 0xBD {
                    let third = bytes[index + 2]
                    var ascii: UInt8
                    if bytes[index + 1] == 0xBC {
                        ascii = third &- 0x60
                        if third < 0x81 { ascii = 0 }
                    } else {
                        ascii = third <= 0x9E ? third &- 0x20 : 0
                    }
                    if ascii != 0 {
                        output.append(ascii >= 65 && ascii <= 90 ? ascii + 32 : ascii)
                    } else {
                        output.append(contentsOf: bytes[index..<(index + 3)])
                    }
                    index += 3
                } else if byte == 0xE3, index + 2 < count, bytes[index + 1] == 0x80 {
                    switch bytes[index + 2] {
                    case 0x80: output.append(32)
                    case 0x90: output.append(UInt8(ascii: "("))
                    case 0x91: output.append(UInt8(ascii: ")"))
                    default: output.append(contentsOf: bytes[index..<(index + 3)])
                    }
                    index += 3
                } else {
                    output.append(byte)
                    index += 1
                }
            }
        }
    }

    /// The folded bytes of `text`.
    public static func fold(_ text: String) -> [UInt8] {
        var text = text
        return text.withUTF8 { source in
            let count = source.count
            return [UInt8](unsafeUninitializedCapacity: count) { output, written in
                var index = 0
                var out = 0
                while index < count {
                    let byte = source[index]
                    if byte < 0x80 {
                        output[out] = byte >= 65 && byte <= 90 ? byte + 32 : byte
                        out += 1
                        index += 1
                    } else if byte == 0xEF, index + 2 < count, source[index + 1] == 0xBC || source[index + 1] == 0xBD {
                        let third = source[index + 2]
                        let ascii: UInt8 =
                            source[index + 1] == 0xBC
                            ? (third >= 0x81 ? third &- 0x60 : 0) : (third <= 0x9E ? third &- 0x20 : 0)
                        if ascii != 0 {
                            output[out] = ascii >= 65 && ascii <= 90 ? ascii + 32 : ascii
                            out += 1
                        } else {
                            for offset in 0..<3 { output[out + offset] = source[index + offset] }
                            out += 3
                        }
                        index += 3
                    } else if byte == 0xE3, index + 2 < count, source[index + 1] == 0x80,
                        source[index + 2] == 0x80 || source[index + 2] == 0x90 || source[index + 2] == 0x91
                    {
                        let third = source[index + 2]
                        output[out] = third == 0x80 ? 32 : third == 0x90 ? UInt8(ascii: "(") : UInt8(ascii: ")")
                        out += 1
                        index += 3
                    } else {
                        output[out] = byte
                        out += 1
                        index += 1
                    }
                }
                written = out
            }
        }
    }
}
