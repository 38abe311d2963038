import Foundation
import GalleyBuild
import GalleyCheck
import GalleyCore

/// The shared corpus, as pandoc's `writer.native` is: every fixture book
/// under `Tests/Books/` and the default book, each read once by the real
/// reader and written by every writer through `BookBuild`, the path
/// `galley build` takes. Each writer's tests compare their output with the
/// goldens under `Tests/Goldens/BOOK/`.
public enum Corpus {
    /// The name the default book (the repository's own `Source/`) goes by.
    public static let defaultBook = "default-book"

    /// The fixture books, then the default book.
    public static var names: [String] { Repository.fixtureBookNames + [defaultBook] }

    public static func project(_ name: String) -> URL {
        name == defaultBook ? Repository.defaultBook : Repository.fixtureBook(name)
    }

    public static var goldens: URL { Repository.root.appendingPathComponent("Tests/Goldens") }

    public static func golden(_ name: String, _ file: String) -> URL {
        goldens.appendingPathComponent(name).appendingPathComponent(file)
    }

    /// The text output wrapped at this many columns is pinned too (a second,
    /// text-only build: the book's own setting leaves the fixture books unwrapped).
    public static let wrappedColumns = 40

    /// What the build of one book wrote.
    public struct Output: Sendable {
        public var text: [UInt8]
        public var wrappedText: [UInt8]
        public var docBook: [UInt8]
        /// Every entry of the EPUB, in the archive's order.
        public var epub: [(name: String, bytes: [UInt8])]
        /// Every diagnostic of the build, with the project's path removed.
        public var diagnostics: [String]
    }

    public struct BuildFailed: Error, CustomStringConvertible {
        public var description: String
    }

    /// The outputs of `name`, built once per test process.
    public static func output(_ name: String) throws -> Output {
        let entry = cache.entry(name)
        entry.lock.lock()
        defer { entry.lock.unlock() }
        if entry.result == nil { entry.result = Result { try build(name) } }
        return try entry.result!.get()
    }

    private static func build(_ name: String) throws -> Output {
        let directory = try Repository.temporaryDirectory("galley-corpus-\(name)")
        defer { try? FileManager.default.removeItem(at: directory) }
        let project = project(name)
        let report = BookBuild(projectDirectory: project, outputDirectory: directory).run()
        let wrapped = BookBuild(
            projectDirectory: project, outputDirectory: directory.appendingPathComponent("wrapped"),
            formats: [.text], textColumns: wrappedColumns
        ).run()
        let all = report.diagnostics + wrapped.diagnostics
        guard report.succeeded, wrapped.succeeded,
            let epubURL = report.outputs[.epub], let docBookURL = report.outputs[.docbook],
            let textURL = report.outputs[.text], let wrappedURL = wrapped.outputs[.text]
        else {
            throw BuildFailed(description: "\(name) did not build:\n" + all.map(\.description).joined(separator: "\n"))
        }
        let archive: EPUBArchiveReader
        switch EPUBArchiveReader.open(epubURL) {
        case .success(let opened): archive = opened
        case .failure(let diagnostic): throw BuildFailed(description: "\(name): \(diagnostic)")
        }
        let epub = archive.names.map { ($0, archive.read($0) ?? []) }
        let projectPrefix = project.standardizedFileURL.path + "/"
        return Output(
            text: try bytes(textURL), wrappedText: try bytes(wrappedURL), docBook: try bytes(docBookURL),
            epub: epub,
            diagnostics: report.diagnostics.map {
                $0.description.replacingOccurrences(
                    of: projectPrefix,
                    with: "")
            })
    }

    private static func bytes(_ url: URL) throws -> [UInt8] { [UInt8](try Data(contentsOf: url)) }

    /// One lock and one result per book, so books build side by side and each only once.
    private final class Cache: @unchecked Sendable {
        final class Entry: @unchecked Sendable {
            let lock = NSLock()
            var result: Result<Output, any Error>?
        }
        private let lock = NSLock()
        private var entries: [String: Entry] = [:]

        func entry(_ name: String) -> Entry {
            lock.lock()
            defer { lock.unlock() }
            if let entry = entries[name] { return entry }
            let entry = Entry()
            entries[name] = entry
            return entry
        }
    }

    private static let cache = Cache()
}
