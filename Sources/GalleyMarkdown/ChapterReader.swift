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

    init(files: ProjectFiles, displayDirectory: String) {
        self.files = files
        self.displayDirectory = displayDirectory
    }

    func displayPath(_ path: String) -> String {
        displayDirectory.isEmpty ? path : "\(displayDirectory)/\(path)"
    }

    /// - Parameters:
    ///   - listedAt: where `book.yaml` lists the file, for messages about the file itself.
    ///   - listedTitle: the title a SUMMARY.md gives the chapter (its link text).
    mutating func read(_ file: ProjectFiles.File, listedAt: SourceLocation, listedTitle: String? = nil) -> Division? {
        let first = diagnostics.count
        defer { sortByLine(from: first) }
        invalidUTF8 = nil
        let chapter = Chapter(file: file, display: displayPath(file.relativePath), listedAt: listedAt)
        guard let bytes = loadBytes(chapter), let text = decode(bytes, chapter) else { return nil }
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
        switch files.read(chapter.file) {
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
        if text.utf8.contains(UInt8(ascii: "\r")) {
            text = text.replacingOccurrences(of: "\r\n", with: "\n").replacingOccurrences(of: "\r", with: "\n")
        }
        return text
    }

    /// cmark's parse of the marked text, converted to Galley's tree at once.
    mutating func convertMarkdown(_ marked: FencedDivs.Marked, _ chapter: Chapter)
        -> (blocks: [Block], footnotes: [Footnote])
    {
        let bytes = Array(marked.text.utf8)
        var converter = MarkdownConverter(file: chapter.display, source: bytes, divAttributes: marked.attributes)
        let document = CmarkDocument(markdown: bytes)
        let converted = converter.convert(CmarkNode(pointer: document.root))
        diagnostics += converter.diagnostics
        for (id, lines) in converter.idLines { idLines[chapter.path, default: [:]][id, default: []] += lines }
        return converted
    }

    /// Sections from the headings; the title from the first level-1
    /// heading, else from the front matter, else from the SUMMARY.md entry.
    func division(
        _ converted: (blocks: [Block], footnotes: [Footnote]), frontMatter: FrontMatterFields,
        listedTitle: String? = nil, _ chapter: Chapter
    ) -> Division {
        let sections = Sectioning.build(converted.blocks)
        var attributes = sections.titleAttributes
        let headingID = attributes.id
        attributes.id = nil
        var title = sections.title ?? []
        if title.isEmpty, let frontTitle = frontMatter.title { title = [.text(frontTitle)] }
        if title.isEmpty, let listedTitle, !listedTitle.isEmpty { title = [.text(listedTitle)] }
        return Division(
            role: frontMatter.role, id: frontMatter.id ?? headingID ?? "", sourcePath: chapter.path,
            title: title, attributes: attributes, language: frontMatter.language,
            blocks: sections.blocks, footnotes: converted.footnotes)
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
