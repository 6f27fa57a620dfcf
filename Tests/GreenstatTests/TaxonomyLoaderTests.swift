import GreenstatCore
import GreenstatData
import XCTest

/// The loader refuses broken data with file and line, before any work starts.
final class TaxonomyLoaderTests: XCTestCase {
    private func errors(_ edit: (inout [String: String]) -> Void) throws -> [String] {
        let directory = try Fixtures.miniTaxonomy(edit: edit)
        let outcome = TaxonomyLoader.load(directory: directory, display: "taxonomy")
        XCTAssertNil(outcome.taxonomy)
        return outcome.diagnostics.filter { $0.severity == .error }.map(\.description)
    }

    private func assertError(
        _ expected: String, file: StaticString = #filePath, line: UInt = #line, _ edit: (inout [String: String]) -> Void
    ) throws {
        let found = try errors(edit)
        XCTAssertTrue(
            found.contains { $0.contains(expected) }, "expected '\(expected)' in \(found)", file: file, line: line)
    }

    func testMiniTaxonomyLoads() throws {
        let taxonomy = try Fixtures.load(try Fixtures.miniTaxonomy())
        XCTAssertEqual(taxonomy.classCodes.count, 37)
    }

    func testMissingSchemaLine() throws {
        try assertError("taxonomy/keywords.tsv:1: error: first line must be '# schema: greenstat.keywords/1'") {
            $0["keywords.tsv"] = String($0["keywords.tsv"]!.drop { $0 != "\n" }.dropFirst())
        }
    }

    func testUnknownColumn() throws {
        try assertError("taxonomy/concordance.tsv:2: error: extra: unknown column") {
            $0["concordance.tsv"] = $0["concordance.tsv"]!.replacingOccurrences(of: "basis\n", with: "basis\textra\n")
        }
    }

    func testDuplicateClassCode() throws {
        try assertError("duplicate code (first on line") {
            let lines = $0["classes.tsv"]!.split(separator: "\n", omittingEmptySubsequences: false)
            let row = lines.first { $0.hasPrefix("0111\t") }!
            $0["classes.tsv"]! += row + "\n"
        }
    }

    func testOrphanAndCount() throws {
        let found = try errors {
            $0["classes.tsv"] = $0["classes.tsv"]!.split(separator: "\n", omittingEmptySubsequences: false)
                .filter { !$0.hasPrefix("011\t") }.joined(separator: "\n")
        }
        XCTAssertTrue(found.contains { $0.contains("orphan: parent 011 is not defined above") }, "\(found)")
        XCTAssertTrue(found.contains { $0.contains("has 23 division codes; this file has 22") }, "\(found)")
    }

    func testKeywordPointingNowhere() throws {
        try assertError("class \"0999\": an include rule needs a 虹口编码 小类") {
            $0["keywords.tsv"]! += "0999\tinclude\t虚构\t*\t1\t\n"
        }
    }

    func testKeywordBadKindAndWeight() throws {
        let found = try errors {
            $0["keywords.tsv"]! += "0111\tincluded\t碳\t*\t1\t\n0111\tinclude\t碳\t*\tstrong\t\n\tmask\t碳 + 素\t*\t\t\n"
        }
        XCTAssertTrue(found.contains { $0.contains("kind must be include, mask, veto or neutral") }, "\(found)")
        XCTAssertTrue(found.contains { $0.contains("weight must be a number") }, "\(found)")
        XCTAssertTrue(found.contains { $0.contains("only include rules may be compounds") }, "\(found)")
    }

    func testUnknownTermGroup() throws {
        try assertError("pattern \"{不存在} + 碳\": no term group '不存在' in terms.tsv") {
            $0["keywords.tsv"]! += "0111\tinclude\t{不存在} + 碳\t*\t1\t\n"
        }
    }

    func testDuplicateTerm() throws {
        try assertError("taxonomy/terms.tsv:7: error: term \"光伏\": duplicate term (first on line 6)") {
            $0["terms.tsv"]! += "对象\t光伏\t\n"
        }
    }

    func testConcordanceIndustryCodeMustExist() throws {
        try assertError("industry_code \"9999\": not a GB/T 4754-2017 class code") {
            $0["concordance.tsv"]! += "9999\t0111\t0.1\tx\n"
        }
    }

    func testConcordanceCoefficientsAddUpToAtMostOne() throws {
        try assertError("coefficients of 4416 add up to more than 1") {
            $0["concordance.tsv"]! += "4416\t0511\t0.5\tx\n"
        }
    }

    func testBadManifestDateAndUnknownKey() throws {
        let found = try errors {
            $0["manifest.tsv"] =
                $0["manifest.tsv"]!.replacingOccurrences(of: "2024-01-01", with: "2024-13-01")
                + "colour\tgreen\n"
        }
        XCTAssertTrue(found.contains { $0.contains("effective_from \"2024-13-01\": not a date") }, "\(found)")
        XCTAssertTrue(found.contains { $0.contains("colour: unknown manifest key") }, "\(found)")
    }

    func testExcludesMustPointToACode() throws {
        try assertError("excludes points to 0999") {
            $0["classes.tsv"] = $0["classes.tsv"]!.replacingOccurrences(of: "→ 0231", with: "→ 0999")
        }
    }
}
