import Foundation
import GalleyCore
import GalleyMarkdown
import GalleyTestSupport
import Testing

/// Reader fixtures: Markdown (or a whole `Source/` folder) in, the tree
/// dump and the diagnostics out. `GALLEY_RECORD=1` rewrites the expected
/// files; read them before committing.
enum ReaderFixtures {
    static let directory = Repository.root.appendingPathComponent("Tests/GalleyMarkdownTests/Fixtures")
    static var isRecording: Bool { ProcessInfo.processInfo.environment["GALLEY_RECORD"] == "1" }

    static func names(in folder: String, suffix: String = "") -> [String] {
        let url = directory.appendingPathComponent(folder)
        let names = (try? FileManager.default.contentsOfDirectory(atPath: url.path)) ?? []
        return names.filter { suffix.isEmpty ? !$0.hasPrefix(".") : $0.hasSuffix(suffix) }
            .map { suffix.isEmpty ? $0 : String($0.dropLast(suffix.count)) }
            .sorted()
    }

    /// What a read gives, as text: the tree (or `fails`) then the diagnostics.
    static func dump(sourceDirectory: URL, metadata: Bool) -> String {
        do {
            let (book, diagnostics) = try BookReader().read(sourceDirectory: sourceDirectory)
            return TreeDump.dump(book.book, metadata: metadata) + diagnostics.map { "diagnostic \($0)\n" }.joined()
        } catch let error as DiagnosticsError {
            return "fails\n" + error.diagnostics.map { "diagnostic \($0)\n" }.joined()
        } catch {
            return "fails \(error)\n"
        }
    }

    /// Compares `actual` with the expected file, or records it.
    static func check(_ actual: String, against expectedURL: URL) throws {
        if isRecording {
            // Never green: a recorded file is compared with nothing until it is read.
            try actual.write(to: expectedURL, atomically: true, encoding: .utf8)
            Issue.record("recorded \(expectedURL.lastPathComponent); read it, then run again without GALLEY_RECORD")
            return
        }
        let expected = try String(contentsOf: expectedURL, encoding: .utf8)
        if actual != expected {
            let actualLines = actual.split(separator: "\n", omittingEmptySubsequences: false)
            let expectedLines = expected.split(separator: "\n", omittingEmptySubsequences: false)
            let first =
                zip(actualLines, expectedLines).enumerated().first { $0.element.0 != $0.element.1 }?.offset
                ?? min(actualLines.count, expectedLines.count)
            Issue.record(
                """
                \(expectedURL.lastPathComponent) differs at line \(first + 1):
                  expected: \(first < expectedLines.count ? String(expectedLines[first]) : "<end>")
                  actual:   \(first < actualLines.count ? String(actualLines[first]) : "<end>")
                (GALLEY_RECORD=1 re-records)
                """)
        }
    }
}

@Suite struct ReaderFixtureTests {
    /// One chapter file, read as the only chapter of a zh-Hans book.
    @Test(arguments: ReaderFixtures.names(in: "Markdown", suffix: ".md"))
    func markdown(_ name: String) throws {
        let folder = ReaderFixtures.directory.appendingPathComponent("Markdown")
        let project = try Repository.temporaryDirectory("reader-fixture")
        defer { try? FileManager.default.removeItem(at: project) }
        let source = project.appendingPathComponent("Source")
        try FileManager.default.createDirectory(at: source, withIntermediateDirectories: true)
        try FileManager.default.copyItem(
            at: folder.appendingPathComponent("\(name).md"),
            to: source.appendingPathComponent("\(name).md"))
        try "title: Fixture\nlanguage: zh-Hans\nchapters: [\(name).md]\n"
            .write(to: source.appendingPathComponent("book.yaml"), atomically: true, encoding: .utf8)
        let actual = ReaderFixtures.dump(sourceDirectory: source, metadata: false)
        try ReaderFixtures.check(actual, against: folder.appendingPathComponent("\(name).tree"))
    }

    /// A whole `Source/` folder (book.yaml + chapters); `expected.tree` beside it.
    @Test(arguments: ReaderFixtures.names(in: "Books"))
    func book(_ name: String) throws {
        let folder = ReaderFixtures.directory.appendingPathComponent("Books/\(name)")
        let actual = ReaderFixtures.dump(sourceDirectory: folder.appendingPathComponent("Source"), metadata: true)
        try ReaderFixtures.check(actual, against: folder.appendingPathComponent("expected.tree"))
    }

    @Test func fixturesExist() {
        #expect(ReaderFixtures.names(in: "Markdown", suffix: ".md").count >= 8)
        #expect(ReaderFixtures.names(in: "Books").count >= 3)
    }
}
