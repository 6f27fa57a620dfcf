/// Working memory of a `Classifier`, reused from record to record so classifying allocates
/// little. Not thread-safe: give each thread its own.
public final class ClassifierScratch {
    /// The folded text of the field being scored.
    var folded: [UInt8] = []
    /// The dictionary matches in it.
    var found: [PatternMatch] = []
    /// All three fields folded, one after the other.
    var combined: [UInt8] = []
    /// The matches in `combined`.
    var allFound: [PatternMatch] = []
    /// Class scores of 主营业务 and of the other fields.
    var scores: [Double] = []
    var otherScores: [Double] = []
    /// A bitset of the atoms present in a field (all zero between uses).
    var present: [UInt64] = []
    /// The matcher's scratch space.
    var matchBuffers = MatchBuffers()

    /// Empty scratch space.
    public init() {
        folded.reserveCapacity(1024)
        found.reserveCapacity(64)
    }

    /// The folded-text buffer, emptied, to fill and hand back (taking it avoids copies).
    func takeFolded() -> [UInt8] {
        var buffer = folded
        folded = []
        buffer.removeAll(keepingCapacity: true)
        return buffer
    }

    /// The 主营业务 score buffer, zeroed for `count` classes.
    func takeScores(_ count: Int) -> [Double] {
        var buffer = scores
        scores = []
        Self.zero(&buffer, count)
        return buffer
    }

    /// The other fields' score buffer, zeroed for `count` classes.
    func takeOtherScores(_ count: Int) -> [Double] {
        var buffer = otherScores
        otherScores = []
        Self.zero(&buffer, count)
        return buffer
    }

    private static func zero(_ buffer: inout [Double], _ count: Int) {
        if buffer.count == count {
            for index in 0..<count { buffer[index] = 0 }
        } else {
            buffer = [Double](repeating: 0, count: count)
        }
    }

    /// The combined-fields buffer, emptied, to fill and hand back.
    func takeCombined() -> [UInt8] {
        var buffer = combined
        combined = []
        buffer.removeAll(keepingCapacity: true)
        return buffer
    }

    /// The buffer of all matches, emptied, to fill and hand back.
    func takeAllFound() -> [PatternMatch] {
        var buffer = allFound
        allFound = []
        buffer.removeAll(keepingCapacity: true)
        return buffer
    }

    /// The match buffer, emptied, to fill and hand back.
    func takeFound() -> [PatternMatch] {
        var buffer = found
        found = []
        buffer.removeAll(keepingCapacity: true)
        return buffer
    }
}
