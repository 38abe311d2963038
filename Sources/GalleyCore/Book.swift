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

    public init(
        role: DivisionRole, id: String, sourcePath: String, title: [Inline],
        attributes: Attributes = .empty, language: String? = nil,
        blocks: [Block], footnotes: [Footnote] = []
    ) {
        self.role = role
        self.id = id
        self.sourcePath = sourcePath
        self.title = title
        self.attributes = attributes
        self.language = language
        self.blocks = blocks
        self.footnotes = footnotes
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
