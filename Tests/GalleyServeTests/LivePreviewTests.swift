import Foundation
import GalleyBuild
import GalleyServe
import GalleyTestSupport
import Testing

/// `galley serve`: a save to a chapter is seen by the watcher, rebuilds that
/// chapter only, and reaches an open page's event stream; every wait is for
/// an event, never for a time.
@Suite struct LivePreviewTests {
    @Test(.galleyExecutable) func aSavedChapterReachesTheOpenPages() async throws {
        let project = try IncrementalBuildTests.copy(Repository.defaultBook)
        defer { try? FileManager.default.removeItem(at: project) }
        let (galley, port) = try await RunningGalley.serve(project)
        let events = try EventStreamReader(port: port)
        #expect(try await events.wait(for: 0))

        try IncrementalBuildTests.edit(
            project.appendingPathComponent("Source/preface.md"), adding: "预览里新写的一段。")
        #expect(try await events.wait(for: 1))
        let page = try await RawHTTP.get(port, "/text/preface.xhtml")
        #expect(page.body.contains("预览里新写的一段。"))
        #expect(page.body.contains("data-generation=\"1\""))
        let line = try await galley.line(containing: "preface.md changed")
        #expect(line?.contains("rebuilt 1 of 4 chapters: preface.md") == true, "\(line ?? "no line")")
    }

    @Test func aChapterWithAnErrorKeepsTheLastPagesAndShowsTheError() throws {
        let project = try IncrementalBuildTests.copy(Repository.defaultBook)
        defer { try? FileManager.default.removeItem(at: project) }
        let preview = try LivePreview(project: project) { _ in }
        // Front matter that is not a mapping is an error: the book cannot be built.
        let preface = project.appendingPathComponent("Source/preface.md")
        let text = try String(contentsOf: preface, encoding: .utf8)
        try ("---\n- not a mapping\n---\n" + text).write(to: preface, atomically: true, encoding: .utf8)
        let rebuild = preview.rebuild(after: [preface.path])
        #expect(rebuild.changed && rebuild.diagnostics.contains { $0.severity == .error })
        let site = preview.server.site
        #expect(site.files["text/preface.xhtml"] != nil)
        guard case .file(let bytes, _) = site.response(for: "/text/preface.xhtml") else {
            Issue.record("the last good page is not served")
            return
        }
        #expect(String(decoding: bytes, as: UTF8.self).contains("galley-diagnostics"))
    }
}

/// The inotify watcher: one report per burst, subfolders made later
/// included, editors' scratch files left out.
@Suite struct ProjectWatcherTests {
    @Test func reportsSavesInNewSubfoldersAndNotScratchFiles() async throws {
        let folder = try Repository.temporaryDirectory("galley-watch")
        defer { try? FileManager.default.removeItem(at: folder) }
        let reports = AsyncStream<[String]>.makeStream()
        let watcher = try ProjectWatcher(folders: [folder]) { reports.continuation.yield($0) }
        watcher.start()
        var iterator = reports.stream.makeAsyncIterator()

        let part = folder.appendingPathComponent("part1")
        try FileManager.default.createDirectory(at: part, withIntermediateDirectories: true)
        #expect(await iterator.next() == [part.path])
        try Data("# 第一章\n".utf8).write(to: folder.appendingPathComponent(".ch1.md.swp"))
        try Data("# 第一章\n".utf8).write(to: part.appendingPathComponent("ch1.md"))
        #expect(await iterator.next() == [part.appendingPathComponent("ch1.md").path])
        watcher.stop()
    }
}
