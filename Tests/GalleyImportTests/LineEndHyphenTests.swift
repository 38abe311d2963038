import Testing

@testable import GalleyImport

/// `unwrap-lines` and a word hyphenated at a line end: made whole only when it is plainly one
/// word, never in Chinese text, never a compound the book prints whole elsewhere.
@Suite struct LineEndHyphenTests {
    static func unwrapped(_ paragraph: String) -> String {
        apply([UnwrapLinesRule()], to: paragraph + "\n").document.divisions.first?.blocks.first?.text ?? ""
    }

    @Test(arguments: [
        (
            "parsing and structures man-\nagement, and the Docu-\nment",
            "parsing and structures management, and the Document"
        ),
        ("in the section “His-\ntory”, as given", "in the section “History”, as given"),
        // Not a word of lower-case letters before the hyphen, or not a lower-case letter after it.
        ("the form \"YYMMDDhhmm-\nhh’mm’\" and", "the form \"YYMMDDhhmm-hh’mm’\" and"),
        ("is OP-\nTIONAL here", "is OP-TIONAL here"),
        ("pages 10-\n20 of it", "pages 10-20 of it"),
        ("send an e-\nmail to", "send an e-mail to"),
        // Part of a compound already: the hyphen is the compound's.
        ("the state-of-the-\nart methods", "the state-of-the-art methods"),
        ("the input/out-\nput of", "the input/out-put of"),
        // Chinese text keeps what it has.
        ("这是 man-\nagement 的意思", "这是 man-agement 的意思"),
    ])
    func aHyphenatedWordIsWholeOnlyWhenPlainlyOneWord(_ input: String, _ expected: String) {
        #expect(Self.unwrapped(input) == expected)
    }

    @Test func aCompoundTheBookPrintsWholeKeepsItsHyphen() {
        let text = "It is a well-known fact.\n\nThat is well-\nknown to all, and the para-\ngraph ends.\n"
        let result = apply([UnwrapLinesRule()], to: text)
        #expect(
            result.document.divisions.first?.blocks.map(\.text) == [
                "It is a well-known fact.", "That is well-known to all, and the paragraph ends.",
            ])
    }

    /// A PDF's lines: the hyphen goes when the paragraph's lines are joined.
    @Test func aPDFParagraphIsRejoined() {
        let lines = [
            PrintedLine(
                text: "A first line of the paragraph that stops in the man-", x0: 90, x1: 522, y0: 96, y1: 104,
                size: 10.9),
            PrintedLine(text: "agement of it, and goes on to the end.", x0: 90, x1: 300, y0: 109, y1: 117, size: 10.9),
        ]
        let book = PrintedBook(evidence: .pdf, pages: [PrintedPage(width: 612, height: 792, lines: lines)])
        let text = Importer().run(printed: book).document.divisions.flatMap(\.blocks).map(\.text)
        #expect(text == ["A first line of the paragraph that stops in the management of it, and goes on to the end."])
    }
}
