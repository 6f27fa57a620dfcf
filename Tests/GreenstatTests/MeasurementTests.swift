import Foundation
import GreenstatCore
import GreenstatData
import XCTest

/// Both measurement methods, their combination, roll-up laws and order/chunk independence.
final class MeasurementTests: XCTestCase {
    private static let taxonomy = try! Fixtures.load(try! Fixtures.miniTaxonomy())
    private let measurer = Measurer(taxonomy: MeasurementTests.taxonomy)

    private func record(
        _ body: String, _ code: String, revenue: String?, employees: Int?, share: String?, industry: String? = nil,
        street: String? = nil, year: Int = 2025
    ) -> MeasuredRecord {
        MeasuredRecord(
            creditCode: Fixtures.creditCode(body), year: year, code: ClassCode(code)!,
            industryCode: industry.flatMap(IndustryCode.init), street: street,
            revenue: revenue.map { Money(wan: Decimal(string: $0)!) }, employees: employees,
            greenShare: share.map { Decimal(string: $0)! })
    }

    func testMoneyIsExactAndShownInWan() {
        XCTAssertEqual(Money(wan: Decimal(string: "1234.5678")!).yuan, 12_345_678)
        XCTAssertEqual(Money(wan: Decimal(string: "0.00005")!).yuan, 0, "half to even")
        XCTAssertEqual(Money(wan: Decimal(string: "0.00015")!).yuan, 2, "half to even")
        XCTAssertEqual(Money(yuan: 12_345_678).wanText(), "1234.57")
        XCTAssertEqual(Money(yuan: 10_000).wanText(decimals: 4), "1.0000")
        XCTAssertEqual(Money(yuan: 12_345_678).scaled(by: Decimal(string: "0.5")!).yuan, 6_172_839)
        XCTAssertEqual(JobEquivalent(employees: 7, share: Decimal(string: "0.35")!).description, "2.45")
        XCTAssertEqual(JobEquivalent(hundredths: 250).rounded, 2)
        XCTAssertEqual(JobEquivalent(hundredths: 350).rounded, 4)
    }

    /// Enterprise method, computed by hand: 1000 万元 × 0.8 = 800 万元 and 50 × 0.8 = 40 jobs;
    /// a record without a share takes its class default (0221: see classes.tsv); a record
    /// without revenue is counted but adds no output.
    func testEnterpriseMethodByHand() throws {
        let defaultShare = try XCTUnwrap(Self.taxonomy.node("0221")?.defaultShare)
        XCTAssertEqual(defaultShare, Decimal(string: "0.95"))
        let records = [
            record("91310109AAAAAAAA1", "0111", revenue: "1000", employees: 50, share: "0.8", street: "北外滩街道"),
            record("91310109AAAAAAAA2", "0221", revenue: "200", employees: 10, share: nil, street: "北外滩街道"),
            record("91310109AAAAAAAA3", "0221", revenue: nil, employees: 5, share: "0.6", street: nil),
        ]
        let byClass = measurer.measure(
            year: 2025, records: records, totals: [], surveyed: [:], method: .enterprise, grouping: .class)
        XCTAssertEqual(byClass.cells["0111"]?.enterpriseOutput.wanText(decimals: 4), "800.0000")
        XCTAssertEqual(byClass.cells["0111"]?.enterpriseJobs.description, "40.00")
        XCTAssertEqual(byClass.cells["0221"]?.enterprises, 2)
        XCTAssertEqual(byClass.cells["0221"]?.enterpriseOutput.wanText(decimals: 4), "190.0000")  // 200 × 0.95
        XCTAssertEqual(byClass.cells["0221"]?.enterpriseJobs.description, "12.50")  // 10 × 0.95 + 5 × 0.6
        XCTAssertEqual(byClass.cells["0221"]?.defaultShareUsed, 1)
        XCTAssertEqual(byClass.cells["0221"]?.missingRevenue, 1)
        XCTAssertEqual(byClass.total.output.wanText(), "990.00")
        let byStreet = measurer.measure(
            year: 2025, records: records, totals: [], surveyed: [:], method: .enterprise, grouping: .street)
        XCTAssertEqual(byStreet.keys, ["北外滩街道", Measurer.unknownStreet])
        XCTAssertEqual(byStreet.cells["北外滩街道"]?.enterprises, 2)
    }

    /// Industry method and the combination, by hand. 4416 (太阳能发电) → 0221 at 0.9 in the
    /// fixture concordance; the industry's total is 5000 万元 and 100 jobs. Surveyed firms in
    /// 4416 hold 2500 万元 and 30 jobs (one green, one not), so the combined method estimates only
    /// the 2500 万元 / 70 jobs not surveyed: 2250 万元 and 63 jobs, plus the green firm's own
    /// 2000 × 0.9 = 1800 万元.
    func testIndustryAndCombinedMethodsByHand() {
        let total = IndustryTotal(
            industryCode: IndustryCode("4416")!, year: 2025, revenue: Money(wan: 5000), employees: 100)
        let green = record("91310109AAAAAAAA4", "0221", revenue: "2000", employees: 20, share: "0.9", industry: "4416")
        var covered = SurveyedShare()
        covered.add(revenue: Money(wan: 2000), employees: 20)
        covered.add(revenue: Money(wan: 500), employees: 10)
        let surveyed = [IndustryCode("4416")!: covered]

        let industry = measurer.measure(
            year: 2025, records: [green], totals: [total], surveyed: surveyed, method: .industry, grouping: .class)
        XCTAssertEqual(industry.cells["0221"]?.industryOutput.wanText(), "4500.00")
        XCTAssertEqual(industry.cells["0221"]?.industryJobs.description, "90.00")
        XCTAssertEqual(industry.cells["0221"]?.enterprises, 0)

        let combined = measurer.measure(
            year: 2025, records: [green], totals: [total], surveyed: surveyed, method: .combined, grouping: .class)
        XCTAssertEqual(combined.cells["0221"]?.enterpriseOutput.wanText(), "1800.00")
        XCTAssertEqual(combined.cells["0221"]?.industryOutput.wanText(), "2250.00")
        XCTAssertEqual(combined.cells["0221"]?.output.wanText(), "4050.00")
        XCTAssertEqual(combined.cells["0221"]?.industryJobs.description, "63.00")
        // Never the same revenue twice: what the combination counts never exceeds the industry total.
        XCTAssertLessThanOrEqual(combined.cells["0221"]!.revenue.yuan + 25_000_000, total.revenue.yuan)

        let byStreet = measurer.measure(
            year: 2025, records: [green], totals: [total], surveyed: surveyed, method: .combined, grouping: .street)
        XCTAssertEqual(byStreet.cells[Measurer.industryEstimate]?.industryOutput.wanText(), "2250.00")
    }

    private func randomRecords(_ count: Int, using generator: inout some RandomNumberGenerator) -> [MeasuredRecord] {
        let codes = Self.taxonomy.classCodes
        let streets = ["北外滩街道", "欧阳路街道", "江湾镇街道", ""]
        return (0..<count).map { index in
            let body = "91310109" + String(format: "%09d", index)
            return record(
                body, codes.randomElement(using: &generator)!.rawValue,
                revenue: Bool.random(using: &generator)
                    ? "\(Int.random(in: 0...99_999, using: &generator)).\(Int.random(in: 0...9999, using: &generator))"
                    : nil,
                employees: Int.random(in: 0...500, using: &generator),
                share: Bool.random(using: &generator) ? "0.\(Int.random(in: 50...99, using: &generator))" : nil,
                street: streets.randomElement(using: &generator)!)
        }
    }

    /// Roll-up law: Σ 小类 = 中类 and Σ 中类 = 大类, exactly; every breakdown has the same total.
    func testRollUpLaws() {
        var generator = SystemRandomNumberGenerator()
        let records = randomRecords(600, using: &generator)
        func table(_ grouping: MeasurementGrouping) -> MeasurementTable {
            measurer.measure(
                year: 2025, records: records, totals: [], surveyed: [:], method: .enterprise, grouping: grouping)
        }
        let byClass = table(.class)
        let byDivision = table(.division)
        let bySection = table(.section)
        for (division, tally) in byDivision.cells {
            let sum = byClass.cells.filter { $0.key.hasPrefix(division) }.values.reduce(GreenTally.zero) {
                $0.merging($1)
            }
            XCTAssertEqual(sum, tally, division)
        }
        for (section, tally) in bySection.cells {
            let sum = byDivision.cells.filter { $0.key.hasPrefix(section) }.values.reduce(GreenTally.zero) {
                $0.merging($1)
            }
            XCTAssertEqual(sum, tally, section)
        }
        XCTAssertEqual(byClass.total, bySection.total)
        XCTAssertEqual(table(.street).total, bySection.total)
    }

    /// Order and chunk independence: any permutation, split into any chunks whose tables are
    /// merged, gives exactly the same table (what parallel or chunked runs rely on).
    func testOrderAndChunkIndependence() {
        var generator = SystemRandomNumberGenerator()
        let records = randomRecords(500, using: &generator)
        let whole = measurer.measure(
            year: 2025, records: records, totals: [], surveyed: [:], method: .enterprise, grouping: .class)
        for _ in 0..<5 {
            var shuffled = records
            shuffled.shuffle(using: &generator)
            var merged: [String: GreenTally] = [:]
            var index = 0
            while index < shuffled.count {
                let size = Int.random(in: 1...97, using: &generator)
                let chunk = measurer.measure(
                    year: 2025, records: shuffled[index..<min(index + size, shuffled.count)], totals: [], surveyed: [:],
                    method: .enterprise, grouping: .class)
                for (key, tally) in chunk.cells { merged[key, default: .zero].merge(tally) }
                index += size
            }
            XCTAssertEqual(merged, whole.cells)
        }
    }
}

/// The integer products of shares agree with Decimal arithmetic (rounded half-to-even), which
/// stays the path for values that do not fit.
final class FixedDecimalTests: XCTestCase {
    private func decimalProduct(_ value: Int64, _ share: Decimal) -> Int64 {
        var product = Decimal(value) * share
        var rounded = Decimal()
        NSDecimalRound(&rounded, &product, 0, .bankers)
        return NSDecimalNumber(decimal: rounded).int64Value
    }

    func testProductsAgreeWithDecimalProperty() throws {
        var generator = SystemRandomNumberGenerator()
        for round in 0..<5_000 {
            let decimals = Int.random(in: 0...6, using: &generator)
            // Shares and coefficients: 0 to 2.
            var scale: UInt64 = 1
            for _ in 0..<decimals { scale *= 10 }
            let units = UInt64.random(in: 0...(2 * scale), using: &generator)
            let negative = round % 7 == 0
            let text = (negative ? "-" : "") + FixedPointText.render(units, decimals: decimals)
            let share = try XCTUnwrap(Decimal(string: text))
            let fixed = try XCTUnwrap(FixedDecimal(share), text)
            // Halves appear: values that are multiples of 5 × 10^(decimals - 1).
            let value =
                round % 3 == 0
                ? Int64.random(in: -1_000_000...1_000_000, using: &generator) * 5
                : Int64.random(in: -10_000_000_000_000...10_000_000_000_000, using: &generator)
            XCTAssertEqual(fixed.timesRounded(value), decimalProduct(value, share), "\(value) × \(text)")
            XCTAssertEqual(Money(yuan: value).scaled(by: share).yuan, decimalProduct(value, share))
        }
        // Half-to-even at the boundary: 0.5 → 0, 1.5 → 2, 2.5 → 2, −2.5 → −2.
        let half = try XCTUnwrap(FixedDecimal("0.5"))
        XCTAssertEqual([1, 3, 5, -5].map { half.timesRounded($0) }, [0, 2, 2, -2])
        // Too large for 64 bits: nil (the Decimal path takes over).
        XCTAssertNil(try XCTUnwrap(FixedDecimal("1000")).timesRounded(Int64.max / 10))
        XCTAssertNil(FixedDecimal("1e3"))
        XCTAssertEqual(JobEquivalent(employees: 7, share: Decimal(string: "0.125")!).hundredths, 88)
    }
}

/// `units / 10^decimals` as plain text, for the tests.
private enum FixedPointText {
    static func render(_ units: UInt64, decimals: Int) -> String {
        guard decimals > 0 else { return String(units) }
        var digits = String(units)
        if digits.count <= decimals { digits = String(repeating: "0", count: decimals - digits.count + 1) + digits }
        digits.insert(".", at: digits.index(digits.endIndex, offsetBy: -decimals))
        return digits
    }
}
