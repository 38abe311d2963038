import GalleyCore

/// Every diagnostic code GalleyMarkdown emits, with its severity and meaning (the README table).
public enum MarkdownCode: String, DiagnosticCode {
    case bookyamlContents = "bookyaml.contents"
    case bookyamlCoverMissingFile = "bookyaml.cover-missing-file"
    case bookyamlCoverNotAFile = "bookyaml.cover-not-a-file"
    case bookyamlCoverOutsideSource = "bookyaml.cover-outside-source"
    case bookyamlCoverType = "bookyaml.cover-type"
    case bookyamlCoverUnreadableFile = "bookyaml.cover-unreadable-file"
    case bookyamlCoverUrl = "bookyaml.cover-url"
    case bookyamlDate = "bookyaml.date"
    case bookyamlDuplicateChapter = "bookyaml.duplicate-chapter"
    case bookyamlEmpty = "bookyaml.empty"
    case bookyamlEncoding = "bookyaml.encoding"
    case bookyamlIsbn = "bookyaml.isbn"
    case bookyamlMissingCover = "bookyaml.missing-cover"
    case bookyamlMissingFile = "bookyaml.missing-file"
    case bookyamlMissingKey = "bookyaml.missing-key"
    case bookyamlNotAFile = "bookyaml.not-a-file"
    case bookyamlOutsideSource = "bookyaml.outside-source"
    case bookyamlSyntax = "bookyaml.syntax"
    case bookyamlType = "bookyaml.type"
    case bookyamlUnknownKey = "bookyaml.unknown-key"
    case bookyamlUnknownRole = "bookyaml.unknown-role"
    case bookyamlUnreadableFile = "bookyaml.unreadable-file"
    case bookyamlValue = "bookyaml.value"
    case encoding = "markdown.encoding"
    case fileTooLarge = "markdown.file-too-large"
    case forbiddenCharacter = "markdown.forbidden-character"
    case frontMatter = "markdown.front-matter"
    case imageMislabelled = "markdown.image-mislabelled"
    case imageMissingFile = "markdown.image-missing-file"
    case imageNotAFile = "markdown.image-not-a-file"
    case imageOutsideSource = "markdown.image-outside-source"
    case imageType = "markdown.image-type"
    case imageUnreadableFile = "markdown.image-unreadable-file"
    case imageUrl = "markdown.image-url"
    case invalidId = "markdown.invalid-id"
    case mdbookInclude = "mdbook.include"
    case projectConfig = "project.config"
    case projectGuess = "project.guess"
    case summaryEntry = "project.summary-entry"
    case missingImage = "markdown.missing-image"
    case tableTooWide = "markdown.table-too-wide"
    case tooDeep = "markdown.too-deep"
    case unbalancedDiv = "markdown.unbalanced-div"
    case undefinedFootnote = "markdown.undefined-footnote"
    case unknownFrontMatterKey = "markdown.unknown-front-matter-key"
    case unknownRole = "markdown.unknown-role"
    case unmappedHtml = "markdown.unmapped-html"
    case untitledChapter = "markdown.untitled-chapter"
    case unusedFootnote = "markdown.unused-footnote"

    public var severity: Diagnostic.Severity {
        switch self {
        case .bookyamlContents, .bookyamlCoverType, .bookyamlCoverMissingFile, .bookyamlCoverNotAFile,
            .bookyamlCoverOutsideSource, .bookyamlCoverUnreadableFile, .bookyamlDuplicateChapter, .bookyamlEmpty,
            .bookyamlEncoding, .bookyamlIsbn, .bookyamlMissingFile, .bookyamlMissingKey,
            .bookyamlNotAFile, .bookyamlOutsideSource, .bookyamlSyntax, .bookyamlType, .bookyamlUnknownRole,
            .bookyamlUnreadableFile, .bookyamlValue, .frontMatter, .imageMissingFile, .imageNotAFile,
            .imageOutsideSource, .imageType, .imageUnreadableFile, .projectConfig, .unknownRole, .fileTooLarge:
            .error
        case .bookyamlCoverUrl, .bookyamlMissingCover, .bookyamlDate, .bookyamlUnknownKey, .encoding,
            .forbiddenCharacter, .imageMislabelled, .imageUrl, .invalidId, .mdbookInclude, .projectGuess, .summaryEntry,
            .missingImage, .tableTooWide, .tooDeep, .unbalancedDiv, .undefinedFootnote, .unknownFrontMatterKey,
            .unmappedHtml,
            .unusedFootnote, .untitledChapter:
            .warning
        }
    }

    public var summary: String {
        switch self {
        case .bookyamlContents: "contents is a list of {title, level, page} or the path of a YAML file holding one"
        case .bookyamlCoverMissingFile: "the cover does not exist"
        case .bookyamlCoverNotAFile: "the cover is not a regular file"
        case .bookyamlCoverOutsideSource: "the cover is outside Source/"
        case .bookyamlCoverType: "the cover is not a PNG, JPEG, GIF, WebP or SVG image"
        case .bookyamlCoverUrl: "the cover is a URL; Galley never fetches files"
        case .bookyamlCoverUnreadableFile: "the cover cannot be read"
        case .bookyamlDate: "date is not YYYY, YYYY-MM or YYYY-MM-DD (warning), or is not a real date (error)"
        case .bookyamlDuplicateChapter: "the chapter … is listed twice…"
        case .bookyamlEmpty: "the file is empty"
        case .bookyamlEncoding: "book.yaml is not valid text"
        case .bookyamlIsbn: "the ISBN is not a valid ISBN-10 or ISBN-13"
        case .bookyamlMissingCover: "the cover … does not exist (the path is relative to Source/)"
        case .bookyamlMissingFile: "a file named in book.yaml does not exist"
        case .bookyamlMissingKey: "a required key is missing"
        case .bookyamlNotAFile: "a file named in book.yaml is not a regular file"
        case .bookyamlOutsideSource: "a file named in book.yaml is outside Source/"
        case .bookyamlSyntax: "YAML syntax: …"
        case .bookyamlType: "author is a name or a list of names"
        case .bookyamlUnknownKey: "unknown creator key … is ignored"
        case .bookyamlUnknownRole: "unknown creator role …: use a MARC relator code"
        case .bookyamlUnreadableFile: "a file named in book.yaml cannot be read"
        case .bookyamlValue: "language is a BCP 47 tag such as zh-Hans, zh-CN or en, not …"
        case .encoding: "the chapter is not valid text (an error in front matter, else a warning)"
        case .fileTooLarge: "a chapter, included or configuration file is larger than Galley reads (32 MB, 4 MB)"
        case .forbiddenCharacter: "removed control characters that XML does not allow"
        case .frontMatter: "front matter must be a mapping (role: preface)"
        case .imageMislabelled: "an image's name claims another format than its contents; written as what it is"
        case .imageMissingFile: "an image does not exist"
        case .imageNotAFile: "an image is not a regular file"
        case .imageOutsideSource: "an image is outside Source/"
        case .imageType: "… … is not a PNG, JPEG, GIF, WebP or SVG image by its contents"
        case .imageUnreadableFile: "an image cannot be read"
        case .imageUrl: "… … is a …: URL; Galley never fetches files, so its description"
        case .invalidId: "the id … is not an ASCII XML name; a generated id is used instead"
        case .mdbookInclude: "an mdBook {{#include}} cannot be expanded (a missing file or anchor); left as written"
        case .projectConfig: "book.toml (mdBook) or book.json (GitBook) cannot be read, or names no SUMMARY.md"
        case .projectGuess: "the project names no title or language; Galley's guess is used"
        case .summaryEntry: "a SUMMARY.md entry is skipped: not a Markdown file of the book, or listed again"
        case .missingImage: "… … does not exist (paths are relative to the chapter file)"
        case .tableTooWide: "a line has more than 1000 table cells; the `|` after the 1000th are kept as text"
        case .tooDeep: "… container(s) nested deeper than …"
        case .unbalancedDiv: "a fenced div ::: is not closed, or closed without being opened"
        case .undefinedFootnote: "the footnote [^…] has no definition; it stays as text"
        case .unknownFrontMatterKey: "unknown front matter key … is ignored (known: role, id, lang, title)"
        case .unknownRole: "unknown role …; one of: …"
        case .unmappedHtml: "raw HTML <img> without a src was dropped"
        case .untitledChapter: "the chapter has no heading and no title; it is titled after its file name"
        case .unusedFootnote: "the footnote [^…] is defined but never cited, so it is left out"
        }
    }
}
