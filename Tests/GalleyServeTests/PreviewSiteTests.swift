import Foundation
import GalleyBuild
import GalleyCheck
import GalleyCore
import GalleyServe
import GalleyTestSupport
import Testing

/// What a served page gets, and what the EPUB never does.
@Suite struct PreviewSiteTests {
    @Test func servedPagesGetTheSidebarBannerAndScriptTheEPUBNever() throws {
        let (entries, _) = BookBuild(projectDirectory: Repository.defaultBook).renderEPUB()
        let files = try #require(entries)
        for entry in files {
            #expect(!String(decoding: entry.bytes, as: UTF8.self).contains("_galley"), "\(entry.name)")
        }
        let warning = Diagnostic(
            CoreCode.idsDuplicate, severity: .warning, "a <b> & \"c\"", at: SourceLocation(file: "Source/a.md", line: 3)
        )
        let site = PreviewSite(generation: 7, entries: files, diagnostics: [warning])
        guard case .file(let bytes, let type) = site.response(for: "/text/preface.xhtml") else {
            Issue.record("no page")
            return
        }
        #expect(type.hasPrefix("application/xhtml+xml"))
        let page = String(decoding: bytes, as: UTF8.self)
        #expect(page.contains("<div id=\"galley-preview\" data-generation=\"7\">"))
        #expect(page.contains("<a href=\"/text/foreword.xhtml#part-1\">"))
        #expect(page.contains("a &lt;b&gt; &amp; &quot;c&quot;"))
        #expect(page.contains("<script src=\"/_galley/live.js\"></script>\n</body>"))
        // Still well-formed XML: browsers parse application/xhtml+xml strictly.
        if case .failure(let problem) = ParsedXMLDocument.parse(bytes, name: "preface.xhtml") {
            Issue.record("the served page is not well-formed: \(problem)")
        }
        #expect(site.response(for: "/styles/galley.css") != .notFound)
        #expect(site.response(for: "/nope.xhtml") == .notFound)
        #expect(site.response(for: "") == .notFound)
    }

    @Test func withoutAnyGoodBuildTheRootShowsTheErrors() throws {
        let error = Diagnostic(
            CoreCode.idsDuplicate, severity: .error, "no book.yaml", at: SourceLocation(file: "Source"))
        let site = PreviewSite(generation: 2, entries: [], diagnostics: [error])
        guard case .file(let bytes, _) = site.response(for: "/") else {
            Issue.record("no page at /")
            return
        }
        let page = String(decoding: bytes, as: UTF8.self)
        #expect(page.contains("no book.yaml") && page.contains("/_galley/live.js"))
        #expect(site.response(for: "/text/preface.xhtml") == .notFound)
    }
}
