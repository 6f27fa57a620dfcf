import CXMLShim
import Foundation
import ZIPFoundation

#if canImport(Glibc)
    import Glibc
#endif

/// Limits that keep a hostile or damaged workbook from exhausting memory, disk or time.
public struct XlsxLimits: Sendable, Equatable {
    /// The most bytes all entries of the archive may expand to together (from the central
    /// directory), and the most the reader will inflate in total. Default 2 GiB.
    public var maxTotalUncompressedBytes: UInt64
    /// The largest expansion ratio (uncompressed : compressed) allowed for an entry over
    /// `ratioCheckMinimumBytes`. Default 200 (real sheets are 5–50).
    public var maxCompressionRatio: UInt64
    /// Entries at most this large are not ratio-checked (tiny parts compress extremely well). 1 MiB.
    public var ratioCheckMinimumBytes: UInt64
    /// The most entries the archive may list. Default 10,000.
    public var maxEntries: Int
    /// The most bytes of text one cell (or shared string) may hold. Default 1 MiB; Excel's own limit
    /// is 32,767 characters.
    public var maxCellBytes: Int
    /// The most empty cells the reader may insert to place sparse cells in their columns, over the
    /// whole sheet. Default 50 million. A cell reference such as `XFD1` in every row of a crafted
    /// sheet would otherwise turn a few bytes per row into 16,384 cells per row.
    public var maxPaddingCells: Int

    /// Creates limits; every argument has the default described on its property.
    public init(
        maxTotalUncompressedBytes: UInt64 = 2 << 30, maxCompressionRatio: UInt64 = 200,
        ratioCheckMinimumBytes: UInt64 = 1 << 20, maxEntries: Int = 10_000, maxCellBytes: Int = 1 << 20,
        maxPaddingCells: Int = 50_000_000
    ) {
        self.maxTotalUncompressedBytes = maxTotalUncompressedBytes
        self.maxCompressionRatio = maxCompressionRatio
        self.ratioCheckMinimumBytes = ratioCheckMinimumBytes
        self.maxEntries = maxEntries
        self.maxCellBytes = maxCellBytes
        self.maxPaddingCells = maxPaddingCells
    }
}

/// One file inside a zip archive, as its central directory describes it.
struct ZipEntry: Sendable, Equatable {
    /// The path inside the archive.
    var name: String
    /// 0 stored, 8 deflate.
    var method: UInt16
    /// The general-purpose flags (bit 0: encrypted).
    var flags: UInt16
    /// The CRC-32 of the uncompressed data.
    var crc32: UInt32
    /// Bytes stored.
    var compressedSize: UInt64
    /// Bytes after inflating.
    var uncompressedSize: UInt64
    /// Where the entry's local header starts.
    var localHeaderOffset: UInt64
}

/// A read-only zip archive: the central directory is read and checked against `XlsxLimits` when
/// opening (before anything is inflated); entries stream through ZIPFoundation's inflater in bounded
/// chunks, with the limits enforced again on the bytes actually produced and the CRC-32 (zlib's)
/// checked at the end.
///
/// Entries are located here rather than with `Archive.extract`, whose Linux inflater reads on past
/// an entry and loops forever on a deflate stream that never ends; here each entry's input is
/// bounded by its compressed size and a stream that outruns it is an error.
final class ZipArchive: @unchecked Sendable {
    /// The file as shown to the user.
    let file: String
    /// Every entry, in central-directory order.
    let entries: [ZipEntry]
    private let descriptor: Int32
    private let fileSize: UInt64
    private let centralDirectoryOffset: UInt64
    let limits: XlsxLimits

    /// Opens `path` and reads its central directory.
    init(path: String, file: String, limits: XlsxLimits) throws {
        self.file = file
        self.limits = limits
        let descriptor = open(path, O_RDONLY)
        guard descriptor >= 0 else {
            throw FileReadError(path: file, reason: String(cString: strerror(errno)))
        }
        var info = stat()
        guard fstat(descriptor, &info) == 0 else {
            close(descriptor)
            throw FileReadError(path: file, reason: String(cString: strerror(errno)))
        }
        self.descriptor = descriptor
        fileSize = UInt64(info.st_size)
        do {
            (entries, centralDirectoryOffset) = try Self.readDirectory(
                descriptor: descriptor, fileSize: UInt64(info.st_size), file: file, limits: limits)
        } catch {
            close(descriptor)
            throw error
        }
        try checkLimits()
    }

    deinit { close(descriptor) }

    /// The entry named `name`: exact match first, then ignoring ASCII case (OPC part names are
    /// case-insensitive).
    func entry(named name: String) -> ZipEntry? {
        if let exact = entries.first(where: { $0.name == name }) { return exact }
        let lower = name.lowercased()
        return entries.first { $0.name.lowercased() == lower }
    }

    private func damaged(_ what: String) -> InputFormatError {
        InputFormatError(
            file: file, message: "damaged or incomplete .xlsx: \(what)",
            hint: "a truncated download or copy? Re-download the file or re-save it from Excel/WPS")
    }

    private static func bytes(_ count: UInt64) -> String {
        if count >= 1 << 30 { return String(format: "%.1f GiB", Double(count) / Double(1 << 30)) }
        if count >= 1 << 20 { return String(format: "%.1f MiB", Double(count) / Double(1 << 20)) }
        if count >= 1 << 10 { return String(format: "%.1f KiB", Double(count) / Double(1 << 10)) }
        return "\(count) bytes"
    }

    private func checkLimits() throws {
        var total: UInt64 = 0
        for entry in entries {
            let (sum, overflow) = total.addingReportingOverflow(entry.uncompressedSize)
            total = overflow ? .max : sum
            if entry.uncompressedSize > limits.ratioCheckMinimumBytes {
                let ratio = entry.uncompressedSize / max(entry.compressedSize, 1)
                if ratio > limits.maxCompressionRatio {
                    throw InputFormatError(
                        file: file,
                        message:
                            "xlsx entry \(entry.name) would expand \(ratio) times "
                            + "(\(Self.bytes(entry.compressedSize)) to \(Self.bytes(entry.uncompressedSize)), limit "
                            + "\(limits.maxCompressionRatio):1); refusing (possible zip bomb)",
                        hint: "real sheets compress 5–50 times; if this workbook is genuine, re-save it from Excel/WPS")
                }
            }
        }
        if total > limits.maxTotalUncompressedBytes {
            throw InputFormatError(
                file: file,
                message:
                    "the workbook's entries would expand to \(Self.bytes(total)) "
                    + "(limit \(Self.bytes(limits.maxTotalUncompressedBytes))); refusing (possible zip bomb)",
                hint: "split the register or export it as CSV")
        }
    }

    // MARK: Central directory

    private static func read(_ descriptor: Int32, at offset: UInt64, count: Int) -> [UInt8]? {
        var buffer = [UInt8](repeating: 0, count: count)
        var done = 0
        while done < count {
            let got = buffer.withUnsafeMutableBytes { pointer in
                pread(descriptor, pointer.baseAddress! + done, count - done, off_t(offset) + off_t(done))
            }
            if got < 0 && errno == EINTR { continue }
            if got <= 0 { return nil }
            done += got
        }
        return buffer
    }

    private static func readDirectory(descriptor: Int32, fileSize: UInt64, file: String, limits: XlsxLimits) throws
        -> ([ZipEntry], UInt64)
    {
        func damaged(_ what: String) -> InputFormatError {
            InputFormatError(
                file: file, message: "damaged or incomplete .xlsx: \(what)",
                hint: "a truncated download or copy? Re-download the file or re-save it from Excel/WPS")
        }
        let tailLength = Int(min(fileSize, 22 + 65_535))
        guard tailLength >= 22, let tail = read(descriptor, at: fileSize - UInt64(tailLength), count: tailLength)
        else { throw damaged("the file is too short to be a zip archive") }
        var eocd = -1
        var index = tailLength - 22
        while index >= 0 {
            if tail[index] == 0x50 && tail[index + 1] == 0x4B && tail[index + 2] == 0x05 && tail[index + 3] == 0x06 {
                eocd = index
                break
            }
            index -= 1
        }
        guard eocd >= 0 else {
            throw damaged("no zip end-of-central-directory record (the end of the file is missing)")
        }
        var reader = LittleEndianReader(tail, at: eocd + 4)
        let disk = reader.u16()
        let directoryDisk = reader.u16()
        _ = reader.u16()
        var count = UInt64(reader.u16())
        var directorySize = UInt64(reader.u32())
        var directoryOffset = UInt64(reader.u32())
        guard disk == 0 && directoryDisk == 0 || disk == 0xFFFF else {
            throw damaged("a multi-volume (split) zip archive")
        }
        if count == 0xFFFF || directorySize == 0xFFFF_FFFF || directoryOffset == 0xFFFF_FFFF {
            // ZIP64: the locator sits just before the end record.
            let eocdPosition = fileSize - UInt64(tailLength) + UInt64(eocd)
            guard eocdPosition >= 20, let locator = read(descriptor, at: eocdPosition - 20, count: 20),
                locator.starts(with: [0x50, 0x4B, 0x06, 0x07])
            else { throw damaged("a ZIP64 archive without its locator") }
            var locatorReader = LittleEndianReader(locator, at: 8)
            let recordOffset = locatorReader.u64()
            guard recordOffset < fileSize, let record = read(descriptor, at: recordOffset, count: 56),
                record.starts(with: [0x50, 0x4B, 0x06, 0x06])
            else { throw damaged("a ZIP64 archive without its end record") }
            var recordReader = LittleEndianReader(record, at: 32)
            count = recordReader.u64()
            directorySize = recordReader.u64()
            directoryOffset = recordReader.u64()
        }
        guard count <= UInt64(limits.maxEntries) else {
            throw InputFormatError(
                file: file, message: "the archive lists \(count) entries (limit \(limits.maxEntries)); refusing",
                hint: "a workbook has a few dozen parts; this is not a normal .xlsx")
        }
        guard directoryOffset <= fileSize, directorySize <= fileSize - directoryOffset, directorySize < 1 << 30,
            let directory = read(descriptor, at: directoryOffset, count: Int(directorySize))
        else { throw damaged("the central directory lies outside the file") }
        var entries: [ZipEntry] = []
        var position = 0
        for _ in 0..<count {
            guard position + 46 <= directory.count,
                directory[position..<(position + 4)].elementsEqual([0x50, 0x4B, 0x01, 0x02])
            else { throw damaged("the central directory is cut short or corrupt") }
            var entryReader = LittleEndianReader(directory, at: position + 8)
            let flags = entryReader.u16()
            let method = entryReader.u16()
            _ = entryReader.u32()
            let crc = entryReader.u32()
            var compressed = UInt64(entryReader.u32())
            var uncompressed = UInt64(entryReader.u32())
            let nameLength = Int(entryReader.u16())
            let extraLength = Int(entryReader.u16())
            let commentLength = Int(entryReader.u16())
            entryReader.skip(8)
            var localOffset = UInt64(entryReader.u32())
            let nameStart = position + 46
            let extraStart = nameStart + nameLength
            let next = extraStart + extraLength + commentLength
            guard next <= directory.count else { throw damaged("the central directory is cut short or corrupt") }
            let name = String(decoding: directory[nameStart..<extraStart], as: UTF8.self)
            var extra = extraStart
            while extra + 4 <= extraStart + extraLength {
                var extraReader = LittleEndianReader(directory, at: extra)
                let tag = extraReader.u16()
                let size = Int(extraReader.u16())
                if tag == 0x0001 {
                    var zip64 = LittleEndianReader(directory, at: extra + 4)
                    var left = size
                    if uncompressed == 0xFFFF_FFFF && left >= 8 {
                        uncompressed = zip64.u64()
                        left -= 8
                    }
                    if compressed == 0xFFFF_FFFF && left >= 8 {
                        compressed = zip64.u64()
                        left -= 8
                    }
                    if localOffset == 0xFFFF_FFFF && left >= 8 { localOffset = zip64.u64() }
                }
                extra += 4 + size
            }
            entries.append(
                ZipEntry(
                    name: name, method: method, flags: flags, crc32: crc, compressedSize: compressed,
                    uncompressedSize: uncompressed, localHeaderOffset: localOffset))
            position = next
        }
        return (entries, directoryOffset)
    }

    // MARK: Streaming

    /// Inflates `entry` in chunks of at most `chunkSize` bytes, handing each to `consumer`, and checks
    /// its size and CRC-32. `budget` is what may still be inflated in total; it is decreased.
    func stream(
        _ entry: ZipEntry, chunkSize: Int = 256 << 10, budget: inout UInt64,
        consumer: (UnsafeRawBufferPointer) throws -> Void
    ) throws {
        if entry.flags & 1 != 0 {
            throw InputFormatError(
                file: file, message: "xlsx entry \(entry.name) is encrypted",
                hint: "remove the password in Excel/WPS and save again")
        }
        guard entry.method == 0 || entry.method == 8 else {
            throw InputFormatError(
                file: file, message: "xlsx entry \(entry.name) uses zip compression method \(entry.method)",
                hint: "only stored and deflate entries are read; re-save the workbook from Excel/WPS")
        }
        guard let header = Self.read(descriptor, at: entry.localHeaderOffset, count: 30),
            header.starts(with: [0x50, 0x4B, 0x03, 0x04])
        else { throw damaged("no local header for entry \(entry.name)") }
        var headerReader = LittleEndianReader(header, at: 26)
        let dataStart =
            entry.localHeaderOffset + 30 + UInt64(headerReader.u16()) + UInt64(headerReader.u16())
        guard dataStart <= centralDirectoryOffset, entry.compressedSize <= centralDirectoryOffset - dataStart else {
            throw damaged("the data of entry \(entry.name) runs past the end of the file")
        }
        let declared = entry.uncompressedSize
        var checksum: UInt32 = 0
        var produced: UInt64 = 0
        var consumed: UInt64 = 0
        let limits = self.limits
        let file = self.file
        let startBudget = budget
        func account(_ data: Data) throws {
            produced += UInt64(data.count)
            if produced > declared {
                throw InputFormatError(
                    file: file,
                    message:
                        "xlsx entry \(entry.name) expands beyond its declared \(Self.bytes(declared)); refusing "
                        + "(damaged, or a zip bomb)",
                    hint: "re-save the workbook from Excel/WPS")
            }
            if produced > startBudget {
                throw InputFormatError(
                    file: file,
                    message:
                        "the workbook expands past \(Self.bytes(limits.maxTotalUncompressedBytes)) in total; refusing "
                        + "(possible zip bomb)",
                    hint: "split the register or export it as CSV")
            }
            if produced > limits.ratioCheckMinimumBytes && produced / max(consumed, 1) > limits.maxCompressionRatio {
                throw InputFormatError(
                    file: file,
                    message:
                        "xlsx entry \(entry.name) expands more than \(limits.maxCompressionRatio) times; refusing "
                        + "(possible zip bomb)",
                    hint: "re-save the workbook from Excel/WPS")
            }
            try data.withUnsafeBytes { bytes in
                checksum = greenstat_crc32(checksum, bytes.baseAddress, UInt(bytes.count))
                try consumer(bytes)
            }
        }
        if entry.method == 0 {
            while consumed < entry.compressedSize {
                let count = Int(min(UInt64(chunkSize), entry.compressedSize - consumed))
                guard let chunk = Self.read(descriptor, at: dataStart + consumed, count: count) else {
                    throw damaged("entry \(entry.name) is cut short")
                }
                consumed += UInt64(count)
                try account(Data(chunk))
            }
        } else {
            // ZIPFoundation's Linux inflater sets `avail_in` to the full buffer size whatever the
            // provider returns, so every chunk handed over is exactly `chunkSize` bytes: real data,
            // then zeros (an invalid deflate block if the stream runs into them). Once the real data
            // is used up, asking for more means the stream never ended: the entry is corrupt.
            let descriptor = self.descriptor
            let size = entry.compressedSize
            do {
                _ = try Data.decompress(
                    size: Int64(size), bufferSize: chunkSize, skipCRC32: true,
                    provider: { _, _ in
                        guard consumed < size else { throw ZipStreamEnd.ranOut }
                        let count = Int(min(UInt64(chunkSize), size - consumed))
                        guard var chunk = Self.read(descriptor, at: dataStart + consumed, count: count) else {
                            throw ZipStreamEnd.unreadable
                        }
                        consumed += UInt64(count)
                        if count < chunkSize { chunk.append(contentsOf: repeatElement(0, count: chunkSize - count)) }
                        return Data(chunk)
                    },
                    consumer: { data in try account(data) })
            } catch let error as InputFormatError {
                throw error
            } catch ZipStreamEnd.ranOut {
                throw damaged("the compressed data of entry \(entry.name) ends before its deflate stream does")
            } catch ZipStreamEnd.unreadable {
                throw damaged("entry \(entry.name) is cut short")
            } catch {
                // ZIPFoundation's CompressionError is internal: recognise it by name.
                let reason = "\(error)".contains("corruptedData") ? "invalid deflate data" : "\(error)"
                throw damaged("entry \(entry.name) is corrupt (\(reason))")
            }
        }
        budget -= min(budget, produced)
        guard produced == declared else {
            throw damaged("entry \(entry.name) has \(produced) bytes, its directory says \(declared)")
        }
        guard checksum == entry.crc32 else {
            throw damaged("entry \(entry.name) fails its CRC-32 check")
        }
    }
}

/// Why the bounded provider stopped.
private enum ZipStreamEnd: Error {
    case ranOut
    case unreadable
}

/// Little-endian integers from a byte array.
private struct LittleEndianReader {
    private let bytes: [UInt8]
    private var position: Int

    init(_ bytes: [UInt8], at position: Int) {
        self.bytes = bytes
        self.position = position
    }

    mutating func skip(_ count: Int) { position += count }

    mutating func u16() -> UInt16 {
        defer { position += 2 }
        guard position + 2 <= bytes.count else { return 0 }
        return UInt16(bytes[position]) | UInt16(bytes[position + 1]) << 8
    }

    mutating func u32() -> UInt32 {
        UInt32(u16()) | UInt32(u16()) << 16
    }

    mutating func u64() -> UInt64 {
        UInt64(u32()) | UInt64(u32()) << 32
    }
}
