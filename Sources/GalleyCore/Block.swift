/// Block content of a division, a section, a list item, a note or a quote.
public indirect enum Block: Hashable, Sendable, Codable {
    case paragraph([Inline])
    /// A heading that did not become a section (inside a quote or list, or
    /// deeper than sections go). Headings at division level become `section`.
    case heading(level: Int, attributes: Attributes, content: [Inline])
    case blockQuote([Block])
    case list(List)
    case codeBlock(language: String?, text: String)
    case thematicBreak
    case table(Table)
    /// A fenced div (`::: signature`) or mapped HTML block container.
    case div(Attributes, [Block])
    /// A section opened by a heading; nests by level.
    case section(Section)
}

public struct Section: Hashable, Sendable, Codable {
    /// Heading level in the source (2 for `##` directly under a chapter's
    /// `#` title). Nesting, not this number, is what writers follow.
    public var level: Int
    public var attributes: Attributes
    public var title: [Inline]
    public var blocks: [Block]

    public init(level: Int, attributes: Attributes = .empty, title: [Inline], blocks: [Block] = []) {
        self.level = level
        self.attributes = attributes
        self.title = title
        self.blocks = blocks
    }
}

public struct List: Hashable, Sendable, Codable {
    public enum Kind: Hashable, Sendable, Codable {
        case bullet
        case ordered(start: Int)
    }
    public var kind: Kind
    /// A tight list has no blank lines between items (CommonMark).
    public var isTight: Bool
    public var items: [ListItem]

    public init(kind: Kind, isTight: Bool = true, items: [ListItem]) {
        self.kind = kind
        self.isTight = isTight
        self.items = items
    }
}

public struct ListItem: Hashable, Sendable, Codable {
    /// `nil` for an ordinary item; `true`/`false` for a GFM task item.
    public var task: Bool?
    public var blocks: [Block]

    public init(task: Bool? = nil, blocks: [Block]) {
        self.task = task
        self.blocks = blocks
    }
}

public struct Table: Hashable, Sendable, Codable {
    public enum Alignment: String, Hashable, Sendable, Codable {
        case none, left, center, right
    }
    public typealias Cell = [Inline]
    public var alignments: [Alignment]
    public var header: [Cell]
    public var rows: [[Cell]]

    public init(alignments: [Alignment], header: [Cell], rows: [[Cell]]) {
        self.alignments = alignments
        self.header = header
        self.rows = rows
    }

    public var columnCount: Int { alignments.count }
}
