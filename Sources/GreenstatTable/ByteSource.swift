#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// A forward-only source of bytes read in chunks, so that files of any size stream in bounded memory.
public protocol ByteSource {
    /// Reads up to `maxCount` bytes, appending them to `buffer`; returns the number read, 0 at the end.
    mutating func read(into buffer: inout [UInt8], maxCount: Int) throws -> Int

    /// Whether every byte this source delivers is checked UTF-8 (it throws rather than deliver
    /// anything else), so readers need not check again.
    var deliversValidUTF8: Bool { get }
}

extension ByteSource {
    /// Unchecked by default.
    public var deliversValidUTF8: Bool { false }
}

/// An error opening or reading a file, with the path and the system's reason.
public struct FileReadError: Error, CustomStringConvertible, Sendable {
    /// The path that could not be read.
    public let path: String
    /// The operating system's explanation.
    public let reason: String

    /// Creates an error for `path` with `reason`.
    public init(path: String, reason: String) {
        self.path = path
        self.reason = reason
    }

    /// A message naming the file and the reason.
    public var description: String { "\(path): cannot read: \(reason)" }
}

/// Bytes read from a file descriptor with `read(2)`.
public final class FileByteSource: ByteSource {
    private let fd: Int32
    /// The path the bytes come from.
    public let path: String

    /// Opens `path` for reading.
    public init(path: String) throws {
        let fd = open(path, O_RDONLY)
        guard fd >= 0 else {
            throw FileReadError(path: path, reason: String(cString: strerror(errno)))
        }
        var info = stat()
        if fstat(fd, &info) == 0, (info.st_mode & S_IFMT) == S_IFDIR {
            close(fd)
            throw FileReadError(path: path, reason: "is a directory")
        }
        self.fd = fd
        self.path = path
    }

    deinit { close(fd) }

    /// Reads up to `maxCount` bytes from the file.
    public func read(into buffer: inout [UInt8], maxCount: Int) throws -> Int {
        let oldCount = buffer.count
        buffer.reserveCapacity(oldCount + maxCount)
        var got = 0
        buffer.append(contentsOf: repeatElement(0, count: maxCount))
        while true {
            got = buffer.withUnsafeMutableBufferPointer { pointer in
                Glibc.read(fd, pointer.baseAddress! + oldCount, maxCount)
            }
            if got >= 0 || errno != EINTR { break }
        }
        buffer.removeLast(maxCount - max(got, 0))
        if got < 0 {
            throw FileReadError(path: path, reason: String(cString: strerror(errno)))
        }
        return got
    }
}

/// Bytes held in memory, handed out in chunks (for tests and small inputs).
public struct MemoryByteSource: ByteSource {
    private let bytes: [UInt8]
    private var offset = 0

    /// Wraps `bytes`.
    public init(_ bytes: [UInt8]) { self.bytes = bytes }

    /// Wraps the UTF-8 encoding of `text`.
    public init(text: String) { self.bytes = Array(text.utf8) }

    /// Copies up to `maxCount` of the remaining bytes.
    public mutating func read(into buffer: inout [UInt8], maxCount: Int) throws -> Int {
        let count = min(maxCount, bytes.count - offset)
        buffer.append(contentsOf: bytes[offset..<(offset + count)])
        offset += count
        return count
    }
}
