import CLibXML2
import Foundation
import GalleyCore

/// Reads a book project: `Source/book.yaml` and the chapter files it lists,
/// into one `Book`, and runs it through the transform pipeline.
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
    /// Chapters kept from earlier reads of the same project (`galley serve`).
    public var cache: ChapterCache?

    public init(cache: ChapterCache? = nil) { self.cache = cache }

    /// - Parameter sourceDirectory: the folder holding `book.yaml` (a project's `Source/`).
    /// - Returns: the normalised book and the warnings met on the way.
    /// - Throws: `DiagnosticsError` when the book cannot be read (missing or invalid
    ///   `book.yaml`, a listed chapter missing…), every message located `file:line`.
    public func read(sourceDirectory: URL) throws -> (book: NormalizedBook, diagnostics: [Diagnostic]) {
        let directory = sourceDirectory.standardizedFileURL
        return try read(
            project: BookProject(
                kind: .galley, directory: directory.deletingLastPathComponent(), sourceDirectory: directory,
                summaryPath: "SUMMARY.md"))
    }

    /// A chapter file as its author wrote it, for tools that work on the
    /// sources themselves (`galley lint`).
    public struct ChapterSource: Sendable {
        /// As messages name it: `Source/chapter-01.md`.
        public var display: String
        /// The file actually read (links resolved, inside the project).
        public var url: URL
        public var text: String
    }

    /// The chapters a project lists, in reading order, read as text; each
    /// confined to the project folder like `read(project:)`'s.
    public func chapterSources(project: BookProject) throws -> (chapters: [ChapterSource], diagnostics: [Diagnostic]) {
        let files = ProjectFiles(sourceDirectory: project.sourceDirectory)
        let listed = try Self.listedChapters(project, files: files)
        var diagnostics = listed.diagnostics
        var chapters: [ChapterSource] = []
        for case let file? in listed.entries.map(\.file) {
            let display =
                project.displayFolder.isEmpty ? file.relativePath : "\(project.displayFolder)/\(file.relativePath)"
            switch files.read(file, atMost: ProjectFiles.maximumTextSize) {
            case .success(let bytes):
                chapters.append(
                    ChapterSource(
                        display: display, url: URL(fileURLWithPath: file.realPath),
                        text: String(decoding: bytes, as: UTF8.self)))
            case .failure(let refusal):
                diagnostics.append(
                    Diagnostic(
                        ProjectFiles.code(refusal, of: .listed), ProjectFiles.message(refusal, what: "`\(display)`"),
                        at: SourceLocation(file: display)))
            }
        }
        diagnostics = diagnostics.map(\.oneLine)
        if diagnostics.hasErrors { throw DiagnosticsError(diagnostics) }
        return (chapters, diagnostics)
    }

    /// The manifest's entries with their files located, and the messages met.
    static func listedChapters(
        _ project: BookProject, files: ProjectFiles
    ) throws -> (entries: [LocatedEntry], diagnostics: [Diagnostic], manifest: BookManifest) {
        var yamlReader = BookYAMLReader(files: files, displayDirectory: project.displayFolder)
        var diagnostics: [Diagnostic] = []
        let manifest: BookManifest?
        if project.kind != .galley, case .failure(.missing) = files.locate("book.yaml") {
            manifest = project.readForeignManifest(files: files, diagnostics: &diagnostics)
        } else {
            manifest = try Self.readManifest(&yamlReader, sourceDirectory: project.sourceDirectory)
            diagnostics = yamlReader.diagnostics
        }
        guard let manifest else { throw DiagnosticsError(diagnostics.map(\.oneLine)) }
        let entries = Self.locateChapters(manifest, files: files, diagnostics: &diagnostics)
        return (entries, diagnostics, manifest)
    }

    /// Reads a Galley, mdBook or GitBook project (see `BookProject`).
    public func read(project: BookProject) throws -> (book: NormalizedBook, diagnostics: [Diagnostic]) {
        let sourceDirectory = project.sourceDirectory
        // `Source`, `src`, or empty for a GitBook project's own folder.
        let display = project.displayFolder
        let files = ProjectFiles(sourceDirectory: sourceDirectory)
        let (entries, listedDiagnostics, manifest) = try Self.listedChapters(project, files: files)
        var diagnostics = listedDiagnostics
        let includes: (files: ProjectFiles, sourcePrefix: String)? =
            project.kind == .mdBook
            ? (ProjectFiles(sourceDirectory: project.directory), display.isEmpty ? "" : display + "/") : nil
        // libxml2 (raw HTML) must be set up on one thread before several use it.
        xmlInitParser()
        // An mdBook chapter also depends on the files it includes: never cached.
        let cache = includes == nil ? cache : nil
        cache?.beginBook()
        // Chapters are independent until the book-wide transforms: read them
        // side by side, keeping the book's order and each chapter's messages.
        let reads = entries.concurrentMap { entry -> ChapterCache.Read in
            guard let file = entry.file else {
                // A part of a SUMMARY.md: a title page for the chapters after it.
                let part = Division(
                    role: .part, id: "", sourcePath: "", title: [.text(entry.entry.title ?? "")], blocks: [])
                return ChapterCache.Read(division: part, diagnostics: [], idLines: [:])
            }
            let read = { (bytes: [UInt8]?) -> ChapterCache.Read in
                var reader = ChapterReader(files: files, displayDirectory: display)
                reader.includes = includes
                var division = reader.read(
                    file, listedAt: entry.entry.listedAt, listedTitle: entry.entry.title, bytes: bytes)
                division?.depth = entry.entry.depth
                return ChapterCache.Read(division: division, diagnostics: reader.diagnostics, idLines: reader.idLines)
            }
            guard let cache, case .success(let bytes) = files.read(file, atMost: ProjectFiles.maximumTextSize) else {
                return read(nil)
            }
            let key = ChapterCache.Key(
                path: file.relativePath, listedAt: entry.entry.listedAt, listedTitle: entry.entry.title,
                depth: entry.entry.depth)
            return cache.read(key, bytes: bytes) { read(bytes) }
        }
        cache?.endBook(order: entries.compactMap { $0.file?.relativePath })
        var divisions: [Division] = []
        var allIDLines: [String: [String: [Int]]] = [:]
        for read in reads {
            if let division = read.division { divisions.append(division) }
            diagnostics += read.diagnostics
            allIDLines.merge(read.idLines) { $0.merging($1) { $0 + $1 } }
        }
        diagnostics = diagnostics.map(\.oneLine)
        if diagnostics.hasErrors { throw DiagnosticsError(diagnostics) }
        let idLines = allIDLines

        let locate: AssignIdentifiers.Locator = { path, id, occurrence in
            guard let lines = idLines[path]?[id], occurrence < lines.count else { return nil }
            return SourceLocation(file: display.isEmpty ? path : "\(display)/\(path)", line: lines[occurrence])
        }
        let (book, transformDiagnostics) = Pipeline.normalize(
            Book(metadata: manifest.metadata, divisions: divisions),
            context: Pipeline.Context(locate: locate))
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

    /// `book.yaml` read through `ProjectFiles` (it too may be a link to
    /// anywhere) and decoded; nil when it is not a usable manifest.
    static func readManifest(_ yamlReader: inout BookYAMLReader, sourceDirectory: URL) throws -> BookManifest? {
        let bytes: [UInt8]
        switch yamlReader.files.locate("book.yaml").flatMap({
            yamlReader.files.read($0, atMost: ProjectFiles.maximumConfigSize)
        }) {
        case .success(let read): bytes = read
        case .failure(let refusal):
            let message =
                refusal == .missing
                ? "no book.yaml in \(sourceDirectory.path)"
                : ProjectFiles.message(refusal, what: "book.yaml")
            throw DiagnosticsError([
                Diagnostic(
                    ProjectFiles.code(refusal, of: .listed), message,
                    at: SourceLocation(file: yamlReader.file)
                ).oneLine
            ])
        }
        guard let text = yamlReader.decodedYAML(bytes, file: yamlReader.file) else { return nil }
        return yamlReader.read(text)
    }

    /// The chapters `book.yaml` lists, each located inside `Source/`; a path
    /// that is refused, or names a file listed before (after `./`, `a/..`
    /// and symbolic links are resolved), is an error at its line. Parts pass
    /// through with no file.
    static func locateChapters(
        _ manifest: BookManifest, files: ProjectFiles, diagnostics: inout [Diagnostic]
    ) -> [LocatedEntry] {
        var located: [LocatedEntry] = []
        var seen: [String: String] = [:]
        for entry in manifest.entries {
            guard case .chapter(let path) = entry.kind else {
                located.append(LocatedEntry(entry: entry, file: nil))
                continue
            }
            let listedAt = entry.listedAt
            switch files.locate(path) {
            case .failure(let refusal):
                diagnostics.append(
                    Diagnostic(
                        ProjectFiles.code(refusal, of: .listed),
                        ProjectFiles.message(
                            refusal,
                            what: "the chapter `\(path)` listed in \(listedAt.file.split(separator: "/").last ?? "")"
                        ), at: listedAt))
            case .success(let file):
                if let first = seen[file.realPath] {
                    let same = first == path ? "" : " (as `\(first)`)"
                    diagnostics.append(
                        Diagnostic(
                            MarkdownCode.bookyamlDuplicateChapter,
                            "the chapter `\(path)` is listed twice\(same)", at: listedAt))
                    continue
                }
                seen[file.realPath] = path
                located.append(LocatedEntry(entry: entry, file: file))
            }
        }
        return located
    }

    struct LocatedEntry: Sendable {
        var entry: ManifestEntry
        /// nil for a part.
        var file: ProjectFiles.File?
    }
}

extension Diagnostic {
    /// The message with control characters (a newline in a path or a YAML
    /// key) written as escapes, so every message stays one line.
    var oneLine: Diagnostic {
        guard message.unicodeScalars.contains(where: { $0.properties.generalCategory == .control }) else { return self }
        var copy = self
        copy.message = String(
            message.unicodeScalars.map { scalar in
                scalar.properties.generalCategory == .control ? scalar.escaped(asASCII: true) : String(scalar)
            }.joined())
        return copy
    }
}
