import GreenstatCore

/// The columns greenstat understands in a register, with the header names (Chinese and English)
/// each is recognised by. Matching folds case and full-width forms and ignores spaces, `_`, `-`
/// and a bracketed unit such as `（万元）`.
public enum RegisterField: String, CaseIterable, Sendable {
    /// 统一社会信用代码.
    case creditCode = "credit_code"
    /// 企业名称.
    case name
    /// 年份.
    case year
    /// 行业代码 (GB/T 4754-2017).
    case industryCode = "industry_code"
    /// 经营范围.
    case businessScope = "business_scope"
    /// 主营业务.
    case mainBusiness = "main_business"
    /// 营业收入 (万元).
    case revenueWan = "revenue_wan"
    /// 从业人员.
    case employees
    /// 绿色业务占比.
    case greenShare = "green_share"
    /// 街道.
    case street
    /// 节能量 (吨标准煤).
    case energySavedTce = "energy_saved_tce"
    /// The expected 小类 of a labeled (gold) file.
    case label

    /// Header names that mean this field.
    public var aliases: [String] {
        switch self {
        case .creditCode: ["统一社会信用代码", "社会信用代码", "信用代码", "credit_code", "uscc", "unified_social_credit_code"]
        case .name: ["企业名称", "单位名称", "企业(单位)名称", "名称", "name", "enterprise_name", "company_name"]
        case .year: ["年份", "年度", "统计年度", "报告年度", "year"]
        case .industryCode: ["行业代码", "国民经济行业代码", "行业分类代码", "国民经济行业分类代码", "industry_code", "gbt4754", "nic"]
        case .businessScope: ["经营范围", "business_scope", "scope"]
        case .mainBusiness: ["主营业务", "主要业务", "主营业务活动", "主要业务活动", "main_business", "main_activity"]
        case .revenueWan: ["营业收入", "营业收入合计", "revenue_wan", "revenue", "operating_revenue"]
        case .employees: ["从业人员", "从业人员数", "从业人员期末人数", "员工人数", "employees", "jobs", "headcount"]
        case .greenShare: ["绿色业务占比", "绿色收入占比", "绿色业务收入占比", "green_share", "green_ratio"]
        case .street: ["街道", "所属街道", "街道(镇)", "street", "subdistrict"]
        case .energySavedTce: ["节能量", "年节能量", "energy_saved_tce", "energy_saved"]
        case .label: ["label", "标注小类", "标注", "expected_code", "gold"]
        }
    }

    /// The header key of `name`: folded, without spaces, separators or a trailing bracketed unit.
    static func key(_ name: String) -> String {
        var text = String(decoding: TextNormalizer.fold(name.trimmingWhitespace()), as: UTF8.self)
        if text.hasSuffix(")"), let open = text.lastIndex(of: "("), open != text.startIndex {
            text = String(text[..<open])
        }
        return String(text.filter { $0 != " " && $0 != "_" && $0 != "-" && $0 != "\u{3000}" })
    }

    static let byKey: [String: RegisterField] = {
        var map: [String: RegisterField] = [:]
        for field in RegisterField.allCases {
            for alias in field.aliases { map[key(alias)] = field }
        }
        return map
    }()

    /// The field a header cell names, if any.
    public static func match(header: String) -> RegisterField? { byKey[key(header)] }
}

extension RegisterField {
    /// The field's position in `allCases` (a dense index for per-field tables).
    var position: Int {
        switch self {
        case .creditCode: 0
        case .name: 1
        case .year: 2
        case .industryCode: 3
        case .businessScope: 4
        case .mainBusiness: 5
        case .revenueWan: 6
        case .employees: 7
        case .greenShare: 8
        case .street: 9
        case .energySavedTce: 10
        case .label: 11
        }
    }
}
