/// A manual determination (人工核定): a person's decision for one enterprise (and year), which
/// always overrides the rules and is reported as such.
public struct Override: Sendable, Equatable {
    /// The enterprise.
    public var creditCode: CreditCode
    /// The year it applies to; nil for every year.
    public var year: Int?
    /// The class decided, or nil for "not green".
    public var code: ClassCode?
    /// Why.
    public var reason: String
    /// Who decided.
    public var decidedBy: String
    /// When (ISO date).
    public var date: String
    /// File and line it was read from.
    public var origin: String

    /// Creates an override.
    public init(
        creditCode: CreditCode, year: Int?, code: ClassCode?, reason: String, decidedBy: String, date: String,
        origin: String
    ) {
        self.creditCode = creditCode
        self.year = year
        self.code = code
        self.reason = reason
        self.decidedBy = decidedBy
        self.date = date
        self.origin = origin
    }
}

/// Overrides indexed for lookup: an exact (code, year) entry wins over an all-years entry.
public struct OverrideBook: Sendable {
    private var byKey: [String: Override] = [:]

    /// The number of overrides held.
    public private(set) var count = 0

    /// An empty book.
    public init() {}

    /// Adds `override`; returns the earlier override with the same key, if any (not replaced).
    public mutating func add(_ override: Override) -> Override? {
        let key = Self.key(override.creditCode, override.year)
        if let existing = byKey[key] { return existing }
        byKey[key] = override
        count += 1
        return nil
    }

    /// Every override held, in credit-code and year order.
    public var all: [Override] {
        byKey.values.sorted { ($0.creditCode.rawValue, $0.year ?? 0) < ($1.creditCode.rawValue, $1.year ?? 0) }
    }

    /// The override that applies to `creditCode` in `year`.
    public func lookup(_ creditCode: CreditCode, year: Int?) -> Override? {
        if let year, let exact = byKey[Self.key(creditCode, year)] { return exact }
        return byKey[Self.key(creditCode, nil)]
    }

    private static func key(_ code: CreditCode, _ year: Int?) -> String {
        code.rawValue + "|" + (year.map(String.init) ?? "*")
    }
}
