/// Folds text to the byte form the dictionary is matched in: UTF-8 with ASCII letters lower-cased,
/// full-width ASCII (ＣＣＥＲ, （, ；, ０-９) folded to half-width, U+3000 to a space and 【】 to ().
///
/// Patterns and record text go through the same fold, so `CCER`, `ccer` and `ＣＣＥＲ` all match.
public enum TextNormalizer {
    /// Appends the folded bytes of `text` to `output`.
    public static func fold(_ text: String, into output: inout [UInt8]) {
        var text = text
        text.withUTF8 { fold($0, into: &output) }
    }

    /// Appends the folded form of the UTF-8 bytes `source` to `output`.
    public static func fold(_ source: UnsafeBufferPointer<UInt8>, into output: inout [UInt8]) {
        let start = output.count
        output.append(contentsOf: repeatElement(0, count: source.count))
        let written = output.withUnsafeMutableBufferPointer { buffer in
            foldLoop(source, into: UnsafeMutableBufferPointer(rebasing: buffer[start...]), origins: nil)
        }
        output.removeLast(source.count - written)
    }

    /// Writes the folded form of the UTF-8 bytes `source` to `output`, which has room for at
    /// least `source.count` bytes (folding never lengthens), and returns how many it wrote.
    public static func fold(_ source: UnsafeBufferPointer<UInt8>, into output: UnsafeMutableBufferPointer<UInt8>) -> Int
    {
        precondition(output.count >= source.count, "room for the folded text")
        return foldLoop(source, into: output, origins: nil)
    }

    /// The folded bytes of `text`.
    public static func fold(_ text: String) -> [UInt8] {
        var output: [UInt8] = []
        fold(text, into: &output)
        return output
    }

    /// The folded bytes of `text` and, for each of them, the offset of the original UTF-8 byte
    /// it came from (plus one final entry for the end), so matches can be shown as written.
    public static func foldWithOrigins(_ text: String) -> (bytes: [UInt8], origins: [Int32]) {
        var bytes: [UInt8] = []
        var origins: [Int32] = []
        foldOrigins(text, bytes: &bytes, origins: &origins)
        return (bytes, origins)
    }

    /// Folds `text` into `bytes` and the source offset of each folded byte (plus one final entry
    /// for the end) into `origins`, reusing both buffers' storage.
    public static func foldOrigins(_ text: String, bytes: inout [UInt8], origins: inout [Int32]) {
        var text = text
        text.withUTF8 { foldOrigins($0, bytes: &bytes, origins: &origins) }
    }

    /// `foldOrigins` over UTF-8 bytes.
    public static func foldOrigins(
        _ source: UnsafeBufferPointer<UInt8>, bytes: inout [UInt8], origins: inout [Int32]
    ) {
        bytes.removeAll(keepingCapacity: true)
        bytes.append(contentsOf: repeatElement(0, count: source.count))
        origins.removeAll(keepingCapacity: true)
        origins.append(contentsOf: repeatElement(0, count: source.count + 1))
        let written = bytes.withUnsafeMutableBufferPointer { output in
            origins.withUnsafeMutableBufferPointer { originBuffer in
                foldLoop(source, into: output, origins: originBuffer.baseAddress)
            }
        }
        origins[written] = Int32(source.count)
        origins.removeLast(source.count - written)
        bytes.removeLast(source.count - written)
    }

    /// The folding rules, once: writes the folded bytes of `source` to `output` (never longer than
    /// the source) and, when `origins` is given, each output byte's source offset; returns the count.
    @inline(__always)
    private static func foldLoop(
        _ source: UnsafeBufferPointer<UInt8>, into output: UnsafeMutableBufferPointer<UInt8>,
        origins: UnsafeMutablePointer<Int32>?
    ) -> Int {
        let count = source.count
        var index = 0
        var out = 0
        @inline(__always) func emit(_ byte: UInt8, from start: Int) {
            output[out] = byte
            origins?[out] = Int32(start)
            out += 1
        }
        while index < count {
            let byte = source[index]
            if byte < 0x80 {
                emit(byte >= 65 && byte <= 90 ? byte + 32 : byte, from: index)
                index += 1
            } else if byte >= 0xE4 && byte <= 0xE9 && index + 2 < count {
                // A CJK ideograph (U+4000–U+9FFF): nothing to fold, three bytes as they are.
                emit(byte, from: index)
                emit(source[index + 1], from: index + 1)
                emit(source[index + 2], from: index + 2)
                index += 3
            } else if byte == 0xEF, index + 2 < count, source[index + 1] == 0xBC || source[index + 1] == 0xBD {
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
                emit(third == 0x80 ? 32 : third == 0x90 ? UInt8(ascii: "(") : UInt8(ascii: ")"), from: index)
                index += 3
            } else {
                emit(byte, from: index)
                index += 1
            }
        }
        return out
    }
}
