import Foundation
import GalleyCore
import TOMLKit
import Yams

/// A book project as Galley finds it in a folder, built as it is:
///
/// - Galley's own: `Source/book.yaml` lists the chapters.
/// - mdBook: `book.toml` (`[book]` title, authors, language, description,
///   src) and `SUMMARY.md` in the source folder (`src/` unless `book.src`
///   says otherwise).
/// - GitBook / HonKit: `SUMMARY.md` at the root (or under `book.json`'s
///   `root`), metadata from `book.json` (title, author, language,
///   description, `structure.summary`).
///
/// A `book.yaml` in an mdBook or GitBook source folder (what `galley init`
/// writes) takes over from `book.toml`/`book.json`; it may name the
/// `SUMMARY.md` as its chapter list (`chapters: SUMMARY.md`).
public struct BookProject: Sendable {
    public enum Kind: String, Sendable {
        case galley
        case mdBook = "mdbook"
        case gitBook = "gitbook"
    }

    public let kind: Kind
    /// The project folder: nothing outside it is read.
    public let directory: URL
    /// The folder chapter paths are relative to (`Source/`, `src/`, the GitBook root).
    public let sourceDirectory: URL
    /// The SUMMARY.md of an mdBook or GitBook project, relative to `sourceDirectory`.
    let summaryPath: String

    /// What `directory` holds; a folder with none of the files above is a
    /// Galley project whose `Source/book.yaml` is missing (reported when read).
    public static func find(in directory: URL) -> BookProject {
        let directory = directory.standardizedFileURL
        let manager = FileManager.default
        func exists(_ path: String) -> Bool { manager.fileExists(atPath: directory.appendingPathComponent(path).path) }
        if !exists("Source/book.yaml") {
            if exists("book.toml") {
                let source = (try? MDBookConfig.read(directory))?.book?.src ?? "src"
                return BookProject(
                    kind: .mdBook, directory: directory, sourceDirectory: Self.inside(directory, source),
                    summaryPath: "SUMMARY.md")
            }
            if exists("book.json") || exists("SUMMARY.md") {
                let config = try? GitBookConfig.read(directory)
                return BookProject(
                    kind: .gitBook, directory: directory, sourceDirectory: Self.inside(directory, config?.root ?? "."),
                    summaryPath: config?.structure?.summary ?? "SUMMARY.md")
            }
        }
        return BookProject(
            kind: .galley, directory: directory, sourceDirectory: directory.appendingPathComponent("Source"),
            summaryPath: "SUMMARY.md")
    }

    /// `path` under `directory`; the directory itself when `path` would leave it.
    private static func inside(_ directory: URL, _ path: String) -> URL {
        let candidate = directory.appendingPathComponent(path).standardizedFileURL
        guard let real = ProjectFolder.realPath(candidate.path), let root = ProjectFolder.realPath(directory.path),
            ProjectFolder.isInside(real, root)
        else { return directory }
        return candidate
    }

    /// The name of the source folder as messages show it (`Source`, `src`, `.`).
    public var displaySource: String {
        let base = directory.path
        let source = sourceDirectory.path
        guard source.hasPrefix(base) else { return sourceDirectory.lastPathComponent }
        let relative = source.dropFirst(base.count).drop { $0 == "/" }
        return relative.isEmpty ? "." : String(relative)
    }

    /// The source folder as a prefix of the paths messages show: empty for
    /// the project folder itself (GitBook), else `displaySource`.
    var displayFolder: String { displaySource == "." ? "" : displaySource }

    /// The manifest of an mdBook or GitBook project without a `book.yaml`.
    func readForeignManifest(files: ProjectFiles, diagnostics: inout [Diagnostic]) -> BookManifest? {
        var metadata = Metadata(title: "", language: "")
        let configFile = kind == .mdBook ? "book.toml" : "book.json"
        do {
            switch kind {
            case .mdBook:
                let book = try MDBookConfig.read(directory)?.book
                metadata.title = book?.title ?? ""
                metadata.language = book?.language ?? ""
                metadata.description = book?.description
                metadata.creators = (book?.authors ?? book?.author.map { [$0] } ?? []).map {
                    Creator(name: $0, role: "aut")
                }
                if let translator = book?.translator {
                    metadata.creators.append(Creator(name: translator, role: "trl"))
                }
            case .gitBook:
                let config = try GitBookConfig.read(directory)
                metadata.title = config?.title ?? ""
                metadata.language = config?.language ?? ""
                metadata.description = config?.description
                metadata.creators = (config?.author).map { [Creator(name: $0, role: "aut")] } ?? []
            case .galley:
                return nil
            }
        } catch {
            diagnostics.append(
                Diagnostic(
                    MarkdownCode.projectConfig, "\(configFile) cannot be read: \(Self.describe(error))",
                    at: SourceLocation(file: configFile, line: (error as? TOMLParseError)?.source.begin.line)))
            return nil
        }
        guard
            let entries = Self.readSummary(
                summaryPath, files: files, displayFolder: displayFolder,
                diagnostics: &diagnostics)
        else { return nil }
        if metadata.title.isEmpty {
            metadata.title = directory.lastPathComponent
            diagnostics.append(
                Diagnostic(
                    MarkdownCode.projectGuess,
                    "\(configFile) gives no title; the folder's name “\(metadata.title)” is used",
                    at: SourceLocation(file: configFile)))
        }
        if metadata.language.isEmpty || !BookYAMLReader.isLanguageTag(metadata.language) {
            let titles = entries.compactMap(\.title).joined()
            let han = titles.unicodeScalars.filter { (0x4E00...0x9FFF).contains($0.value) }.count
            let guess = han * 3 > titles.unicodeScalars.count ? "zh" : "en"
            diagnostics.append(
                Diagnostic(
                    MarkdownCode.projectGuess,
                    "\(configFile) gives no usable language; `\(guess)` is guessed from the chapter titles",
                    at: SourceLocation(file: configFile)))
            metadata.language = guess
        }
        return BookManifest(metadata: metadata, entries: entries)
    }

    /// The entries of the SUMMARY.md at `path` in the source folder (the
    /// project's, or the one `book.yaml` names); `displayFolder` is the
    /// source folder as messages show it (`src`, empty for the project root).
    static func readSummary(
        _ path: String, files: ProjectFiles, displayFolder: String, diagnostics: inout [Diagnostic]
    ) -> [ManifestEntry]? {
        let display = displayFolder.isEmpty ? path : "\(displayFolder)/\(path)"
        let bytes: [UInt8]
        switch files.locate(path).flatMap({ files.read($0, atMost: ProjectFiles.maximumConfigSize) }) {
        case .success(let read): bytes = read
        case .failure(let refusal):
            diagnostics.append(
                Diagnostic(
                    MarkdownCode.projectConfig, ProjectFiles.message(refusal, what: "the chapter list `\(path)`"),
                    at: SourceLocation(file: display)))
            return nil
        }
        let text = String(
            decoding: bytes.starts(with: [0xEF, 0xBB, 0xBF]) ? Array(bytes.dropFirst(3)) : bytes, as: UTF8.self)
        let folder = (path as NSString).deletingLastPathComponent
        var parsed = SummaryFile.parse(text, file: display)
        diagnostics += parsed.diagnostics
        // Entries are relative to the SUMMARY.md's folder.
        if !folder.isEmpty {
            for index in parsed.entries.indices {
                if case .chapter(let chapter) = parsed.entries[index].kind {
                    parsed.entries[index].kind = .chapter(path: folder + "/" + chapter)
                }
            }
        }
        if !parsed.entries.contains(where: { if case .chapter = $0.kind { true } else { false } }) {
            diagnostics.append(
                Diagnostic(
                    MarkdownCode.projectConfig, "`\(path)` lists no chapter (a link such as `- [Title](file.md)`)",
                    at: SourceLocation(file: display)))
            return nil
        }
        return parsed.entries
    }

    private static func describe(_ error: Error) -> String {
        if let error = error as? TOMLParseError { return error.description }
        if let error = error as? ProjectConfigFile.Refused { return error.description }
        if let error = error as? DecodingError {
            switch error {
            case .typeMismatch(_, let context), .valueNotFound(_, let context), .keyNotFound(_, let context),
                .dataCorrupted(let context):
                let path = context.codingPath.map(\.stringValue).joined(separator: ".")
                return path.isEmpty ? context.debugDescription : "`\(path)`: \(context.debugDescription)"
            @unknown default: return "\(error)"
            }
        }
        return error.localizedDescription
    }
}

/// The part of mdBook's `book.toml` Galley reads.
struct MDBookConfig: Decodable {
    struct Book: Decodable {
        var title: String?
        var authors: [String]?
        /// Not mdBook's key, but books write it (and `translator`).
        var author: String?
        var translator: String?
        var language: String?
        var description: String?
        var src: String?
    }
    var book: Book?

    /// nil when there is no `book.toml`; throws when it is not valid TOML of this shape.
    static func read(_ directory: URL) throws -> MDBookConfig? {
        guard let bytes = try ProjectConfigFile.read("book.toml", in: directory) else { return nil }
        return try TOMLDecoder().decode(MDBookConfig.self, from: String(decoding: bytes, as: UTF8.self))
    }
}

/// The part of GitBook's `book.json` Galley reads.
struct GitBookConfig: Decodable {
    struct Structure: Decodable { var summary: String? }
    var title: String?
    var author: String?
    var language: String?
    var description: String?
    var root: String?
    var structure: Structure?

    static func read(_ directory: URL) throws -> GitBookConfig? {
        guard let bytes = try ProjectConfigFile.read("book.json", in: directory) else { return nil }
        return try JSONDecoder().decode(GitBookConfig.self, from: Data(bytes))
    }
}

/// `book.toml` or `book.json`, read only when it is a regular file inside the project.
enum ProjectConfigFile {
    struct Refused: Error, CustomStringConvertible {
        var description: String
    }

    static func read(_ name: String, in directory: URL) throws -> [UInt8]? {
        let files = ProjectFiles(sourceDirectory: directory)
        switch files.locate(name).flatMap({ files.read($0, atMost: ProjectFiles.maximumConfigSize) }) {
        case .success(let bytes): return bytes
        case .failure(.missing): return nil
        case .failure(let refusal): throw Refused(description: ProjectFiles.message(refusal, what: "`\(name)`"))
        }
    }
}

extension BookProject {
    /// Where `galley init` writes: `book.yaml` in the source folder.
    public var bookYAMLURL: URL { sourceDirectory.appendingPathComponent("book.yaml") }

    /// The `book.yaml` `galley init` writes for an mdBook or GitBook project:
    /// the metadata of `book.toml`/`book.json` (with the guesses Galley
    /// would make) and the project's SUMMARY.md as the chapter list, so it
    /// builds the same outputs and an editor can add what those files cannot
    /// say (publisher, ISBN, date, cover).
    /// - Throws: `DiagnosticsError` when the project cannot be read.
    public func initialBookYAML() throws -> (text: String, diagnostics: [Diagnostic]) {
        var diagnostics: [Diagnostic] = []
        let files = ProjectFiles(sourceDirectory: sourceDirectory)
        guard kind != .galley, let manifest = readForeignManifest(files: files, diagnostics: &diagnostics) else {
            throw DiagnosticsError(diagnostics)
        }
        let metadata = manifest.metadata
        var pairs: [(Node, Node)] = [
            ("title", Node(metadata.title)),
            ("language", Node(metadata.language)),
        ]
        if !metadata.creators.isEmpty {
            pairs.append(
                (
                    "creators",
                    .sequence(
                        Node.Sequence(
                            metadata.creators.map { creator in
                                .mapping(Node.Mapping([("name", Node(creator.name)), ("role", Node(creator.role))]))
                            }))
                ))
        }
        if let description = metadata.description { pairs.append(("description", Node(description))) }
        pairs.append(("chapters", Node(summaryPath)))
        let origin = kind == .mdBook ? "book.toml" : "book.json"
        let header = """
            # Written by `galley init` from \(origin) and \(summaryPath). Galley reads this
            # file instead of \(origin) from now on; SUMMARY.md stays the chapter list
            # (or list the chapter files here). Keys: see Galley's README.

            """
        let yaml = try Yams.serialize(node: .mapping(Node.Mapping(pairs)), width: -1, allowUnicode: true)
        return (header + yaml, diagnostics)
    }
}
