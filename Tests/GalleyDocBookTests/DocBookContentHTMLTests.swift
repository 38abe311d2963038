import GalleyCore
import GalleyTestSupport
import Testing

@testable import GalleyDocBook

/// Raw HTML that carries content, in DocBook's own elements.
@Suite struct DocBookContentHTMLTests {
    @Test func listingsFiguresDefinitionListsAndPhrases() {
        let (bytes, _) = DocBookWriter().renderNormalized(ContentHTMLSample.book())
        let xml = String(decoding: bytes, as: UTF8.self)
        let expected = [
            "<example label=\"15-1\">\n<title>Storing a value on the heap</title>\n"
                + "<para role=\"file-name\">Filename: <filename>src/main.rs</filename></para>\n"
                + "<programlisting language=\"rust\">fn main() {}</programlisting>\n</example>",
            "<informalexample>\n<para role=\"file-name\">Filename: <filename>Cargo.toml</filename></para>\n",
            "<figure xml:id=\"ferris\">\n<title>Ferris reads</title>\n<mediaobject>",
            "<variablelist>\n<varlistentry>\n<term>Ownership</term>\n<listitem>\n<para>One owner.</para>\n"
                + "</listitem>\n</varlistentry>",
            "<keycap>Ctrl</keycap> and <emphasis role=\"underline\">underlined</emphasis> and <abbrev>HTML</abbrev>",
        ]
        for fragment in expected {
            #expect(xml.contains(fragment), Comment(rawValue: "missing:\n\(fragment)\nin:\n\(xml)"))
        }
    }

    /// A footnote may hold no example: the listing's labels become paragraphs there.
    @Test func aListingInAFootnoteIsParagraphsAroundTheCode() {
        var book = ContentHTMLSample.book()
        book.divisions[0].blocks = [.paragraph([.text("x"), .footnoteReference("1")])]
        book.divisions[0].footnotes = [Footnote(label: "1", blocks: [ContentHTMLSample.listing])]
        let xml = String(decoding: DocBookWriter().renderNormalized(book).bytes, as: UTF8.self)
        #expect(!xml.contains("<example"))
        #expect(xml.contains("<para role=\"listing-caption\">Listing 15-1: Storing a value on the heap</para>"))
    }
}
