import Foundation
import GalleyCore

/// Reads one chapter file (front matter + Markdown) into a `Division`
/// whose ids, footnote numbers and links the book-wide transforms finish.
///
/// The stages, in order: load the bytes (through `ProjectFiles`), decode,
/// front matter, fenced divs, cmark and conversion, checks (images,
/// footnotes), sectioning.
struct ChapterReader {
    let files: ProjectFiles
    let displayDirectory: String
    var diagnostics: [Diagnostic] = []
    /// Lines of each explicit id by chapter path, in the order written.
    var idLines: [String: [String: [Int]]] = [:]
    /// The first invalid UTF-8 byte of the chapter being read, if any.
    var invalidUTF8: TextDecoding.Position?

    /// What one chapter is while it is read: its path and how messages name it.
    struct Chapter {
        var file: ProjectFiles.File
        /// The path relative to `Source/`: the division's `sourcePath`.
        var path: String { file.relativePath }
        /// As messages show it (`Source/ch1.md`).
        var display: String
        /// Where `book.yaml` lists it.
        var listedAt: SourceLocation
    }

    /// In an mdBook project: the project folder's files, which `{{#include}}`
    /// may name, and the source folder's path in it (`src/`).
    var includes: (files: ProjectFiles, sourcePrefix: String)?

    init(files: ProjectFiles, displayDirectory: String) {
        self.files = files
        self.displayDirectory = displayDirectory
    }

    func displayPath(_ path: String) -> String {
        displayDirectory.isEmpty ? path : "\(displayDirectory)/\(path)"
    }

    /// - Parameters:
    ///   - listedAt: where `book.yaml` lists the file, for messages about the file itself.
    ///   - listedTitle: a title the book's chapter list gives the file (a SUMMARY.md link's
    ///     text): it wins over the first-heading rule, not over a level-1 heading or front matter.
    ///   - bytes: the file's bytes when the caller read them already (to look the chapter up in a cache).
    mutating func read(
        _ file: ProjectFiles.File, listedAt: SourceLocation, listedTitle: String? = nil, bytes given: [UInt8]? = nil
    ) -> Division? {
        let first = diagnostics.count
        defer { sortByLine(from: first) }
        invalidUTF8 = nil
        let chapter = Chapter(file: file, display: displayPath(file.relativePath), listedAt: listedAt)
        guard let bytes = given ?? loadBytes(chapter), var text = decode(bytes, chapter) else { return nil }
        var expander: MDBookIncludes?
        if let includes {
            // mdBook's {{#include}}: expanded before anything else reads the chapter.
            var includer = MDBookIncludes(files: includes.files)
            text = includer.expand(text, path: includes.sourcePrefix + file.relativePath, display: chapter.display)
            diagnostics += includer.diagnostics
            expander = includer
        }
        guard let expander, !expander.lineMap.isEmpty else { return read(text, chapter, listedTitle) }
        // Messages and link places name the lines of the file, not of the expanded text
        // (the include warnings above already do).
        let expandedFrom = diagnostics.count
        let division = read(text, chapter, listedTitle)
        let remap = { (location: SourceLocation?) -> SourceLocation? in
            guard var location, location.file == chapter.display, let line = location.line else { return location }
            location.line = expander.originalLine(line)
            return location
        }
        for index in diagnostics.indices[expandedFrom...] where diagnostics[index].location?.file == chapter.display {
            diagnostics[index].location = remap(diagnostics[index].location)
        }
        idLines[chapter.path] = idLines[chapter.path]?.mapValues { $0.map(expander.originalLine) }
        return division.map {
            Walk.rewrite(
                $0,
                Rewriter.eachInline { inline in
                    switch inline {
                    case .link(var link):
                        link.location = remap(link.location)
                        return .link(link)
                    case .image(var image):
                        image.location = remap(image.location)
                        return .image(image)
                    default: return inline
                    }
                })
        }
    }

    /// A chapter's text, decoded (and expanded), into its division.
    private mutating func read(_ text: String, _ chapter: Chapter, _ listedTitle: String?) -> Division? {
        let (frontMatter, body) = readFrontMatter(text, chapter)
        let marked = FencedDivs.mark(body)
        for (message, line) in marked.problems {
            diagnostics.append(
                Diagnostic(
                    MarkdownCode.unbalancedDiv, message,
                    at: SourceLocation(file: chapter.display, line: line)))
        }
        let converted = convertMarkdown(marked, chapter)
        checkImages(in: converted.blocks + converted.footnotes.flatMap(\.blocks), chapter)
        checkFootnoteDefinitions(converted.footnotes, source: marked.text, chapter)
        return division(converted, frontMatter: frontMatter, listedTitle: listedTitle, chapter)
    }

    // MARK: Stages

    /// The file's bytes; a chapter that cannot be read is an error at its `book.yaml` line.
    mutating func loadBytes(_ chapter: Chapter) -> [UInt8]? {
        switch files.read(chapter.file, atMost: ProjectFiles.maximumTextSize) {
        case .success(let bytes): return bytes
        case .failure(let refusal):
            diagnostics.append(
                Diagnostic(
                    ProjectFiles.code(refusal, of: .listed),
                    ProjectFiles.message(
                        refusal,
                        what: "the chapter `\(chapter.path)` listed in "
                            + "\(chapter.listedAt.file.split(separator: "/").last ?? "book.yaml")"),
                    at: chapter.listedAt))
            return nil
        }
    }

    /// UTF-8, or UTF-16/32 by their byte order mark; line ends made `\n`.
    /// Invalid UTF-8 in the body is a warning (U+FFFD stands in); in the
    /// front matter it is an error (`readFrontMatter` says so).
    mutating func decode(_ bytes: [UInt8], _ chapter: Chapter) -> String? {
        var text: String
        switch TextDecoding.decode(bytes) {
        case .failure(let message, let position):
            diagnostics.append(
                Diagnostic(
                    MarkdownCode.encoding, severity: .error,
                    "\(message) (byte offset \(position.offset))",
                    at: SourceLocation(file: chapter.display, line: position.line)))
            return nil
        case .text(let decoded, let invalid):
            text = decoded
            invalidUTF8 = invalid
        }
        return text.withLineFeeds
    }

    /// cmark's parse of the marked text, converted to Galley's tree at once.
    mutating func convertMarkdown(_ marked: FencedDivs.Marked, _ chapter: Chapter)
        -> (blocks: [Block], footnotes: [Footnote])
    {
        let (bytes, crowded) = WideTables.limited(Array(marked.text.utf8), text: marked.text)
        for line in crowded {
            diagnostics.append(
                Diagnostic(
                    MarkdownCode.tableTooWide,
                    "this line has more than \(WideTables.maximumCells) table cells; "
                        + "the `|` after the \(WideTables.maximumCells)th are kept as text",
                    at: SourceLocation(file: chapter.display, line: line)))
        }
        var converter = MarkdownConverter(file: chapter.display, source: bytes, divAttributes: marked.attributes)
        let document = CmarkDocument(markdown: bytes)
        let converted = converter.convert(CmarkNode(pointer: document.root))
        diagnostics += converter.diagnostics
        for (id, lines) in converter.idLines { idLines[chapter.path, default: [:]][id, default: []] += lines }
        return converted
    }

    /// Sections from the headings, and the title (`Sectioning` says which
    /// wins); a chapter with no title at all is named after its file, with a warning.
    mutating func division(
        _ converted: (blocks: [Block], footnotes: [Footnote]), frontMatter: FrontMatterFields,
        listedTitle: String?, _ chapter: Chapter
    ) -> Division {
        let given = (frontMatter.title ?? listedTitle).map { [Inline.text($0)] }
        let sections = Sectioning.build(converted.blocks, givenTitle: given)
        var attributes = sections.titleAttributes
        let headingID = attributes.id
        attributes.id = nil
        var title = sections.title ?? []
        var origin = sections.titleOrigin
        if title.isEmpty, Self.needsTitle(frontMatter.role) {
            let name = Self.title(fromFileName: chapter.path)
            title = [.text(name)]
            origin = .fileName
            diagnostics.append(
                Diagnostic(
                    MarkdownCode.untitledChapter,
                    "the chapter has no heading and no `title` in its front matter; "
                        + "it is titled “\(name)” after its file name",
                    at: SourceLocation(file: chapter.display, line: 1)))
        }
        return Division(
            role: frontMatter.role, id: frontMatter.id ?? headingID ?? "", sourcePath: chapter.path,
            title: title, titleOrigin: origin, attributes: attributes, language: frontMatter.language,
            blocks: sections.blocks, footnotes: converted.footnotes)
    }

    /// Pages that are usually untitled (a cover, a dedication) keep no title;
    /// the writers label them by their role.
    static func needsTitle(_ role: DivisionRole) -> Bool {
        switch role {
        case .cover, .titlepage, .copyright, .dedication, .epigraph: false
        default: true
        }
    }

    /// `getting-started.md` → `getting started`; `part_2/intro.md` → `intro`.
    static func title(fromFileName path: String) -> String {
        let name = path.split(separator: "/").last.map(String.init) ?? path
        var stem = Substring(name)
        if let dot = stem.lastIndex(of: "."), dot != stem.startIndex { stem = stem[..<dot] }
        let words = stem.split(whereSeparator: { $0 == "-" || $0 == "_" || $0 == " " })
        return words.isEmpty ? name : words.joined(separator: " ")
    }

    /// One chapter's messages in line order (they are found in several passes).
    mutating func sortByLine(from start: Int) {
        let sorted = diagnostics[start...].enumerated().sorted {
            let a = $0.element.location?.line ?? 0, b = $1.element.location?.line ?? 0
            return a != b ? a < b : $0.offset < $1.offset
        }.map(\.element)
        diagnostics.replaceSubrange(start..., with: sorted)
    }
}
