import Foundation

/// A worked example attached to a class: a test case statisticians can run without Swift.
public struct TaxonomyExample: Sendable, Equatable {
    /// The class the example illustrates.
    public var classCode: ClassCode
    /// True: must classify to `classCode`. False: must not.
    public var isPositive: Bool
    /// 企业名称.
    public var name: String
    /// 主营业务.
    public var mainBusiness: String
    /// 经营范围.
    public var businessScope: String
    /// 行业代码, when given.
    public var industryCode: IndustryCode?
    /// 绿色业务占比, when given.
    public var greenShare: Decimal?
    /// Why the example is there.
    public var note: String
    /// File and line, for failure reports.
    public var origin: String

    /// Creates an example.
    public init(
        classCode: ClassCode, isPositive: Bool, name: String, mainBusiness: String, businessScope: String,
        industryCode: IndustryCode?, greenShare: Decimal?, note: String, origin: String
    ) {
        self.classCode = classCode
        self.isPositive = isPositive
        self.name = name
        self.mainBusiness = mainBusiness
        self.businessScope = businessScope
        self.industryCode = industryCode
        self.greenShare = greenShare
        self.note = note
        self.origin = origin
    }
}
