import Foundation
import GalleyBuild
import GalleyCheck
import GalleyCore
import GalleyTestSupport
import Testing

/// Every fixture book under `Tests/Books/` and the default book, built to
/// EPUB through the whole pipeline: EPUBCheck 5.3.0 and Galley's own check
/// must both find nothing, and two builds must be byte-identical.
@Suite struct EPUBFixtureBookTests {
    static let defaultBook = "(default book)"
    static var books: [String] { Repository.fixtureBookNames + [defaultBook] }

    static func project(_ name: String) -> URL {
        name == defaultBook ? Repository.defaultBook : Repository.fixtureBook(name)
    }

    static func build(_ name: String) throws -> (url: URL, diagnostics: [Diagnostic]) {
        let output = try Repository.temporaryDirectory("epub-fixture")
        let report = BookBuild(projectDirectory: project(name), outputDirectory: output, formats: [.epub]).run()
        let errors = report.diagnostics.filter { $0.severity == .error }
        #expect(errors.isEmpty, "\(name): \(errors.map(\.description).joined(separator: "\n"))")
        return (output.appendingPathComponent("book.epub"), report.diagnostics)
    }

    static func entry(_ url: URL, _ name: String) -> String {
        guard case .success(let archive) = EPUBArchiveReader.open(url), let bytes = archive.read(name) else {
            return ""
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    @Test(arguments: books)
    func passesGalleysCheck(_ name: String) throws {
        let (url, _) = try Self.build(name)
        defer { try? FileManager.default.removeItem(at: url.deletingLastPathComponent()) }
        let own = OutputChecks.checkEPUB(at: url)
        #expect(own.isEmpty, "\(name): \(own.map(\.description).joined(separator: "\n"))")
    }

    // Two builds byte-identical: GalleyEndToEndTests compares two `galley build` processes.

    @Test(.epubCheck, arguments: books)
    func passesEPUBCheck(_ name: String) throws {
        let (url, _) = try Self.build(name)
        defer { try? FileManager.default.removeItem(at: url.deletingLastPathComponent()) }
        let run = try EPUBCheck.run(url)
        #expect(run.fatals == 0 && run.errors == 0 && run.warnings == 0, "\(name):\n\(run.output)")
    }

    @Test func defaultBookIsChineseAndClaimsAccessibility() throws {
        let (url, diagnostics) = try Self.build(Self.defaultBook)
        defer { try? FileManager.default.removeItem(at: url.deletingLastPathComponent()) }
        let nav = Self.entry(url, "OEBPS/nav.xhtml")
        for label in ["封面", "扉页", "目录", "正文", "序言", "代前言"] {
            #expect(nav.contains(">\(label)</a>"), "landmark or toc label \(label)")
        }
        #expect(Self.entry(url, "OEBPS/text/contents.xhtml").contains("<h1>目录</h1>"))
        let opf = Self.entry(url, "OEBPS/content.opf")
        #expect(opf.contains("<dc:identifier id=\"pub-id\">urn:isbn:9787801869210</dc:identifier>"))
        #expect(opf.contains("<meta property=\"dcterms:conformsTo\">EPUB Accessibility 1.1 - WCAG 2.2 Level AA</meta>"))
        #expect(opf.contains("<meta property=\"schema:accessibilitySummary\">本书"))
        #expect(!diagnostics.contains { $0.code == "epub.accessibility-claim-withheld" })
        let foreword = Self.entry(url, "OEBPS/text/foreword.xhtml")
        #expect(foreword.contains("epub:type=\"noteref\"") && foreword.contains("<sup>①</sup>"))
        #expect(foreword.contains("<aside epub:type=\"footnote\" role=\"doc-footnote\""))
        #expect(Self.entry(url, "OEBPS/styles/book.css").contains("section.dedication"))
    }

    @Test func vertical() throws {
        try #require(Repository.fixtureBookNames.contains("torture-vertical"), "Tests/Books/torture-vertical")
        let (url, _) = try Self.build("torture-vertical")
        defer { try? FileManager.default.removeItem(at: url.deletingLastPathComponent()) }
        let opf = Self.entry(url, "OEBPS/content.opf")
        #expect(opf.contains("page-progression-direction=\"rtl\""))
        #expect(opf.contains("<dc:identifier id=\"pub-id\">urn:uuid:"))
        #expect(Self.entry(url, "OEBPS/text/titlepage.xhtml").contains("class=\"vertical\""))
    }

    @Test func english() throws {
        try #require(Repository.fixtureBookNames.contains("english"), "Tests/Books/english")
        let (url, diagnostics) = try Self.build("english")
        defer { try? FileManager.default.removeItem(at: url.deletingLastPathComponent()) }
        let nav = Self.entry(url, "OEBPS/nav.xhtml")
        #expect(nav.contains(">Cover</a>") && nav.contains(">Title Page</a>") && nav.contains(">Start of Content</a>"))
        let opf = Self.entry(url, "OEBPS/content.opf")
        #expect(opf.contains("properties=\"cover-image\"") && !opf.contains("dcterms:conformsTo"))
        #expect(diagnostics.contains { $0.code == "epub.accessibility-claim-withheld" }, "one image has no alt text")
        let foreword = Self.entry(url, "OEBPS/text/foreword.xhtml")
        #expect(foreword.components(separatedBy: "epub:type=\"noteref\"").count == 4, "three references")
        #expect(foreword.components(separatedBy: "<aside epub:type=\"footnote\"").count == 3, "two notes")
    }
}
