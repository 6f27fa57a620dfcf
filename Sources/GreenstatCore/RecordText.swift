/// The text fields of one record as UTF-8 bytes, as the classifier reads them: 企业名称, 主营业务
/// (trimmed) and 经营范围. The buffers are borrowed: they must stay valid while the outcome that
/// refers to them is used (evidence is kept as byte ranges into them).
public struct RecordText {
    /// 企业名称.
    public var name: UnsafeBufferPointer<UInt8>
    /// 主营业务, without surrounding white space.
    public var mainBusiness: UnsafeBufferPointer<UInt8>
    /// 经营范围.
    public var businessScope: UnsafeBufferPointer<UInt8>

    /// Borrows the three fields.
    public init(
        name: UnsafeBufferPointer<UInt8>, mainBusiness: UnsafeBufferPointer<UInt8>,
        businessScope: UnsafeBufferPointer<UInt8>
    ) {
        self.name = name
        self.mainBusiness = mainBusiness
        self.businessScope = businessScope
    }

    /// The bytes of a text field.
    public func bytes(of field: OutcomeEvidence.Source) -> UnsafeBufferPointer<UInt8> {
        switch field {
        case .mainBusiness: mainBusiness
        case .name: name
        default: businessScope
        }
    }
}
