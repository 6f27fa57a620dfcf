import Foundation
import GreenstatCore
import GreenstatStore

/// The measure stage over the store: one year's table and the previous year's for comparison.
public struct MeasureResult: Sendable {
    /// The year asked for.
    public var current: MeasurementTable
    /// The year before, when the store has it.
    public var previous: MeasurementTable?
    /// The whole register of the year (all enterprises, green or not).
    public var registerEnterprises: Int
    /// Their 营业收入.
    public var registerRevenue: Money
    /// Their 从业人员.
    public var registerEmployees: Int
}

/// Reads a year (and the one before) from the store and measures it.
public enum MeasureJob {
    /// Measures `year` by `method`, broken down by `grouping`. Throws when the year has no data.
    /// The register summary is read on a second connection to the store, so what it reads must be
    /// committed (never call this inside an open transaction of `store`).
    public static func run(
        store: StatisticsStore, taxonomy: Taxonomy, year: Int, method: MeasurementMethod,
        grouping: MeasurementGrouping
    ) throws -> MeasureResult {
        let measurer = Measurer(taxonomy: taxonomy)
        let years = try store.years()
        let hasTotals = !(try store.industryTotals(year: year)).isEmpty
        guard years.contains(year) || hasTotals else {
            let known = years.isEmpty ? "none" : years.map(String.init).joined(separator: ", ")
            throw StoreError("no data for \(year) in \(store.location) (years with data: \(known))")
        }
        // The register of the year, in total and by industry — one scan of all its records — is
        // read on a second connection to the store while this one streams the green records: the
        // two scans run on two cores. (Only the combined method needs it for the table, and only
        // after the records.)
        let location = store.connectionString
        let register = BackgroundValue { try StatisticsStore(location: location).register(year: year) }
        func table(
            _ year: Int, surveyed: @autoclosure () throws -> [IndustryCode: SurveyedShare]
        ) throws -> MeasurementTable {
            // Streams the year's green records from the store into the cells.
            try measurer.measure(
                year: year, forEachRecord: { try store.forEachGreenRecord(year: year, $0) },
                totals: method == .enterprise ? [] : try store.industryTotals(year: year),
                surveyed: method == .combined ? try surveyed() : [:], method: method, grouping: grouping)
        }
        let current = try table(year, surveyed: try register.value().byIndustry)
        let previous =
            years.contains(year - 1)
            ? try table(year - 1, surveyed: try store.surveyed(year: year - 1)) : nil
        let summary = try register.value()
        return MeasureResult(
            current: current, previous: previous, registerEnterprises: summary.enterprises,
            registerRevenue: summary.revenue, registerEmployees: summary.employees)
    }
}
