import Foundation
import Testing
import GalleyCore
import GalleyEPUB
import GalleyTestSupport

/// The writer's output for the sample book, compared with files read and
/// approved by a person. `GALLEY_RECORD=1` rewrites them.
@Suite struct EPUBGoldenTests {
    static let goldenDirectory = Repository.root.appendingPathComponent("Tests/GalleyEPUBTests/Fixtures/golden")

    static let files = ["OEBPS/content.opf", "OEBPS/nav.xhtml", "OEBPS/toc.ncx", "OEBPS/text/preface.xhtml",
                        "OEBPS/text/ch001.xhtml", "OEBPS/text/contents.xhtml", "OEBPS/text/titlepage.xhtml",
                        "META-INF/container.xml"]

    @Test(arguments: files)
    func matchesGolden(_ name: String) throws {
        let entries = try EPUBWriter(options: SampleBooks.options()).render(SampleBooks.chinese.normalized).entries
        let actual = try #require(entries.first { $0.name == name }).bytes
        let golden = Self.goldenDirectory.appendingPathComponent(name.replacingOccurrences(of: "/", with: "__"))
        if ProcessInfo.processInfo.environment["GALLEY_RECORD"] == "1" {
            try FileManager.default.createDirectory(at: Self.goldenDirectory, withIntermediateDirectories: true)
            try Data(actual).write(to: golden)
            return
        }
        let expected = try String(contentsOf: golden, encoding: .utf8)
        #expect(String(decoding: actual, as: UTF8.self) == expected, "\(name) differs from \(golden.lastPathComponent)")
    }
}
