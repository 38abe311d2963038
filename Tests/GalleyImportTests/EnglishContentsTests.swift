import Testing

@testable import GalleyImport

/// An English book as `pdftotext` writes it (a form feed after each page): the
/// printed contents ends where the body starts, numbered headings are headings,
/// and contents entries keep the spaces between their words.
@Suite struct EnglishContentsTests {
    /// The shape of pdftotext's output for a Texinfo manual: the section numbers of the
    /// contents read as a column of their own, before and out of order with the titles.
    static let book =
        [
            "Sample Manual\n\nA. Author\n",
            """
            Table of Contents
            1

            Introduction . . . . . . . . . . . . . 1

            2

            Getting started . . . . . . . . . . . 2
            2.1
            2.2

            First steps . . . . . . . . . . . . . . 2
            A very long title that wraps over
            two lines . . . . . . . . . . . . . . . 3
            Index . . . . . . . . . . . . . . . . . 4

            """,
            """
            1

            1 Introduction
            This manual describes the sample library, which does a great many
            things for the people who use it.
            It is free software.

            """,
            """
            2

            2 Getting started
            2.1 First steps
            Install the library first, then read on for the rest of what
            there is to know.

            2.2 A very long title that wraps over two lines
            The second section has text of its own.

            """,
            """
            Index
            library, 1
            sections, 2

            """,
        ].joined(separator: "\u{0C}") + "\u{0C}"

    @Test func theContentsEndsWhereTheBodyStarts() {
        let result = Importer().run(text: Self.book)
        #expect(
            result.document.contents.map(\.title) == [
                "1 Introduction", "2 Getting started", "2.1 First steps",
                "2.2 A very long title that wraps over two lines", "Index",
            ])
        // The index is unnumbered, and a division of the book as the chapters are.
        #expect(result.document.contents.map(\.level) == [1, 1, 2, 2, 1])
        #expect(result.document.contents.map(\.page) == ["1", "2", "2", "3", "4"])
        let first = result.file("chapter-01.md") ?? ""
        #expect(first.contains("# 1 Introduction\n"))
        #expect(first.contains("This manual describes the sample library"))
        let second = result.file("chapter-02.md") ?? ""
        #expect(second.contains("# 2 Getting started\n"))
        #expect(second.contains("## 2.1 First steps\n"))
        #expect(second.contains("## 2.2 A very long title that wraps over two lines\n"))
        #expect(second.contains("The second section has text of its own."))
    }

    @Test func everyLineIsAccountedFor() {
        let result = Importer().run(text: Self.book)
        let fates = result.lineFates
        for index in result.inputLines.indices {
            #expect(fates[index + 1] != nil, "line \(index + 1): \(result.inputLines[index])")
        }
    }

    /// A novel: unnumbered chapter titles, the contents on a page of its own.
    static func novel(titled: Bool) -> String {
        [
            "A Short Novel\n\nA. Writer\n",
            "Contents\n\nThe Start . . . . . . . . . . . . . . 1\nThe Middle . . . . . . . . . . . . . 2\n",
            (titled ? "The Start\n" : "")
                + "It was a dark and stormy night; the rain fell in torrents, except at occasional\n"
                + "intervals, when it was checked by a violent gust of wind which swept up the\n"
                + "streets, rattling along the housetops.\n1\n",
            (titled ? "The Middle\n" : "")
                + "Nothing happened for a long while after that, and the people of the town went\n"
                + "about their business as they always had, without a thought for the storm that\n"
                + "had passed over them.\n2\n",
        ].joined(separator: "\u{0C}") + "\u{0C}"
    }

    @Test func anEnglishTitleTheContentsListsIsAHeadingAtTheTopOfAPage() {
        let result = Importer().run(text: Self.novel(titled: true))
        #expect(result.document.contents.map(\.title) == ["The Start", "The Middle"])
        #expect(result.file("chapter-01.md")?.contains("# The Start\n\nIt was a dark and stormy night;") == true)
        #expect(result.file("chapter-02.md")?.contains("# The Middle\n\nNothing happened") == true)
    }

    @Test func withoutHeadingsTheContentsEndsAtTheFirstProse() {
        let result = Importer().run(text: Self.novel(titled: false))
        #expect(result.document.contents.map(\.title) == ["The Start", "The Middle"])
        #expect(result.file("chapter-01.md")?.contains("It was a dark and stormy night;") == true)
        #expect(result.file("contents.yaml")?.contains("stormy") == false)
    }

    @Test func wrappedEntriesJoinWithASpaceInLatinAndWithoutInChinese() {
        let chinese = Importer().run(
            text: "# 目录\n\n第一章 一个很长的标题\n分两行 ………… 1\n\n# 第一章 一个很长的标题分两行\n\n正文在这里。\n")
        #expect(chinese.document.contents.map(\.title) == ["第一章 一个很长的标题分两行"])
        let contents = "# Contents\n\nA title that wraps\nover two lines ..... 1\n\n"
        let latin = Importer().run(text: contents + "# A title that wraps over two lines\n\nText.\n")
        #expect(latin.document.contents.map(\.title) == ["A title that wraps over two lines"])
    }
}
