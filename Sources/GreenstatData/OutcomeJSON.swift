import GreenstatCore

/// The fixed pieces of a classifier's JSON Lines output, written and escaped once per run
/// instead of once per record: per class the `code`, `class_name`, `division` and `section`
/// members and the quoted code; per include rule its quoted label; per evidence source its
/// quoted field name.
public struct OutcomeJSON: Sendable {
    /// Per class (as in `Taxonomy.classCodes`): `"code":…,"class_name":…,"division":…,"section":…`.
    let classMembers: [[UInt8]]
    /// The same members for "not green" (all null).
    let noClassMembers: [UInt8]
    /// Per class: its code as a JSON string.
    let classCodes: [[UInt8]]
    /// Per include rule: its label as a JSON string.
    let ruleLabels: [[UInt8]]
    /// Per evidence source (by raw value): its field name as a JSON string.
    let fieldLabels: [[UInt8]]
    /// The members of a record without green evidence (`writeOutcomeMembers` of such an
    /// outcome), with 主营业务 filled (0) and empty (1): the same for every such record.
    private(set) var noEvidenceMembers: [[UInt8]] = []

    /// Writes the pieces of `classifier`.
    public init(classifier: Classifier) {
        let codes = classifier.taxonomy.classCodes
        classMembers = codes.indices.map { position in
            let code = codes[position]
            return JSONText.members { json in
                ClassificationFormat.addClassMembers(
                    code: code, className: classifier.className(at: position), into: &json)
            }
        }
        noClassMembers = JSONText.members { ClassificationFormat.addClassMembers(code: nil, className: "", into: &$0) }
        classCodes = codes.map { JSONText.quoted($0.rawValue) }
        ruleLabels = (0..<classifier.includeRuleCount).map { JSONText.quoted(classifier.ruleLabel($0)) }
        fieldLabels = (0...OutcomeEvidence.Source.greenShare.rawValue).map {
            JSONText.quoted(OutcomeEvidence.Source(rawValue: $0)!.label)
        }
        let empty = UnsafeBufferPointer<UInt8>(start: nil, count: 0)
        let noText = RecordText(name: empty, mainBusiness: empty, businessScope: empty)
        noEvidenceMembers = [false, true].map { mainIsEmpty in
            JSONText.members { [self] json in
                ClassificationFormat.writeOutcomeMembers(
                    .noEvidence(mainIsEmpty: mainIsEmpty), text: noText, classifier: classifier, pieces: self,
                    into: &json)
            }
        }
    }
}
