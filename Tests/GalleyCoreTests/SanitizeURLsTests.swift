import GalleyCore
import Testing

@Suite struct SanitizeURLsTests {
    static func book(_ inlines: [Inline]) -> Book {
        Book(
            metadata: Metadata(title: "T", language: "en"),
            divisions: [
                Division(
                    role: .chapter, id: "ch001", sourcePath: "a.md", title: [.text("A")],
                    blocks: [.paragraph(inlines)])
            ])
    }

    static func paragraph(_ book: Book) -> [Inline] {
        guard case .paragraph(let inlines) = book.divisions[0].blocks[0] else { return [] }
        return inlines
    }

    static func link(_ target: LinkTarget, line: Int = 3) -> Inline {
        .link(Link(target: target, children: [.text("text")], location: SourceLocation(file: "a.md", line: line)))
    }

    @Test func scriptLinksKeepTheirTextAndWarnAtTheLink() {
        let result = SanitizeURLs.apply(
            Self.book([
                Self.link(.external("JaVaScRiPt:alert(1)"), line: 3),
                Self.link(.unresolved(" java\nscript:alert(1)"), line: 4),
                .emphasis([Self.link(.external("data:text/html,<b>x</b>"), line: 5)]),
                Self.link(.external("data:image/png;base64,iVBORw0KGgo="), line: 6),
                Self.link(.external("file:///etc/passwd"), line: 7),
            ]))
        #expect(
            Self.paragraph(result.book) == [
                .text("text"), .text("text"), .emphasis([.text("text")]),
                .text("text"), .text("text"),
            ])
        #expect(result.diagnostics.map(\.code) == Array(repeating: "links.unsafe-url", count: 5))
        #expect(result.diagnostics.compactMap { $0.location?.line }.sorted() == [3, 4, 5, 6, 7])
        #expect(result.diagnostics.allSatisfy { $0.severity == .warning })
    }

    @Test func validLinksAreEscapedAndInvalidOnesDropped() {
        let result = SanitizeURLs.apply(
            Self.book([
                Self.link(.external("https://example.com/?search=](uri)")),
                Self.link(.external("https://../"), line: 9),
                Self.link(.unresolved("other.md#x")),
                Self.link(.internal(division: "ch001", fragment: nil)),
            ]))
        #expect(
            Self.paragraph(result.book) == [
                Self.link(.external("https://example.com/?search=%5D(uri)")), .text("text"),
                Self.link(.unresolved("other.md#x")), Self.link(.internal(division: "ch001", fragment: nil)),
            ])
        #expect(result.diagnostics.map(\.code) == ["links.invalid-url"])
        #expect(result.diagnostics.first?.location?.line == 9)
    }

    @Test func scriptImagesKeepTheirDescription() {
        let image = Image(
            source: "javascript:alert(1)", alt: [.text("alt")],
            location: SourceLocation(file: "a.md", line: 2))
        let local = Image(source: "images/a.png", alt: [.text("local")])
        let result = SanitizeURLs.apply(Self.book([.image(image), .image(local)]))
        #expect(Self.paragraph(result.book) == [.text("alt"), .image(local)])
        #expect(result.diagnostics.map(\.code) == ["links.unsafe-url"])
    }
}
