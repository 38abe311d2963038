import Foundation
import GalleyTestSupport
import Testing

@testable import GalleyImport

/// Each rule alone on a small input: what it changes, what it leaves, what it logs.
struct RuleTests {
    static let chapter = "# 第一章 总论\n\n"

    @Test func runningHeadsRemovesPageNumbersAndVerticalHeads() {
        let input = "# 序 言\n\n正文一。\n\n序\n\n言\n\n3\n\n— 12 —\n\nxii\n\n目  \n录\n\n正文二。\n\n一\n"
        let result = apply([RunningHeadsRule()], to: input)
        #expect(result.texts(.preface) == ["序 言", "正文一。", "正文二。"])
        let removed = result.log.changes.filter { $0.kind == .removed }.flatMap(\.lines)
        #expect(removed == [5, 7, 9, 11, 13, 15, 16, 20])   // 一 (line 20) is a page number too
    }

    @Test func runningHeadsRemovesRepeatedRunningTitles() {
        let input = Self.chapter + "甲乙丙丁\n\n第一章 总论\n\n18 第一章 总论\n\n总论的正文。\n"
        #expect(apply([RunningHeadsRule()], to: input).texts(.chapter) == ["第一章 总论", "甲乙丙丁", "总论的正文。"])
        let repeated = Self.chapter + "## 一、缘起\n\n正文。\n\n一、缘起  7\n\n下文。\n\n丛书名\n\n甲。\n\n丛书名\n\n乙。\n\n12  丛书名\n\n丙。\n"
        #expect(
            apply([RunningHeadsRule()], to: repeated).texts(.chapter)
                == ["第一章 总论", "一、缘起", "正文。", "下文。", "甲。", "乙。", "丙。"])
    }

    @Test func joinsParagraphsCutByPageBreaks() {
        let input = Self.chapter + "深化改革开\n\n放的进程中。\n\n采用 EPUB\n\nXHTML 格式。\n"
        let result = apply([PageBreakJoinsRule()], to: input)
        #expect(result.texts(.chapter) == ["第一章 总论", "深化改革开放的进程中。", "采用 EPUB XHTML 格式。"])
        #expect(result.log.changes.map(\.lines) == [[3, 5], [7, 9]])
    }

    @Test func neverJoinsAcrossHeadingsListsNotesOrDates() {
        let input = Self.chapter + "甲\n\n## 乙\n\n丙\n\n- 丁。\n\n沈红光\n\n2008年11月\n\n结束。\n"
        let result = apply([ListsRule(), PageBreakJoinsRule()], to: input)
        #expect(result.texts(.chapter) == ["第一章 总论", "甲", "乙", "丙", "丁。", "沈红光", "2008年11月", "结束。"])
    }

    @Test func joinsOverAPageFootNoteAndWhenTheNextPartStartsWithAComma() {
        let input = Self.chapter + "前半句<sup>①</sup>的“引语”\n\n① 注文。\n\n，后半句。\n"
        let result = apply([FootnotesRule(), PageBreakJoinsRule()], to: input)
        #expect(result.texts(.chapter) == ["第一章 总论", "前半句[^1]的“引语”，后半句。", "注文。"])
        #expect(result.blocks(.chapter)[2].kind == .footnote(label: "1"))
    }

    @Test func collapsesLetterSpacedHeadingsOnly() {
        let result = apply([LetterSpacingRule()], to: "# 代 前 言\n\n## 第一节 总 论\n\n代 前 言\n")
        #expect(result.texts(.foreword) == ["代前言", "第一节 总 论", "代 前 言"])
    }

    @Test func headingLevelsFollowNumbering() {
        let input = "## 序 言\n\n## 一、甲\n\n### 二、乙\n\n#### （一）丙\n\n## （二）丁\n\n#### 三、戊\n"
        let result = apply([HeadingLevelsRule()], to: input)
        let levels = result.blocks(.preface).compactMap { block -> Int? in
            if case .heading(let level) = block.kind { return level } else { return nil }
        }
        #expect(levels == [1, 2, 2, 3, 3, 2])
    }

    @Test func punctuationInChineseContextOnly() {
        let cases: [(String, String)] = [
            ("之际,为总结:一是(走访、下访)?", "之际，为总结：一是（走访、下访）？"),
            ("印数:0,001—32,000", "印数：0,001—32,000"),
            ("编目(CIP)数据", "编目（CIP）数据"),
            ("他说\"好\"。又说...然后--走了", "他说“好”。又说……然后——走了"),
            ("Use EPUB 3.3, XHTML (strict).", "Use EPUB 3.3, XHTML (strict)."),
            ("定价:21.00元", "定价：21.00元"),
        ]
        for (before, after) in cases {
            #expect(PunctuationRule.convert(before) == after)
        }
    }

    @Test func spacingRemovesExtractionSpaces() {
        #expect(SpacingRule.clean("改革开放 30 周年,2008 年 12 月", keepLatinSpacing: false) == "改革开放30周年,2008年12月")
        #expect(
            SpacingRule.clean("ISBN 978 - 7 - 80186 - 921 - 0", keepLatinSpacing: false)
                == "ISBN 978-7-80186-921-0")
        #expect(SpacingRule.clean("开本：710 × 1020 毫米 1/16", keepLatinSpacing: false) == "开本：710×1020毫米 1/16")
        #expect(SpacingRule.removeHanSpaces("第一节 凝聚力 的追求") == "第一节 凝聚力的追求")
        let result = apply([SpacingRule()], to: "# 第一节 凝聚力 的追求\n\n地 址：上海\n\n提取出来变成“序 言”这样的形式。\n")
        #expect(result.texts(.chapter) == ["第一节 凝聚力的追求", "地址：上海", "提取出来变成“序 言”这样的形式。"])
        #expect(SpacingRule.clean("改革开放 30 周年", keepLatinSpacing: true) == "改革开放 30 周年")
        #expect(SpacingRule.clean("之际 ，为 “两新” 组织", keepLatinSpacing: true) == "之际，为“两新”组织")
    }

    @Test func footnotesLinkMatchedAndReportUnmatched() {
        let input = Self.chapter + "甲。<sup>①</sup>乙。②丙。[1]\n\n<sup>①</sup> 注一。\n\n[1] 注三。\n\n③ 孤注。\n"
        let result = apply([FootnotesRule()], to: input)
        #expect(result.texts(.chapter) == ["第一章 总论", "甲。[^1]乙。②丙。[^2]", "注一。", "注三。", "③ 孤注。"])
        #expect(result.blocks(.chapter)[4].kind == .footnote(label: nil))
        #expect(result.log.findings.count == 2)   // ② without a note, ③ without a marker
        #expect(result.file("chapter-01.md")!.hasSuffix("③ 孤注。\n\n[^1]: 注一。\n\n[^2]: 注三。\n"))
    }

    /// `[0]` and `[07]` are no note numbers: code kept as prose (`str[0]`)
    /// is neither linked nor reported; `[1]` still is.
    @Test func zeroIsNoNoteNumber() {
        let input = Self.chapter + "The value str[0] and buf[07] are read.[1]\n\n[1] A note.\n"
        let result = apply([FootnotesRule()], to: input)
        #expect(result.texts(.chapter) == ["第一章 总论", "The value str[0] and buf[07] are read.[^1]", "A note."])
        #expect(result.log.findings.isEmpty, "\(result.log.findings)")
    }

    @Test func bulletsBecomeListItems() {
        let result = apply([ListsRule()], to: Self.chapter + "● 甲。\n\n- 乙。\n\n■丙。\n\n-1 度\n")
        #expect(
            result.blocks(.chapter).map(\.kind)
                == [.heading(level: 1), .listItem, .listItem, .listItem, .paragraph])
        #expect(result.texts(.chapter).dropFirst().prefix(3) == ["甲。", "乙。", "丙。"])
    }

    @Test func signatureClosesAPreface() {
        let result = apply([SignatureRule()], to: "# 序言\n\n正文。\n\n沈红光\n\n2008年11月\n")
        #expect(result.blocks(.preface).last == ImportBlock(kind: .signature, text: "沈红光\n2008年11月", lines: [5, 7]))
        #expect(result.file("preface.md")!.hasSuffix("正文。\n\n::: signature\n沈红光\\\n2008年11月\n:::\n"))
        // No date, no signature.
        #expect(apply([SignatureRule()], to: "# 序言\n\n正文。\n\n沈红光\n").blocks(.preface).last?.kind == .paragraph)
    }

    @Test func metadataFromTitleAndCopyrightPages() {
        let input =
            "BeiJing\n\n# 北京 故事\n\n张三 主编\n\n李四 译\n\n人民文学出版社\n\n## 图书在版编目(CIP)数据\n\n"
            + "ISBN 978 - 7 - 80186 - 921 - 0\n\n版 次：2008 年 2 月第 1 版\n\n# 第一章 开端\n\n正文。\n"
        let result = apply([RomanisedTitleRule(), MetadataRule()], to: input)
        let meta = result.document.metadata
        #expect(meta.title == "北京故事")
        #expect(meta.creators.map(\.name) == ["张三", "李四"])
        #expect(meta.creators.map(\.role) == ["edt", "trl"])
        #expect(meta.publisher == "人民文学出版社")
        #expect(meta.isbn == "978-7-80186-921-0")
        #expect(meta.date == "2008-02")
        #expect(MetadataRule.isbn("ISBN 978-7-80186-921-1") == nil)   // wrong check digit
        let two = apply([MetadataRule()], to: "# 书 名\n\n——副 标题\n\n张 三、李四 主编\n\n# 第一章 开端\n").document.metadata
        #expect(two.subtitle == "副标题")
        #expect(two.creators.map(\.name) == ["张三", "李四"])
    }

    @Test func printedContentsBecomeData() {
        let input =
            "# 目 录\n\n序 言 .....\t1\n\n## 第一章\n\n总论 .....\t3\n--\t---\n\n第一节 甲乙丙 的丁\n\n"
            + "戊己 .....\t5\n<b>小节</b>\t7\n\n# 第一章 总论\n\n正文。\n"
        let result = apply([PrintedContentsRule()], to: input)
        #expect(result.document.contents.map(\.title) == ["序言", "第一章 总论", "第一节 甲乙丙的丁戊己", "小节"])
        #expect(result.document.contents.map(\.level) == [1, 1, 2, 3])
        #expect(result.document.contents.map(\.page) == ["1", "3", "5", "7"])
        #expect(
            result.log.findings.map(\.message)
                == ["the printed contents lists “序言” (page 1) but the input has no such chapter"])
        #expect(result.texts(.chapter) == ["第一章 总论", "正文。"])
    }

    @Test func disabledRuleChangesNothing() {
        let input = Self.chapter + "深化改革开\n\n放的进程中。\n"
        let result = Importer(options: ImportOptions(disabledRules: ["page-break-joins"])).run(text: input)
        #expect(result.texts(.chapter) == ["第一章 总论", "深化改革开", "放的进程中。"])
        #expect(!result.log.changes.contains { $0.rule == "page-break-joins" })
        #expect(Set(ImportRules.names).count == ImportRules.all.count)
    }
}

extension RuleTests {
    @Test func textWithoutHeadingsIsOneChapter() {
        let result = Importer().run(text: "第一段文字。\n\n第二段文字，\n\n接着写。\n")
        #expect(result.document.divisions.map(\.role) == [.chapter])
        #expect(result.texts(.chapter) == ["第一段文字。", "第二段文字，接着写。"])
    }

    @Test func reportShowsTheChangedPartOfLongParagraphs() {
        let before = String(repeating: "甲", count: 50) + "之际,为" + String(repeating: "乙", count: 50)
        let (a, b) = ImportReportWriter.excerpt(before, PunctuationRule.convert(before))
        // twelve characters either side of the changed one
        #expect(a == "…" + String(repeating: "甲", count: 10) + "之际,为" + String(repeating: "乙", count: 11) + "…")
        #expect(b == "…" + String(repeating: "甲", count: 10) + "之际，为" + String(repeating: "乙", count: 11) + "…")
    }
}

extension RuleTests {
    @Test func unpairedStraightQuotesAreLeftAndReported() {
        #expect(PunctuationRule.convert("他说\"好。") == "他说\"好。")
        #expect(PunctuationRule.convert("称为'两新'组织") == "称为‘两新’组织")
        let result = apply([PunctuationRule()], to: "# 第一章 总论\n\n他说\"好。\n")
        #expect(result.log.findings.map(\.lines) == [[3]])
    }
}

extension RuleTests {
    /// Clean text goes through unchanged: the rules only act on damage.
    @Test(arguments: ["chapter-01.md", "chapter-02.md", "chapter-03.md", "chapter-04.md"])
    func cleanChapterIsLeftAlone(_ name: String) throws {
        let clean = try String(
            contentsOf: Fixture.directory.appendingPathComponent("Benchmark/" + name),
            encoding: .utf8)
        let body = clean.components(separatedBy: "---\n")[2]
            .replacingOccurrences(of: " \\{#[a-z]+-[0-9]+\\}", with: "", options: .regularExpression)
        let result = Importer().run(text: body)
        #expect(result.file("chapter-01.md") == clean)
        #expect(result.log.changes.allSatisfy { $0.rule == "heading-ids" })
    }
}

extension RuleTests {
    /// The committed preface and foreword, imported again, come back unchanged.
    @Test(arguments: ["preface.md", "foreword.md"])
    func committedSourceIsAFixedPoint(_ name: String) throws {
        let committed = try String(
            contentsOf: Repository.root.appendingPathComponent("Source/" + name),
            encoding: .utf8)
        let body = committed.components(separatedBy: "---\n")[2]
        let result = Importer().run(text: body)
        #expect(result.file(name) == committed)
        #expect(result.log.changes.isEmpty)
    }
}
