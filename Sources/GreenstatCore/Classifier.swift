import Foundation
import GreenstatBytes

/// The explainable rule-based classifier of the 虹口编码.
///
/// Stages, for each record: (1) fold each text field and find every dictionary phrase in one
/// automaton pass; (2) drop matches hidden by `mask` phrases and clauses hit by `veto` phrases;
/// (3) score classes per listed item — strongest rule per class and item, times the field's
/// weight, times a position factor that favours first-listed activities (spec rule 1), where of
/// two overlapping matches for different classes only the heavier counts; (4) add
/// the industry-code concordance as a prior to classes the text already supports; (5) decide:
/// a filled 主营业务 without green evidence, a score below the minimum, or a 绿色业务占比 below
/// 50% (spec rule 4) means not green; otherwise the best class, with confidence from the
/// evidence's strength and the margin over the runner-up. Overrides are applied by `classify`
/// before any of this.
public struct Classifier: Sendable {
    /// The taxonomy the classifier was built from.
    public let taxonomy: Taxonomy
    /// The scoring knobs.
    public let settings: ClassifierSettings

    private let matcher: MultiPatternMatcher
    /// Where 主营业务 and 经营范围 may be cut for the segment memo, and the memo's owner token.
    private let separators: SegmentSeparators
    private let memoOwner = SegmentMemoOwner()
    /// `settings.minimumShare` as text, written once (a Decimal's text is slow to make).
    private let minimumShareText: String
    /// Whether an atom takes part in an include rule (only such matches can complete one).
    private let atomIsInclude: [Bool]
    /// The include rules anchored on an atom (an atom of the rule's anchor part), flat the same
    /// way: what `canFire` checks.
    private let anchorRuleStart: [Int32]
    private let anchorRules: [Int32]
    /// Per atom, the fields (bits) of the include rules anchored on it, and of the plain ones
    /// among them: a field can have evidence only where one of its matches has its bit in the
    /// first, and surely has where one has it in the second.
    private let atomAnchorFields: [UInt8]
    private let atomPlainFields: [UInt8]
    private let atomMask: [UInt8]
    private let atomVeto: [UInt8]
    private let atomNeutral: [UInt8]
    /// Per include rule, flat for the hot loop: the fields it applies to, whether it is a plain
    /// phrase (not a compound), its class and weight.
    private let ruleFields: [UInt8]
    private let ruleIsPlain: [Bool]
    private let ruleClass: [Int]
    private let ruleWeight: [Double]
    /// What each include rule is called in evidence: pattern, class and source line.
    private let ruleLabels: [String]
    /// The parts of each include rule, flat: rule `r` has parts `ruleParts[r]` (indices into
    /// `partStarts`), part `p` the atoms `partAtoms[partStarts[p]..<partStarts[p + 1]]`.
    private let ruleParts: [Range<Int>]
    private let partStarts: [Int]
    private let partAtoms: [Int32]
    /// The number of dictionary atoms (the size of a presence bitset).
    private let atomCount: Int
    private let classCodes: [ClassCode]
    private let classIndex: [ClassCode: Int]
    private let classNames: [String]
    /// The concordance as class positions by industry code number, in file order: code `n`
    /// speaks for `industryClasses[industryClassStart[n]..<industryClassStart[n + 1]]`.
    private let industryClassStart: [Int32]
    private let industryClasses: [Int32]
    /// The GB/T 4754-2017 name of each 小类, by code number ("" for none).
    private let industryClassNames: [String]

    struct CompiledRule: Sendable {
        var parts: [[Int32]]
        var classIndex: Int
        var weight: Double
        var fields: UInt8
        var label: String
    }

    /// Compiles the dictionary of `taxonomy` into one automaton.
    public init(taxonomy: Taxonomy, settings: ClassifierSettings = ClassifierSettings()) {
        self.taxonomy = taxonomy
        self.settings = settings
        minimumShareText = "\(settings.minimumShare)"
        classCodes = taxonomy.classCodes
        var index: [ClassCode: Int] = [:]
        for (position, code) in classCodes.enumerated() { index[code] = position }
        classIndex = index
        classNames = classCodes.map { taxonomy.node($0.rawValue)?.nameZH ?? "" }
        var byIndustry = [[Int32]](repeating: [], count: 10_000)
        for entry in taxonomy.concordance {
            if let position = index[entry.classCode] {
                byIndustry[Int(entry.industryCode.number)].append(Int32(position))
            }
        }
        (industryClassStart, industryClasses) = Self.flattened(byIndustry)
        var industryNames = [String](repeating: "", count: 10_000)
        for (code, name) in taxonomy.industryNames {
            if let industry = IndustryCode(code) { industryNames[Int(industry.number)] = name }
        }
        industryClassNames = industryNames

        var atomIDs: [[UInt8]: Int32] = [:]
        var atoms: [[UInt8]] = []
        func atom(_ text: String) -> Int32 {
            let bytes = TextNormalizer.fold(text)
            if let id = atomIDs[bytes] { return id }
            let id = Int32(atoms.count)
            atomIDs[bytes] = id
            atoms.append(bytes)
            return id
        }
        var compiled: [CompiledRule] = []
        var maskBits: [Int32: UInt8] = [:]
        var vetoBits: [Int32: UInt8] = [:]
        var neutralBits: [Int32: UInt8] = [:]
        for rule in taxonomy.rules {
            let partSets = rule.alternatives.map { Array(Set($0.map(atom))).sorted() }
            let ids = partSets.flatMap { $0 }
            switch rule.kind {
            case .include:
                guard let code = rule.classCode, let position = index[code] else { continue }
                compiled.append(
                    CompiledRule(
                        parts: partSets, classIndex: position, weight: rule.weight, fields: rule.fields.rawValue,
                        label: "\(rule.pattern) → \(code) [\(rule.origin)]"))
            case .mask: for id in ids { maskBits[id, default: 0] |= rule.fields.rawValue }
            case .veto: for id in ids { vetoBits[id, default: 0] |= rule.fields.rawValue }
            case .neutral: for id in ids { neutralBits[id, default: 0] |= rule.fields.rawValue }
            }
        }
        var byAtom = [[Int32]](repeating: [], count: atoms.count)
        for (position, rule) in compiled.enumerated() {
            for id in Set(rule.parts.flatMap { $0 }) { byAtom[Int(id)].append(Int32(position)) }
        }
        func bits(_ map: [Int32: UInt8]) -> [UInt8] {
            var out = [UInt8](repeating: 0, count: atoms.count)
            for (id, value) in map { out[Int(id)] = value }
            return out
        }
        matcher = MultiPatternMatcher(patterns: atoms)
        separators = SegmentSeparators(patterns: atoms)
        atomIsInclude = byAtom.map { !$0.isEmpty }
        // A rule can fire only where its anchor part is present: for a compound, the part whose
        // atoms take part in the fewest rules (the specific one, 碳 rather than 服务), so the
        // generic atoms found in most records lead to no rule check at all.
        var byAnchor = [[Int32]](repeating: [], count: atoms.count)
        for (position, rule) in compiled.enumerated() {
            let anchor = rule.parts.min { first, second in
                first.reduce(0) { $0 + byAtom[Int($1)].count } < second.reduce(0) { $0 + byAtom[Int($1)].count }
            }
            for id in anchor ?? [] { byAnchor[Int(id)].append(Int32(position)) }
        }
        (anchorRuleStart, anchorRules) = Self.flattened(byAnchor)
        atomAnchorFields = byAnchor.map { rules in rules.reduce(0) { $0 | compiled[Int($1)].fields } }
        atomPlainFields = byAnchor.map { rules in
            rules.reduce(0) { $0 | (compiled[Int($1)].parts.count == 1 ? compiled[Int($1)].fields : 0) }
        }
        atomMask = bits(maskBits)
        atomVeto = bits(vetoBits)
        atomNeutral = bits(neutralBits)
        ruleFields = compiled.map(\.fields)
        ruleIsPlain = compiled.map { $0.parts.count == 1 }
        ruleClass = compiled.map(\.classIndex)
        ruleWeight = compiled.map(\.weight)
        ruleLabels = compiled.map(\.label)
        var partRanges: [Range<Int>] = []
        var starts: [Int] = [0]
        var flat: [Int32] = []
        for rule in compiled {
            let first = starts.count - 1
            for part in rule.parts {
                flat.append(contentsOf: part)
                starts.append(flat.count)
            }
            partRanges.append(first..<(starts.count - 1))
        }
        ruleParts = partRanges
        partStarts = starts
        partAtoms = flat
        atomCount = atoms.count
    }

    /// Lists as one flat array and where each starts: list `i` is
    /// `flat[starts[i]..<starts[i + 1]]`.
    private static func flattened(_ lists: [[Int32]]) -> (starts: [Int32], flat: [Int32]) {
        var starts: [Int32] = [0]
        for list in lists { starts.append(starts.last! + Int32(list.count)) }
        return (starts, lists.flatMap { $0 })
    }

    /// Whether some include rule for field `fieldBit` can fire on `found`: a plain phrase, or a
    /// compound with an atom of every part somewhere in the field (a superset of what `score`
    /// finds, so skipping a field when this is false changes nothing).
    private func canFire(
        _ found: UnsafeBufferPointer<PatternMatch>, field fieldBit: UInt8, present bits: inout [UInt64]
    ) -> Bool {
        withAtomsPresent(found, in: &bits) { present in
            for match in found {
                for slot in anchoredRules(of: match.atom) {
                    let rule = Int(anchorRules[slot])
                    guard ruleFields[rule] & fieldBit != 0 else { continue }
                    if ruleIsPlain[rule] || allPartsPresent(rule, present) { return true }
                }
            }
            return false
        }
    }

    /// The slots of `anchorRules` holding the include rules anchored on `atom`.
    @inline(__always)
    private func anchoredRules(of atom: Int) -> Range<Int> {
        Int(anchorRuleStart[atom])..<Int(anchorRuleStart[atom + 1])
    }

    /// Runs `body` with `bits` (sized for every atom, all zero between uses) marking the atoms of
    /// `matches`; clears them afterwards.
    @inline(__always)
    private func withAtomsPresent<Matches: Collection<PatternMatch>, Result>(
        _ matches: Matches, in bits: inout [UInt64], _ body: (UnsafeMutablePointer<UInt64>) -> Result
    ) -> Result {
        let words = (atomCount + 63) >> 6
        if bits.count != words { bits = [UInt64](repeating: 0, count: words) }
        return bits.withUnsafeMutableBufferPointer { buffer in
            let present = buffer.baseAddress!
            for match in matches { present[match.atom >> 6] |= 1 << UInt64(match.atom & 63) }
            defer { for match in matches { present[match.atom >> 6] = 0 } }
            return body(present)
        }
    }

    /// Whether every part of compound rule `rule` has an atom set in `present`.
    @inline(__always)
    private func allPartsPresent(_ rule: Int, _ present: UnsafeMutablePointer<UInt64>) -> Bool {
        for part in ruleParts[rule] {
            var found = false
            for slot in partStarts[part]..<partStarts[part + 1] {
                let atom = Int(partAtoms[slot])
                if present[atom >> 6] & (1 << UInt64(atom & 63)) != 0 {
                    found = true
                    break
                }
            }
            if !found { return false }
        }
        return true
    }

    /// Classifies `record`; an override from `overrides` for its credit code and year wins.
    /// `scratch` is working memory reused between calls (one per thread); without it each call
    /// makes its own.
    public func classify(
        _ record: EnterpriseRecord, overrides: OverrideBook? = nil, scratch: ClassifierScratch? = nil
    ) -> Classification {
        var result = classify(
            name: record.name, mainBusiness: record.mainBusiness, businessScope: record.businessScope,
            industryCode: record.industryCode, greenShare: record.greenShare, scratch: scratch)
        if let override = overrides?.lookup(record.creditCode, year: record.year) {
            result = apply(override, to: result)
        }
        return result
    }

    /// Replaces a rule-based result by a manual determination, keeping the rules' candidates.
    public func apply(_ override: Override, to result: Classification) -> Classification {
        let what = override.code.map { "\($0) \(name(of: $0))" } ?? "not green"
        let evidence = Evidence(
            field: "override",
            text: override.reason,
            rule: "人工核定 by \(override.decidedBy) on \(override.date) [\(override.origin)]",
            classCode: override.code, weight: 0)
        let agreed =
            result.code == override.code ? "rules agreed" : "rules said \(result.code?.rawValue ?? "not green")"
        return Classification(
            code: override.code, confidence: 1, review: false, evidence: [evidence] + result.evidence,
            candidates: result.candidates, source: .override,
            reason: "人工核定: \(what) — \(override.reason) (\(agreed))", override: override)
    }

    /// The dictionary pass alone — fold the three fields and scan them for every phrase — and
    /// the number of matches: what `evaluate` costs before any rule logic (for benchmarks).
    public func dictionaryMatchCount(in text: RecordText, scratch: ClassifierScratch) -> Int {
        let state = scratch.state
        state.pointee.allFound.removeAll(keepingCapacity: true)
        _ = scanFields(
            text, combined: &state.pointee.combined, found: &state.pointee.allFound,
            buffers: &state.pointee.matchBuffers, memo: &state.pointee.memo)
        return state.pointee.allFound.count
    }

    /// The dictionary pass of `evaluate`: folds the three fields of `text` into `combined`
    /// (working space, grown as needed and kept), each followed by a byte no pattern contains
    /// (so no match spans two fields), and appends every dictionary phrase in them to `found`,
    /// in order of match end. 主营业务 and 经营范围, made of recurring phrases, go through the
    /// segment memo; the name, unique to each record, is scanned directly. Returns the fields'
    /// ranges in `combined`.
    private func scanFields(
        _ text: RecordText, combined: inout [UInt8], found: inout [PatternMatch], buffers: inout MatchBuffers,
        memo: inout SegmentMemo
    ) -> (main: Range<Int>, name: Range<Int>, scope: Range<Int>) {
        let needed = text.mainBusiness.count + text.name.count + text.businessScope.count + 3
        if combined.count < needed { combined = [UInt8](repeating: 0, count: max(needed, 2 * combined.count)) }
        return combined.withUnsafeMutableBufferPointer { buffer in
            let base = buffer.baseAddress!
            func memoized(_ field: UnsafeBufferPointer<UInt8>, at start: Int) -> Range<Int> {
                let end = memo.foldAndScan(
                    field, separators: separators, matcher: matcher, token: memoOwner, into: base, at: start,
                    found: &found, buffers: &buffers)
                base[end] = MultiPatternMatcher.fieldSeparator
                return start..<end
            }
            let main = memoized(text.mainBusiness, at: 0)
            let nameStart = main.upperBound + 1
            let nameEnd =
                nameStart
                + TextNormalizer.fold(
                    text.name,
                    into: UnsafeMutableBufferPointer(rebasing: buffer[nameStart..<(nameStart + text.name.count)]))
            base[nameEnd] = MultiPatternMatcher.fieldSeparator
            let first = found.count
            matcher.collectMatches(
                in: UnsafeBufferPointer(start: base + nameStart, count: nameEnd - nameStart), into: &found,
                buffers: &buffers)
            found.shift(from: first, by: nameStart)
            let scope = memoized(text.businessScope, at: nameEnd + 1)
            return (main, nameStart..<nameEnd, scope)
        }
    }

    /// The Chinese name of a class.
    public func name(of code: ClassCode) -> String { classIndex[code].map { classNames[$0] } ?? "" }

    /// Classifies the text of one enterprise (`scratch`: working memory reused between calls).
    public func classify(
        name: String, mainBusiness: String, businessScope: String, industryCode: IndustryCode?,
        greenShare: Decimal?, scratch: ClassifierScratch? = nil
    ) -> Classification {
        let scratch = scratch ?? ClassifierScratch()
        var name = name
        var main = mainBusiness.trimmingWhitespace()
        var scope = businessScope
        var outcome = RuleOutcome()
        return name.withUTF8 { name in
            main.withUTF8 { main in
                scope.withUTF8 { scope in
                    let text = RecordText(name: name, mainBusiness: main, businessScope: scope)
                    evaluate(text, industryCode: industryCode, greenShare: greenShare, scratch: scratch, into: &outcome)
                    return classification(of: outcome, text: text)
                }
            }
        }
    }

    /// Runs the rules on one record's text without building any string: the outcome keeps the
    /// evidence as byte ranges of `text` and rule numbers. `outcome` is refilled (its storage
    /// reused); `scratch` is working memory reused between calls.
    public func evaluate(
        _ text: RecordText, industryCode: IndustryCode?, greenShare: Decimal?, scratch: ClassifierScratch,
        into outcome: inout RuleOutcome
    ) {
        evaluate(
            text, industryCode: industryCode, greenShare: greenShare, scratch: &scratch.state.pointee, into: &outcome)
    }

    private func evaluate(
        _ text: RecordText, industryCode: IndustryCode?, greenShare: Decimal?, scratch: inout ClassifierScratch.State,
        into outcome: inout RuleOutcome
    ) {
        outcome.reset(mainIsEmpty: text.mainBusiness.isEmpty)
        // Zeroed only when a field has evidence to score (most records have none).
        var main = ClassifierScratch.take(&scratch.scores)
        var other = ClassifierScratch.take(&scratch.otherScores)
        // The three fields folded into one buffer and every dictionary phrase in them.
        var combined: [UInt8] = []
        swap(&combined, &scratch.combined)
        var found = ClassifierScratch.take(&scratch.allFound)
        defer {
            scratch.scores = main
            scratch.otherScores = other
            scratch.combined = combined
            scratch.allFound = found
        }
        let ranges = scanFields(
            text, combined: &combined, found: &found, buffers: &scratch.matchBuffers, memo: &scratch.memo)
        var next = 0
        /// Scores one field: its folded bytes and its matches (rebased to the field's start).
        func scoreField(
            _ range: Range<Int>, _ source: OutcomeEvidence.Source, _ field: KeywordRule.Fields, _ weight: Double,
            into scores: inout [Double]
        ) -> FieldSummary {
            let first = next
            var anchorFields: UInt8 = 0
            var plainFields: UInt8 = 0
            while next < found.count && found[next].to <= range.upperBound {
                anchorFields |= atomAnchorFields[found[next].atom]
                plainFields |= atomPlainFields[found[next].atom]
                next += 1
            }
            // A field where no include rule can fire (no plain phrase for this field, no compound
            // with every part present) needs no segmentation at all: most fields.
            guard anchorFields & field.rawValue != 0 else { return FieldSummary() }
            let fires =
                plainFields & field.rawValue != 0
                || found.withUnsafeBufferPointer { all in
                    canFire(
                        UnsafeBufferPointer(rebasing: all[first..<next]), field: field.rawValue,
                        present: &scratch.present)
                }
            guard fires else { return FieldSummary() }
            // The field's matches, rebased to its start.
            var fieldFound = ClassifierScratch.take(&scratch.found)
            defer { scratch.found = fieldFound }
            for var match in found[first..<next] {
                match.start -= Int32(range.lowerBound)
                match.end -= Int32(range.lowerBound)
                fieldFound.append(match)
            }
            if scores.isEmpty { ClassifierScratch.reset(&scores, to: 0, count: classCodes.count) }
            return combined.withUnsafeBufferPointer { combined in
                score(
                    text.bytes(of: source), UnsafeBufferPointer(rebasing: combined[range]), &fieldFound, source: source,
                    field: field, weight: weight, into: &scores, &outcome.evidence, scratch: &scratch)
            }
        }
        let mainSummary = scoreField(ranges.0, .mainBusiness, .main, settings.mainWeight, into: &main)
        _ = scoreField(ranges.1, .name, .name, settings.nameWeight, into: &other)
        _ = scoreField(ranges.2, .businessScope, .scope, settings.scopeWeight, into: &other)
        // No green evidence at all (most records): nothing to rank.
        if outcome.evidence.isEmpty { return }
        if main.isEmpty { ClassifierScratch.reset(&main, to: 0, count: classCodes.count) }
        if other.isEmpty { ClassifierScratch.reset(&other, to: 0, count: classCodes.count) }
        var total = ClassifierScratch.take(&scratch.total)
        var ranked = ClassifierScratch.take(&scratch.ranked)
        defer {
            scratch.total = total
            scratch.ranked = ranked
        }
        for position in main.indices { total.append(main[position] + other[position]) }

        if let industryCode {
            let number = Int(industryCode.number)
            for slot in Int(industryClassStart[number])..<Int(industryClassStart[number + 1]) {
                let position = Int(industryClasses[slot])
                guard total[position] > 0 else { continue }
                total[position] += settings.industryPrior
                outcome.industryCode = industryCode
                outcome.evidence.append(
                    OutcomeEvidence(
                        source: .industryCode, start: 0, end: 0, rule: -1, classIndex: Int32(position),
                        weight: settings.industryPrior))
            }
        }

        for position in total.indices where total[position] > 0 { ranked.append(position) }
        ranked.sort { total[$0] != total[$1] ? total[$0] > total[$1] : $0 < $1 }
        for position in ranked.prefix(settings.candidateLimit) {
            outcome.candidates.append(
                OutcomeCandidate(classIndex: position, score: (total[position] * 100).rounded() / 100))
        }
        outcome.evidence.sort { $0.weight > $1.weight }

        guard let best = ranked.first else {
            outcome.candidates.removeAll(keepingCapacity: true)
            return
        }
        let top = total[best]
        outcome.best = best
        outcome.top = top
        if ranked.count > 1 {
            outcome.runnerUp = ranked[1]
            outcome.second = total[ranked[1]]
        }
        let strength = min(1, top / settings.fullStrength)
        // Not green although some green evidence was found: less sure the stronger that evidence.
        func notGreen(_ verdict: RuleOutcome.Verdict, confidence: Double) {
            outcome.verdict = verdict
            outcome.confidence = confidence
            outcome.review = confidence < settings.reviewBelow
        }
        if !text.mainBusiness.isEmpty && main.allSatisfy({ $0 == 0 }) {
            return notGreen(.mainNotGreen, confidence: 1 - 0.5 * strength)
        }
        if !text.mainBusiness.isEmpty && !mainSummary.firstClauseHasEvidence {
            return notGreen(.firstNotGreen, confidence: 1 - 0.4 * strength)
        }
        if top < settings.minimumScore {
            return notGreen(.tooWeak, confidence: 1 - 0.5 * top / settings.minimumScore)
        }
        if let greenShare, greenShare < settings.minimumShare {
            outcome.evidence.insert(
                OutcomeEvidence(source: .greenShare, start: 0, end: 0, rule: -1, classIndex: -1, weight: 0), at: 0)
            outcome.greenShare = greenShare
            outcome.verdict = .shareBelow
            outcome.confidence = 0.9
            outcome.review = false
            return
        }
        let margin = (top - outcome.second) / top
        outcome.verdict = .green
        outcome.confidence = ((strength * (0.4 + 0.6 * margin)) * 1000).rounded() / 1000
        outcome.review = outcome.confidence < settings.reviewBelow
        outcome.evidence.removeAll { $0.classIndex < 0 }
    }

    /// The class at `position` of `Taxonomy.classCodes` (as in `OutcomeCandidate.classIndex`).
    public func classCode(at position: Int) -> ClassCode { classCodes[position] }

    /// The number of include rules (evidence from text names one by its number).
    public var includeRuleCount: Int { ruleLabels.count }

    /// What include rule `rule` is called in evidence: pattern, class and source line.
    public func ruleLabel(_ rule: Int) -> String { ruleLabels[rule] }

    /// The Chinese name of the class at `position`.
    public func className(at position: Int) -> String { classNames[position] }

    /// The 小类 of an outcome: the best class when green, else nil.
    public func code(of outcome: RuleOutcome) -> ClassCode? {
        outcome.verdict == .green ? classCodes[outcome.best] : nil
    }

    /// The `Classification` an outcome stands for, with its text built from `text` (the same
    /// record text the outcome was evaluated on).
    public func classification(of outcome: RuleOutcome, text: RecordText) -> Classification {
        Classification(
            code: code(of: outcome), confidence: outcome.confidence, review: outcome.review,
            evidence: outcome.evidence.map { item in
                Evidence(
                    field: item.source.label, text: evidenceText(item, of: outcome, text: text),
                    rule: rule(of: item, outcome),
                    classCode: item.classIndex < 0 ? nil : classCodes[Int(item.classIndex)], weight: item.weight)
            },
            candidates: outcome.candidates.map { Candidate(code: classCodes[$0.classIndex], score: $0.score) },
            source: .rules, reason: reason(of: outcome, text: text))
    }

    /// The text of a piece of evidence: the matched text as written, the industry code with its
    /// name, or the share.
    public func evidenceText(_ item: OutcomeEvidence, of outcome: RuleOutcome, text: RecordText) -> String {
        var written = ""
        writeEvidenceText(item, of: outcome, text: text, to: &written)
        return written
    }

    /// Writes `evidenceText` to `sink`.
    public func writeEvidenceText<Sink: TextSink & ~Copyable>(
        _ item: OutcomeEvidence, of outcome: RuleOutcome, text: RecordText, to sink: inout Sink
    ) {
        switch item.source {
        case .mainBusiness, .name, .businessScope:
            sink.write(
                bytes: UnsafeBufferPointer(rebasing: text.bytes(of: item.source)[Int(item.start)..<Int(item.end)]))
        case .industryCode:
            guard let code = outcome.industryCode else { return }
            code.withDigits { sink.write(bytes: $0) }
            sink.write(" ")
            sink.write(industryClassNames[Int(code.number)])
        case .greenShare:
            if let share = outcome.greenShare { sink.write("\(share)") }
        }
    }

    /// The rule behind a piece of evidence: a dictionary pattern with its file and line, or a
    /// named rule.
    public func rule(of item: OutcomeEvidence, _ outcome: RuleOutcome) -> String {
        var written = ""
        writeRule(of: item, outcome, to: &written)
        return written
    }

    /// Writes `rule(of:_:)` to `sink`.
    public func writeRule<Sink: TextSink & ~Copyable>(
        of item: OutcomeEvidence, _ outcome: RuleOutcome, to sink: inout Sink
    ) {
        switch item.source {
        case .mainBusiness, .name, .businessScope: sink.write(ruleLabels[Int(item.rule)])
        case .industryCode:
            guard let code = outcome.industryCode, item.classIndex >= 0 else { return }
            sink.write("concordance ")
            code.withDigits { sink.write(bytes: $0) }
            sink.write(" → ")
            sink.write(classCodes[Int(item.classIndex)].rawValue)
        case .greenShare:
            sink.write("spec rule 4: share ≥ ")
            sink.write(minimumShareText)
        }
    }

    /// The one sentence saying why.
    public func reason(of outcome: RuleOutcome, text: RecordText) -> String {
        var reason = ""
        writeReason(of: outcome, text: text, to: &reason)
        return reason
    }

    /// Writes `reason(of:text:)` to `sink`, piece by piece.
    public func writeReason<Sink: TextSink & ~Copyable>(of outcome: RuleOutcome, text: RecordText, to sink: inout Sink)
    {
        func writeBest() {
            if outcome.best >= 0 {
                sink.write(classCodes[outcome.best].rawValue)
                sink.write(" ")
                sink.write(classNames[outcome.best])
            }
        }
        switch outcome.verdict {
        case .noEvidence:
            sink.write(
                outcome.mainIsEmpty
                    ? "no green evidence in 企业名称 or 经营范围" : "no green evidence in 企业名称, 主营业务 or 经营范围")
        case .mainNotGreen:
            sink.write("主营业务 names no green activity; evidence for ")
            writeBest()
            sink.write(" in 企业名称/经营范围 does not make it green (spec rule 1)")
        case .firstNotGreen:
            sink.write("the first-listed activity of 主营业务 is not green; ")
            writeBest()
            sink.write(" appears only further down (spec rule 1)")
        case .tooWeak:
            sink.write("evidence too weak: best ")
            writeBest()
            sink.write(" scored ")
            sink.write(fixed: outcome.top, decimals: 2)
            sink.write(" < ")
            sink.write(fixed: settings.minimumScore, decimals: 2)
        case .shareBelow:
            sink.write("绿色业务占比 ")
            if let share = outcome.greenShare { sink.write("\(share)") }
            sink.write(" is below ")
            sink.write(minimumShareText)
            sink.write(": green activity is not the main business (spec rule 4)")
        case .green:
            writeBest()
            sink.write(": score ")
            sink.write(fixed: outcome.top, decimals: 2)
            if let lead = outcome.evidence.first(where: { $0.classIndex == outcome.best }) {
                sink.write(", led by '")
                writeEvidenceText(lead, of: outcome, text: text, to: &sink)
                sink.write("' in ")
                sink.write(lead.source.label)
            }
            if outcome.runnerUp >= 0 {
                sink.write("; runner-up ")
                sink.write(classCodes[outcome.runnerUp].rawValue)
                sink.write(" ")
                sink.write(classNames[outcome.runnerUp])
                sink.write(" ")
                sink.write(fixed: outcome.second, decimals: 2)
            }
        }
    }

    /// What scoring a field found out about its first listed activity.
    struct FieldSummary {
        /// The clause of the first substantive item, if any.
        var firstClause: Int?
        /// Whether that clause carries green evidence.
        var firstClauseHasEvidence = false
    }

    /// Scores one field: `original` as written, `bytes` its folded form, `found` the dictionary
    /// matches in `bytes` (at least one of an include phrase). Working arrays come from
    /// `scratch`, so scoring allocates nothing once they have grown.
    private func score(
        _ original: UnsafeBufferPointer<UInt8>, _ bytes: UnsafeBufferPointer<UInt8>, _ found: inout [PatternMatch],
        source: OutcomeEvidence.Source, field: KeywordRule.Fields, weight fieldWeight: Double,
        into scores: inout [Double], _ evidence: inout [OutcomeEvidence], scratch: inout ClassifierScratch.State
    ) -> FieldSummary {
        var summary = FieldSummary()
        let fieldBit = field.rawValue
        let count = bytes.count
        // Swapped out and back: moving the arrays costs no reference counting.
        var work = ScoreBuffers()
        swap(&work, &scratch.scoreBuffers)
        defer { swap(&work, &scratch.scoreBuffers) }

        // Segment into items (weak separators) and clauses (strong separators).
        ClassifierScratch.reset(&work.itemOf, to: 0, count: count)
        ClassifierScratch.reset(&work.clauseOfItem, to: 0, count: 1)
        work.hasContent.removeAll(keepingCapacity: true)
        ClassifierScratch.reset(&work.fullStepBefore, to: false, count: 1)
        var item = 0
        var clause = 0
        // Whether the current item has text other than spaces, tabs and parentheses (kept in a
        // local and stored when the item ends: no array write per byte).
        var content = false
        do {
            work.itemOf.withUnsafeMutableBufferPointer { itemOf in
                var index = 0
                let base = bytes.baseAddress!
                while index < count {
                    // Eight bytes at a time up to the first that may start a separator (most text).
                    if index &+ 8 <= count {
                        let word = ByteWord.load(base + index)
                        let marks = Self.separatorStarts(word)
                        let run = marks == 0 ? 8 : ByteWord.firstMarked(marks)
                        if run > 0 {
                            let current = Int32(truncatingIfNeeded: item)
                            for offset in 0..<run { itemOf[index &+ offset] = current }
                            if !content && Self.hasNonBlank(word, first: run) { content = true }
                            index &+= run
                            continue
                        }
                    }
                    let byte = bytes[index]
                    // Most bytes: part of a character that is neither a separator nor blank.
                    if byte >= 0x80 && byte != 0xE3 && byte != 0xE5 {
                        itemOf[index] = Int32(truncatingIfNeeded: item)
                        content = true
                        index &+= 1
                        continue
                    }
                    var length = 0
                    var strong = false
                    var full = false
                    switch byte {
                    case UInt8(ascii: ";"), UInt8(ascii: "\n"), UInt8(ascii: "\r"), UInt8(ascii: ":"):
                        length = 1
                        strong = true
                    case UInt8(ascii: ","):
                        length = 1
                        full = true
                    case UInt8(ascii: "/"):
                        length = 1
                    case 0xE3 where index + 2 < count && bytes[index + 1] == 0x80:
                        if bytes[index + 2] == 0x81 {
                            length = 3
                        } else if bytes[index + 2] == 0x82 {
                            length = 3
                            strong = true
                        }
                    case 0xE5 where index + 2 < count && bytes[index + 1] == 0x8F && bytes[index + 2] == 0x8A:
                        length = 3
                    default: break
                    }
                    if length > 0 {
                        for offset in 0..<length { itemOf[index + offset] = Int32(truncatingIfNeeded: item) }
                        work.hasContent.append(content)
                        content = false
                        item += 1
                        if strong { clause += 1 }
                        work.clauseOfItem.append(clause)
                        work.fullStepBefore.append(strong || full)
                        index += length
                    } else {
                        itemOf[index] = Int32(truncatingIfNeeded: item)
                        if byte != 32 && byte != UInt8(ascii: "(") && byte != UInt8(ascii: ")") && byte != 9 {
                            content = true
                        }
                        index += 1
                    }
                }
            }
        }
        work.hasContent.append(content)
        let itemCount = item + 1

        work.masks.removeAll(keepingCapacity: true)
        for match in found where atomMask[match.atom] & fieldBit != 0 { work.masks.append(match) }
        if !work.masks.isEmpty {
            let masks = work.masks
            found.removeAll { match in
                atomMask[match.atom] & fieldBit == 0 && masks.contains { match.from < $0.to && $0.from < match.to }
            }
        }
        ClassifierScratch.reset(&work.vetoed, to: false, count: clause + 1)
        ClassifierScratch.reset(&work.neutral, to: false, count: itemCount)
        for match in found {
            let matchItem = Int(work.itemOf[match.from])
            if atomVeto[match.atom] & fieldBit != 0 { work.vetoed[work.clauseOfItem[matchItem]] = true }
            if atomNeutral[match.atom] & fieldBit != 0 { work.neutral[matchItem] = true }
        }

        // Include rules: plain phrases per occurrence, compounds once per clause. Only matches
        // of include phrases can complete a compound.
        work.includeFound.removeAll(keepingCapacity: true)
        for match in found where atomIsInclude[match.atom] { work.includeFound.append(match) }
        // The include matches of each clause, in found order (a stable counting sort), so the
        // search for a compound's other parts looks only inside the clause.
        ClassifierScratch.reset(&work.clauseStart, to: 0, count: clause + 2)
        for match in work.includeFound {
            work.clauseStart[work.clauseOfItem[Int(work.itemOf[match.from])] + 1] += 1
        }
        for index in 0...clause { work.clauseStart[index + 1] += work.clauseStart[index] }
        work.fill.removeAll(keepingCapacity: true)
        work.fill.append(contentsOf: work.clauseStart)
        // Positions in `includeFound`, clause by clause.
        ClassifierScratch.reset(&work.byClause, to: 0, count: work.includeFound.count)
        for (index, match) in work.includeFound.enumerated() {
            let matchClause = work.clauseOfItem[Int(work.itemOf[match.from])]
            work.byClause[work.fill[matchClause]] = index
            work.fill[matchClause] += 1
        }
        work.hits.removeAll(keepingCapacity: true)
        // Whether a compound is complete in a clause does not depend on which of its matches
        // anchors the search, so each (rule, clause) is tried once, from the first of its
        // matches in the clause; a compound with a part nowhere in the field is not tried at
        // all. Rules are reached through their anchors (碳, not 服务: a generic atom's many
        // compounds are not walked), and each hit keeps its place in the order of a walk over
        // every match and every rule of its atom — (match, rule) — so the hits are sorted into
        // exactly that order afterwards.
        work.tried.removeAll(keepingCapacity: true)
        let includeFound = work.includeFound
        let ruleCount = ruleLabels.count
        withAtomsPresent(includeFound, in: &scratch.present) { present in
            for (index, match) in includeFound.enumerated() {
                let matchItem = Int(work.itemOf[match.from])
                let matchClause = work.clauseOfItem[matchItem]
                if work.vetoed[matchClause] { continue }
                for slot in anchoredRules(of: match.atom) {
                    let ruleIndex = Int(anchorRules[slot])
                    guard ruleFields[ruleIndex] & fieldBit != 0 else { continue }
                    if ruleIsPlain[ruleIndex] {
                        work.hits.append(
                            ScoreHit(
                                item: matchItem, classIndex: ruleClass[ruleIndex], weight: ruleWeight[ruleIndex],
                                rule: ruleIndex, start: match.from, end: match.to,
                                order: index &* ruleCount &+ ruleIndex))
                        continue
                    }
                    guard allPartsPresent(ruleIndex, present) else { continue }
                    let key = ruleIndex &* 65_536 &+ matchClause
                    if !work.tried.insert(key).inserted { continue }
                    let clauseSlots = work.clauseStart[matchClause]..<work.clauseStart[matchClause + 1]
                    // The first match of the clause with an atom of the rule: where the search starts.
                    var anchorIndex = index
                    for slot in clauseSlots where ruleHolds(ruleIndex, includeFound[work.byClause[slot]].atom) {
                        anchorIndex = work.byClause[slot]
                        break
                    }
                    let anchor = includeFound[anchorIndex]
                    // The tightest span holding one occurrence of every part, anchored on that match.
                    var firstItem = Int(work.itemOf[anchor.from])
                    var start = anchor.from
                    var end = anchor.to
                    var complete = true
                    for part in ruleParts[ruleIndex] {
                        let atoms = partStarts[part]..<partStarts[part + 1]
                        if partHolds(atoms, anchor.atom) { continue }
                        var nearest: PatternMatch?
                        var nearestDistance = Int.max
                        for slot in clauseSlots {
                            let other = includeFound[work.byClause[slot]]
                            guard partHolds(atoms, other.atom) else { continue }
                            let distance =
                                other.from >= anchor.to ? other.from - anchor.to : max(0, anchor.from - other.to)
                            if distance < nearestDistance {
                                nearest = other
                                nearestDistance = distance
                            }
                        }
                        guard let nearest else {
                            complete = false
                            break
                        }
                        firstItem = min(firstItem, Int(work.itemOf[nearest.from]))
                        start = min(start, nearest.from)
                        end = max(end, nearest.to)
                    }
                    if complete {
                        work.hits.append(
                            ScoreHit(
                                item: firstItem, classIndex: ruleClass[ruleIndex], weight: ruleWeight[ruleIndex],
                                rule: ruleIndex, start: start, end: end, order: anchorIndex &* ruleCount &+ ruleIndex))
                    }
                }
            }
        }
        if work.hits.count > 1 { work.hits.sort { $0.order < $1.order } }
        if work.hits.isEmpty { return summary }

        // Where two hits for different classes overlap in the text, the more specific (heavier)
        // one wins: 光伏设备融资租赁 is leasing (0442), not also a vote for 光伏 (0221).
        if work.hits.count > 1 {
            // Only overlapping pairs are compared: hits in order of start, each against the hits
            // that start before it ends.
            let hitCount = work.hits.count
            ClassifierScratch.reset(&work.dominated, to: false, count: hitCount)
            work.byStart.removeAll(keepingCapacity: true)
            work.byStart.append(contentsOf: 0..<hitCount)
            work.hits.withUnsafeBufferPointer { hits in
                work.byStart.sort { (hits[$0].start, $0) < (hits[$1].start, $1) }
                work.byStart.withUnsafeBufferPointer { order in
                    work.dominated.withUnsafeMutableBufferPointer { dominated in
                        for (position, index) in order.enumerated() {
                            let hit = hits[index]
                            var next = position + 1
                            while next < hitCount, hits[order[next]].start < hit.end {
                                let other = hits[order[next]]
                                if other.classIndex != hit.classIndex {
                                    if other.weight > hit.weight { dominated[index] = true }
                                    if hit.weight > other.weight { dominated[order[next]] = true }
                                }
                                next += 1
                            }
                        }
                    }
                }
            }
            work.kept.removeAll(keepingCapacity: true)
            for index in 0..<hitCount where !work.dominated[index] { work.kept.append(work.hits[index]) }
            swap(&work.hits, &work.kept)
        }

        // Rank items: those with only generic (neutral) text or no text do not count; a new
        // clause or a comma is a full step, an enumeration (、 及 /) inside a clause a partial one.
        ClassifierScratch.reset(&work.hasHit, to: false, count: itemCount)
        for hit in work.hits { work.hasHit[hit.item] = true }
        ClassifierScratch.reset(&work.rank, to: 0, count: itemCount)
        var position = 0.0
        var seenSubstantive = false
        var fullStepPending = false
        for index in 0..<itemCount {
            if work.fullStepBefore[index] { fullStepPending = true }
            let substantive = work.hasContent[index] && (work.hasHit[index] || !work.neutral[index])
            if substantive {
                if seenSubstantive { position += fullStepPending ? 1 : settings.enumerationStep }
                seenSubstantive = true
                fullStepPending = false
                if summary.firstClause == nil { summary.firstClause = work.clauseOfItem[index] }
            }
            work.rank[index] = position
        }
        for hit in work.hits where work.clauseOfItem[hit.item] == summary.firstClause {
            summary.firstClauseHasEvidence = true
        }

        // Strongest rule per (item, class).
        work.hits.sort { ($0.item, $0.classIndex, $1.weight) < ($1.item, $1.classIndex, $0.weight) }
        work.best.removeAll(keepingCapacity: true)
        for hit in work.hits
        where work.best.last.map({ $0.item != hit.item || $0.classIndex != hit.classIndex }) ?? true {
            work.best.append(hit)
        }
        // Folding keeps every character's length but for the full-width forms and U+3000, so a
        // field just as long folded has each byte where it was written (most fields).
        let sameOffsets = count == original.count
        if !sameOffsets { TextNormalizer.foldOrigins(original, bytes: &work.refolded, origins: &work.origins) }
        for hit in work.best {
            let contribution = hit.weight * fieldWeight / (1 + work.rank[hit.item])
            scores[hit.classIndex] += contribution
            var from = hit.start
            var to = hit.end
            if !sameOffsets {
                from = Int(work.origins[hit.start])
                to = Int(work.origins[hit.end])
                if hit.end > 0, Int(work.origins[hit.end - 1]) >= to { to = Int(work.origins[hit.end - 1]) + 1 }
            }
            // Whole characters as written.
            while from > 0, original[from] & 0xC0 == 0x80 { from -= 1 }
            while to < original.count, original[to] & 0xC0 == 0x80 { to += 1 }
            evidence.append(
                OutcomeEvidence(
                    source: source, start: Int32(from), end: Int32(to), rule: Int32(hit.rule),
                    classIndex: Int32(hit.classIndex), weight: (contribution * 100).rounded() / 100))
        }
        return summary
    }

    /// The top bit of each byte of `word` equal to `byte`, and no other bit.
    @inline(__always)
    private static func bytes(of word: UInt64, equalTo byte: UInt8) -> UInt64 {
        ByteWord.equalBytes(word, ByteWord.repeating(byte))
    }

    /// The top bit of each byte of `word` (first byte lowest) where a separator may start: one
    /// of `; \n \r : , /`, or 、。 (E3 80 …) or 及 (E5 8F 8A) — a lead byte followed by the
    /// right second byte, or as the last byte (its next byte is in the next word).
    @inline(__always)
    private static func separatorStarts(_ word: UInt64) -> UInt64 {
        let last: UInt64 = 0x80 << 56
        let ascii =
            bytes(of: word, equalTo: 0x3B) | bytes(of: word, equalTo: 0x0A) | bytes(of: word, equalTo: 0x0D)
            | bytes(of: word, equalTo: 0x3A) | bytes(of: word, equalTo: 0x2C) | bytes(of: word, equalTo: 0x2F)
        let ideographic = bytes(of: word, equalTo: 0xE3) & ((bytes(of: word, equalTo: 0x80) >> 8) | last)
        let and = bytes(of: word, equalTo: 0xE5) & ((bytes(of: word, equalTo: 0x8F) >> 8) | last)
        return ascii | ideographic | and
    }

    /// Whether one of the first `count` (1…8) bytes of `word` is not a space, a tab or a
    /// parenthesis.
    @inline(__always)
    private static func hasNonBlank(_ word: UInt64, first count: Int) -> Bool {
        let blank =
            bytes(of: word, equalTo: 0x20) | bytes(of: word, equalTo: 0x09) | bytes(of: word, equalTo: 0x28)
            | bytes(of: word, equalTo: 0x29)
        let inRange: UInt64 = count >= 8 ? ~0 : (1 << UInt64(count &* 8)) &- 1
        return ~blank & 0x8080_8080_8080_8080 & inRange != 0
    }

    /// Whether `atom` is in a part of rule `rule`.
    @inline(__always)
    private func ruleHolds(_ rule: Int, _ atom: Int) -> Bool {
        for part in ruleParts[rule] where partHolds(partStarts[part]..<partStarts[part + 1], atom) { return true }
        return false
    }

    /// Whether the sorted atoms `partAtoms[atoms]` hold `atom`.
    @inline(__always)
    private func partHolds(_ atoms: Range<Int>, _ atom: Int) -> Bool {
        var low = atoms.lowerBound
        var high = atoms.upperBound
        let target = Int32(atom)
        while low < high {
            let middle = (low + high) >> 1
            if partAtoms[middle] < target { low = middle + 1 } else { high = middle }
        }
        return low < atoms.upperBound && partAtoms[low] == target
    }
}
