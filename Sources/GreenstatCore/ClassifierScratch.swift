/// Working memory of a `Classifier`, reused from record to record so classifying allocates
/// little. Not thread-safe: give each thread its own.
public final class ClassifierScratch {
    /// The working arrays of one classification (kept in `state`).
    struct State {
        /// The dictionary matches in the field being scored.
        var found: [PatternMatch] = []
        /// All three fields folded, one after the other.
        var combined: [UInt8] = []
        /// The matches in `combined`.
        var allFound: [PatternMatch] = []
        /// Class scores of 主营业务 and of the other fields.
        var scores: [Double] = []
        var otherScores: [Double] = []
        /// Their sum, and the classes with a positive sum, best first.
        var total: [Double] = []
        var ranked: [Int] = []
        /// A bitset of the atoms present in a field (all zero between uses).
        var present: [UInt64] = []
        /// The working arrays of scoring one field.
        var scoreBuffers = ScoreBuffers()
        /// The matcher's scratch space.
        var matchBuffers = MatchBuffers()
        /// The folded segments of 主营业务 and 经营范围 seen before, with their matches.
        var memo = SegmentMemo()
    }

    /// The working arrays, in memory of their own: a classification works on them in place
    /// (no exclusivity check per access, no copy).
    let state: UnsafeMutablePointer<State>

    /// Empty scratch space.
    public init() {
        state = .allocate(capacity: 1)
        state.initialize(to: State())
        state.pointee.found.reserveCapacity(64)
    }

    deinit {
        state.deinitialize(count: 1)
        state.deallocate()
    }

    /// Takes `array` out of the scratch, emptied but keeping its storage, to fill and hand
    /// back (taking it out avoids copies and exclusivity checks on the class's properties).
    static func take<Element>(_ array: inout [Element]) -> [Element] {
        var buffer: [Element] = []
        swap(&buffer, &array)
        buffer.removeAll(keepingCapacity: true)
        return buffer
    }

    /// Takes a score buffer out, zeroed for `count` classes.
    static func takeZeroed(_ array: inout [Double], count: Int) -> [Double] {
        var buffer = take(&array)
        reset(&buffer, to: 0, count: count)
        return buffer
    }

    /// Empties `array` and fills it with `count` copies of `value`, keeping its storage.
    @inline(__always)
    static func reset<Element>(_ array: inout [Element], to value: Element, count: Int) {
        array.removeAll(keepingCapacity: true)
        array.append(contentsOf: repeatElement(value, count: count))
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
    /// Where the hit comes in a walk over the field's include matches and, for each, the rules
    /// of its atom: match position × rule count + rule.
    var order: Int
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
    var byClause: [Int] = []
    var hits: [ScoreHit] = []
    var kept: [ScoreHit] = []
    var dominated: [Bool] = []
    var byStart: [Int] = []
    var tried = Set<Int>()
    var hasHit: [Bool] = []
    var rank: [Double] = []
    var best: [ScoreHit] = []
    var refolded: [UInt8] = []
    var origins: [Int32] = []
}
