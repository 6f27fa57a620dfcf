import GreenstatCore
import GreenstatData
import XCTest

/// The classifier's stages, on the small fixture dictionary (independent of dictionary tuning).
final class ClassifierTests: XCTestCase {
    private static let classifier: Classifier = {
        let directory = try! Fixtures.miniTaxonomy()
        return Classifier(taxonomy: TaxonomyLoader.load(directory: directory).taxonomy!)
    }()

    private func classify(
        name: String = "上海某公司", main: String = "", scope: String = "", industry: String? = nil, share: String? = nil
    ) -> Classification {
        Self.classifier.classify(
            name: name, mainBusiness: main, businessScope: scope, industryCode: industry.flatMap(IndustryCode.init),
            greenShare: share.flatMap { Decimal(string: $0) })
    }

    func testPlainPhraseWithEvidence() {
        let result = classify(main: "重点排放单位碳排放核查")
        XCTAssertEqual(result.code?.rawValue, "0111")
        XCTAssertEqual(result.code?.division.rawValue, "011")
        XCTAssertEqual(result.code?.section.rawValue, "01")
        XCTAssertEqual(result.evidence.first?.field, "main_business")
        XCTAssertEqual(result.evidence.first?.text, "碳排放核查")
        XCTAssertTrue(result.evidence.first?.rule.contains("keywords.tsv:") ?? false)
        XCTAssertEqual(result.source, .rules)
        XCTAssertGreaterThan(result.confidence, 0.8)
        XCTAssertFalse(result.review)
    }

    func testCompoundOutweighsItsPart() {
        XCTAssertEqual(classify(main: "分布式光伏设备融资租赁").code?.rawValue, "0442")
        XCTAssertEqual(classify(main: "分布式光伏电站运维").code?.rawValue, "0221")
        XCTAssertEqual(classify(main: "光伏组件、逆变器批发").code?.rawValue, "0511")
        XCTAssertEqual(classify(main: "出口产品碳足迹核算").code?.rawValue, "0531")
        XCTAssertEqual(classify(main: "产品碳足迹核算").code?.rawValue, "0112")
    }

    func testGroupCompoundsMatchAnyTermOfEachGroup() {
        XCTAssertEqual(classify(main: "海上风电项目工程险经纪").code?.rawValue, "0431")
        XCTAssertEqual(classify(main: "分布式光伏电站保险").code?.rawValue, "0431")
        XCTAssertEqual(classify(main: "海上风电开发").code?.rawValue, "0223")
    }

    func testFirstListedClauseOfMainBusinessDecides() {
        let result = classify(main: "海运订舱与报关；少量海铁联运")
        XCTAssertNil(result.code)
        XCTAssertTrue(result.reason.contains("first-listed activity"), result.reason)
        XCTAssertEqual(classify(main: "海铁联运；报关").code?.rawValue, "0213")
    }

    func testEnumerationIsAPartialStep() {
        // Objects enumerated before the activity do not push the activity far down.
        XCTAssertEqual(classify(main: "风电、光伏电站保险").code?.rawValue, "0431")
    }

    func testCompoundNeedsTheSameClause() {
        // 光伏 and 融资租赁 in different clauses (；) do not make the compound.
        XCTAssertEqual(classify(main: "分布式光伏运维；设备融资租赁").code?.rawValue, "0221")
    }

    func testMaskHidesOnlyTheWord() {
        XCTAssertNil(classify(main: "碳素制品贸易").code)
        XCTAssertEqual(classify(main: "活性炭吸附及催化燃烧废气治理").code?.rawValue, "0231")
    }

    func testVetoDropsTheClause() {
        let result = classify(main: "新能源汽车维修保养")
        XCTAssertNil(result.code)
        // The veto voids only its own clause: the next clause still counts, the vetoed one adds nothing.
        let mixed = classify(main: "合同能源管理；新能源汽车维修保养")
        XCTAssertEqual(mixed.code?.rawValue, "0213")
        XCTAssertEqual(mixed.candidates.map(\.code.rawValue), ["0213"])
    }

    func testFirstListedActivityWins() {
        XCTAssertEqual(classify(main: "碳排放核查、产品碳足迹认证").code?.rawValue, "0111")
        XCTAssertEqual(classify(main: "产品碳足迹认证、碳排放核查").code?.rawValue, "0112")
    }

    func testFilledMainBusinessWithoutGreenEvidenceIsNotGreen() {
        let result = classify(main: "商务楼宇物业管理", scope: "物业管理；合同能源管理")
        XCTAssertNil(result.code)
        XCTAssertTrue(result.reason.contains("主营业务 names no green activity"), result.reason)
        XCTAssertEqual(result.candidates.first?.code.rawValue, "0213")
    }

    func testEmptyMainBusinessFallsBackToScopeSkippingGenericItems() {
        XCTAssertEqual(classify(scope: "技术服务、技术开发；合同能源管理；物业管理").code?.rawValue, "0213")
        // Far down a long list of other activities the same phrase is too weak.
        XCTAssertNil(classify(scope: "物业管理；保洁；家政；餐饮；会务；合同能源管理").code)
    }

    func testGreenShareBelowHalfIsNotGreen() {
        let result = classify(main: "合同能源管理", share: "0.3")
        XCTAssertNil(result.code)
        XCTAssertTrue(result.reason.contains("below 0.5"), result.reason)
        XCTAssertEqual(classify(main: "合同能源管理", share: "0.5").code?.rawValue, "0213")
    }

    func testASCIIAndFullWidthFolded() {
        XCTAssertEqual(classify(main: "ＣＣＥＲ项目开发").code?.rawValue, "0121")
        XCTAssertEqual(classify(main: "Ccer项目开发").code?.rawValue, "0121")
    }

    func testIndustryPriorBreaksTies() {
        // 碳足迹 and 太阳能 weigh the same here: a tie, broken by the concordance of 4416 太阳能发电.
        XCTAssertEqual(classify(main: "碳足迹与太阳能").code?.rawValue, "0112")
        let result = classify(main: "碳足迹与太阳能", industry: "4416")
        XCTAssertEqual(result.code?.rawValue, "0221")
        XCTAssertTrue(result.evidence.contains { $0.field == "industry_code" })
    }

    func testWeakEvidenceIsNotGreenAndCloseCallsGoToReview() {
        XCTAssertNil(classify(name: "上海新能源汽车销售有限公司").code)
        let close = classify(main: "碳足迹与太阳能")
        XCTAssertTrue(close.review, "confidence \(close.confidence)")
        XCTAssertEqual(close.candidates.count, 2)
    }

    func testOverrideAlwaysWinsAndIsMarked() throws {
        let code = Fixtures.creditCode("91310109MA7B3YFG5")
        var book = OverrideBook()
        let override = Override(
            creditCode: code, year: 2025, code: ClassCode("0261"), reason: "专家复核", decidedBy: "张三", date: "2025-06-30",
            origin: "o.csv:2")
        XCTAssertNil(book.add(override))
        XCTAssertNotNil(book.add(override), "a duplicate is refused")
        var record = EnterpriseRecord(creditCode: code, name: "上海甲", year: 2025, mainBusiness: "碳排放核查")
        let result = Self.classifier.classify(record, overrides: book)
        XCTAssertEqual(result.code?.rawValue, "0261")
        XCTAssertEqual(result.source, .override)
        XCTAssertEqual(result.confidence, 1)
        XCTAssertEqual(result.evidence.first?.field, "override")
        XCTAssertTrue(result.reason.contains("rules said 0111"), result.reason)
        record.year = 2024
        XCTAssertEqual(Self.classifier.classify(record, overrides: book).source, .rules)
    }
}
