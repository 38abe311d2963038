import Foundation
import GalleyBuild
import GalleyCore
import GalleyTestSupport
import Testing

/// Builds that keep chapters and content documents between runs (`galley
/// serve`, `galley build --watch`) re-read and re-render only what changed,
/// and write the same bytes as a cold build.
@Suite struct IncrementalBuildTests {
    static let outputs = ["book.epub", "book.xml", "book.txt"]

    /// A copy of a book's project (Source/ and Styles/) in a new folder.
    static func copy(_ project: URL) throws -> URL {
        let directory = try Repository.temporaryDirectory("galley-incremental")
        for folder in ["Source", "Styles"] {
            let from = project.appendingPathComponent(folder)
            if FileManager.default.fileExists(atPath: from.path) {
                try FileManager.default.copyItem(at: from, to: directory.appendingPathComponent(folder))
            }
        }
        return directory
    }

    /// Appends a paragraph to one chapter file.
    static func edit(_ file: URL, adding paragraph: String) throws {
        let handle = try FileHandle(forWritingTo: file)
        try handle.seekToEnd()
        try handle.write(contentsOf: Data("\n\n\(paragraph)\n".utf8))
        try handle.close()
    }

    static func bytes(_ folder: URL) throws -> [String: Data] {
        var files: [String: Data] = [:]
        for name in outputs { files[name] = try Data(contentsOf: folder.appendingPathComponent(name)) }
        return files
    }

    @Test(arguments: ["default", "torture"])
    func editingOneChapterRebuildsOneAndMatchesAColdBuild(_ name: String) throws {
        let project = try Self.copy(name == "default" ? Repository.defaultBook : Repository.fixtureBook(name))
        defer { try? FileManager.default.removeItem(at: project) }
        let cache = BuildCache()
        let warm = BookBuild(
            projectDirectory: project, outputDirectory: project.appendingPathComponent("warm"), cache: cache)
        let first = warm.run()
        #expect(first.succeeded, "\(first.diagnostics)")
        let chapters = try warm.readBook().book.divisions.map(\.sourcePath).filter { !$0.isEmpty }
        #expect(cache.summary.hasPrefix("rebuilt \(chapters.count) of \(chapters.count) chapters"))

        // The last chapter: its notes and ids are numbered after every other chapter's.
        let edited = try #require(chapters.last)
        try Self.edit(project.appendingPathComponent("Source").appendingPathComponent(edited), adding: "新加的一段。")
        let second = warm.run()
        #expect(second.succeeded, "\(second.diagnostics)")
        #expect(cache.summary == "rebuilt 1 of \(chapters.count) chapters: \(edited)")

        let cold = BookBuild(projectDirectory: project, outputDirectory: project.appendingPathComponent("cold")).run()
        #expect(cold.succeeded, "\(cold.diagnostics)")
        #expect(second.diagnostics.map(\.description) == cold.diagnostics.map(\.description))
        let warmFiles = try Self.bytes(project.appendingPathComponent("warm"))
        let coldFiles = try Self.bytes(project.appendingPathComponent("cold"))
        for output in Self.outputs {
            #expect(warmFiles[output] == coldFiles[output], "\(output) differs from a cold build's")
        }
        #expect(String(decoding: coldFiles["book.txt"]!, as: UTF8.self).contains("新加的一段。"))
    }

    @Test func anUnchangedBookRereadsNothing() throws {
        let project = try Self.copy(Repository.defaultBook)
        defer { try? FileManager.default.removeItem(at: project) }
        let cache = BuildCache()
        let build = BookBuild(projectDirectory: project, formats: [.epub], validate: false, cache: cache)
        _ = build.run()
        _ = build.run()
        #expect(cache.summary.hasPrefix("rebuilt 0 of "))
    }
}
