import Foundation
import GalleyTestSupport
import Testing

/// The built `galley` executable: `build --watch` writes the outputs again
/// after a save, `serve` prints its address and serves the book. Each wait
/// is for a line the command prints.
@Suite struct WatchCommandTests {
    /// A running `galley` whose standard output is read line by line.
    final class Running: @unchecked Sendable {
        let process = Process()
        private let output = Pipe()
        private var lines: [String] = []
        private var pending = Data()

        init(_ arguments: [String]) throws {
            process.executableURL = Repository.galleyExecutable
            process.arguments = arguments
            process.standardOutput = output
            process.standardError = FileHandle.nullDevice
            process.standardInput = FileHandle.nullDevice
            try process.run()
        }

        deinit {
            if process.isRunning {
                process.terminate()
                process.waitUntilExit()
            }
        }

        /// Reads until a line containing `text` was printed; nil when the output ended first.
        func line(containing text: String) async throws -> String? {
            try await RawHTTP.offPool { [self] in
                while true {
                    if let found = lines.first(where: { $0.contains(text) }) { return found }
                    let chunk = output.fileHandleForReading.availableData
                    if chunk.isEmpty { return nil }
                    pending += chunk
                    while let end = pending.firstIndex(of: UInt8(ascii: "\n")) {
                        lines.append(String(decoding: pending[pending.startIndex..<end], as: UTF8.self))
                        pending = Data(pending[(end + 1)...])
                    }
                }
            }
        }
    }

    @Test(.galleyExecutable) func buildWatchWritesTheOutputsAgainAfterASave() async throws {
        let project = try IncrementalBuildTests.copy(Repository.defaultBook)
        defer { try? FileManager.default.removeItem(at: project) }
        let galley = try Running(["build", project.path, "--watch"])
        #expect(try await galley.line(containing: "watching") != nil)
        try IncrementalBuildTests.edit(project.appendingPathComponent("Source/foreword.md"), adding: "保存后重建。")
        let line = try await galley.line(containing: "foreword.md changed")
        #expect(line?.contains("rebuilt 1 of 4 chapters: foreword.md") == true, "\(line ?? "no line")")
        let text = try String(contentsOf: project.appendingPathComponent("Build/book.txt"), encoding: .utf8)
        #expect(text.contains("保存后重建。"))
    }

    @Test(.galleyExecutable) func serveListensOnLoopbackAndServesTheBook() async throws {
        let galley = try Running(["serve", Repository.defaultBook.path, "--port", "0"])
        let line = try #require(try await galley.line(containing: "serving"))
        #expect(line.contains("http://127.0.0.1:"))
        let port = try #require(
            line.split(separator: ":").last.flatMap { UInt16($0.prefix { $0.isNumber }) })
        let page = try await RawHTTP.get(port, "/text/preface.xhtml")
        #expect(page.status == 200)
        #expect(page.body.contains("<h1>序言</h1>"))
    }
}
