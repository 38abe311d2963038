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
    /// The title: the leading level-1 heading, a title given in front matter,
    /// the first heading of any level, or one made from the file name
    /// (`titleOrigin` says which); may be empty for a dedication or epigraph.
    public var title: [Inline]
    public var titleOrigin: TitleOrigin
    public var attributes: Attributes
    /// BCP 47 tag when the chapter's front matter sets its own language.
    public var language: String?
    /// Blocks before the first section, then `.section` blocks.
    public var blocks: [Block]
    /// Footnote definitions by label, in order of first reference.
    public var footnotes: [Footnote]
    /// The anchors authors link by (`#getting-started`, the mdBook/GitHub
    /// slug of a heading, or an explicit `{#id}` as written) → the id the
    /// element has in the book. Set by `AssignIdentifiers`, read by `ResolveLinks`.
    public var anchors: [String: String]
    /// 0 for a division of the book; a chapter nested under the division
    /// before it (an mdBook or GitBook sub-chapter) is one deeper. The EPUB
    /// nav nests it, DocBook and the text make it a section of its parent.
    public var depth: Int

    public init(
        role: DivisionRole, id: String, sourcePath: String, title: [Inline],
        titleOrigin: TitleOrigin = .heading, attributes: Attributes = .empty, language: String? = nil,
        blocks: [Block], footnotes: [Footnote] = [], anchors: [String: String] = [:], depth: Int = 0
    ) {
        self.role = role
        self.id = id
        self.sourcePath = sourcePath
        self.title = title
        self.titleOrigin = titleOrigin
        self.anchors = anchors
        self.attributes = attributes
        self.language = language
        self.blocks = blocks
        self.footnotes = footnotes
        self.depth = depth
    }
}

/// Where a division's title comes from. Only a title that was a heading has
/// a slug of its own (mdBook counts it among the page's headings).
public enum TitleOrigin: String, Hashable, Sendable, Codable {
    /// The chapter's leading level-1 heading, or its first heading of any level.
    case heading
    /// Given outside the text: the front matter's `title` (or, later, the book's chapter list).
    case given
    /// Made from the file name of a chapter without any heading.
    case fileName
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
