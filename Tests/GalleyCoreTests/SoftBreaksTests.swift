import GalleyCore
import Testing

@Suite struct SoftBreaksTests {
    @Test(arguments: [
        ("中文", "中文", false, ""),
        ("English", "word", false, " "),
        ("中文", "English", false, " "),
        ("English", "中文", false, " "),
        ("中文，", "中文", false, ""),
        // Beside wide or fullwidth punctuation no space, whatever the other side (issue 11).
        ("全角标点，", "English", false, ""),
        ("全角标点。", "2008", true, ""),
        ("English", "（注）", false, ""),
        ("see", "「引」", false, ""),
        ("中文。", "한국어", false, " "),
        ("English,", "word", false, " "),
        ("中文", "“引号”", true, ""),
        ("中文", "“引号”", false, " "),
        ("한국어", "한국어", false, " "),
        ("\u{20000}", "字", false, ""),
        ("かな", "カナ", false, ""),
        ("ｶﾅ", "ｶﾅ", false, ""),
    ])
    func softBreakBetween(_ left: String, _ right: String, _ cjk: Bool, _ expected: String) {
        let result = SoftBreaks.resolve([.text(left), .softBreak, .text(right)], cjk: cjk)
        #expect(result == [.text(left + expected + right)])
    }

    @Test func looksIntoNestedInlines() {
        let result = SoftBreaks.resolve([.strong([.text("强调")]), .softBreak, .emphasis([.text("中文")])], cjk: true)
        #expect(result == [.strong([.text("强调")]), .emphasis([.text("中文")])])
    }

    @Test func breakAtTheEdgeBecomesASpace() {
        #expect(SoftBreaks.resolve([.softBreak, .text("中")], cjk: true) == [.text(" 中")])
    }

    @Test func eastAsianWidthTable() {
        #expect(EastAsianWidth.isWide("中"))
        #expect(EastAsianWidth.isWide("。"))
        #expect(EastAsianWidth.isWide("\u{FF01}"))
        #expect(!EastAsianWidth.isWide("a"))
        #expect(!EastAsianWidth.isWide("“"))
        #expect(!EastAsianWidth.isWide("é"))
    }
}
