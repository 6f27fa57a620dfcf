// greenstat-bench-io: throughput of the input layer, for scripts/bench_decode.sh and bench_xlsx.sh.
//
//   greenstat-bench-io decode FILE [ENCODING]   decode text to UTF-8 (TranscodingByteSource), count bytes and lines
//   greenstat-bench-io rows FILE [SHEET]        open by content (CSV/TSV/.xlsx) and count rows and cells
//   greenstat-bench-io raw FILE                 the UTF-8 CSV reader alone (no sniffing or decoding): the baseline
//   greenstat-bench-io register FILE [SHEET]    read as a register (header mapping, checks) and count records
//   greenstat-bench-io stages FILE [TAXONOMY]   one thread, cumulative passes over the same blocks: cut, parse,
//                                               check, classify, format JSON; prints each stage's cost per row
//   greenstat-bench-io scan FILE [TAXONOMY]     the automaton alone, built from all phrases and from subsets:
//                                               scan cost per row by automaton size and number of matches
//
// Prints one line: what was measured, MB/s or rows/s, and the peak resident memory (getrusage).

import Foundation
import GreenstatCore
import GreenstatData
import GreenstatTable

#if canImport(Glibc)
    import Glibc
#endif

func now() -> Double {
    var spec = timespec()
    clock_gettime(CLOCK_MONOTONIC, &spec)
    return Double(spec.tv_sec) + Double(spec.tv_nsec) / 1e9
}

func peakResidentMiB() -> Double {
    var usage = rusage()
    getrusage(RUSAGE_SELF.rawValue, &usage)
    return Double(usage.ru_maxrss) / 1024
}

func fileSize(_ path: String) -> Int {
    var info = stat()
    return stat(path, &info) == 0 ? Int(info.st_size) : 0
}

/// The taxonomy in `directory`, or exit with a message.
func loadTaxonomy(_ directory: String) -> Taxonomy {
    guard let taxonomy = TaxonomyLoader.load(directory: directory).taxonomy else {
        FileHandle.standardError.write(Data("the taxonomy in \(directory) does not load\n".utf8))
        exit(2)
    }
    return taxonomy
}

let arguments = CommandLine.arguments
guard arguments.count >= 3 else {
    FileHandle.standardError.write(
        Data("usage: greenstat-bench-io decode|rows|raw|register FILE [ENCODING|SHEET]\n".utf8))
    exit(64)
}
let mode = arguments[1]
let path = arguments[2]
let extra = arguments.count > 3 ? arguments[3] : nil
let size = fileSize(path)

do {
    let start = now()
    switch mode {
    case "decode":
        let encoding = extra.flatMap(TextEncoding.init(name:))
        let source = try TranscodingByteSource(source: try FileByteSource(path: path), encoding: encoding, name: path)
        var buffer: [UInt8] = []
        buffer.reserveCapacity(1 << 20)
        var produced = 0
        var lines = 0
        while true {
            buffer.removeAll(keepingCapacity: true)
            let got = try source.read(into: &buffer, maxCount: 1 << 20)
            if got == 0 { break }
            produced += got
            lines += buffer.withUnsafeBufferPointer { pointer in
                var count = 0
                var cursor = UnsafeRawPointer(pointer.baseAddress!)
                let end = cursor + pointer.count
                while cursor < end, let found = memchr(cursor, 0x0A, end - cursor) {
                    count += 1
                    cursor = UnsafeRawPointer(found) + 1
                }
                return count
            }
        }
        let seconds = now() - start
        print(
            String(
                format: "decode %@ (%@): %.1f MB in, %.1f MB UTF-8 out, %d lines, %.2f s, %.0f MB/s, peak RSS %.0f MiB",
                path, source.encoding.displayName, Double(size) / 1e6, Double(produced) / 1e6, lines, seconds,
                Double(size) / 1e6 / seconds, peakResidentMiB()))
    case "rows":
        var table = try TableFile.open(path: path, options: TableOpenOptions(sheet: extra))
        var rows = 0
        var cells = 0
        while let row = try table.rows.next() {
            rows += 1
            cells += row.fields.count
        }
        let seconds = now() - start
        print(
            String(
                format: "rows %@: %d rows, %d cells, %.2f s, %.0f rows/s, %.0f MB/s of file, peak RSS %.0f MiB",
                path, rows, cells, seconds, Double(rows) / seconds, Double(size) / 1e6 / seconds, peakResidentMiB()))
    case "raw":
        // The CSV reader straight over the file, without content sniffing or decoding (the baseline).
        var reader = try DelimitedReader(source: try FileByteSource(path: path))
        var rows = 0
        var cells = 0
        while let row = try reader.next() {
            rows += 1
            cells += row.fields.count
        }
        let seconds = now() - start
        print(
            String(
                format: "raw %@: %d rows, %d cells, %.2f s, %.0f rows/s, %.0f MB/s of file, peak RSS %.0f MiB",
                path, rows, cells, seconds, Double(rows) / seconds, Double(size) / 1e6 / seconds, peakResidentMiB()))
    case "register":
        var reader = try RegisterReader(path: path, sheet: extra)
        var accepted = 0
        var rejected = 0
        while let row = try reader.next() {
            if case .accepted = row { accepted += 1 } else { rejected += 1 }
        }
        let seconds = now() - start
        print(
            String(
                format: "register %@: %d accepted, %d rejected, %.2f s, %.0f rows/s, peak RSS %.0f MiB", path,
                accepted, rejected, seconds, Double(accepted + rejected) / seconds, peakResidentMiB()))
    case "stages":
        let taxonomy = loadTaxonomy(extra ?? "taxonomy")
        let classifier = Classifier(taxonomy: taxonomy)
        let pieces = OutcomeJSON(classifier: classifier)
        let quotedPath = JSONText.quoted(path)
        var reader = try RegisterReader(path: path, validation: RegisterValidation(taxonomy: taxonomy))
        let checker = reader.checker
        let cutStart = now()
        var blocks: [DelimitedBlock] = []
        while let chunk = try reader.nextChunk(targetBytes: 1 << 20) {
            if case .block(let block) = chunk { blocks.append(block) }
        }
        var timings: [(String, Double)] = [("cut", now() - cutStart)]
        var rows = 0
        let scratch = ClassifierScratch()
        var split: [(Int, Double)] = [(0, 0), (0, 0), (0, 0)]
        var checked = CheckedRow()
        var outcome = RuleOutcome()
        // Each pass runs three times and the fastest counts (a shared machine's noise only adds).
        for depth in 1...4 {
            var fastest = Double.infinity
            for round in 0..<3 {
                let passStart = now()
                var raw = RawRow()
                var json = JSONText(capacity: 1 << 22)
                var count = 0
                for block in blocks {
                    var parser = DelimitedBlockParser(block)
                    while parser.next(into: &raw) {
                        count += 1
                        guard depth >= 2, checker.inspect(raw, into: &checked) == nil else { continue }
                        guard depth >= 3 else { continue }
                        checked.withText(in: raw) { text in
                            let before = depth == 3 && round == 0 ? now() : 0
                            classifier.evaluate(
                                text, industryCode: checked.industryCode, greenShare: checked.greenShare,
                                scratch: scratch,
                                into: &outcome)
                            if depth == 3 && round == 0 {
                                let spent = now() - before
                                let kind = outcome.isGreen ? 0 : outcome.evidence.isEmpty ? 2 : 1
                                split[kind].0 += 1
                                split[kind].1 += spent
                            }
                            guard depth >= 4 else { return }
                            ClassificationFormat.writeJSON(
                                checked, in: raw, text: text, file: quotedPath, line: raw.line, outcome: outcome,
                                classifier: classifier, pieces: pieces, into: &json)
                            json.endLine()
                            if json.count > 1 << 22 { json.removeAll() }
                        }
                    }
                }
                rows = count
                fastest = min(fastest, now() - passStart)
            }
            timings.append((["parse", "check", "classify", "format"][depth - 1], fastest))
        }
        // The dictionary pass alone (fold, then fold and scan) over the accepted rows.
        var dictionary: [Double] = []
        var matchTotal = 0
        for scan in [false, true] {
            matchTotal = 0
            let passStart = now()
            var raw = RawRow()
            var folded: [UInt8] = []
            for block in blocks {
                var parser = DelimitedBlockParser(block)
                while parser.next(into: &raw) {
                    guard checker.inspect(raw, into: &checked) == nil else { continue }
                    checked.withText(in: raw) { text in
                        if scan {
                            matchTotal += classifier.dictionaryMatchCount(in: text, scratch: scratch)
                        } else {
                            folded.removeAll(keepingCapacity: true)
                            for field in [text.mainBusiness, text.name, text.businessScope] {
                                TextNormalizer.fold(field, into: &folded)
                            }
                            matchTotal += folded.count & 1
                        }
                    }
                }
            }
            dictionary.append(now() - passStart - timings[2].1)
        }
        var previous = 0.0
        var line = "stages \(path): \(rows) rows, µs per row:"
        for (index, (name, seconds)) in timings.enumerated() {
            let own = index <= 1 ? seconds : seconds - previous
            if index >= 1 { previous = seconds }
            line += String(format: " %@ %.2f", name, own / Double(max(1, rows)) * 1e6)
        }
        for (name, (count, seconds)) in zip(["green", "not green with evidence", "no evidence"], split) {
            line += String(format: "; %@: %d rows, %.2f µs each", name, count, seconds / Double(max(1, count)) * 1e6)
        }
        line += String(
            format: "; inside classify: fold %.2f, fold and scan %.2f (%.1f matches a row)",
            dictionary[0] / Double(max(1, rows)) * 1e6, dictionary[1] / Double(max(1, rows)) * 1e6,
            Double(matchTotal) / Double(max(1, rows)))
        print(line)
    case "scan":
        // The automaton alone over the folded text of the first 200k accepted rows, built from
        // all dictionary phrases and from subsets: what the scan costs by automaton size and by
        // number of matches.
        let taxonomy = loadTaxonomy(extra ?? "taxonomy")
        var atoms = Set<[UInt8]>()
        var kinds: [[UInt8]: KeywordRule.Kind] = [:]
        for rule in taxonomy.rules {
            for alternative in rule.alternatives {
                for text in alternative {
                    let atom = TextNormalizer.fold(text)
                    atoms.insert(atom)
                    kinds[atom] = rule.kind
                }
            }
        }
        let all = atoms.sorted { $0.lexicographicallyPrecedes($1) }
        var reader = try RegisterReader(path: path, validation: RegisterValidation(taxonomy: taxonomy))
        let checker = reader.checker
        var texts: [UInt8] = []
        var bounds: [Int] = [0]
        var checked = CheckedRow()
        var raw = RawRow()
        while let chunk = try reader.nextChunk(targetBytes: 1 << 20), bounds.count < 200_001 {
            guard case .block(let block) = chunk else { continue }
            var parser = DelimitedBlockParser(block)
            while parser.next(into: &raw) {
                guard checker.inspect(raw, into: &checked) == nil else { continue }
                checked.withText(in: raw) { text in
                    for field in [text.mainBusiness, text.name, text.businessScope] {
                        TextNormalizer.fold(field, into: &texts)
                        texts.append(0)
                    }
                }
                bounds.append(texts.count)
            }
        }
        let sets: [(String, [[UInt8]])] = [
            ("all phrases", all), ("include phrases", all.filter { kinds[$0] == .include }),
            ("all but neutral", all.filter { kinds[$0] != .neutral }), ("up to 6 bytes", all.filter { $0.count <= 6 }),
            ("100 phrases", Array(all.prefix(100))),
        ]
        for (name, patterns) in sets {
            let matcher = MultiPatternMatcher(patterns: patterns)
            var buffers = MatchBuffers()
            var found: [PatternMatch] = []
            var total = 0
            let t0 = now()
            texts.withUnsafeBufferPointer { all in
                for index in 0..<(bounds.count - 1) {
                    found.removeAll(keepingCapacity: true)
                    matcher.collectMatches(
                        in: UnsafeBufferPointer(rebasing: all[bounds[index]..<bounds[index + 1]]), into: &found,
                        buffers: &buffers)
                    total += found.count
                }
            }
            let t1 = now()
            var plain = 0
            texts.withUnsafeBufferPointer { all in
                for index in 0..<(bounds.count - 1) {
                    matcher.forEachMatch(in: UnsafeBufferPointer(rebasing: all[bounds[index]..<bounds[index + 1]])) {
                        _, _, _ in plain += 1
                    }
                }
            }
            let t2 = now()
            let rows = Double(bounds.count - 1)
            print(
                String(
                    format:
                        "%@: %d patterns, %d states, lockstep %.3f µs/row, plain %.3f µs/row, %.1f matches/row, %.0f bytes/row",
                    name, patterns.count, matcher.stateCount, (t1 - t0) / rows * 1e6, (t2 - t1) / rows * 1e6,
                    Double(total) / rows, Double(texts.count) / rows))
        }
    default:
        FileHandle.standardError.write(Data("unknown mode \(mode)\n".utf8))
        exit(64)
    }
} catch {
    FileHandle.standardError.write(Data("error: \(error)\n".utf8))
    exit(2)
}
