/// Bytes in memory of their own, handed from one thread to another without a copy: a worker's
/// finished output lines, which the ordering thread writes out. Immutable once made; the memory
/// is freed with the block.
final class ByteBlock: @unchecked Sendable {
    private let base: UnsafeMutablePointer<UInt8>?
    /// The number of bytes.
    let count: Int

    /// Takes ownership of `count` initialized bytes at `base` (allocated with `allocate`).
    init(taking base: UnsafeMutablePointer<UInt8>, count: Int) {
        self.base = base
        self.count = count
    }

    /// No bytes.
    init() {
        base = nil
        count = 0
    }

    deinit { base?.deallocate() }

    /// Runs `body` with the bytes.
    func withUnsafeBufferPointer<Result>(_ body: (UnsafeBufferPointer<UInt8>) throws -> Result) rethrows -> Result {
        try body(UnsafeBufferPointer(start: base, count: count))
    }
}
