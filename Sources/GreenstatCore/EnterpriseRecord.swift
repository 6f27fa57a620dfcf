import Foundation

/// One enterprise in one year, as read from a register: the input to classification.
public struct EnterpriseRecord: Sendable, Equatable {
    /// 统一社会信用代码.
    public var creditCode: CreditCode
    /// 企业名称.
    public var name: String
    /// 年份 (statistical year), when given.
    public var year: Int?
    /// 行业代码 (GB/T 4754-2017), when given and well-formed.
    public var industryCode: IndustryCode?
    /// 经营范围 (registered business scope).
    public var businessScope: String
    /// 主营业务 (main business), possibly empty.
    public var mainBusiness: String
    /// 营业收入 in 万元, when given.
    public var revenueWan: Decimal?
    /// 从业人员 (head count), when given.
    public var employees: Int?
    /// 绿色业务占比 as a fraction 0…1, when given.
    public var greenShare: Decimal?
    /// 街道 (street), when given.
    public var street: String?
    /// 节能量 in 吨标准煤, when given.
    public var energySavedTce: Decimal?
    /// Where the record came from.
    public var origin: RecordOrigin

    /// Creates a record; only the credit code and the name are required.
    public init(
        creditCode: CreditCode, name: String, year: Int? = nil, industryCode: IndustryCode? = nil,
        businessScope: String = "", mainBusiness: String = "", revenueWan: Decimal? = nil, employees: Int? = nil,
        greenShare: Decimal? = nil, street: String? = nil, energySavedTce: Decimal? = nil,
        origin: RecordOrigin = RecordOrigin(file: "", line: 0)
    ) {
        self.creditCode = creditCode
        self.name = name
        self.year = year
        self.industryCode = industryCode
        self.businessScope = businessScope
        self.mainBusiness = mainBusiness
        self.revenueWan = revenueWan
        self.employees = employees
        self.greenShare = greenShare
        self.street = street
        self.energySavedTce = energySavedTce
        self.origin = origin
    }
}

/// The file and line a record was read from.
public struct RecordOrigin: Sendable, Equatable, Hashable {
    /// The input file as named on the command line.
    public var file: String
    /// The 1-based line on which the record starts.
    public var line: Int

    /// Creates an origin.
    public init(file: String, line: Int) {
        self.file = file
        self.line = line
    }
}
