import Foundation
import GalleyTestSupport
import Testing

/// A book project built by the `galley build` command into a temporary
/// folder: its exit status, what it printed, and its outputs.
struct CommandBuild: Sendable {
    var result: ProcessResult
    var output: URL

    static func run(_ project: URL) throws -> CommandBuild {
        let output = try Repository.temporaryDirectory("galley-command-build")
        let result = try runProcess(Repository.galleyExecutable.path, ["build", project.path, "--output", output.path])
        return CommandBuild(result: result, output: output)
    }

    var epub: URL { output.appendingPathComponent("book.epub") }
    var docbook: URL { output.appendingPathComponent("book.xml") }
    var text: URL { output.appendingPathComponent("book.txt") }

    /// Every XHTML document of the EPUB, by entry name.
    func xhtmlDocuments() throws -> [(name: String, text: String)] {
        let unpacked = output.appendingPathComponent("unpacked")
        let unzip = try runProcess("unzip", ["-q", "-o", epub.path, "-d", unpacked.path])
        #expect(unzip.status == 0, "\(unzip.output)")
        let files =
            FileManager.default.enumerator(at: unpacked, includingPropertiesForKeys: nil)?
            .compactMap { $0 as? URL }.filter { $0.pathExtension == "xhtml" } ?? []
        return try files.map { ($0.lastPathComponent, try String(contentsOf: $0, encoding: .utf8)) }
    }
}

/// The CommonMark spec's 655 examples, one chapter each
/// (`Tests/Books/commonmark-spec/book`, made by `Scripts/commonmark-spec-book.py`):
/// `galley build` succeeds and EPUBCheck and jing find nothing, because
/// every URL is escaped and the few that cannot be valid are dropped.
@Suite("The CommonMark spec examples, built as a book")
struct CommonMarkSpecBookTests {
    static let project = Repository.fixtureBook("commonmark-spec").appendingPathComponent("book")
    static let built = Result { try CommandBuild.run(project) }

    func build() throws -> CommandBuild { try Self.built.get() }

    @Test func everyExampleOfTheSpecIsAChapter() throws {
        let spec = try String(contentsOf: CommonMarkSpec.url, encoding: .utf8)
        let fence = String(repeating: "`", count: 32)
        let examples = spec.split(separator: "\n").filter { $0 == "\(fence) example" }.count
        let manifest = try String(contentsOf: Self.project.appendingPathComponent("Source/book.yaml"), encoding: .utf8)
        let chapters = manifest.split(separator: "\n").filter { $0.hasPrefix("  - example-") }
        #expect(examples == 655)
        #expect(chapters.count == examples, "regenerate with Scripts/commonmark-spec-book.py")
        let pixel = try Data(contentsOf: Self.project.appendingPathComponent("Source/images/pixel.png"))
        #expect(pixel.starts(with: [0x89, 0x50, 0x4E, 0x47]))
    }

    @Test func galleyBuildExitsZero() throws {
        let build = try build()
        #expect(build.result.status == 0, "\(build.result.output)")
    }

    /// The four links of the spec that no escaping makes followable are
    /// dropped with a warning at their line; no other link is.
    @Test func onlyTheUnfollowableLinksAreDropped() throws {
        let dropped = try build().result.output.split(separator: "\n")
            .filter { $0.contains("[links.invalid-url]") || $0.contains("[links.unsafe-url]") }
            .map { String($0.prefix { $0 != " " }) }
        #expect(
            dropped == [
                "Source/example-600.md:3:", "Source/example-601.md:3:", "Source/example-602.md:3:",
                "Source/example-603.md:3:",
            ])
    }

    @Test(.epubCheck) func epubCheckReportsNothing() throws {
        let result = try EPUBCheck.run(try build().epub)
        #expect(result.isClean, "\(result.output)")
    }

    @Test(.judge("jing"), arguments: [Jing.docBookRNG, Jing.docBookSchematron])
    func jingAcceptsTheDocBook(schema: String) throws {
        #expect(try Jing.errors(schema, try build().docbook) == [])
    }

    @Test func escapedURLsReachEveryOutput() throws {
        let build = try build()
        let xhtml = try build.xhtmlDocuments().map(\.text).joined()
        #expect(xhtml.contains("href=\"https://example.com/?search=%5D(uri)\""))
        #expect(xhtml.contains("href=\"https://example.com/%5C%5B%5C\""))
        let docbook = try String(contentsOf: build.docbook, encoding: .utf8)
        #expect(docbook.contains("xlink:href=\"https://example.com/?search=%5D(uri)\""))
        #expect(docbook.contains("xlink:href=\"https://example.com/%5C%5B%5C\""))
    }
}
