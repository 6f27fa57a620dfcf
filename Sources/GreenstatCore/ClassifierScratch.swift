/// Working memory of a `Classifier`, reused from record to record so classifying allocates
/// little. Not thread-safe: give each thread its own.
public final class ClassifierScratch {
    /// The folded text of the field being scored.
    var folded: [UInt8] = []
    /// The dictionary matches in it.
    var found: [PatternMatch] = []
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

    /// The match buffer, emptied, to fill and hand back.
    func takeFound() -> [PatternMatch] {
        var buffer = found
        found = []
        buffer.removeAll(keepingCapacity: true)
        return buffer
    }
}
