extension PatternMatch {
    /// The matched dictionary atom (the pattern id), as an index.
    var atom: Int { Int(pattern) }
}

extension PatternMatch {
    /// `start` as an index.
    var from: Int { Int(start) }
    /// `end` as an index.
    var to: Int { Int(end) }
}
