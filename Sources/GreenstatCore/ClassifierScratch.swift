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
    /// The working arrays of scoring one field.
    var scoreBuffers = ScoreBuffers()
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

/// A scored occurrence of an include rule in a field.
struct ScoreHit {
    var item: Int
    var classIndex: Int
    var weight: Double
    var rule: Int
    var start: Int
    var end: Int
}

/// The working arrays of `Classifier`'s field scoring (kept between calls for their storage).
struct ScoreBuffers {
    var itemOf: [Int32] = []
    var clauseOfItem: [Int] = []
    var hasContent: [Bool] = []
    var fullStepBefore: [Bool] = []
    var masks: [PatternMatch] = []
    var vetoed: [Bool] = []
    var neutral: [Bool] = []
    var includeFound: [PatternMatch] = []
    var clauseStart: [Int] = []
    var fill: [Int] = []
    var byClause: [PatternMatch] = []
    var hits: [ScoreHit] = []
    var kept: [ScoreHit] = []
    var tried = Set<Int>()
    var present: [UInt64] = []
    var hasHit: [Bool] = []
    var rank: [Double] = []
    var best: [ScoreHit] = []
    var refolded: [UInt8] = []
    var origins: [Int32] = []
}
