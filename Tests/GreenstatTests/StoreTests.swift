import Foundation
import GreenstatCore
import GreenstatData
import GreenstatStore
import GreenstatTable
import XCTest

/// The statistics store on SQLite, and on PostgreSQL when GREENSTAT_TEST_POSTGRES names a
/// server (`.ci/run` starts one): migrations, idempotent re-import, a crash mid-import leaving
/// the store unchanged, and identical numbers from both backends.
final class StoreTests: XCTestCase {
    private static let taxonomy = try! Fixtures.load(try! Fixtures.miniTaxonomy())

    /// Store locations to test: a fresh SQLite file, and a fresh PostgreSQL schema when available.
    private func locations() throws -> [String] {
        var out = [try Fixtures.temporaryDirectory().appendingPathComponent("store.sqlite").path]
        if let server = ProcessInfo.processInfo.environment["GREENSTAT_TEST_POSTGRES"], !server.isEmpty {
            let schema = "t_" + UUID().uuidString.replacingOccurrences(of: "-", with: "").lowercased()
            let admin = try PostgresConnection(url: server)
            try admin.execute("CREATE SCHEMA \(schema)")
            out.append(server + (server.contains("?") ? "&" : "?") + "options=-csearch_path%3D\(schema)")
        }
        return out
    }

    private func register(_ rows: [(String, String, String, String, String)]) throws -> String {
        // (credit body, year, main business, revenue 万元, industry)
        var text = "统一社会信用代码,企业名称,年份,主营业务,营业收入,从业人员,绿色业务占比,行业代码,街道\n"
        for (index, row) in rows.enumerated() {
            text +=
                "\(Fixtures.creditCode(row.0).rawValue),企业\(index),\(row.1),\(row.2),\(row.3),10,0.8,\(row.4),北外滩街道\n"
        }
        let path = try Fixtures.temporaryDirectory().appendingPathComponent("register.csv").path
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    private func importFile(_ path: String, into store: StatisticsStore, failAfter: Int? = nil) throws {
        let job = ClassifyJob(classifier: Classifier(taxonomy: Self.taxonomy), format: .jsonl)
        try store.connection.transaction {
            let runID = try store.beginRun(
                command: "test", startedAt: "2026-01-01T00:00:00Z", toolVersion: "test", taxonomyVersion: "test")
            let inner = StoreSink(store: store, runID: runID, taxonomyVersion: "test", batchSize: 2)
            let sink: ClassificationSink = failAfter.map { FailingSink(inner, after: $0) } ?? inner
            _ = try job.run(inputs: [path], output: try OutputSink(path: "/dev/null"), rejects: nil, sink: sink) { _ in
            }
        }
    }

    /// Every data table's rows as text, without the run bookkeeping columns.
    private func dump(_ store: StatisticsStore) throws -> [String] {
        var out: [String] = []
        for (table, columns, order) in [
            (
                "records", "credit_code, year, name, industry_code, street, revenue_yuan, employees, green_share",
                "credit_code, year"
            ),
            (
                "classifications", "credit_code, year, code, confidence, review, source, reason, evidence",
                "credit_code, year"
            ),
            ("industry_totals", "industry_code, year, revenue_yuan, employees", "industry_code, year"),
        ] {
            try store.connection.query("SELECT \(columns) FROM \(table) ORDER BY \(order)", []) { row in
                out.append(table + ": " + row.map { $0.text ?? "NULL" }.joined(separator: " | "))
            }
        }
        return out
    }

    private let firstFile: [(String, String, String, String, String)] = [
        ("91310109BBBBBBBB1", "2025", "重点排放单位碳排放核查", "1000", "7459"),
        ("91310109BBBBBBBB2", "2025", "分布式光伏电站运维", "2500.5", "4416"),
        ("91310109BBBBBBBB3", "2025", "住宅物业管理", "800", "7020"),
        ("91310109BBBBBBBB1", "2024", "重点排放单位碳排放核查", "900", "7459"),
    ]

    func testSchemaIsVersionedAndNewerSchemasAreRefused() throws {
        for location in try locations() {
            let store = try StatisticsStore(location: location)
            XCTAssertEqual(try store.schemaVersion(), StoreSchema.latestVersion, location)
            _ = try StatisticsStore(location: location)  // reopening applies nothing twice
            try store.connection.execute("INSERT INTO greenstat_schema (version, description) VALUES (999, 'future')")
            XCTAssertThrowsError(try StatisticsStore(location: location)) { error in
                XCTAssertTrue("\(error)".contains("schema version 999"), "\(error)")
            }
        }
    }

    func testReimportIsIdempotent() throws {
        let path = try register(firstFile)
        for location in try locations() {
            let store = try StatisticsStore(location: location)
            try importFile(path, into: store)
            let once = try dump(store)
            XCTAssertEqual(once.filter { $0.hasPrefix("records:") }.count, 4, location)
            try importFile(path, into: store)
            XCTAssertEqual(try dump(store), once, location)
            XCTAssertEqual(try store.connection.scalar("SELECT COUNT(*) FROM runs")?.integer, 2)
            let inputs = try store.connection.scalar("SELECT COUNT(DISTINCT sha256) FROM run_inputs")?.integer
            XCTAssertEqual(inputs, 1, "both runs recorded the same file hash")
        }
    }

    func testCrashMidImportLeavesTheStoreUnchanged() throws {
        let first = try register(firstFile)
        let second = try register([
            ("91310109CCCCCCCC1", "2025", "合同能源管理", "300", "7514"),
            ("91310109CCCCCCCC2", "2025", "合同能源管理", "400", "7514"),
            ("91310109CCCCCCCC3", "2025", "合同能源管理", "500", "7514"),
            ("91310109BBBBBBBB1", "2025", "产品碳足迹核算", "999", "7459"),
        ])
        for location in try locations() {
            let store = try StatisticsStore(location: location)
            try importFile(first, into: store)
            let before = try dump(store)
            let runsBefore = try store.connection.scalar("SELECT COUNT(*) FROM runs")?.integer
            XCTAssertThrowsError(try importFile(second, into: store, failAfter: 3))
            XCTAssertEqual(try dump(store), before, location)
            XCTAssertEqual(try store.connection.scalar("SELECT COUNT(*) FROM runs")?.integer, runsBefore, location)
            // A fresh connection sees the same.
            XCTAssertEqual(try dump(try StatisticsStore(location: location)), before, location)
        }
    }

    func testBothBackendsGiveTheSameNumbers() throws {
        let path = try register(firstFile)
        var rendered: [String] = []
        for location in try locations() {
            let store = try StatisticsStore(location: location)
            try importFile(path, into: store)
            try store.connection.transaction {
                let runID = try store.beginRun(
                    command: "test", startedAt: "2026-01-01T00:00:00Z", toolVersion: "test", taxonomyVersion: "test")
                try store.write(
                    industryTotals: [
                        IndustryTotal(
                            industryCode: IndustryCode("4416")!, year: 2025, revenue: Money(wan: 9000), employees: 90)
                    ], sourceFile: "totals.csv", sourceSHA256: "x", runID: runID)
            }
            var text = ""
            for grouping in MeasurementGrouping.allCases {
                let result = try MeasureJob.run(
                    store: store, taxonomy: Self.taxonomy, year: 2025, method: .combined, grouping: grouping)
                text += MeasurementReport(result: result, taxonomy: Self.taxonomy).render(.csv)
            }
            rendered.append(text)
            let result = try MeasureJob.run(
                store: store, taxonomy: Self.taxonomy, year: 2025, method: .combined, grouping: .class)
            XCTAssertEqual(result.current.cells["0111"]?.enterpriseOutput.wanText(), "800.00")  // 1000 × 0.8
            // 0221: 2500.5 × 0.8 = 2000.40 by the enterprise method; (9000 − 2500.5) × 0.9 = 5849.55 by the industry method.
            XCTAssertEqual(result.current.cells["0221"]?.enterpriseOutput.wanText(), "2000.40")
            XCTAssertEqual(result.current.cells["0221"]?.industryOutput.wanText(), "5849.55")
            XCTAssertNotNil(result.previous, "2024 is in the store: year-on-year growth is computed")
        }
        XCTAssertEqual(Set(rendered).count, 1, "SQLite and PostgreSQL must agree")
    }
}

/// A sink that fails after `after` records, to simulate a crash in the middle of an import.
private final class FailingSink: ClassificationSink {
    private let inner: ClassificationSink
    private var remaining: Int

    init(_ inner: ClassificationSink, after: Int) {
        self.inner = inner
        remaining = after
    }

    func beginFile(_ path: String) throws { try inner.beginFile(path) }

    func add(_ record: PreparedRecord, report: (Diagnostic) -> Void) throws {
        if remaining == 0 { throw StoreError("simulated crash") }
        remaining -= 1
        try inner.add(record, report: report)
    }

    func endFile(_ path: String, counts: ClassifySummary.Counts) throws { try inner.endFile(path, counts: counts) }
}
