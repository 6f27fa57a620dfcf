import Foundation

/// A classified green enterprise-year as the measurement sees it.
public struct MeasuredRecord: Sendable, Equatable {
    /// The enterprise.
    public var creditCode: CreditCode
    /// The year.
    public var year: Int
    /// Its 小类.
    public var code: ClassCode
    /// Its GB/T 4754 code, when known.
    public var industryCode: IndustryCode?
    /// Its street, when known.
    public var street: String?
    /// 营业收入, when given.
    public var revenue: Money?
    /// 从业人员, when given.
    public var employees: Int?
    /// 绿色业务占比, when given.
    public var greenShare: Decimal?

    /// Creates a record.
    public init(
        creditCode: CreditCode, year: Int, code: ClassCode, industryCode: IndustryCode? = nil, street: String? = nil,
        revenue: Money? = nil, employees: Int? = nil, greenShare: Decimal? = nil
    ) {
        self.creditCode = creditCode
        self.year = year
        self.code = code
        self.industryCode = industryCode
        self.street = street
        self.revenue = revenue
        self.employees = employees
        self.greenShare = greenShare
    }
}

/// One GB/T 4754 industry's totals in one year, from the statistics bureau (行业数据整合法 input).
public struct IndustryTotal: Sendable, Equatable {
    /// The industry class.
    public var industryCode: IndustryCode
    /// The year.
    public var year: Int
    /// 营业收入 of the whole industry in the district.
    public var revenue: Money
    /// 从业人员 of the whole industry.
    public var employees: Int
    /// Number of enterprises, when known.
    public var enterprises: Int?

    /// Creates a total.
    public init(industryCode: IndustryCode, year: Int, revenue: Money, employees: Int, enterprises: Int? = nil) {
        self.industryCode = industryCode
        self.year = year
        self.revenue = revenue
        self.employees = employees
        self.enterprises = enterprises
    }
}

/// What part of an industry the register already covers (all surveyed enterprises, green or not).
public struct SurveyedShare: Sendable, Equatable {
    /// Their 营业收入.
    public var revenue = Money.zero
    /// Their 从业人员.
    public var employees = 0

    /// Nothing surveyed.
    public init() {}

    /// Adds one surveyed enterprise.
    public mutating func add(revenue: Money?, employees: Int?) {
        self.revenue = self.revenue + (revenue ?? .zero)
        self.employees += employees ?? 0
    }
}
