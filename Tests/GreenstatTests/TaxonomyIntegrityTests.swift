import GreenstatCore
import GreenstatData
import XCTest

/// The real `taxonomy/` loads cleanly, has the spec's shape, and its examples pass.
final class TaxonomyIntegrityTests: XCTestCase {
    func testRealTaxonomyHasTheSpecShape() throws {
        let taxonomy = try Fixtures.load(Fixtures.realTaxonomy)
        XCTAssertEqual(taxonomy.nodes.filter { $0.level == .section }.count, 5)
        XCTAssertEqual(taxonomy.nodes.filter { $0.level == .division }.count, 23)
        XCTAssertEqual(taxonomy.nodes.filter { $0.level == .class }.count, 37)
        for node in taxonomy.nodes where node.level != .section {
            let parent = try XCTUnwrap(node.parent)
            XCTAssertTrue(node.code.hasPrefix(parent), "\(node.code) under \(parent)")
            XCTAssertNotNil(taxonomy.node(parent))
        }
        for node in taxonomy.classes {
            let share = try XCTUnwrap(node.defaultShare, node.code)
            XCTAssertTrue(share > 0 && share <= 1, node.code)
            XCTAssertFalse(node.shareBasis.isEmpty, node.code)
        }
        let fiveFields = Set(taxonomy.nodes.filter { $0.level == .section }.map(\.nameZH))
        XCTAssertEqual(fiveFields, ["碳服务", "绿色技术", "绿色航运", "绿色金融", "绿色贸易"])
        XCTAssertEqual(taxonomy.industryNames.count, 20 + 97 + 473 + 1381)
    }

    func testEveryClassHasRulesAndExamples() throws {
        let taxonomy = try Fixtures.load(Fixtures.realTaxonomy)
        for code in taxonomy.classCodes {
            XCTAssertTrue(taxonomy.rules.contains { $0.classCode == code }, "\(code) has no keyword rule")
            let examples = taxonomy.examples.filter { $0.classCode == code }
            XCTAssertGreaterThanOrEqual(examples.filter(\.isPositive).count, 2, "\(code) positive examples")
            XCTAssertGreaterThanOrEqual(examples.filter { !$0.isPositive }.count, 1, "\(code) negative examples")
        }
    }

    func testEveryExampleClassifiesAsItSays() throws {
        let taxonomy = try Fixtures.load(Fixtures.realTaxonomy)
        let report = ExampleRunner.run(Classifier(taxonomy: taxonomy))
        XCTAssertGreaterThan(report.run, 100)
        let failures = report.failures.map {
            "\($0.example.origin) \($0.example.isPositive ? "+" : "-")\($0.example.classCode) \($0.example.name) → "
                + "\($0.result.code?.rawValue ?? "not green")"
        }
        XCTAssertEqual(failures, [])
    }
}
