import CGalleyPDF
import Testing

@testable import GalleyImport

/// An English manual read from its PDF, laid out as Texinfo sets one (body 10.9 pt, chapter
/// headings 17.2, sections 14.3, `@subheading` 13.1, the authors 14.3 on the title page): the
/// headings take their levels from their numbers, as in text, not from their type size.
@Suite struct EnglishPDFTests {
    static func line(_ text: String, _ size: Double, y: Double, x0: Double = 90, x1: Double = 522) -> PrintedLine {
        PrintedLine(text: text, x0: x0, x1: x1, y0: y, y1: y + size * 0.7, size: size)
    }

    /// Full lines of body type from `y` down, the last one short.
    static func paragraph(_ words: String, lines: Int, y: Double) -> [PrintedLine] {
        (0..<lines).map { n in
            line(
                "\(words) line \(n + 1) of the paragraph", 10.9, y: y + Double(n) * 13.1, x1: n == lines - 1 ? 300 : 522
            )
        }
    }

    /// Every chapter starts at the same place on a new page, as Texinfo sets them: headings, not running heads.
    static let book = PrintedBook(
        evidence: .pdf,
        pages: [
            [
                line("Sample Manual", 20.7, y: 216, x1: 240),
                line("A library for doing things", 10.9, y: 243, x0: 300),
                line("Ada Author", 14.3, y: 635, x1: 180),
                line("Bob Writer", 14.3, y: 652, x1: 180),
            ],
            [
                line("Table of Contents", 17.2, y: 96, x1: 240),
                line("1 Introduction . . . . . . . . . . . . . . . . 1", 14.3, y: 140, x1: 450),
                line("2 Getting started . . . . . . . . . . . . . . 2", 14.3, y: 173, x1: 450),
                line("2.1 First steps . . . . . . . . . . . . . . . . 2", 10.9, y: 192, x0: 105, x1: 450),
                line("2.2 Going on . . . . . . . . . . . . . . . . . . 3", 10.9, y: 205, x0: 105, x1: 450),
                line("Index . . . . . . . . . . . . . . . . . . . . . . 4", 14.3, y: 233, x1: 450),
            ],
            [line("1 Introduction", 17.2, y: 96, x1: 216)] + paragraph("Introducing", lines: 4, y: 128),
            [line("2 Getting started", 17.2, y: 96, x1: 300), line("2.1 First steps", 14.3, y: 139, x1: 216)]
                + paragraph("Starting", lines: 3, y: 160)
                + [line("frob widget", 13.1, y: 220, x1: 200)] + paragraph("Frobbing", lines: 3, y: 246)
                + [line("2.2 Going on", 14.3, y: 312, x1: 200)] + paragraph("Going", lines: 5, y: 334),
            [line("Index", 17.2, y: 96, x1: 160), line("A F", 14.3, y: 139, x1: 330)]
                + paragraph("Indexing", lines: 3, y: 157),
        ].map { PrintedPage(width: 612, height: 792, lines: $0) })

    static func headings(_ result: ImportResult) -> [String] {
        result.document.divisions.flatMap(\.blocks).compactMap { block in
            guard case .heading(let level) = block.kind else { return nil }
            return String(repeating: "#", count: level) + " " + block.text
        }
    }

    @Test func numberedHeadingsTakeTheirLevelsFromTheirNumbers() {
        let result = Importer().run(printed: Self.book)
        #expect(
            Self.headings(result) == [
                "# 1 Introduction", "# 2 Getting started", "## 2.1 First steps", "### frob widget", "## 2.2 Going on",
                "# Index",
            ])
        // One chapter file per chapter, not per section.
        #expect(
            result.files.map(\.path).filter { $0.hasPrefix("chapter-") } == [
                "chapter-01.md", "chapter-02.md", "chapter-03.md",
            ])
        #expect(result.file("chapter-02.md")?.contains("## 2.1 First steps\n") == true)
        #expect(result.document.contents.map(\.level) == [1, 1, 2, 2, 1])
    }

    @Test func theTitlePageKeepsItsTitleAndNamesAsText() {
        let result = Importer().run(printed: Self.book)
        #expect(result.document.metadata.title == "SampleManual")
        let titlePage = result.file("titlepage.md") ?? ""
        #expect(titlePage.contains("\nAda Author\n"), Comment(rawValue: titlePage))
        #expect(titlePage.contains("\nBob Writer\n"), Comment(rawValue: titlePage))
        #expect(!titlePage.contains("#"), Comment(rawValue: titlePage))
    }

    @Test func everyLineIsAccountedFor() {
        let result = Importer().run(printed: Self.book)
        let fates = result.lineFates
        for index in result.inputLines.indices {
            #expect(fates[index + 1] != nil, "line \(index + 1): \(result.inputLines[index])")
        }
    }

    /// A Texinfo manual sets its function descriptions further in than its body, and they can
    /// be most of its lines: each block's lines go on from a full line at their own left edge.
    @Test func paragraphsGoOnAtTheirOwnLeftEdge() {
        let body = [
            Self.line("The first paragraph starts indented and runs on to the full", 10.9, y: 128, x0: 105),
            Self.line("measure of the page, and then it ends on a short line.", 10.9, y: 141, x1: 400),
            Self.line("• A list item that fills the measure of the page and then goes", 10.9, y: 157, x0: 99),
            Self.line("on under its first line, hanging, to the end of it.", 10.9, y: 170, x0: 112, x1: 400),
        ]
        let described = (0..<3).flatMap { n in
            [
                Self.line(
                    "Description \(n) sets out what the function does, over", 10.9, y: 190 + Double(n) * 45, x0: 119),
                Self.line("two lines at the edge of its own block.", 10.9, y: 203 + Double(n) * 45, x0: 119, x1: 380),
            ]
        }
        let page = [Self.line("1 Introduction", 17.2, y: 96, x1: 216)] + body + described
        let book = PrintedBook(evidence: .pdf, pages: [PrintedPage(width: 612, height: 792, lines: page)])
        let blocks = Importer().run(printed: book).document.divisions.flatMap(\.blocks).filter { !$0.isHeading }
        #expect(blocks.map(\.lines.count) == [2, 2, 2, 2, 2])
        #expect(
            blocks.first?.text
                == "The first paragraph starts indented and runs on to the full measure of the page, "
                + "and then it ends on a short line.")
    }

    /// Poppler can hand over a contents entry's number and title with no space between them
    /// (`1Introduction`): a gap of more than half an em between Latin letters is a space.
    @Test func aWideGapInsideOnePopplerLineIsASpace() {
        func char(_ c: Character, _ x0: Float, _ x1: Float) -> GalleyPDFChar {
            GalleyPDFChar(
                scalar: c.unicodeScalars.first!.value, x0: x0, y0: 140, x1: x1, y1: 152.7, size: 14.3, bold: 0)
        }
        var chars = [char("1", 90, 98.1)]
        var x: Float = 114.2
        for c in "Intro" {
            chars.append(char(c, x, x + 7))
            x += 7
        }
        chars.append(char("d", x + 1, x + 8))   // a gap of a point is no word space
        #expect(PDFReader.lines(from: chars).map(\.text) == ["1 Introd"])
    }
}
