/// What a block of imported text has become.
public enum ImportBlockKind: Hashable, Sendable {
    case paragraph
    case heading(level: Int)
    case listItem
    /// A footnote definition; `label` is its Markdown label once linked.
    case footnote(label: String?)
    /// The closing name and date lines of a preface or foreword.
    case signature
}

/// A paragraph-like unit of the input and the input lines it came from.
/// `text` holds the lines joined by "\n" until the `unwrap-lines` rule
/// turns soft breaks into joins; a "\n" left after that is a hard break.
public struct ImportBlock: Hashable, Sendable {
    public var kind: ImportBlockKind
    public var text: String
    /// 1-based input line numbers, in input order.
    public var lines: [Int]
    /// An explicit heading id (`{#part-1}`).
    public var id: String?

    public init(kind: ImportBlockKind, text: String, lines: [Int], id: String? = nil) {
        self.kind = kind
        self.text = text
        self.lines = lines
        self.id = id
    }

    public var isHeading: Bool {
        if case .heading = kind { return true }
        return false
    }

    public var isFootnote: Bool {
        if case .footnote = kind { return true }
        return false
    }

    /// The text's lines (a block taken from consecutive input lines has several).
    public var textLines: [Substring] { TextScanning.split(text, at: 0x0A) }
}

/// The kind of a division, as written in the chapter file's `role:`.
public enum ImportRole: String, Hashable, Sendable {
    case titlepage, copyright, dedication, preface, foreword, introduction
    case contents, chapter, part, appendix, afterword, acknowledgments

    /// Divisions whose paragraphs are running prose (joins, signatures apply).
    public var isProse: Bool {
        switch self {
        case .preface, .foreword, .introduction, .chapter, .part, .appendix, .afterword, .acknowledgments: true
        case .titlepage, .copyright, .dedication, .contents: false
        }
    }
}

/// One future chapter file (or, for `contents`, the printed contents data).
public struct ImportDivision: Hashable, Sendable {
    public var role: ImportRole
    /// A title for the front matter when the division has no heading (`献词`).
    public var frontMatterTitle: String?
    public var blocks: [ImportBlock]

    public init(role: ImportRole, frontMatterTitle: String? = nil, blocks: [ImportBlock]) {
        self.role = role
        self.frontMatterTitle = frontMatterTitle
        self.blocks = blocks
    }

    /// The text of the first heading, spaces removed (how divisions are named and matched).
    public var title: String? {
        blocks.first(where: \.isHeading).map { Segmenter.collapse($0.text) }
    }
}

/// A person or body from the title page.
public struct ImportedCreator: Hashable, Sendable {
    public var name: String
    /// MARC relator code (`edt`, `aut`, `trl`).
    public var role: String
    /// The role as printed (`编著`).
    public var displayRole: String?
    public var isOrganization: Bool
}

/// What the metadata rule found for `book.yaml`.
public struct ImportedMetadata: Hashable, Sendable {
    public var title: String?
    public var subtitle: String?
    public var language = "zh-Hans"
    public var creators: [ImportedCreator] = []
    public var publisher: String?
    public var publisherAddress: String?
    public var date: String?
    public var isbn: String?
    public var subjects: [String] = []
}

/// One line of the printed table of contents.
public struct ContentsEntry: Hashable, Sendable {
    public var title: String
    public var level: Int
    public var page: String?
    public var lines: [Int]
}

/// The text being imported, as the rules see and change it.
public struct ImportDocument: Sendable {
    public var divisions: [ImportDivision]
    public var metadata = ImportedMetadata()
    public var contents: [ContentsEntry] = []

    public init(divisions: [ImportDivision]) {
        self.divisions = divisions
    }
}
