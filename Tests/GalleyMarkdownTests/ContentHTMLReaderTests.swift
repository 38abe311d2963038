import Foundation
import GalleyCore
import GalleyMarkdown
import GalleyTestSupport
import Testing

/// How the reader keeps raw HTML that carries content (issue 11).
@Suite struct ContentHTMLReaderTests {
    func read(_ markdown: String) throws -> (blocks: [Block], diagnostics: [Diagnostic]) {
        let project = try HostileProject()
        defer { project.remove() }
        try project.write("# T\n\n" + markdown, to: "ch.md")
        try project.book()
        let (book, diagnostics) = project.read()
        return (try #require(book?.divisions.first).blocks, diagnostics)
    }

    @Test func mdBooksListingAroundAFencedBlockIsACaptionedListing() throws {
        let markdown = """
            <Listing number="15-1" file-name="src/main.rs" caption="Storing a value">

            ```rust
            fn main() {}
            ```

            </Listing>

            <Listing caption="Inside the HTML block">
            ```rust
                indented();
            ```
            </Listing>
            """
        let (blocks, diagnostics) = try read(markdown)
        let pairs = [
            KeyValue("number", "15-1"), KeyValue("file-name", "src/main.rs"), KeyValue("caption", "Storing a value"),
        ]
        #expect(
            blocks == [
                .div(
                    Attributes(classes: ["listing"], pairs: pairs),
                    [.codeBlock(language: "rust", text: "fn main() {}\n")]),
                .div(
                    Attributes(classes: ["listing"], pairs: [KeyValue("caption", "Inside the HTML block")]),
                    [.codeBlock(language: "rust", text: "    indented();\n")]),
            ])
        #expect(diagnostics.isEmpty, "\(diagnostics)")
    }

    @Test func detailsOpenedWithItsSummaryOnTheNextLineClosesAfterTheMarkdown() throws {
        let (blocks, diagnostics) = try read("<details>\n<summary>Answer</summary>\n\nIt is **42**.\n\n</details>\n")
        #expect(
            blocks == [
                .div(
                    Attributes(classes: ["details"]),
                    [
                        .div(Attributes(classes: ["summary"]), [.paragraph([.text("Answer")])]),
                        .paragraph([.text("It is "), .strong([.text("42")]), .text(".")]),
                    ])
            ])
        #expect(diagnostics.isEmpty, "\(diagnostics)")
    }

    /// The Rustonomicon writes `<details><summary>…</summary>` on one line:
    /// the same details, closing after the Markdown (it was an empty details
    /// and a warning for the `</details>`); HTML on the lines after it too.
    @Test(arguments: ["", "\nMore."])
    func detailsWithItsSummaryOnTheSameLineClosesAfterTheMarkdown(_ more: String) throws {
        let (blocks, diagnostics) = try read(
            "<details><summary>Answer</summary>\(more)\n\nIt is **42**.\n\n</details>\n")
        let after: [Block] = more.isEmpty ? [] : [.paragraph([.text("More.")])]
        #expect(
            blocks == [
                .div(
                    Attributes(classes: ["details"]),
                    [.div(Attributes(classes: ["summary"]), [.paragraph([.text("Answer")])])] + after
                        + [.paragraph([.text("It is "), .strong([.text("42")]), .text(".")])])
            ])
        #expect(diagnostics.isEmpty, "\(diagnostics)")
    }

    @Test func phrasesKeepTheirTagAsClassAndAbbrItsTitle() throws {
        let (blocks, _) = try read("<kbd>Ctrl</kbd> <u>u</u> <abbr title=\"Hyper Text\">HT</abbr>\n")
        #expect(
            blocks == [
                .paragraph([
                    .span(Attributes(classes: ["kbd"]), [.text("Ctrl")]), .text(" "),
                    .span(Attributes(classes: ["u"]), [.text("u")]), .text(" "),
                    .span(Attributes(classes: ["abbr"], pairs: [KeyValue("title", "Hyper Text")]), [.text("HT")]),
                ])
            ])
    }

    @Test func aDroppedElementKeepsItsTextAndContentAttributesAndSaysWhich() throws {
        let (blocks, diagnostics) = try read(
            "<widget caption=\"A caption\" alt=\"Alt\" data-x=\"no\">Body</widget>\n\n<video title=\"Demo\"></video>\n")
        #expect(blocks == [.paragraph([.text("A caption Alt Body")]), .paragraph([.text("Demo")])])
        #expect(
            diagnostics.map(\.message) == [
                "raw HTML element <widget> has no meaning in Galley's tree and was dropped; "
                    + "kept: its text, its caption “A caption”, its alt “Alt”",
                "raw HTML element <video> is not allowed in a book and was dropped; kept: its title “Demo”",
            ])
    }
}
