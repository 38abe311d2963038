/// A whole book: metadata plus its divisions in reading order.
public struct Book: Hashable, Sendable, Codable {
    public var metadata: Metadata
    public var divisions: [Division]

    public init(metadata: Metadata, divisions: [Division]) {
        self.metadata = metadata
        self.divisions = divisions
    }
}

/// One chapter file: a front-matter piece, a chapter, a part, an appendix…
public struct Division: Hashable, Sendable, Codable {
    public var role: DivisionRole
    /// ASCII, unique in the book, stable across builds (e.g. `ch003`, or
    /// the `{#id}` given on the title heading).
    public var id: String
    /// Path of the chapter file relative to `Source/` (`preface.md`).
    public var sourcePath: String
    /// The first level-1 heading; may be empty (a dedication has none).
    public var title: [Inline]
    public var attributes: Attributes
    /// BCP 47 tag when the chapter's front matter sets its own language.
    public var language: String?
    /// Blocks before the first section, then `.section` blocks.
    public var blocks: [Block]
    /// Footnote definitions by label, in order of first reference.
    public var footnotes: [Footnote]
    /// 0 for a division of the book; a chapter nested under the division
    /// before it (an mdBook or GitBook sub-chapter) is one deeper. The EPUB
    /// nav nests it, DocBook and the text make it a section of its parent.
    public var depth: Int

    public init(
        role: DivisionRole, id: String, sourcePath: String, title: [Inline],
        attributes: Attributes = .empty, language: String? = nil,
        blocks: [Block], footnotes: [Footnote] = [], depth: Int = 0
    ) {
        self.role = role
        self.id = id
        self.sourcePath = sourcePath
        self.title = title
        self.attributes = attributes
        self.language = language
        self.blocks = blocks
        self.footnotes = footnotes
        self.depth = depth
    }

    private enum CodingKeys: String, CodingKey {
        case role, id, sourcePath, title, attributes, language, blocks, footnotes, depth
    }

    // `depth` is written only when it is not 0, so trees of flat books read as before.
    public init(from decoder: Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        role = try container.decode(DivisionRole.self, forKey: .role)
        id = try container.decode(String.self, forKey: .id)
        sourcePath = try container.decode(String.self, forKey: .sourcePath)
        title = try container.decode([Inline].self, forKey: .title)
        attributes = try container.decode(Attributes.self, forKey: .attributes)
        language = try container.decodeIfPresent(String.self, forKey: .language)
        blocks = try container.decode([Block].self, forKey: .blocks)
        footnotes = try container.decode([Footnote].self, forKey: .footnotes)
        depth = try container.decodeIfPresent(Int.self, forKey: .depth) ?? 0
    }

    public func encode(to encoder: Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(role, forKey: .role)
        try container.encode(id, forKey: .id)
        try container.encode(sourcePath, forKey: .sourcePath)
        try container.encode(title, forKey: .title)
        try container.encode(attributes, forKey: .attributes)
        try container.encodeIfPresent(language, forKey: .language)
        try container.encode(blocks, forKey: .blocks)
        try container.encode(footnotes, forKey: .footnotes)
        if depth != 0 { try container.encode(depth, forKey: .depth) }
    }
}

public struct Footnote: Hashable, Sendable, Codable {
    /// The label as written (`[^1]` → "1"); references use it.
    public var label: String
    /// 1-based number in its division, set by the `NumberFootnotes` transform.
    public var number: Int
    /// ASCII id unique in the book (`fn-ch003-1`).
    public var id: String
    public var blocks: [Block]

    public init(label: String, number: Int = 0, id: String = "", blocks: [Block]) {
        self.label = label
        self.number = number
        self.id = id
        self.blocks = blocks
    }
}

/// What a division is, by the names production editors use (EPUB
/// structural semantics; DocBook has an element for most).
public enum DivisionRole: String, Hashable, Sendable, Codable, CaseIterable {
    case cover, titlepage, copyright, dedication, epigraph, preface, foreword,
        introduction, prologue, chapter, part, appendix, afterword, epilogue,
        conclusion, colophon, acknowledgments, bibliography, glossary, index

    /// Where the role sits in a book (EPUB frontmatter/bodymatter/backmatter).
    public var matter: Matter {
        switch self {
        case .cover, .titlepage, .copyright, .dedication, .epigraph, .preface,
            .foreword, .introduction:
            return .front
        case .prologue, .chapter, .part, .epilogue, .conclusion:
            return .body
        case .appendix, .afterword, .colophon, .acknowledgments, .bibliography,
            .glossary, .index:
            return .back
        }
    }

    public enum Matter: String, Hashable, Sendable, Codable {
        case front, body, back
    }
}
