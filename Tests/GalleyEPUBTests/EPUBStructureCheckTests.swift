import Foundation
import GalleyCheck
import GalleyCore
import GalleyEPUB
import GalleyTestSupport
import Testing

/// Galley's own EPUB check, fed the writer's output and broken variants of it.
@Suite struct EPUBStructureCheckTests {
    typealias Entries = [(name: String, bytes: [UInt8])]

    static func entries() throws -> Entries {
        try EPUBWriter(options: SampleBooks.options()).render(SampleBooks.chinese.normalized).entries
    }

    /// Zips `entries` as given (order and compression included).
    static func zip(_ entries: Entries, compressMimetype: Bool = false) throws -> URL {
        let url = try Repository.temporaryDirectory("epubcheck").appendingPathComponent("book.epub")
        let archive = try OCFArchiveWriter(modificationDate: SampleBooks.date)
        for entry in entries {
            let stored = entry.name == "mimetype" && !compressMimetype
            try archive.add(entry.name, entry.bytes, compression: stored ? .stored : .deflated)
        }
        try Data(archive.commit()).write(to: url)
        return url
    }

    static func replacing(_ entries: Entries, in name: String, _ old: String, with new: String) -> Entries {
        entries.map { entry in
            guard entry.name == name else { return entry }
            let text = String(decoding: entry.bytes, as: UTF8.self)
            precondition(text.contains(old), "\(old) not in \(name)")
            return (entry.name, Array(text.replacingOccurrences(of: old, with: new).utf8))
        }
    }

    /// 1-based line of the first line of `entry` containing `needle`.
    static func line(of needle: String, in entries: Entries, _ name: String) -> Int? {
        let text = String(decoding: entries.first { $0.name == name }!.bytes, as: UTF8.self)
        return text.split(separator: "\n", omittingEmptySubsequences: false).firstIndex { $0.contains(needle) }.map {
            $0 + 1
        }
    }

    static func errors(_ diagnostics: [Diagnostic], _ code: String) -> [Diagnostic] {
        diagnostics.filter { $0.severity == .error && $0.code == code }
    }

    @Test func writerOutputPasses() throws {
        let url = try Self.zip(Self.entries())
        let diagnostics = OutputChecks.checkEPUB(at: url)
        #expect(diagnostics.isEmpty, "\(diagnostics)")
    }

    @Test func illFormedXHTMLIsLocated() throws {
        let name = "OEBPS/text/ch001.xhtml"
        let entries = Self.replacing(try Self.entries(), in: name, "<p>正文", with: "<p>正文 & ")
        let diagnostics = OutputChecks.checkEPUB(at: try Self.zip(entries))
        let found = Self.errors(diagnostics, "xml.not-well-formed")
        #expect(found.count == 1, "\(diagnostics)")
        #expect(found.first?.location?.file.hasSuffix("book.epub:\(name)") == true)
        #expect(found.first?.location?.line == Self.line(of: "<p>正文", in: entries, name))
    }

    static func withoutDedication() throws -> (url: URL, entries: Entries) {
        var entries = try Self.entries()
        entries.removeAll { $0.name == "OEBPS/text/dedication.xhtml" }
        return (try Self.zip(entries), entries)
    }

    @Test func manifestItemMissingFromZipIsLocated() throws {
        let (url, entries) = try Self.withoutDedication()
        let found = Self.errors(OutputChecks.checkEPUB(at: url), "epub.missing-item")
        #expect(found.count == 1)
        #expect(found.first?.location?.file.hasSuffix("book.epub:OEBPS/content.opf") == true)
        #expect(
            found.first?.location?.line
                == Self.line(of: "href=\"text/dedication.xhtml\"", in: entries, "OEBPS/content.opf"))
    }

    @Test(.epubCheck) func epubCheckAgreesAMissingItemIsAnError() throws {
        #expect(try EPUBCheck.run(try Self.withoutDedication().url).errors > 0)
    }

    static func withDanglingLinks() throws -> (url: URL, entries: Entries) {
        let name = "OEBPS/text/preface.xhtml"
        var entries = Self.replacing(try Self.entries(), in: name, "ch001.xhtml#sec-two", with: "ch001.xhtml#nowhere")
        entries = Self.replacing(
            entries, in: "OEBPS/text/ch001.xhtml", "href=\"preface.xhtml\"", with: "href=\"missing.xhtml\"")
        return (try Self.zip(entries), entries)
    }

    @Test func danglingHrefAndFragmentAreLocated() throws {
        let name = "OEBPS/text/preface.xhtml"
        let (url, entries) = try Self.withDanglingLinks()
        let diagnostics = OutputChecks.checkEPUB(at: url)
        let fragment = Self.errors(diagnostics, "epub.dangling-fragment")
        #expect(fragment.count == 1, "\(diagnostics)")
        #expect(fragment.first?.location?.file.hasSuffix("book.epub:\(name)") == true)
        #expect(fragment.first?.location?.line == Self.line(of: "#nowhere", in: entries, name))
        let file = Self.errors(diagnostics, "epub.dangling-link")
        #expect(file.count == 1)
        #expect(file.first?.location?.file.hasSuffix("book.epub:OEBPS/text/ch001.xhtml") == true)
        #expect(file.first?.location?.line == Self.line(of: "missing.xhtml", in: entries, "OEBPS/text/ch001.xhtml"))
    }

    @Test(.epubCheck) func epubCheckAgreesOnBothDanglingLinks() throws {
        #expect(try EPUBCheck.run(try Self.withDanglingLinks().url).errors >= 2)
    }

    @Test func mimetypeNotFirstOrCompressedIsReported() throws {
        var entries = try Self.entries()
        let mimetype = entries.removeFirst()
        entries.insert(mimetype, at: 2)
        let notFirst = OutputChecks.checkEPUB(at: try Self.zip(entries))
        #expect(Self.errors(notFirst, "epub.mimetype-not-first").count == 1)
        #expect(Self.errors(notFirst, "epub.mimetype-not-first").first?.location?.file.hasSuffix("book.epub") == true)

        let compressed = OutputChecks.checkEPUB(at: try Self.zip(try Self.entries(), compressMimetype: true))
        #expect(Self.errors(compressed, "epub.mimetype-compressed").count == 1)
    }

    @Test func spineAndNavigationProblemsAreReported() throws {
        let opf = "OEBPS/content.opf"
        var entries = Self.replacing(
            try Self.entries(), in: opf, "<itemref idref=\"x-ch001\"/>", with: "<itemref idref=\"x-none\"/>")
        entries = Self.replacing(entries, in: opf, " properties=\"nav\"", with: "")
        let diagnostics = OutputChecks.checkEPUB(at: try Self.zip(entries))
        #expect(
            Self.errors(diagnostics, "epub.spine-idref").first?.location?.line
                == Self.line(of: "x-none", in: entries, opf))
        #expect(Self.errors(diagnostics, "epub.nav-count").count == 1)
        // With the chapter out of the spine, links to it are reported too.
        #expect(!Self.errors(diagnostics, "epub.link-outside-spine").isEmpty)
    }

    @Test func duplicateIdsAndDanglingNCXEntriesAreLocated() throws {
        let chapter = "OEBPS/text/ch001.xhtml", ncx = "OEBPS/toc.ncx"
        var entries = Self.replacing(
            try Self.entries(), in: chapter, "<section id=\"sec-two\">", with: "<section id=\"sec-one\">")
        entries = Self.replacing(entries, in: ncx, "text/ch001.xhtml#ch001-s1", with: "text/ch001.xhtml#gone")
        let diagnostics = OutputChecks.checkEPUB(at: try Self.zip(entries))
        let duplicate = Self.errors(diagnostics, "epub.duplicate-id")
        #expect(duplicate.count == 1)
        // The second `<section id="sec-one">` stands on the line before 第二节's heading.
        #expect(duplicate.first?.location?.line == Self.line(of: "<h2>第二节", in: entries, chapter).map { $0 - 1 })
        let gone = Self.errors(diagnostics, "epub.dangling-fragment").filter {
            $0.location?.file.hasSuffix(ncx) == true
        }
        #expect(gone.first?.location?.line == Self.line(of: "#gone", in: entries, ncx))
    }
}
