import CLibXML2
import Foundation
import GalleyCore

/// Reads a book project: `Source/book.yaml` and the chapter files it lists,
/// into one `Book`, with the standard transforms applied.
///
/// `book.yaml` keys: `title`, `language` (BCP 47) and `chapters` (paths
/// relative to `Source/`, in reading order) are required; `subtitle`;
/// `author` (a name or a list: role `aut`); `creators` (a list of `{name,
/// role, file-as, organization}`, role a MARC code or a printed role: 著 aut,
/// 编著/主编/编 edt, 译 trl, 绘 ill); `publisher` (a name or `{name,
/// address}`); `date` (YYYY[-MM[-DD]]); `isbn` (spaces dropped, hyphens
/// kept, check digit verified); `identifier`; `subjects`; `description`;
/// `rights`; `cover`; `writing-mode` (horizontal|vertical); `text-columns`;
/// `contents` (the printed table of contents: a list of `{title, level,
/// page}` or the path of a YAML file holding one). Unknown keys warn.
///
/// Chapter files: optional front matter (`role`, `id`, `lang`, `title`);
/// CommonMark + GFM (tables, task lists, strikethrough, autolinks,
/// footnotes); `# Title {#id .class key=value}`; fenced divs `::: name` /
/// `::: {#id .class}`; raw HTML mapped to tree nodes or dropped with a
/// warning; links `other.md#id` resolved across chapters.
public struct BookReader: Sendable {
    public init() {}

    /// - Parameter sourceDirectory: the folder holding `book.yaml` (a project's `Source/`).
    /// - Returns: the book and the warnings met on the way.
    /// - Throws: `DiagnosticsError` when the book cannot be read (missing or invalid
    ///   `book.yaml`, a listed chapter missing…), every message located `file:line`.
    public func read(sourceDirectory: URL) throws -> (book: Book, diagnostics: [Diagnostic]) {
        let display = sourceDirectory.standardizedFileURL.lastPathComponent
        let yamlURL = sourceDirectory.appendingPathComponent("book.yaml")
        guard let data = FileManager.default.contents(atPath: yamlURL.path) else {
            throw DiagnosticsError([Diagnostic(.error, "bookyaml.missing-file",
                "no book.yaml in \(sourceDirectory.path)", at: SourceLocation(file: "\(display)/book.yaml"))])
        }
        var yamlReader = BookYAMLReader(sourceDirectory: sourceDirectory, displayDirectory: display)
        let manifest = yamlReader.read(String(decoding: data, as: UTF8.self))
        var diagnostics = yamlReader.diagnostics
        guard let manifest else { throw DiagnosticsError(diagnostics) }

        var paths: [SourceLocation: String] = [:]
        var listed: [SourceLocation] = []
        var seen: Set<String> = []
        for (path, line) in manifest.chapters {
            let listedAt = SourceLocation(file: yamlReader.file, line: line)
            guard seen.insert(path).inserted else {
                diagnostics.append(Diagnostic(.error, "bookyaml.duplicate-chapter",
                    "the chapter `\(path)` is listed twice", at: listedAt))
                continue
            }
            paths[listedAt] = path
            listed.append(listedAt)
        }
        // libxml2 (raw HTML) must be set up on one thread before several use it.
        xmlInitParser()
        // Chapters are independent until the book-wide transforms: read them
        // side by side, keeping the book's order and each chapter's messages.
        let chapters = paths
        let reads = listed.concurrentMap { listedAt -> (Division?, [Diagnostic], [String: [String: [Int]]]) in
            var reader = ChapterReader(sourceDirectory: sourceDirectory, displayDirectory: display)
            let division = reader.read(chapters[listedAt]!, listedAt: listedAt)
            return (division, reader.diagnostics, reader.idLines)
        }
        var divisions: [Division] = []
        var allIDLines: [String: [String: [Int]]] = [:]
        for (division, chapterDiagnostics, lines) in reads {
            if let division { divisions.append(division) }
            diagnostics += chapterDiagnostics
            allIDLines.merge(lines) { $0.merging($1) { $0 + $1 } }
        }
        if diagnostics.hasErrors { throw DiagnosticsError(diagnostics) }
        let idLines = allIDLines

        let locate: AssignIdentifiers.Locator = { path, id, occurrence in
            guard let lines = idLines[path]?[id], occurrence < lines.count else { return nil }
            return SourceLocation(file: display.isEmpty ? path : "\(display)/\(path)", line: lines[occurrence])
        }
        let (book, transformDiagnostics) = Self.transform(Book(metadata: manifest.metadata, divisions: divisions),
                                                          locate: locate)
        // Transforms name files by `sourcePath`; messages name them as the reader does.
        let sourcePaths = Set(divisions.map(\.sourcePath))
        let located = transformDiagnostics.map { diagnostic in
            var diagnostic = diagnostic
            if let file = diagnostic.location?.file, sourcePaths.contains(file) {
                diagnostic.location?.file = display.isEmpty ? file : "\(display)/\(file)"
            }
            return diagnostic
        }
        return (book, diagnostics + located)
    }

    /// The standard transforms, in the order their inputs require: nesting
    /// limited first (every later step recurses), ids next (footnote ids and link targets use them), soft breaks last
    /// (they look at final text), then one text node per run.
    public static func transform(_ book: Book, locate: AssignIdentifiers.Locator? = nil) -> (Book, [Diagnostic]) {
        let limited = LimitNesting.apply(book)
        let identified = AssignIdentifiers.apply(limited.book, locate: locate)
        let numbered = NumberFootnotes.apply(identified.book)
        let sanitized = SanitizeURLs.apply(numbered)
        let linked = ResolveLinks.apply(sanitized.book)
        let softened = SoftBreaks.apply(linked.book)
        return (MergeText.apply(softened), limited.diagnostics + identified.diagnostics + sanitized.diagnostics
                                                   + linked.diagnostics)
    }
}
