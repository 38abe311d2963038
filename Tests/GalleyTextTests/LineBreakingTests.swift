import GalleyCore
import Testing

@testable import GalleyText

/// The line-layout engine on small strings.
struct LineBreakingTests {
    func lines(_ text: String, _ columns: Int?, ambiguousIsWide: Bool = false) -> [String] {
        let measure = DisplayWidth(ambiguousIsWide: ambiguousIsWide)
        var run = TextRun(measure: measure)
        run.append(text)
        let layout = LineLayout(columns: columns, measure: measure)
        return layout.layout(run, firstPrefix: "", restPrefix: "").map(\.text)
    }

    @Test func breaksBetweenHanCharacters() {
        #expect(lines("一二三四五六七八", 6) == ["一二三", "四五六", "七八"])
    }

    @Test func unwrappedIsOneLine() {
        let text = String(repeating: "党建工作，", count: 100)
        #expect(lines(text, nil) == [text])
    }

    @Test func lineStartProhibitedMarkPullsThePreviousCharacterDown() {
        // 。 would start line 2 at width 6: 三 goes down with it.
        #expect(lines("一二三。四五", 6) == ["一二", "三。四", "五"])
        // A chain: neither 。 nor ” may start a line.
        #expect(lines("一二三。”四", 6) == ["一二", "三。”", "四"])
    }

    @Test(arguments: ["、", "，", "。", "；", "：", "？", "！", "”", "’", "）", "》", "〉", "」", "』", "】", "〕", "〗", "·"])
    func noLineStartsWith(mark: String) {
        let result = lines("一二三\(mark)四五六七", 6)
        #expect(result.allSatisfy { !$0.hasPrefix(mark) }, "\(result)")
    }

    @Test(arguments: ["“", "‘", "（", "《", "〈", "「", "『", "【", "〔", "〖"])
    func noLineEndsWith(mark: String) {
        let result = lines("一二\(mark)三四五六七", 6)
        #expect(result.allSatisfy { !$0.hasSuffix(mark) }, "\(result)")
        #expect(result.joined() == "一二\(mark)三四五六七")
    }

    @Test func twoEmDashesAndEllipsesStayTogether() {
        for width in 2...12 {
            for text in ["一二三——四五六七", "一二三……四五六七", "一二——……三四"] {
                let result = lines(text, width)
                #expect(result.joined() == text)
                for (a, b) in zip(result, result.dropFirst()) {
                    #expect(!(a.hasSuffix("—") && b.hasPrefix("—")), "\(result)")
                    #expect(!(a.hasSuffix("…") && b.hasPrefix("…")), "\(result)")
                }
            }
        }
    }

    @Test func latinWordsAndNumbersAreNotSplit() {
        #expect(lines("中文English混排", 8) == ["中文", "English", "混排"])
        #expect(lines("共 1234567 人", 8) == ["共", "1234567", "人"])
        #expect(lines("one two three", 8) == ["one two", "three"])
    }

    @Test func aTokenLongerThanTheLineIsSplitByGraphemes() {
        let url = "https://example.org/abcdefghij"
        let result = lines(url, 10)
        #expect(result.joined() == url)
        #expect(result.allSatisfy { DisplayWidth().columns(of: $0) <= 10 })
        // The split avoids putting / or . at a line start where it can.
        #expect(result.dropFirst().allSatisfy { !$0.hasPrefix("/") && !$0.hasPrefix(".") }, "\(result)")
    }

    @Test func clustersAreNeverSplit() {
        let text = "👨‍👩‍👧👍🏽e\u{301}e\u{301}e\u{301}🇨🇳"
        let result = lines(text, 2)
        #expect(result.joined() == text)
        #expect(result.allSatisfy { DisplayWidth().columns(of: $0) <= 2 })
    }

    @Test func spacesAtABreakAreDroppedAndNoLineEndsInWhitespace() {
        let result = lines("alpha beta gamma delta", 11)
        #expect(result == ["alpha beta", "gamma delta"])
    }

    @Test func softBreaksAreWhatThePipelineDecided() {
        // One rule for every writer: the text shows what SoftBreaks made of each break.
        let paragraph: [Inline] = [
            .text("中文"), .softBreak, .text("换行 English"), .softBreak,
            .text("words 中"), .softBreak, .text("文"),
        ]
        let book = Book(
            metadata: Metadata(title: "书", language: "zh-Hans"),
            divisions: [
                Division(role: .chapter, id: "c", sourcePath: "c.md", title: [], blocks: [.paragraph(paragraph)])
            ])
        let normalized = Pipeline.normalize(book).0
        let text = String(decoding: TextWriter().render(normalized), as: UTF8.self)
        #expect(text.contains("\u{3000}\u{3000}中文换行 English words 中文\n"))
    }

    /// A paragraph of 100,000 inline pieces (emphasis, each its own text
    /// node) is one line of all their text: a run grows by amortised
    /// appends (reserving a little more room for each piece made it quadratic).
    @Test func paragraphOfManyPiecesIsWholeAtEveryWidth() {
        let pieces = 100_000
        let paragraph = (0..<pieces).flatMap { _ in [Inline.emphasis([.text("字")]), .text(" ")] }
        let book = Book(
            metadata: Metadata(title: "书", language: "zh-Hans"),
            divisions: [
                Division(role: .chapter, id: "c", sourcePath: "c.md", title: [], blocks: [.paragraph(paragraph)])
            ])
        let normalized = Pipeline.normalize(book).0
        for columns in [nil, 40] as [Int?] {
            let text = String(decoding: TextWriter(options: .init(columns: columns)).render(normalized), as: UTF8.self)
            #expect(text.filter { $0 == "字" }.count == pieces)
        }
    }

    @Test func ambiguousWidthChangesTheMeasure() {
        // “ and ” take one column each by default, two with the switch.
        #expect(lines("“一二”三", 8) == ["“一二”三"])
        #expect(lines("“一二”三", 8, ambiguousIsWide: true) == ["“一二”", "三"])
    }

    @Test func prefixesAndHardBreaks() {
        var run = TextRun(measure: DisplayWidth())
        run.append("一二三四五六")
        run.appendHardBreak()
        run.append("七八")
        let layout = LineLayout(columns: 8, measure: DisplayWidth())
        let result = layout.layout(run, firstPrefix: "・", restPrefix: "\u{3000}", breakPrefix: "\u{3000}\u{3000}")
        #expect(result.map(\.text) == ["・一二三", "\u{3000}四五六", "\u{3000}\u{3000}七八"])
    }

    @Test func attachedNoteMarkerStaysWithItsWord() {
        var run = TextRun(measure: DisplayWidth())
        run.append("一二三")
        run.append("①", attached: true)
        run.append("四")
        let layout = LineLayout(columns: 6, measure: DisplayWidth())
        #expect(layout.layout(run, firstPrefix: "", restPrefix: "").map(\.text) == ["一二", "三①四"])
    }

    @Test func rightAlignment() {
        var run = TextRun(measure: DisplayWidth())
        run.append("沈红光")
        let layout = LineLayout(columns: 10, measure: DisplayWidth())
        #expect(layout.layout(run, firstPrefix: "", restPrefix: "", alignment: .right).map(\.text) == ["    沈红光"])
    }

    @Test func aURLIsOneTokenEvenWithHanInside() {
        var run = TextRun(measure: DisplayWidth())
        run.append("自动链接：")
        run.append("https://example.org/路径?q=1", unbreakable: true)
        run.append("和")
        let layout = LineLayout(columns: 30, measure: DisplayWidth())
        #expect(
            layout.layout(run, firstPrefix: "", restPrefix: "").map(\.text)
                == ["自动链接：", "https://example.org/路径?q=1和"])
    }
}
