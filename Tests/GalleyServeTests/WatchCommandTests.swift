import Foundation
import GalleyTestSupport
import Testing

/// The built `galley` executable: `build --watch` writes the outputs again
/// after a save, `serve` prints its address and serves the book. Each wait
/// is for a line the command prints.
@Suite struct WatchCommandTests {
    @Test(.galleyExecutable) func buildWatchWritesTheOutputsAgainAfterASave() async throws {
        let project = try IncrementalBuildTests.copy(Repository.defaultBook)
        defer { try? FileManager.default.removeItem(at: project) }
        let galley = try RunningGalley(["build", project.path, "--watch"])
        #expect(try await galley.line(containing: "watching") != nil)
        try IncrementalBuildTests.edit(project.appendingPathComponent("Source/foreword.md"), adding: "保存后重建。")
        let line = try await galley.line(containing: "foreword.md changed")
        #expect(line?.contains("rebuilt 1 of 4 chapters: foreword.md") == true, "\(line ?? "no line")")
        let text = try String(contentsOf: project.appendingPathComponent("Build/book.txt"), encoding: .utf8)
        #expect(text.contains("保存后重建。"))
    }

    @Test(.galleyExecutable) func serveListensOnLoopbackAndServesTheBook() async throws {
        let (galley, port) = try await RunningGalley.serve(Repository.defaultBook)
        let page = try await RawHTTP.get(port, "/text/preface.xhtml")
        #expect(page.status == 200)
        #expect(page.body.contains("<h1>序言</h1>"))
        withExtendedLifetime(galley) {}
    }
}
