/// An Aho–Corasick automaton over bytes: finds every occurrence of every pattern in one pass,
/// in time linear in the text (plus the number of matches), whatever the number of patterns.
///
/// The byte alphabet is reduced to the bytes that occur in patterns (all others share one
/// class that leads back to the root), and the goto function is a dense table, so the scan is
/// one table lookup per byte.
public struct MultiPatternMatcher: Sendable {
    private let byteClass: [UInt16]
    private let alphabetSize: Int
    /// Transitions as `UInt16` when the automaton has fewer than 65,536 states: half the cache
    /// footprint of `Int32`, which is what the scan's speed depends on.
    private let compactTransitions: [UInt16]
    private let transitions: [Int32]
    private let outputStart: [Int32]
    private let outputs: [Int32]
    private let lengths: [Int32]

    /// A byte to put between texts scanned together: no pattern contains it, so no match spans
    /// it and the scan is back at the root after it.
    public static let fieldSeparator: UInt8 = 0

    /// The number of automaton states (for diagnostics and benchmarks).
    public var stateCount: Int { outputStart.count - 1 }

    /// Builds the automaton for `patterns`; pattern `i` is reported as id `i`. Empty patterns,
    /// and patterns holding `fieldSeparator` (the taxonomy loader refuses control characters),
    /// are ignored.
    public init(patterns: [[UInt8]]) {
        let patterns = patterns.map { $0.contains(Self.fieldSeparator) ? [] : $0 }
        var classes = [UInt16](repeating: 0, count: 256)
        var next: UInt16 = 1
        for pattern in patterns {
            for byte in pattern where classes[Int(byte)] == 0 {
                classes[Int(byte)] = next
                next += 1
            }
        }
        let size = Int(next)
        var table: [Int32] = Array(repeating: -1, count: size)
        var own: [[Int32]] = [[]]
        for (id, pattern) in patterns.enumerated() where !pattern.isEmpty {
            var state = 0
            for byte in pattern {
                let slot = state * size + Int(classes[Int(byte)])
                if table[slot] < 0 {
                    table[slot] = Int32(own.count)
                    own.append([])
                    table.append(contentsOf: repeatElement(-1, count: size))
                }
                state = Int(table[slot])
            }
            own[state].append(Int32(id))
        }
        let stateCount = own.count
        var fail = [Int32](repeating: 0, count: stateCount)
        var order: [Int] = [0]
        order.reserveCapacity(stateCount)
        var head = 0
        while head < order.count {
            let state = order[head]
            head += 1
            for symbol in 0..<size {
                let slot = state * size + symbol
                let target = table[slot]
                if target >= 0 {
                    if state != 0 {
                        fail[Int(target)] = table[Int(fail[state]) * size + symbol]
                    }
                    order.append(Int(target))
                } else {
                    table[slot] = state == 0 ? 0 : table[Int(fail[state]) * size + symbol]
                }
            }
        }
        var merged = own
        for state in order where state != 0 {
            merged[state].append(contentsOf: merged[Int(fail[state])])
        }
        // Renumber states breadth-first: the shallow states, which text visits most, then sit
        // together at the start of the table and stay in cache.
        var renumbered = [Int32](repeating: 0, count: stateCount)
        for (newIndex, state) in order.enumerated() { renumbered[state] = Int32(newIndex) }
        var bfsTable = [Int32](repeating: 0, count: stateCount * size)
        for (newIndex, state) in order.enumerated() {
            for symbol in 0..<size {
                bfsTable[newIndex * size + symbol] = renumbered[Int(table[state * size + symbol])]
            }
        }
        var starts: [Int32] = [0]
        var flat: [Int32] = []
        for state in order {
            flat.append(contentsOf: merged[state])
            starts.append(Int32(flat.count))
        }
        byteClass = classes
        alphabetSize = size
        if stateCount < 32_768 {
            // The top bit of a compact transition says "the target state has matches", so the
            // scan reads the output table only where there is something to report.
            compactTransitions = bfsTable.map { target in
                let hasOutput = starts[Int(target)] != starts[Int(target) + 1]
                return UInt16(target) | (hasOutput ? 0x8000 : 0)
            }
            transitions = []
        } else {
            compactTransitions = []
            transitions = bfsTable
        }
        outputStart = starts
        outputs = flat
        lengths = patterns.map { Int32($0.count) }
    }

    /// Calls `body(patternID, start, end)` for every match in `text`, in order of match end;
    /// `start..<end` is the byte range of the match.
    public func forEachMatch(in text: UnsafeBufferPointer<UInt8>, _ body: (Int, Int, Int) -> Void) {
        guard let base = text.baseAddress else { return }
        let count = text.count
        let size = alphabetSize
        byteClass.withUnsafeBufferPointer { classes in
            outputStart.withUnsafeBufferPointer { starts in
                let classPointer = classes.baseAddress!
                func report(_ state: Int, _ index: Int) {
                    for slot in Int(starts[state])..<Int(starts[state + 1]) {
                        let id = Int(outputs[slot])
                        body(id, index + 1 - Int(lengths[id]), index + 1)
                    }
                }
                if !compactTransitions.isEmpty {
                    compactTransitions.withUnsafeBufferPointer { transitions in
                        let table = transitions.baseAddress!
                        var state = 0
                        for index in 0..<count {
                            let next = table[state &* size &+ Int(classPointer[Int(base[index])])]
                            state = Int(next & 0x7FFF)
                            if next & 0x8000 != 0 { report(state, index) }
                        }
                    }
                } else {
                    transitions.withUnsafeBufferPointer { transitions in
                        let table = transitions.baseAddress!
                        var state = 0
                        for index in 0..<count {
                            state = Int(table[state &* size &+ Int(classPointer[Int(base[index])])])
                            if starts[state] != starts[state + 1] { report(state, index) }
                        }
                    }
                }
            }
        }
    }

    /// Appends every match in `text` to `matches`, in order of match end — the matches of
    /// `forEachMatch`, found faster. One scan waits on a table lookup per byte; here a long text
    /// is cut into up to four equal pieces scanned in lockstep, so their waits overlap. Every
    /// piece starts at the root; the true state at a cut is the previous piece's last state, so
    /// afterwards each piece is rescanned from its true state until the two runs meet (the
    /// automaton is deterministic: from there on they agree), usually within a few bytes, and
    /// the matches before that point are replaced. `buffers` is scratch space, reused.
    public func collectMatches(
        in text: UnsafeBufferPointer<UInt8>, into matches: inout [PatternMatch], buffers: inout MatchBuffers
    ) {
        let count = text.count
        guard let base = text.baseAddress, count > 0 else { return }
        let pieces = min(MatchBuffers.ways, count / 24)
        if compactTransitions.isEmpty || pieces <= 1 {
            // A large automaton or a short text: the plain scan.
            forEachMatch(in: text) { id, start, end in
                matches.append(PatternMatch(pattern: Int32(id), start: Int32(start), end: Int32(end)))
            }
            return
        }
        // Piece `p` covers `p * share ..< min(count, (p + 1) * share)`; only the last is shorter.
        let share = (count + pieces - 1) / pieces
        func end(of piece: Int) -> Int { min(count, (piece + 1) * share) }
        for piece in 0..<pieces { buffers.pieces[piece].removeAll(keepingCapacity: true) }
        if buffers.states.count < count { buffers.states = [UInt16](repeating: 0, count: count + count / 2) }
        let size = alphabetSize
        var finalStates = [Int](repeating: 0, count: MatchBuffers.ways)
        byteClass.withUnsafeBufferPointer { classes in
            compactTransitions.withUnsafeBufferPointer { transitions in
                outputStart.withUnsafeBufferPointer { outputStarts in
                    outputs.withUnsafeBufferPointer { outputs in
                        lengths.withUnsafeBufferPointer { lengths in
                            buffers.states.withUnsafeMutableBufferPointer { recorded in
                                let classOf = classes.baseAddress!
                                let table = transitions.baseAddress!
                                let record = recorded.baseAddress!
                                func collect(_ state: Int, _ index: Int, into list: inout [PatternMatch]) {
                                    for slot in Int(outputStarts[state])..<Int(outputStarts[state + 1]) {
                                        let id = outputs[slot]
                                        list.append(
                                            PatternMatch(
                                                pattern: id, start: Int32(index + 1) - lengths[Int(id)],
                                                end: Int32(index + 1)))
                                    }
                                }
                                @inline(never) func report(_ piece: Int, _ state: Int, _ index: Int) {
                                    collect(state, index, into: &buffers.pieces[piece])
                                }
                                // Lockstep over the length every piece has (the last may be shorter).
                                let common = count - (pieces - 1) * share
                                var states = (0, 0, 0, 0)
                                let s0 = 0
                                let s1 = share
                                let s2 = 2 * share
                                let s3 = 3 * share
                                if pieces == 4 {
                                    for step in 0..<common {
                                        let n0 = table[states.0 &* size &+ Int(classOf[Int(base[s0 &+ step])])]
                                        let n1 = table[states.1 &* size &+ Int(classOf[Int(base[s1 &+ step])])]
                                        let n2 = table[states.2 &* size &+ Int(classOf[Int(base[s2 &+ step])])]
                                        let n3 = table[states.3 &* size &+ Int(classOf[Int(base[s3 &+ step])])]
                                        record[s1 &+ step] = n1
                                        record[s2 &+ step] = n2
                                        record[s3 &+ step] = n3
                                        states = (
                                            Int(n0 & 0x7FFF), Int(n1 & 0x7FFF), Int(n2 & 0x7FFF), Int(n3 & 0x7FFF)
                                        )
                                        if (n0 | n1 | n2 | n3) & 0x8000 != 0 {
                                            if n0 & 0x8000 != 0 { report(0, states.0, s0 &+ step) }
                                            if n1 & 0x8000 != 0 { report(1, states.1, s1 &+ step) }
                                            if n2 & 0x8000 != 0 { report(2, states.2, s2 &+ step) }
                                            if n3 & 0x8000 != 0 { report(3, states.3, s3 &+ step) }
                                        }
                                    }
                                } else if pieces == 3 {
                                    for step in 0..<common {
                                        let n0 = table[states.0 &* size &+ Int(classOf[Int(base[s0 &+ step])])]
                                        let n1 = table[states.1 &* size &+ Int(classOf[Int(base[s1 &+ step])])]
                                        let n2 = table[states.2 &* size &+ Int(classOf[Int(base[s2 &+ step])])]
                                        record[s1 &+ step] = n1
                                        record[s2 &+ step] = n2
                                        states = (Int(n0 & 0x7FFF), Int(n1 & 0x7FFF), Int(n2 & 0x7FFF), 0)
                                        if (n0 | n1 | n2) & 0x8000 != 0 {
                                            if n0 & 0x8000 != 0 { report(0, states.0, s0 &+ step) }
                                            if n1 & 0x8000 != 0 { report(1, states.1, s1 &+ step) }
                                            if n2 & 0x8000 != 0 { report(2, states.2, s2 &+ step) }
                                        }
                                    }
                                } else {
                                    for step in 0..<common {
                                        let n0 = table[states.0 &* size &+ Int(classOf[Int(base[s0 &+ step])])]
                                        let n1 = table[states.1 &* size &+ Int(classOf[Int(base[s1 &+ step])])]
                                        record[s1 &+ step] = n1
                                        states = (Int(n0 & 0x7FFF), Int(n1 & 0x7FFF), 0, 0)
                                        if (n0 | n1) & 0x8000 != 0 {
                                            if n0 & 0x8000 != 0 { report(0, states.0, s0 &+ step) }
                                            if n1 & 0x8000 != 0 { report(1, states.1, s1 &+ step) }
                                        }
                                    }
                                }
                                // The rest of each piece (the last piece is up to three bytes shorter).
                                let lockstepStates = [states.0, states.1, states.2, states.3]
                                for piece in 0..<pieces {
                                    let pieceStart = piece * share
                                    var state = lockstepStates[piece]
                                    var index = pieceStart + common
                                    while index < end(of: piece) {
                                        let next = table[state &* size &+ Int(classOf[Int(base[index])])]
                                        if piece > 0 { record[index] = next }
                                        state = Int(next & 0x7FFF)
                                        if next & 0x8000 != 0 { report(piece, state, index) }
                                        index += 1
                                    }
                                    finalStates[piece] = state
                                }
                                // Fix-up: rescan each piece from its true start state until it meets
                                // the recorded run; replace the matches before that point.
                                var trueState = finalStates[0]
                                for piece in 1..<pieces {
                                    let pieceStart = piece * share
                                    var state = trueState
                                    var index = pieceStart
                                    var corrected: [PatternMatch] = []
                                    var met = false
                                    if state == 0 {
                                        met = true
                                    } else {
                                        while index < end(of: piece) {
                                            let next = table[state &* size &+ Int(classOf[Int(base[index])])]
                                            state = Int(next & 0x7FFF)
                                            if next == record[index] {
                                                met = true
                                                break
                                            }
                                            if next & 0x8000 != 0 { collect(state, index, into: &corrected) }
                                            index += 1
                                        }
                                    }
                                    trueState = met ? finalStates[piece] : state
                                    if index > pieceStart {
                                        // Matches ending before `index` came from wrong states.
                                        let stale = buffers.pieces[piece].prefix { Int($0.end) <= index }.count
                                        buffers.pieces[piece].replaceSubrange(0..<stale, with: corrected)
                                    }
                                }
                            }
                        }
                    }
                }
            }
        }
        for piece in 0..<pieces { matches.append(contentsOf: buffers.pieces[piece]) }
    }

    /// All matches in `text` as (pattern id, byte range), in order of match end.
    public func matches(in text: [UInt8]) -> [(pattern: Int, range: Range<Int>)] {
        var found: [(pattern: Int, range: Range<Int>)] = []
        text.withUnsafeBufferPointer { buffer in
            forEachMatch(in: buffer) { id, start, end in found.append((id, start..<end)) }
        }
        return found
    }
}

/// One match of a pattern: its id and byte range in the text.
public struct PatternMatch: Sendable, Equatable {
    /// The pattern's id.
    public var pattern: Int32
    /// The first byte of the match.
    public var start: Int32
    /// One past the last byte.
    public var end: Int32

    /// Creates a match.
    public init(pattern: Int32, start: Int32, end: Int32) {
        self.pattern = pattern
        self.start = start
        self.end = end
    }
}

/// Scratch space for `MultiPatternMatcher.collectMatches`: the matches of each piece.
public struct MatchBuffers: Sendable {
    /// How many pieces a text is cut into at most.
    static let ways = 4
    var pieces: [[PatternMatch]] = Array(repeating: [], count: ways)
    /// The transitions taken at each position by the pieces after the first.
    var states: [UInt16] = []

    /// Empty buffers.
    public init() {}
}
