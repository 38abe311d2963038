import Foundation
import GalleyCheck
import GalleyCore
import GalleyTestSupport
import Testing

@testable import GalleyEPUB

/// Identifier, reproducibility, images, languages, writing mode, stylesheets.
@Suite struct EPUBWriterFeatureTests {
    static func text(_ entries: [(name: String, bytes: [UInt8])], _ name: String) -> String {
        String(decoding: entries.first { $0.name == name }?.bytes ?? [], as: UTF8.self)
    }

    @Test func sha1MatchesFIPSVectors() {
        func hex(_ bytes: [UInt8]) -> String { bytes.map { String(format: "%02x", $0) }.joined() }
        #expect(hex(SHA1.digest(Array("abc".utf8))) == "a9993e364706816aba3e25717850c26c9cd0d89d")
        #expect(hex(SHA1.digest([])) == "da39a3ee5e6b4b0d3255bfef95601890afd80709")
        let long = Array("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq".utf8)
        #expect(hex(SHA1.digest(long)) == "84983e441c3bd26ebaae4aa1f95129e5e54670f1")
    }

    @Test func uuidVersion5MatchesPython() {
        // python3: uuid.uuid5(uuid.NAMESPACE_URL, "https://example.org/")
        #expect(
            EPUBIdentifier.uuidVersion5(namespace: EPUBIdentifier.urlNamespace, name: "https://example.org/")
                == "527dda32-a0de-5105-a042-cb475b5f7d11")
    }

    @Test func identifierIsExplicitElseISBNElseStableUUID() {
        var metadata = SampleBooks.metadata
        #expect(EPUBIdentifier.identifier(for: metadata) == "urn:isbn:9787801869210")
        metadata.identifier = "urn:doi:10.1000/182"
        #expect(EPUBIdentifier.identifier(for: metadata) == "urn:doi:10.1000/182")
        metadata.identifier = nil
        metadata.isbn = nil
        let uuid = EPUBIdentifier.identifier(for: metadata)
        #expect(
            uuid.wholeMatch(of: /urn:uuid:[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}/) != nil)
        #expect(uuid == EPUBIdentifier.identifier(for: metadata))
        metadata.title += "（修订版）"
        #expect(uuid != EPUBIdentifier.identifier(for: metadata))
    }

    /// The zip is stamped with the date the options give (the build takes
    /// it from the sources), never with "now": no waiting needed to see it.
    /// Two builds from separate processes: GalleyEndToEndTests.
    @Test func zipIsStampedWithTheGivenDate() throws {
        let directory = try Repository.temporaryDirectory("epub-repro")
        defer { try? FileManager.default.removeItem(at: directory) }
        let url = directory.appendingPathComponent("a.epub")
        _ = try EPUBWriter(options: SampleBooks.options()).writeFile(SampleBooks.chinese.normalized, to: url)
        let bytes = [UInt8](try Data(contentsOf: url))
        let head = try #require(ZipFirstEntry.read(url))
        #expect(head.name == "mimetype" && head.method == 0 && head.extraFieldLength == 0)
        // 2008-12-01 00:00:00 UTC as an MS-DOS time and date, in every local file header.
        var headers = 0
        for offset in 0..<(bytes.count - 14) where bytes[offset..<offset + 4] == [0x50, 0x4B, 0x03, 0x04] {
            headers += 1
            #expect(Array(bytes[offset + 10..<offset + 14]) == [0x00, 0x00, 0x81, 0x39], "entry at \(offset)")
        }
        #expect(headers >= 8)
    }

    @Test func vocabularyFollowsTheLanguage() throws {
        var book = SampleBooks.chinese
        book.metadata.language = "en"
        let entries = try EPUBWriter(options: SampleBooks.options()).render(book.normalized).entries
        let nav = Self.text(entries, "OEBPS/nav.xhtml")
        #expect(nav.contains(">Cover</a>") && nav.contains(">Contents</a>") && nav.contains(">Start of Content</a>"))
        #expect(nav.contains("<a href=\"text/dedication.xhtml\">Dedication</a>"))
        #expect(Self.text(entries, "OEBPS/text/ch001.xhtml").contains("xml:lang=\"en\" lang=\"en\""))
        let zh = try EPUBWriter(options: SampleBooks.options()).render(SampleBooks.chinese.normalized).entries
        #expect(Self.text(zh, "OEBPS/nav.xhtml").contains(">封面</a>"))
    }

    @Test func divisionLanguageOverridesTheBook() throws {
        var book = SampleBooks.chinese
        book.divisions[2].language = "en-GB"
        let entries = try EPUBWriter(options: SampleBooks.options()).render(book.normalized).entries
        #expect(Self.text(entries, "OEBPS/text/ch001.xhtml").contains("xml:lang=\"en-GB\" lang=\"en-GB\""))
        #expect(Self.text(entries, "OEBPS/text/preface.xhtml").contains("xml:lang=\"zh-Hans\" lang=\"zh-Hans\""))
    }

    @Test func verticalWritingTurnsPagesRightToLeft() throws {
        var book = SampleBooks.chinese
        book.metadata.writingMode = .vertical
        let entries = try EPUBWriter(options: SampleBooks.options()).render(book.normalized).entries
        #expect(Self.text(entries, "OEBPS/content.opf").contains("page-progression-direction=\"rtl\""))
        #expect(Self.text(entries, "OEBPS/text/ch001.xhtml").contains("lang=\"zh-Hans\" class=\"vertical\""))
        #expect(Self.text(entries, "OEBPS/styles/galley.css").contains("writing-mode: vertical-rl"))
    }

    @Test func missingImageIsAnErrorAtItsSourceLine() throws {
        var book = SampleBooks.chinese
        let location = SourceLocation(file: "Source/ch001.md", line: 12)
        book.divisions[2].blocks.append(
            .paragraph([.image(Image(source: "figures/none.png", alt: [.text("图")], location: location))]))
        let error = try #require(throws: DiagnosticsError.self) {
            try EPUBWriter(options: SampleBooks.options()).render(book.normalized)
        }
        #expect(error.diagnostics.contains { $0.code == "epub.missing-image" && $0.location == location })
    }

    /// A 1×1 PNG.
    static let png: [UInt8] = [
        0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 0x0D, 0x49, 0x48, 0x44, 0x52,
        0, 0, 0, 1, 0, 0, 0, 1, 8, 6, 0, 0, 0, 0x1F, 0x15, 0xC4, 0x89, 0, 0, 0, 0x0D, 0x49,
        0x44, 0x41, 0x54, 0x78, 0x9C, 0x63, 0, 1, 0, 0, 5, 0, 1, 0x0D, 0x0A, 0x2D, 0xB4, 0, 0,
        0, 0, 0x49, 0x45, 0x4E, 0x44, 0xAE, 0x42, 0x60, 0x82,
    ]

    @Test func imagesAreCopiedAndAltTextDecidesTheClaim() throws {
        let source = try Repository.temporaryDirectory("epub-images")
        defer { try? FileManager.default.removeItem(at: source) }
        try FileManager.default.createDirectory(
            at: source.appendingPathComponent("figures"), withIntermediateDirectories: true)
        let png = Self.png
        try Data(png).write(to: source.appendingPathComponent("figures/dot.png"))
        var book = SampleBooks.chinese
        book.divisions[2].blocks.append(.paragraph([.image(Image(source: "figures/dot.png", alt: [.text("一个点")]))]))
        let options = SampleBooks.options(sourceDirectory: source)
        let described = try EPUBWriter(options: options).render(book.normalized)
        #expect(described.entries.contains { $0.name == "OEBPS/images/dot.png" && $0.bytes == png })
        let opf = Self.text(described.entries, "OEBPS/content.opf")
        #expect(opf.contains("href=\"images/dot.png\" media-type=\"image/png\""))
        #expect(opf.contains(">alternativeText<") && opf.contains(EPUBAccessibility.claim))
        #expect(
            Self.text(described.entries, "OEBPS/text/ch001.xhtml")
                .contains("<figure class=\"image\"><img src=\"../images/dot.png\" alt=\"一个点\"/></figure>"))

        let undescribed = try EPUBWriter(options: options).render(Self.withUndescribedImage(book).normalized)
        let opf2 = Self.text(undescribed.entries, "OEBPS/content.opf")
        #expect(!opf2.contains("dcterms:conformsTo") && !opf2.contains(">alternativeText<"))
        #expect(undescribed.diagnostics.contains { $0.code == "epub.accessibility-claim-withheld" })
        #expect(
            undescribed.entries.filter { $0.name.hasPrefix("OEBPS/images/") }.count == 1, "one file, two references")
        let url = source.appendingPathComponent("images.epub")
        _ = try EPUBWriter(options: options).writeFile(Self.withUndescribedImage(book).normalized, to: url)
        #expect(OutputChecks.checkEPUB(at: url).isEmpty)
    }

    static func withUndescribedImage(_ book: Book) -> Book {
        var book = book
        book.divisions[2].blocks.append(.paragraph([.text("又"), .image(Image(source: "figures/dot.png", alt: []))]))
        return book
    }

    @Test(.epubCheck) func imagesPassEPUBCheck() throws {
        let source = try Repository.temporaryDirectory("epub-images")
        defer { try? FileManager.default.removeItem(at: source) }
        try FileManager.default.createDirectory(
            at: source.appendingPathComponent("figures"), withIntermediateDirectories: true)
        try Data(Self.png).write(to: source.appendingPathComponent("figures/dot.png"))
        var book = SampleBooks.chinese
        book.divisions[2].blocks.append(.paragraph([.image(Image(source: "figures/dot.png", alt: [.text("一个点")]))]))
        let url = source.appendingPathComponent("images.epub")
        let options = SampleBooks.options(sourceDirectory: source)
        _ = try EPUBWriter(options: options).writeFile(Self.withUndescribedImage(book).normalized, to: url)
        let run = try EPUBCheck.run(url)
        #expect(run.isClean, "\(run.output)")
    }

    @Test func bookStylesheetsFollowTheDefaultOrReplaceIt() throws {
        let styles = try Repository.temporaryDirectory("epub-styles")
        defer { try? FileManager.default.removeItem(at: styles) }
        let extra = styles.appendingPathComponent("book.css"), replacement = styles.appendingPathComponent("galley.css")
        try Data("p { color: black; }\n".utf8).write(to: extra)
        let added = try EPUBWriter(options: SampleBooks.options(stylesheets: [extra])).render(
            SampleBooks.chinese.normalized
        ).entries
        let page = Self.text(added, "OEBPS/text/ch001.xhtml")
        let defaultLink = try #require(page.range(of: "../styles/galley.css")),
            bookLink = try #require(page.range(of: "../styles/book.css"))
        #expect(defaultLink.lowerBound < bookLink.lowerBound)
        #expect(Self.text(added, "OEBPS/styles/galley.css").contains("text-indent: 2em"))

        try Data("body { margin: 0; }\n".utf8).write(to: replacement)
        let replaced = try EPUBWriter(options: SampleBooks.options(stylesheets: [replacement, extra])).render(
            SampleBooks.chinese.normalized
        ).entries
        #expect(Self.text(replaced, "OEBPS/styles/galley.css") == "body { margin: 0; }\n")
    }

    @Test func noteReferencedTwiceHasOneAsideAndTwoNoterefs() throws {
        let entries = try EPUBWriter(options: SampleBooks.options()).render(SampleBooks.chinese.normalized).entries
        let preface = Self.text(entries, "OEBPS/text/preface.xhtml")
        #expect(preface.components(separatedBy: "<aside epub:type=\"footnote\"").count == 2)
        #expect(preface.contains("id=\"fnref-preface-1\" href=\"#fn-preface-1\""))
        #expect(preface.contains("id=\"fnref-preface-1-2\" href=\"#fn-preface-1\""))
        #expect(preface.contains("href=\"#fnref-preface-1\">①</a>") && preface.contains("href=\"#fnref-preface-1-2\">"))
    }

    @Test func softBreakBetweenHanVanishesAndForbiddenCharactersAreDropped() throws {
        let result = try EPUBWriter(options: SampleBooks.options()).render(SampleBooks.chinese.normalized)
        #expect(Self.text(result.entries, "OEBPS/text/preface.xhtml").contains("，上海基层党建"))
        let chapter = Self.text(result.entries, "OEBPS/text/ch001.xhtml")
        #expect(!chapter.unicodeScalars.contains("\u{0007}") && chapter.contains("𠀀😀"))
        #expect(result.diagnostics.contains { $0.code == "epub.invalid-xml-character" })
    }

    @Test func remoteImagesAndDanglingLinksKeepTheirTextWithAWarning() throws {
        var book = SampleBooks.chineseSource
        book.divisions[2].blocks.append(
            .paragraph([
                .image(Image(source: "https://example.org/map.png", alt: [.text("地图")])),
                .link(Link(target: .unresolved("other.md#x"), children: [.text("别处")])),
                .link(Link(target: .unresolved("nowhere.md"), children: [.text("无处")])),
                .link(Link(target: .unresolved("preface.md#missing"), children: [.text("序言某处")])),
            ]))
        let (normalized, pipeline) = Pipeline.normalize(book)
        #expect(pipeline.map(\.code) == ["links.dangling", "links.dangling", "links.dangling"])
        let result = try EPUBWriter(options: SampleBooks.options()).render(normalized)
        let chapter = Self.text(result.entries, "OEBPS/text/ch001.xhtml")
        #expect(
            chapter.contains(
                "<p><span class=\"image-alt\">地图</span>"
                    + "<span>别处</span><span>无处</span><span>序言某处</span></p>"))
        #expect(result.diagnostics.map(\.code).contains("epub.remote-image"))
        #expect(!result.entries.contains { $0.name.hasPrefix("OEBPS/images/") })
        #expect(!Self.text(result.entries, "OEBPS/content.opf").contains(">visual<"), "no image is shipped")
    }

    /// A link to an image's id is live: the pipeline resolves it (the image
    /// id is in the link index) and the XHTML carries both ends.
    @Test func linkToAnImageIdIsLive() throws {
        let directory = try Repository.temporaryDirectory("epub-image-link")
        defer { try? FileManager.default.removeItem(at: directory) }
        try Data(SampleBooks.onePixelPNG).write(to: directory.appendingPathComponent("a.png"))
        let book = Book(
            metadata: Metadata(title: "Figures", language: "en"),
            divisions: [
                Division(
                    role: .chapter, id: "", sourcePath: "one.md", title: [.text("One")],
                    blocks: [
                        .paragraph([
                            .image(Image(source: "a.png", alt: [.text("x")], attributes: Attributes(id: "fig1")))
                        ])
                    ]),
                Division(
                    role: .chapter, id: "", sourcePath: "two.md", title: [.text("Two")],
                    blocks: [
                        .paragraph([.link(Link(target: .unresolved("#fig1"), children: [.text("see")]))]),
                        .paragraph([.link(Link(target: .unresolved("one.md#fig1"), children: [.text("again")]))]),
                    ]),
            ])
        let (normalized, pipeline) = Pipeline.normalize(book)
        #expect(pipeline.isEmpty, "\(pipeline)")
        let result = try EPUBWriter(options: SampleBooks.options(sourceDirectory: directory)).render(normalized)
        let one = Self.text(result.entries, "OEBPS/text/ch001.xhtml")
        let two = Self.text(result.entries, "OEBPS/text/ch002.xhtml")
        #expect(one.contains("<img id=\"fig1\" src=\"../images/a.png\" alt=\"x\"/>"))
        #expect(two.contains("<a href=\"ch001.xhtml#fig1\">see</a>"))
        #expect(two.contains("<a href=\"ch001.xhtml#fig1\">again</a>"))
        #expect(!result.diagnostics.contains { $0.code == "epub.dangling-link" })
    }
}
