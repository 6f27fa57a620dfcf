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

    /// The number of automaton states (for diagnostics and benchmarks).
    public var stateCount: Int { outputStart.count - 1 }

    /// Builds the automaton for `patterns`; pattern `i` is reported as id `i`. Empty patterns are ignored.
    public init(patterns: [[UInt8]]) {
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

    /// All matches in `text` as (pattern id, byte range), in order of match end.
    public func matches(in text: [UInt8]) -> [(pattern: Int, range: Range<Int>)] {
        var found: [(pattern: Int, range: Range<Int>)] = []
        text.withUnsafeBufferPointer { buffer in
            forEachMatch(in: buffer) { id, start, end in found.append((id, start..<end)) }
        }
        return found
    }
}
