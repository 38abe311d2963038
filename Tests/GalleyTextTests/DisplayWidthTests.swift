import Testing

@testable import GalleyText

/// UAX #11 widths through ICU, per grapheme cluster.
struct DisplayWidthTests {
    let narrow = DisplayWidth()
    let wide = DisplayWidth(ambiguousIsWide: true)

    @Test(
        arguments: [
            ("汉", 2), ("。", 2), ("，", 2), ("\u{3000}", 2), ("Ａ", 2), ("한", 2), ("𠀀", 2), ("・", 2), ("＊", 2),
            ("a", 1), ("1", 1), (" ", 1), ("ｱ", 1), ("é", 1), ("e\u{301}", 1), ("م", 1),
            ("😀", 2), ("👍🏽", 2), ("👨‍👩‍👧", 2), ("❤️", 2), ("🇨🇳", 2), ("1️⃣", 2),
            ("\u{200B}", 0), ("\u{200D}", 0), ("\u{FE0F}", 0), ("\u{301}", 0), ("\u{AD}", 0), ("\u{7}", 0),
        ] as [(String, Int)])
    func columnsOfCluster(text: String, columns: Int) {
        #expect(narrow.columns(of: text) == columns, "\(text.unicodeScalars.map { String($0.value, radix: 16) })")
    }

    @Test(arguments: ["“", "”", "‘", "’", "—", "…", "·", "①"])
    func ambiguousIsNarrowUnlessAsked(text: String) {
        #expect(narrow.columns(of: text) == 1)
        #expect(wide.columns(of: text) == 2)
    }

    @Test func stringsSumTheirClusters() {
        #expect(narrow.columns(of: "中文English混排") == 15)
        #expect(narrow.columns(of: "“凝聚力工程”") == 12)
        #expect(wide.columns(of: "“凝聚力工程”") == 14)
        #expect(narrow.columns(of: "——……") == 4)
        #expect(narrow.columns(of: "") == 0)
    }

    @Test func wideClassIsAboutScriptNotAmbiguousWidth() {
        #expect(DisplayWidth.isWide("汉"))
        #expect(DisplayWidth.isWide("，"))
        #expect(DisplayWidth.isWide("😀"))
        #expect(!DisplayWidth.isWide("“"))
        #expect(!DisplayWidth.isWide("—"))
        #expect(!DisplayWidth.isWide("a"))
    }
}
