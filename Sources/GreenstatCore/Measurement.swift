import Foundation

/// How green output is measured.
public enum MeasurementMethod: String, Sendable, CaseIterable {
    /// 企业数据采集法: each surveyed enterprise's 营业收入 × its green share.
    case enterprise
    /// 行业数据整合法: each industry's total × the concordance coefficient.
    case industry
    /// Surveyed enterprises by the enterprise method, the unsurveyed rest of each industry by the
    /// industry method: no revenue is counted twice.
    case combined
}

/// The dimension results are broken down by.
public enum MeasurementGrouping: String, Sendable, CaseIterable {
    /// 大类.
    case section
    /// 中类.
    case division
    /// 小类.
    case `class`
    /// 街道.
    case street
}

/// Green statistics of one year broken down by one dimension: a tally per cell and the total.
public struct MeasurementTable: Sendable, Equatable {
    /// The year.
    public var year: Int
    /// The method.
    public var method: MeasurementMethod
    /// The breakdown.
    public var grouping: MeasurementGrouping
    /// Tallies by cell key (a code, or a street name; `未知街道` / `行业估算` for cells without one).
    public var cells: [String: GreenTally]

    /// The total over all cells.
    public var total: GreenTally { cells.values.reduce(GreenTally.zero) { $0.merging($1) } }

    /// A table of `cells`.
    public init(
        year: Int, method: MeasurementMethod, grouping: MeasurementGrouping, cells: [String: GreenTally]
    ) {
        self.year = year
        self.method = method
        self.grouping = grouping
        self.cells = cells
    }

    /// Cell keys in display order (codes ascending, streets by name).
    public var keys: [String] { cells.keys.sorted() }
}

/// The measurement stage: turns classified records and industry totals into tallies.
public struct Measurer: Sendable {
    /// The taxonomy (default shares, concordance).
    public let taxonomy: Taxonomy
    /// Key of street cells for records without a street.
    public static let unknownStreet = "未知街道"
    /// Key of street cells for industry-method estimates (industry totals have no street).
    public static let industryEstimate = "行业估算"

    /// The classes' default shares, each with its fixed-point value (converted once).
    private let defaultShares: [ClassCode: (share: Decimal, exact: FixedDecimal?)]

    /// A measurer for `taxonomy`.
    public init(taxonomy: Taxonomy) {
        self.taxonomy = taxonomy
        var shares: [ClassCode: (share: Decimal, exact: FixedDecimal?)] = [:]
        for node in taxonomy.classes {
            if let code = ClassCode(node.code), let share = node.defaultShare {
                shares[code] = (share, FixedDecimal(share))
            }
        }
        defaultShares = shares
    }

    /// The enterprise-data-method tally of one green record: 营业收入 × share (the record's own,
    /// else its class's default, spec rule 5), jobs in the same proportion, head count 1.
    public func enterpriseTally(_ record: MeasuredRecord) -> GreenTally {
        var tally = GreenTally()
        tally.enterprises = 1
        let share: Decimal
        let exact: FixedDecimal?
        if let given = record.greenShare {
            (share, exact) = (given, FixedDecimal(given))
        } else {
            (share, exact) = defaultShares[record.code] ?? (1, FixedDecimal(units: 1, scale: 0))
            tally.defaultShareUsed = 1
        }
        if let revenue = record.revenue {
            tally.revenue = revenue
            tally.enterpriseOutput = revenue.scaled(by: share, exact: exact)
        } else {
            tally.missingRevenue = 1
        }
        if let employees = record.employees {
            tally.employees = employees
            tally.enterpriseJobs = JobEquivalent(employees: employees, share: share, exact: exact)
        }
        return tally
    }

    /// Industry-method estimates: for each industry total, the part not already surveyed (when
    /// `surveyed` is given) times each concordance coefficient, by class.
    public func industryTallies(
        _ totals: [IndustryTotal], surveyed: [IndustryCode: SurveyedShare]? = nil
    ) -> [(industry: IndustryCode, code: ClassCode, tally: GreenTally)] {
        var out: [(industry: IndustryCode, code: ClassCode, tally: GreenTally)] = []
        for total in totals {
            var revenue = total.revenue
            var employees = total.employees
            if let covered = surveyed?[total.industryCode] {
                revenue = Money(yuan: max(0, revenue.yuan - covered.revenue.yuan))
                employees = max(0, employees - covered.employees)
            }
            for entry in taxonomy.concordance(for: total.industryCode) {
                var tally = GreenTally()
                tally.industryOutput = revenue.scaled(by: entry.coefficient)
                tally.industryJobs = JobEquivalent(employees: employees, share: entry.coefficient)
                out.append((total.industryCode, entry.classCode, tally))
            }
        }
        return out
    }

    /// The cell key of a class (or street) under `grouping`.
    public static func key(code: ClassCode, street: String?, grouping: MeasurementGrouping) -> String {
        switch grouping {
        case .section: return code.section.rawValue
        case .division: return code.division.rawValue
        case .class: return code.rawValue
        case .street: return street.flatMap { $0.isEmpty ? nil : $0 } ?? unknownStreet
        }
    }

    /// Adds one green record's enterprise-method tally to `cells` (for streaming aggregation).
    public func accumulate(
        _ record: MeasuredRecord, grouping: MeasurementGrouping, into cells: inout [String: GreenTally]
    ) {
        let key = Self.key(code: record.code, street: record.street, grouping: grouping)
        cells[key, default: .zero].merge(enterpriseTally(record))
    }

    /// Adds the industry-method estimates of `totals` (the unsurveyed part when `surveyed` is given).
    public func accumulate(
        industryTotals totals: [IndustryTotal], surveyed: [IndustryCode: SurveyedShare]?, grouping: MeasurementGrouping,
        into cells: inout [String: GreenTally]
    ) {
        for estimate in industryTallies(totals, surveyed: surveyed) {
            let key =
                grouping == .street
                ? Self.industryEstimate : Self.key(code: estimate.code, street: nil, grouping: grouping)
            cells[key, default: .zero].merge(estimate.tally)
        }
    }

    /// Measures one year. `records` are the year's green records; `totals` the year's industry
    /// totals; `surveyed` what the register covers of each industry (all its enterprises, green or
    /// not), used by the combined method to avoid counting revenue twice.
    public func measure(
        year: Int, records: some Sequence<MeasuredRecord>, totals: [IndustryTotal],
        surveyed: [IndustryCode: SurveyedShare], method: MeasurementMethod, grouping: MeasurementGrouping
    ) -> MeasurementTable {
        measure(
            year: year, forEachRecord: { body in for record in records where record.year == year { body(record) } },
            totals: totals.filter { $0.year == year }, surveyed: surveyed, method: method, grouping: grouping)
    }

    /// Measures one year from green records that `forEachRecord` streams (a store cursor, say), so
    /// memory grows with the number of cells, not of records. `forEachRecord` is not called for the
    /// industry method; `surveyed` is evaluated after the records (it may still be being read).
    public func measure(
        year: Int, forEachRecord: ((MeasuredRecord) -> Void) throws -> Void, totals: [IndustryTotal],
        surveyed: @autoclosure () throws -> [IndustryCode: SurveyedShare], method: MeasurementMethod,
        grouping: MeasurementGrouping
    ) rethrows -> MeasurementTable {
        var cells: [String: GreenTally] = [:]
        if method != .industry {
            try forEachRecord { accumulate($0, grouping: grouping, into: &cells) }
        }
        if method != .enterprise {
            accumulate(
                industryTotals: totals, surveyed: method == .combined ? try surveyed() : nil, grouping: grouping,
                into: &cells)
        }
        return MeasurementTable(year: year, method: method, grouping: grouping, cells: cells)
    }
}
