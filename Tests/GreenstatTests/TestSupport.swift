import Foundation
import GreenstatCore
import GreenstatData
import XCTest

/// Paths and builders shared by the tests.
enum Fixtures {
    /// The bundled `Fixtures` folder.
    static var directory: URL { Bundle.module.url(forResource: "Fixtures", withExtension: nil)! }

    /// The repository root (for the real `taxonomy/`).
    static var repositoryRoot: URL {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent()
    }

    /// The real taxonomy directory.
    static var realTaxonomy: String { repositoryRoot.appendingPathComponent("taxonomy").path }

    /// A fresh temporary directory.
    static func temporaryDirectory() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("greenstat-test-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    /// A taxonomy directory with the real classes, manifest and GB/T 4754 table, and the small
    /// fixture dictionary (plus one placeholder rule per class so that every class has a rule).
    /// `edit` may rewrite any file (by name) before it is returned.
    static func miniTaxonomy(edit: (inout [String: String]) -> Void = { _ in }) throws -> String {
        let directory = try temporaryDirectory()
        var files: [String: String] = [:]
        for name in ["classes.tsv", "manifest.tsv", "gbt4754-2017.tsv", "streets.tsv"] {
            files[name] = try String(contentsOfFile: realTaxonomy + "/" + name, encoding: .utf8)
        }
        for name in ["keywords.tsv", "concordance.tsv", "examples.tsv", "terms.tsv"] {
            files[name] = try String(
                contentsOf: self.directory.appendingPathComponent("mini-taxonomy/" + name), encoding: .utf8)
        }
        let classes = files["classes.tsv"]!.split(separator: "\n").compactMap { line -> String? in
            let cells = line.split(separator: "\t", omittingEmptySubsequences: false)
            return cells.count > 2 && cells[1] == "class" ? String(cells[0]) : nil
        }
        for code in classes { files["keywords.tsv"]! += "\(code)\tinclude\t占位词\(code)\tmain\t1\tplaceholder\n" }
        edit(&files)
        for (name, text) in files {
            try text.write(to: directory.appendingPathComponent(name), atomically: true, encoding: .utf8)
        }
        return directory.path
    }

    /// Loads a taxonomy directory, failing the test on errors.
    static func load(_ directory: String, file: StaticString = #filePath, line: UInt = #line) throws -> Taxonomy {
        let outcome = TaxonomyLoader.load(directory: directory)
        let errors = outcome.diagnostics.filter { $0.severity == .error }
        XCTAssertEqual(errors, [], "taxonomy errors", file: file, line: line)
        return try XCTUnwrap(outcome.taxonomy, file: file, line: line)
    }

    /// A valid credit code made from a 17-character body.
    static func creditCode(_ body: String) -> CreditCode {
        CreditCode(body + String(CreditCode.checkCharacter(forFirst17: body)!))!
    }
}
