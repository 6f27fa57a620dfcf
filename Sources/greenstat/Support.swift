import ArgumentParser
import Foundation
import GreenstatCore
import GreenstatData
import GreenstatTable

/// Options shared by every command that needs the classification.
struct TaxonomyOptions: ParsableArguments {
    @Option(
        name: .customLong("taxonomy"),
        help: ArgumentHelp(
            "Directory holding the 虹口编码 data files (default: ./taxonomy, $GREENSTAT_TAXONOMY, or the checkout's).",
            valueName: "DIR"))
    var directory: String?

    /// The directory to load, first match of: option, environment, ./taxonomy, the executable's checkout.
    func resolvedDirectory() -> String {
        if let directory { return directory }
        if let fromEnvironment = ProcessInfo.processInfo.environment["GREENSTAT_TAXONOMY"], !fromEnvironment.isEmpty {
            return fromEnvironment
        }
        let manager = FileManager.default
        if manager.fileExists(atPath: "taxonomy/manifest.tsv") { return "taxonomy" }
        var url = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath().deletingLastPathComponent()
        for _ in 0..<6 {
            let candidate = url.appendingPathComponent("taxonomy")
            if manager.fileExists(atPath: candidate.appendingPathComponent("manifest.tsv").path) {
                return candidate.path
            }
            url = url.deletingLastPathComponent()
        }
        return "taxonomy"
    }

    /// Loads and validates the taxonomy, printing problems; exits 1 when it has errors.
    func load() throws -> Taxonomy {
        let directory = resolvedDirectory()
        let outcome = TaxonomyLoader.load(directory: directory)
        for diagnostic in outcome.diagnostics { Console.error(diagnostic.description) }
        guard let taxonomy = outcome.taxonomy else {
            Console.error("error: the taxonomy in \(directory) has errors; nothing was classified")
            throw ExitCode(1)
        }
        return taxonomy
    }
}

/// Standard-error output.
enum Console {
    static func error(_ line: String) {
        FileHandle.standardError.write(Data((line + "\n").utf8))
    }
}

/// Prints diagnostics, at most `limit` per severity, then counts the rest.
final class DiagnosticPrinter {
    private let limit: Int
    private var printed: [Diagnostic.Severity: Int] = [:]
    private(set) var suppressed: [Diagnostic.Severity: Int] = [:]
    private(set) var errors = 0

    init(limit: Int) { self.limit = limit }

    func callAsFunction(_ diagnostic: Diagnostic) {
        if diagnostic.severity == .error { errors += 1 }
        if printed[diagnostic.severity, default: 0] < limit {
            printed[diagnostic.severity, default: 0] += 1
            Console.error(diagnostic.description)
        } else {
            suppressed[diagnostic.severity, default: 0] += 1
        }
    }

    func finish() {
        for (severity, count) in suppressed.sorted(by: { $0.key > $1.key }) where count > 0 {
            Console.error("… and \(count) more \(severity.rawValue)(s) not shown (see --rejects for every reject)")
        }
    }
}

/// Loads an override file or exits 1 with its errors.
func loadOverrides(_ path: String?, taxonomy: Taxonomy) throws -> OverrideBook {
    guard let path else { return OverrideBook() }
    let (book, diagnostics) = OverrideLoader.load(path: path, taxonomy: taxonomy)
    for diagnostic in diagnostics { Console.error(diagnostic.description) }
    if diagnostics.contains(where: { $0.severity == .error }) {
        Console.error("error: the override file has errors; nothing was classified")
        throw ExitCode(1)
    }
    return book
}

/// Options on how registers are read, shared by classify and evaluate.
struct InputOptions: ParsableArguments {
    @Option(
        help: ArgumentHelp(
            "Text encoding of CSV/TSV inputs when it must not be detected: \(TextEncoding.acceptedNames).",
            valueName: "NAME"))
    var encoding: String?

    @Option(
        help: ArgumentHelp(
            "Worksheet of .xlsx inputs: a name or 1-based number (default: the first).", valueName: "SHEET"))
    var sheet: String?

    @Flag(help: "Stop at the first rejected row or unusable file; write and store nothing.")
    var strict = false

    @Option(help: "Worker threads (default: one per core); the output is the same for any number.")
    var threads: Int?

    @Flag(
        help: ArgumentHelp(
            "Do not look for repeated (code, year) rows: memory then stays constant however long the input "
                + "(the check keeps 16 bytes per row)."))
    var noDuplicateCheck = false

    func reading() throws -> ReadingOptions {
        var parsed: TextEncoding?
        if let encoding {
            guard let value = TextEncoding(name: encoding) else {
                throw ValidationError("unknown encoding '\(encoding)'; use one of \(TextEncoding.acceptedNames)")
            }
            parsed = value
        }
        var options = ReadingOptions(
            encoding: parsed, sheet: sheet, strict: strict, checkDuplicates: !noDuplicateCheck)
        if let threads {
            guard threads >= 1 else { throw ValidationError("--threads must be at least 1") }
            options.threads = threads
        }
        return options
    }
}

/// The rejects file beside an output file: `out/x.jsonl` → `out/x.rejects.csv`.
func defaultRejectsPath(forOutput output: String) -> String? {
    guard output != "-", !output.hasPrefix("/dev/") else { return nil }
    let url = URL(fileURLWithPath: output)
    return url.deletingPathExtension().appendingPathExtension("rejects.csv").path
}
