import GalleyImport
import Testing

/// The structure rules on text of every common kind: Markdown-like text
/// (ATX headings), OCR text (blank lines, no page boundaries) and
/// `pdftotext` text (form feeds between pages).
struct PrintedTextTests {
    /// The two misses the held-out damaged book showed: a chapter number and
    /// its title on two lines, and the chapter's own title letter-spaced as a
    /// running head after its last paragraph.
    @Test func twoLineHeadingAndTrailingRunningHeadInMarkdownLikeText() {
        let text = """
            # 第一章

            从雕版到活字

            雕版印刷起于唐代。

            # 后记

            这本小书写了很久。

            后 记

            """
        let result = Importer().run(text: text)
        let headings = result.document.divisions.flatMap(\.blocks).filter(\.isHeading).map(\.text)
        #expect(headings == ["第一章　从雕版到活字", "后记"])
        #expect(result.texts(.afterword) == ["后记", "这本小书写了很久。"])
        #expect(result.lineFates[11] == .removed(rule: "running-heads"))
    }

    @Test func ocrTextGetsHeadingsFromNumberLines() {
        let text = """
            第一章
            从雕版到活字

            　　雕版印刷起于唐代，到宋代已经很盛行，
            刻工的名字常常留在版心。

            　　活字印刷是毕昇发明的。

            Chapter 2
            The Age of Lead

            Type was cast in lead.

            后记

            这本小书写了很久。

            后 记
            """
        let result = Importer().run(text: text)
        let headings = result.document.divisions.flatMap(\.blocks).filter(\.isHeading).map(\.text)
        #expect(headings == ["第一章　从雕版到活字", "Chapter 2: The Age of Lead", "后记"])
        #expect(result.texts(.chapter).contains("雕版印刷起于唐代，到宋代已经很盛行，刻工的名字常常留在版心。"))
        #expect(result.texts(.afterword) == ["后记", "这本小书写了很久。"])
    }

    /// pdftotext: a form feed ends each page; the folio and the running head (the
    /// chapter's title, already printed as its heading) go, a paragraph cut by the
    /// page break is one again, and the note at the page foot is linked to its call.
    @Test func pdftotextPagesLoseTheirFurniture() {
        let page1 = """
            第一章
            题辞
            当我沉默着的时候，我觉得充实；我将开口，同时感
            到空虚。过去的生命已经死亡。我对于这死亡有大欢
            喜，因为我借此知道它曾经存活。1死亡的生命已经朽
            1 这是注释。
            4
            """
        let page2 = """
            题辞
            腐。我对于这朽腐有大欢喜，因为我借此知道它还非空
            虚。
            5
            """
        let result = Importer().run(text: page1 + "\n\u{0C}" + page2 + "\n\u{0C}")
        let chapter = result.texts(.chapter)
        #expect(chapter.first == "第一章　题辞")
        #expect(
            chapter.contains(
                "当我沉默着的时候，我觉得充实；我将开口，同时感到空虚。过去的生命已经死亡。"
                    + "我对于这死亡有大欢喜，因为我借此知道它曾经存活。[^1]死亡的生命已经朽腐。"
                    + "我对于这朽腐有大欢喜，因为我借此知道它还非空虚。"), Comment(rawValue: "\(chapter)"))
        #expect(result.blocks(.chapter).contains { $0.kind == .footnote(label: "1") && $0.text == "这是注释。" })
        let removed = result.lineFates.filter { if case .removed = $0.value { true } else { false } }.keys.sorted()
        #expect(removed == [7, 8, 11])
    }
}
