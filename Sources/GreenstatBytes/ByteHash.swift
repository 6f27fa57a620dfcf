/// A fast 64-bit hash of byte strings (the multiply-and-fold mixing of wyhash), for the
/// duplicate check's keys and content and the classifier's segment memo: about ten times the
/// speed of the standard library's SipHash on the long 经营范围 texts, and the same value in
/// every run (keys are reproducible; they are not exposed to anyone who could choose colliding
/// input). Inlinable: it runs in the hot loops of other modules.
public struct ByteHash {
    @usableFromInline var state: UInt64

    // Computed, not stored: a literal folds into the caller's code in other modules.
    @inlinable static var k0: UInt64 { 0xA076_1D64_78BD_642F }
    @inlinable static var k1: UInt64 { 0xE703_7ED1_A0B4_28DB }
    @inlinable static var k2: UInt64 { 0x8EBC_6AF0_9C88_C6E3 }
    @inlinable static var k3: UInt64 { 0x5899_65CC_7537_4CC3 }

    /// A hash of nothing yet.
    @inlinable
    public init() { state = Self.k3 }

    /// Multiplies in full width and folds the halves: the mixing step.
    @inlinable @inline(__always)
    static func mix(_ a: UInt64, _ b: UInt64) -> UInt64 {
        let product = a.multipliedFullWidth(by: b)
        return product.high ^ product.low
    }

    /// Adds the bytes of `bytes`, then their count (so ("ab", "c") and ("a", "bc") differ).
    @inlinable
    public mutating func combine(bytes: UnsafeRawBufferPointer) {
        let count = bytes.count
        if let base = bytes.baseAddress, count > 0 {
            @inline(__always) func word(_ offset: Int) -> UInt64 {
                UInt64(littleEndian: base.loadUnaligned(fromByteOffset: offset, as: UInt64.self))
            }
            @inline(__always) func half(_ offset: Int) -> UInt64 {
                UInt64(UInt32(littleEndian: base.loadUnaligned(fromByteOffset: offset, as: UInt32.self)))
            }
            @inline(__always) func byte(_ offset: Int) -> UInt64 {
                UInt64(base.load(fromByteOffset: offset, as: UInt8.self))
            }
            var offset = 0
            // 16 bytes a step while more than 16 remain.
            while count &- offset > 16 {
                state = Self.mix(word(offset) ^ Self.k1, word(offset &+ 8) ^ state)
                offset &+= 16
            }
            // The last 1–16 bytes as two words, read without a loop: overlapping reads that end
            // at the last byte (the segment memo hashes many short texts), or for fewer than four
            // bytes in all the first, middle and last byte (the count, added below, tells them apart).
            let rest = count &- offset
            var first: UInt64 = 0
            var second: UInt64 = 0
            if rest > 8 {
                first = word(offset)
                second = word(count &- 8)
            } else if count >= 8 {
                first = word(count &- 8)
            } else if count >= 4 {
                first = half(0)
                second = half(count &- 4)
            } else {
                first = byte(0) << 16 | byte(count >> 1) << 8 | byte(count &- 1)
            }
            state = Self.mix(first ^ Self.k2, second ^ state ^ Self.k1)
        }
        combine(UInt64(count))
    }

    /// Adds a 64-bit value.
    @inlinable
    public mutating func combine(_ value: UInt64) {
        state = Self.mix(value ^ Self.k0, state ^ Self.k1)
    }

    /// The hash of everything added.
    @inlinable
    public func finalize() -> UInt64 { Self.mix(state ^ Self.k2, state ^ Self.k0) }
}
