import Foundation
import GreenstatCore
import GreenstatTable

/// A register row that passed `RowChecker.inspect`: where its text fields are in the row's bytes
/// (trimmed), the values parsed from its other cells and its warnings. The classify stage works
/// from this and the row's bytes; `RowChecker.record(_:in:)` builds the `EnterpriseRecord` only
/// where one is kept. Refilled row after row.
public struct CheckedRow: Sendable {
    /// The 1-based line on which the row starts.
    public internal(set) var line = 0
    /// 统一社会信用代码 in the row's bytes; the code itself when `normalizedCreditCode` is nil.
    public internal(set) var creditCodeRange = 0..<0
    /// The code when it had to be trimmed or upper-cased to be valid.
    public internal(set) var normalizedCreditCode: CreditCode?
    /// 企业名称 in the row's bytes.
    public internal(set) var nameRange = 0..<0
    /// 经营范围 in the row's bytes.
    public internal(set) var scopeRange = 0..<0
    /// 主营业务 in the row's bytes.
    public internal(set) var mainRange = 0..<0
    /// 年份.
    public internal(set) var year: Int?
    /// 行业代码, when well-formed and a GB/T 4754-2017 class.
    public internal(set) var industryCode: IndustryCode?
    /// 营业收入 in 万元.
    public internal(set) var revenueWan: Decimal?
    /// 从业人员.
    public internal(set) var employees: Int?
    /// 绿色业务占比 as a fraction.
    public internal(set) var greenShare: Decimal?
    /// 街道 as written (trimmed) in the row's bytes.
    public internal(set) var streetRange = 0..<0
    /// The district street that 街道 names, as a position in
    /// `RegisterValidation.canonicalStreets`; -1 when it names none (or the register is not
    /// checked against the district's streets). `RowChecker.street(of:in:)` gives the text.
    public internal(set) var streetNumber: Int32 = -1
    /// 节能量 in 吨标准煤.
    public internal(set) var energySavedTce: Decimal?
    /// Warnings on the row.
    public internal(set) var warnings: [Diagnostic] = []

    /// An empty value, to be filled by `RowChecker.inspect`.
    public init() {}

    /// Empties the value for the row starting on `line`.
    mutating func reset(line: Int) {
        self = CheckedRow()
        self.line = line
    }

    /// The credit code (of the row `inspect` checked).
    public func creditCode(in row: RawRow) -> CreditCode {
        // `inspect` accepted the code: trimmed and upper-cased, or valid as written.
        normalizedCreditCode ?? withCreditCode(in: row) { CreditCode(asWritten: $0)! }
    }

    /// Runs `body` with the credit code's UTF-8 bytes (of the row `inspect` checked): the
    /// normalized code's, or the row's own when the code was valid as written.
    public func withCreditCode<Result>(in row: RawRow, _ body: (UnsafeBufferPointer<UInt8>) -> Result) -> Result {
        if let normalized = normalizedCreditCode {
            var text = normalized.rawValue
            return text.withUTF8(body)
        }
        return row.bytes.withUnsafeBufferPointer { body(UnsafeBufferPointer(rebasing: $0[creditCodeRange])) }
    }

    /// Runs `body` with the record's text fields borrowed from `row` (the row `inspect` checked).
    public func withText<Result>(in row: RawRow, _ body: (RecordText) -> Result) -> Result {
        row.bytes.withUnsafeBufferPointer { body(text(in: $0)) }
    }

    /// The record's text fields in `bytes`, the checked row's bytes (valid as long as they are).
    public func text(in bytes: UnsafeBufferPointer<UInt8>) -> RecordText {
        RecordText(
            name: UnsafeBufferPointer(rebasing: bytes[nameRange]),
            mainBusiness: UnsafeBufferPointer(rebasing: bytes[mainRange]),
            businessScope: UnsafeBufferPointer(rebasing: bytes[scopeRange]))
    }
}
