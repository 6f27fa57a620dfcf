import Foundation

/// One entry of the 虹口编码 tree: a 大类, 中类 or 小类 with its names and scope notes.
public struct TaxonomyNode: Sendable, Equatable {
    /// The level of a node in the tree.
    public enum Level: String, Sendable, CaseIterable {
        /// 大类, two digits.
        case section
        /// 中类, three digits.
        case division
        /// 小类, four digits.
        case `class`

        /// The number of digits of a code at this level.
        public var codeLength: Int {
            switch self {
            case .section: 2
            case .division: 3
            case .class: 4
            }
        }
    }

    /// The code as text (2, 3 or 4 digits).
    public var code: String
    /// The level.
    public var level: Level
    /// The parent's code, nil for a section.
    public var parent: String?
    /// Chinese name.
    public var nameZH: String
    /// English name.
    public var nameEN: String
    /// What belongs here.
    public var includes: String
    /// What does not belong here and where it goes.
    public var excludes: String
    /// For classes: the default green share used when a record gives none (spec rule 5).
    public var defaultShare: Decimal?
    /// For classes: why that default.
    public var shareBasis: String

    /// Creates a node.
    public init(
        code: String, level: Level, parent: String?, nameZH: String, nameEN: String, includes: String = "",
        excludes: String = "", defaultShare: Decimal? = nil, shareBasis: String = ""
    ) {
        self.code = code
        self.level = level
        self.parent = parent
        self.nameZH = nameZH
        self.nameEN = nameEN
        self.includes = includes
        self.excludes = excludes
        self.defaultShare = defaultShare
        self.shareBasis = shareBasis
    }
}
