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
    /// `forEachMatch`, found faster.
    ///
    /// One scan waits on a table lookup per byte; here a text of at least 96 bytes is cut into
    /// four equal pieces scanned in lockstep, so their waits overlap (a shorter text is scanned
    /// plainly). Every piece starts at the root; the
    /// true state at a cut is the previous piece's last state, so afterwards each piece is
    /// rescanned from its true state until the two runs meet (the automaton is deterministic:
    /// from there on they agree), usually within a few bytes, and the events before that point
    /// are replaced. The scan itself only notes events — (position, state) where a state with
    /// matches is entered — in a flat buffer, without a branch or a call; the events are turned
    /// into matches afterwards, in one pass. `buffers` is scratch space, reused.
    public func collectMatches(
        in text: UnsafeBufferPointer<UInt8>, into matches: inout [PatternMatch], buffers: inout MatchBuffers
    ) {
        let count = text.count
        guard let base = text.baseAddress, count > 0 else { return }
        let pieces = MatchBuffers.ways
        if compactTransitions.isEmpty || count < pieces * 24 {
            // A large automaton or a short text: the plain scan.
            forEachMatch(in: text) { id, start, end in
                matches.append(PatternMatch(pattern: Int32(id), start: Int32(start), end: Int32(end)))
            }
            return
        }
        // Piece `p` covers `p * share ..< min(count, (p + 1) * share)`; only the last is shorter.
        let share = (count + pieces - 1) / pieces
        // Room for one event per position and a spare slot per piece (for the unconditional
        // store); corrected events are at most one per position of the pieces after the first.
        let needed = pieces * (share + 1)
        if buffers.states.count < count { buffers.states = [UInt16](repeating: 0, count: count + count / 2) }
        if buffers.events.count < needed { buffers.events = [UInt64](repeating: 0, count: needed + needed / 2) }
        if buffers.corrected.count < count { buffers.corrected = [UInt64](repeating: 0, count: count + count / 2) }
        let size = alphabetSize
        let stride = share + 1
        byteClass.withUnsafeBufferPointer { classes in
            compactTransitions.withUnsafeBufferPointer { transitions in
                buffers.states.withUnsafeMutableBufferPointer { recorded in
                    buffers.events.withUnsafeMutableBufferPointer { eventBuffer in
                        buffers.corrected.withUnsafeMutableBufferPointer { correctedBuffer in
                            // Per piece (on the stack): its event count, its last state, how many of
                            // its first events are stale, and where its corrected events are.
                            withUnsafeTemporaryAllocation(of: Int.self, capacity: 5 * MatchBuffers.ways) { meta in
                                let counts = meta.baseAddress!
                                let lastStates = counts + 4
                                let stale = counts + 8
                                let fixedStart = counts + 12
                                let fixedCount = counts + 16
                                meta.initialize(repeating: 0)
                                scanPieces(
                                    base, count: count, share: share, size: size,
                                    classOf: classes.baseAddress!, table: transitions.baseAddress!,
                                    record: recorded.baseAddress!, events: eventBuffer.baseAddress!,
                                    fixed: correctedBuffer.baseAddress!, counts: counts, lastStates: lastStates,
                                    stale: stale, fixedStart: fixedStart, fixedCount: fixedCount)
                                // Events to matches, piece by piece: a piece's corrected events,
                                // then its others. Count, make room once, write in place.
                                func forEachEvent(_ body: (UInt64) -> Void) {
                                    for piece in 0..<pieces {
                                        for slot in fixedStart[piece]..<(fixedStart[piece] + fixedCount[piece]) {
                                            body(correctedBuffer[slot])
                                        }
                                        for slot in (piece * stride + stale[piece])..<(piece * stride + counts[piece]) {
                                            body(eventBuffer[slot])
                                        }
                                    }
                                }
                                outputStart.withUnsafeBufferPointer { outputStarts in
                                    outputs.withUnsafeBufferPointer { outputs in
                                        lengths.withUnsafeBufferPointer { lengths in
                                            var total = 0
                                            forEachEvent { event in
                                                let state = Int(event & 0x7FFF)
                                                total &+= Int(outputStarts[state + 1] &- outputStarts[state])
                                            }
                                            let first = matches.count
                                            matches.append(
                                                contentsOf: repeatElement(
                                                    PatternMatch(pattern: 0, start: 0, end: 0), count: total))
                                            matches.withUnsafeMutableBufferPointer { out in
                                                var next = first
                                                forEachEvent { event in
                                                    let state = Int(event & 0x7FFF)
                                                    let end = Int32(truncatingIfNeeded: event >> 16) &+ 1
                                                    for slot in Int(outputStarts[state])..<Int(outputStarts[state + 1])
                                                    {
                                                        let id = outputs[slot]
                                                        out[next] = PatternMatch(
                                                            pattern: id, start: end &- lengths[Int(id)], end: end)
                                                        next &+= 1
                                                    }
                                                }
                                            }
                                        }
                                    }
                                }
                            }
                        }
                    }
                }
            }
        }
    }

    /// The lockstep scan of `collectMatches` and its fix-up, over raw memory: four pieces of
    /// `share` bytes (the last up to three shorter); piece `p`'s events go to
    /// `events + p * (share + 1)` (room for one per position and the spare slot of the
    /// unconditional store), their number to `counts[p]`; `stale[p]` of its first events are
    /// replaced by the `fixedCount[p]` events at `fixed + fixedStart[p]`.
    @inline(__always)
    private func scanPieces(
        _ base: UnsafePointer<UInt8>, count: Int, share: Int, size: Int, classOf: UnsafePointer<UInt16>,
        table: UnsafePointer<UInt16>, record: UnsafeMutablePointer<UInt16>, events: UnsafeMutablePointer<UInt64>,
        fixed: UnsafeMutablePointer<UInt64>, counts: UnsafeMutablePointer<Int>, lastStates: UnsafeMutablePointer<Int>,
        stale: UnsafeMutablePointer<Int>, fixedStart: UnsafeMutablePointer<Int>, fixedCount: UnsafeMutablePointer<Int>
    ) {
        @inline(__always) func event(_ position: Int, _ next: UInt16) -> UInt64 {
            UInt64(truncatingIfNeeded: position) << 16 | UInt64(next & 0x7FFF)
        }
        let pieces = MatchBuffers.ways
        func end(of piece: Int) -> Int { min(count, (piece + 1) * share) }
        let stride = share + 1
        let e0 = events
        let e1 = events + stride
        let e2 = events + 2 * stride
        let e3 = events + 3 * stride
        var c0 = 0
        var c1 = 0
        var c2 = 0
        var c3 = 0
        // Lockstep over the length every piece has (the last may be shorter).
        let common = count - (pieces - 1) * share
        var states = (0, 0, 0, 0)
        let s0 = 0
        let s1 = share
        let s2 = 2 * share
        let s3 = 3 * share
        for step in 0..<common {
            let n0 = table[states.0 &* size &+ Int(classOf[Int(base[s0 &+ step])])]
            let n1 = table[states.1 &* size &+ Int(classOf[Int(base[s1 &+ step])])]
            let n2 = table[states.2 &* size &+ Int(classOf[Int(base[s2 &+ step])])]
            let n3 = table[states.3 &* size &+ Int(classOf[Int(base[s3 &+ step])])]
            record[s1 &+ step] = n1
            record[s2 &+ step] = n2
            record[s3 &+ step] = n3
            e0[c0] = event(s0 &+ step, n0)
            e1[c1] = event(s1 &+ step, n1)
            e2[c2] = event(s2 &+ step, n2)
            e3[c3] = event(s3 &+ step, n3)
            c0 &+= Int(n0 >> 15)
            c1 &+= Int(n1 >> 15)
            c2 &+= Int(n2 >> 15)
            c3 &+= Int(n3 >> 15)
            states = (Int(n0 & 0x7FFF), Int(n1 & 0x7FFF), Int(n2 & 0x7FFF), Int(n3 & 0x7FFF))
        }
        counts[0] = c0
        counts[1] = c1
        counts[2] = c2
        counts[3] = c3
        lastStates[0] = states.0
        lastStates[1] = states.1
        lastStates[2] = states.2
        lastStates[3] = states.3
        // The rest of each piece (the last piece is up to three bytes shorter).
        for piece in 0..<pieces {
            var state = lastStates[piece]
            var index = piece * share + common
            let stop = end(of: piece)
            let out = events + piece * stride
            var found = counts[piece]
            while index < stop {
                let next = table[state &* size &+ Int(classOf[Int(base[index])])]
                if piece > 0 { record[index] = next }
                out[found] = event(index, next)
                found &+= Int(next >> 15)
                state = Int(next & 0x7FFF)
                index += 1
            }
            counts[piece] = found
            lastStates[piece] = state
        }
        // Fix-up: rescan each piece from its true start state until it meets the recorded run;
        // the events before that point (a prefix) came from wrong states and are replaced.
        var used = 0
        var trueState = lastStates[0]
        for piece in 1..<pieces {
            let pieceStart = piece * share
            var state = trueState
            var index = pieceStart
            var met = state == 0
            fixedStart[piece] = used
            if !met {
                while index < end(of: piece) {
                    let next = table[state &* size &+ Int(classOf[Int(base[index])])]
                    state = Int(next & 0x7FFF)
                    if next == record[index] {
                        met = true
                        break
                    }
                    fixed[used] = event(index, next)
                    used &+= Int(next >> 15)
                    index += 1
                }
            }
            fixedCount[piece] = used - fixedStart[piece]
            trueState = met ? lastStates[piece] : state
            let out = events + piece * stride
            var drop = 0
            while drop < counts[piece] && Int(out[drop] >> 16) < index { drop += 1 }
            stale[piece] = drop
        }
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

extension [PatternMatch] {
    /// Moves the matches from `first` on by `offset` bytes: matches found in a piece of text,
    /// placed where the piece stands in a larger one.
    @inline(__always)
    mutating func shift(from first: Int, by offset: Int) {
        let delta = Int32(truncatingIfNeeded: offset)
        for position in first..<count {
            self[position].start &+= delta
            self[position].end &+= delta
        }
    }
}

/// Scratch space for `MultiPatternMatcher.collectMatches`.
public struct MatchBuffers: Sendable {
    /// How many pieces a long text is cut into (the lockstep scan has four lanes).
    static let ways = 4
    /// The transitions taken at each position by the pieces after the first.
    var states: [UInt16] = []
    /// The events of each piece: (position << 16 | state) where a state with matches is entered.
    var events: [UInt64] = []
    /// The events found when pieces are rescanned from their true start states.
    var corrected: [UInt64] = []

    /// Empty buffers.
    public init() {}
}
