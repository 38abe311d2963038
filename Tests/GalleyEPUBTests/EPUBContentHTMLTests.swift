import Foundation
import GalleyCore
import GalleyTestSupport
import Testing

@testable import GalleyEPUB

/// Raw HTML that carries content is written as the XHTML element it was.
@Suite struct EPUBContentHTMLTests {
    static func chapter(language: String = "en") throws -> String {
        let entries = try EPUBWriter(options: SampleBooks.options())
            .render(ContentHTMLSample.book(language: language).normalized).entries
        return EPUBWriterFeatureTests.text(entries, "OEBPS/text/ch001.xhtml")
    }

    @Test func listingsFiguresDetailsAndDefinitionListsAreTheirElements() throws {
        let xhtml = try Self.chapter()
        let expected = [
            "<figure class=\"listing\">\n<p class=\"file-name\">Filename: src/main.rs</p>\n"
                + "<pre><code class=\"language-rust\"><span class=\"hl-kw\">fn</span> main() {}</code></pre>\n"
                + "<figcaption>Listing 15-1: Storing a value on the heap</figcaption>\n</figure>",
            "<p class=\"file-name\">Filename: Cargo.toml</p>\n"
                + "<pre><code class=\"language-toml\"><span class=\"hl-kw\">[</span>"
                + "<span class=\"hl-type\">package</span><span class=\"hl-kw\">]</span></code></pre>\n</figure>",
            "<figure id=\"ferris\">", "<figcaption>Ferris reads</figcaption>\n</figure>",
            "<details>\n<summary>Answer</summary>\n<p>42</p>\n</details>",
            "<dl>\n<dt>Ownership</dt>\n<dd>One owner.</dd>\n<dt>Borrowing</dt>\n<dd>A reference.</dd>\n</dl>",
            "<kbd>Ctrl</kbd> and <u>underlined</u> and <abbr title=\"HyperText Markup Language\">HTML</abbr>",
        ]
        for fragment in expected {
            #expect(xhtml.contains(fragment), Comment(rawValue: "missing:\n\(fragment)\nin:\n\(xhtml)"))
        }
    }

    @Test func listingLabelsFollowTheLanguage() throws {
        let xhtml = try Self.chapter(language: "zh-Hans")
        #expect(xhtml.contains("<p class=\"file-name\">文件名：src/main.rs</p>"))
        #expect(xhtml.contains("<figcaption>示例 15-1：Storing a value on the heap</figcaption>"))
    }

    /// `<u>` is underlined by the default stylesheet, not only by readers' defaults.
    @Test func theDefaultStylesheetUnderlines() throws {
        let entries = try EPUBWriter(options: SampleBooks.options()).render(ContentHTMLSample.book().normalized)
            .entries
        #expect(
            EPUBWriterFeatureTests.text(entries, "OEBPS/styles/galley.css").contains(
                "u { text-decoration: underline; }"))
    }
}
