import GalleyCore
import GalleyTestSupport
import Testing

@testable import GalleyText

/// Plain text keeps what raw HTML carried: listing captions, figure titles,
/// definitions; and a quote is marked so it never looks like code.
@Suite struct ContentHTMLTextTests {
    static func text(_ book: Book) -> String {
        String(decoding: TextWriter().render(book.normalized), as: UTF8.self)
    }

    @Test func listingsCaptionsDefinitionsAndQuotes() {
        let text = Self.text(ContentHTMLSample.book())
        let expected = [
            "Filename: src/main.rs\n\n    fn main() {}\n\nListing 15-1: Storing a value on the heap\n",
            "Filename: Cargo.toml\n\n    [package]\n",
            "[Ferris]\n\nFerris reads\n",
            "Ownership\n\n    One owner.\n\nBorrowing\n\n    A reference.\n",
            "Ctrl and underlined and HTML",
            "> Quoted.\n\n>     quoted code\n",
        ]
        for fragment in expected {
            #expect(text.contains(fragment), Comment(rawValue: "missing:\n\(fragment)\nin:\n\(text)"))
        }
    }

    @Test func aFiguresTitleIsItsCaptionLine() {
        let image = Image(source: "a.png", alt: [.text("A crab")], title: "The mascot")
        let book = Book(
            metadata: Metadata(title: "T", language: "en"),
            divisions: [
                Division(
                    role: .chapter, id: "", sourcePath: "c.md", title: [.text("C")],
                    blocks: [.paragraph([.image(image)])])
            ])
        #expect(Self.text(book).contains("[A crab]\nThe mascot\n"))
    }

    /// `{漢字|hàn|zì}` reads 漢字（hànzì） in text; group ruby 東京（とうきょう）.
    @Test func rubyReadsAsBaseAndReading() {
        let book = Book(
            metadata: Metadata(title: "T", language: "zh-Hans"),
            divisions: [
                Division(
                    role: .chapter, id: "c", sourcePath: "c.md", title: [.text("章")],
                    blocks: [
                        .paragraph([
                            .span(
                                Attributes(classes: ["ruby"]),
                                [.ruby(base: [.text("漢")], text: "hàn"), .ruby(base: [.text("字")], text: "zì")]),
                            .text("、"), .ruby(base: [.text("東京")], text: "とうきょう"),
                        ])
                    ])
            ])
        let text = Self.text(book)
        #expect(text.contains("漢字（hànzì）、東京（とうきょう）"), Comment(rawValue: text))
    }
}
