/// What `book.yaml` says about the book.
public struct Metadata: Hashable, Sendable, Codable {
    public var title: String
    public var subtitle: String?
    /// BCP 47 language tag of the book (`zh-Hans`).
    public var language: String
    public var creators: [Creator]
    public var publisher: String?
    public var publisherAddress: String?
    /// Publication date as written (`2008-12`, `2008-12-01`).
    public var date: String?
    /// Normalised ISBN with hyphens (`978-7-80186-921-0`).
    public var isbn: String?
    /// An explicit identifier (URN/URI); wins over the ISBN for EPUB.
    public var identifier: String?
    public var subjects: [String]
    public var description: String?
    public var rights: String?
    /// Cover image path relative to `Source/`.
    public var cover: String?
    public var writingMode: WritingMode
    /// The printed table of contents, kept as data (not a page of the book).
    public var printedContents: [PrintedContentsEntry]
    /// Wrap the text output at this many display columns; nil = one line per paragraph.
    public var textColumns: Int?
    /// 縦中横 in vertical books: runs of up to this many ASCII digits or
    /// letters between CJK characters are set upright (0: never; at most 4).
    public var tateChuYoko: Int = 2
    /// Fonts to embed in the EPUB, subset to the book's characters (`fonts:` in book.yaml).
    public var fonts: [FontRequest] = []
    /// Highlight fenced code that names a known language (EPUB); `highlight: false` turns it off.
    public var highlight: Bool = true

    public init(
        title: String, subtitle: String? = nil, language: String, creators: [Creator] = [],
        publisher: String? = nil, publisherAddress: String? = nil, date: String? = nil,
        isbn: String? = nil, identifier: String? = nil, subjects: [String] = [],
        description: String? = nil, rights: String? = nil, cover: String? = nil,
        writingMode: WritingMode = .horizontal, printedContents: [PrintedContentsEntry] = [],
        textColumns: Int? = nil
    ) {
        self.title = title
        self.subtitle = subtitle
        self.language = language
        self.creators = creators
        self.publisher = publisher
        self.publisherAddress = publisherAddress
        self.date = date
        self.isbn = isbn
        self.identifier = identifier
        self.subjects = subjects
        self.description = description
        self.rights = rights
        self.cover = cover
        self.writingMode = writingMode
        self.printedContents = printedContents
        self.textColumns = textColumns
    }

    /// True for Chinese, Japanese and Korean tags; decides CJK typography defaults.
    public var isCJK: Bool { Language.isCJK(language) }
}

public enum WritingMode: String, Hashable, Sendable, Codable {
    case horizontal
    case vertical
}

/// A person or organisation responsible for the book.
public struct Creator: Hashable, Sendable, Codable {
    public var name: String
    /// MARC relator code: `aut`, `edt`, `trl`, `ill`, `pbl`…
    public var role: String
    /// The role as printed on the title page (`编著`, `主编`, `译`), if any.
    public var displayRole: String?
    /// Sort form (`file-as`), e.g. "Shanghai Party Building Research Society".
    public var fileAs: String?
    public var isOrganization: Bool

    public init(
        name: String, role: String = "aut", displayRole: String? = nil,
        fileAs: String? = nil, isOrganization: Bool = false
    ) {
        self.name = name
        self.role = role
        self.displayRole = displayRole
        self.fileAs = fileAs
        self.isOrganization = isOrganization
    }
}

/// One line of a printed table of contents.
public struct PrintedContentsEntry: Hashable, Sendable, Codable {
    public var title: String
    public var level: Int
    public var page: String?

    public init(title: String, level: Int, page: String? = nil) {
        self.title = title
        self.level = level
        self.page = page
    }
}

public enum Language {
    public static func isCJK(_ tag: String) -> Bool {
        let primary = tag.split(separator: "-").first.map { $0.lowercased() } ?? ""
        return ["zh", "ja", "ko", "yue", "cmn", "wuu", "lzh"].contains(primary)
    }
}

/// A font `book.yaml` asks to embed: a file inside the project, or a system
/// font by family name (found through fontconfig).
public struct FontRequest: Hashable, Sendable, Codable {
    /// Relative to `Source/`.
    public var file: String?
    /// A family name: the system font's, or the name a project file is declared under.
    public var family: String?
    /// The face in a font collection (`.ttc`); fontconfig's for a system font.
    public var index: Int?
    /// IDPF font obfuscation (EPUB 3.3, 4.3.6).
    public var obfuscate: Bool = false

    public init(file: String? = nil, family: String? = nil, index: Int? = nil, obfuscate: Bool = false) {
        self.file = file
        self.family = family
        self.index = index
        self.obfuscate = obfuscate
    }
}
