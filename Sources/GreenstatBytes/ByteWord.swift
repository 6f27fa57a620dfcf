/// Eight bytes at a time in one 64-bit word ("SIMD within a register"): finding and counting
/// given bytes in long runs of text without a branch per byte. Inlinable: the readers, the
/// classifier and the JSON writer call it in their hot loops.
public enum ByteWord {
    // Computed, not stored: a stored static is reached through a lazy initializer from other
    // modules; a literal folds into the caller's code.
    @inlinable static var low7: UInt64 { 0x7F7F_7F7F_7F7F_7F7F }
    @inlinable static var high: UInt64 { 0x8080_8080_8080_8080 }

    /// `byte` in each of the eight bytes of a word.
    @inlinable @inline(__always)
    public static func repeating(_ byte: UInt8) -> UInt64 { 0x0101_0101_0101_0101 &* UInt64(byte) }

    /// The eight bytes at `pointer`, the first in the lowest bits.
    @inlinable @inline(__always)
    public static func load(_ pointer: UnsafePointer<UInt8>) -> UInt64 {
        UInt64(littleEndian: UnsafeRawPointer(pointer).loadUnaligned(as: UInt64.self))
    }

    /// The top bit of each byte of `word` that is zero, and no other bit (exact: no carries
    /// between bytes).
    @inlinable @inline(__always)
    public static func zeroBytes(_ word: UInt64) -> UInt64 { ~(((word & low7) &+ low7) | word) & high }

    /// The top bit of each byte of `word` equal to the byte repeated in `pattern`.
    @inlinable @inline(__always)
    public static func equalBytes(_ word: UInt64, _ pattern: UInt64) -> UInt64 { zeroBytes(word ^ pattern) }

    /// The position (0–7) of the first byte marked in a nonzero `mask` from `zeroBytes`.
    @inlinable @inline(__always)
    public static func firstMarked(_ mask: UInt64) -> Int { mask.trailingZeroBitCount >> 3 }

    /// The top bit of each byte of `word` below `limit` (at most 128) — exactly for the first
    /// such byte; a byte after a marked one may be marked too (a borrow), so use the result to
    /// ask whether there is one, or where the first is.
    @inlinable @inline(__always)
    public static func bytesBelow(_ word: UInt64, _ limit: UInt8) -> UInt64 {
        (word &- repeating(limit)) & ~word & high
    }
}
