import Testing

@testable import GalleyCore
@testable import GalleyMarkdown

/// `{漢字|hàn|zì}` ruby in Markdown, and 縦中横 in vertical books.
@Suite struct RubyAndTateChuYokoTests {
    @Test func groupAndPerCharacterRuby() {
        #expect(
            RubySyntax.split("看{漢字|hàn|zì}和{東京|とうきょう}。") == [
                .text("看"),
                .span(
                    Attributes(classes: ["ruby"]),
                    [.ruby(base: [.text("漢")], text: "hàn"), .ruby(base: [.text("字")], text: "zì")]),
                .text("和"),
                .ruby(base: [.text("東京")], text: "とうきょう"),
                .text("。"),
            ])
        // Readings that do not match the characters one to one: one group.
        #expect(RubySyntax.split("{漢字|a|b|c}") == [.ruby(base: [.text("漢字")], text: "a b c")])
    }

    @Test(arguments: ["{a|}", "{|b}", "{a b}", "{a|b", "a|b}", "{a\n|b}", "{x | x > 0}", "{ a|b}"])
    func notRubyStaysText(_ text: String) {
        #expect(RubySyntax.split(text).allSatisfy { if case .text = $0 { true } else { false } })
        #expect(Walk.plainText(RubySyntax.split(text)).contains("{") || text.first != "{")
    }

    @Test func upToTwoCharactersBetweenCJKAreUpright() {
        func upright(_ text: String, limit: Int = 2) -> [String] {
            TateChuYoko.split(text, limit: limit).compactMap {
                guard case .span(let attributes, let children) = $0, attributes.classes == ["tcy"] else { return nil }
                return Walk.plainText(children)
            }
        }
        #expect(upright("第12章共3节，A型血，2024年，ABC 和 3.14") == ["12", "3", "A"])
        #expect(upright("第2024年", limit: 4) == ["2024"])
        #expect(upright("第12章", limit: 0).isEmpty)
        #expect(upright("abc 12 def").isEmpty)
    }

    @Test func onlyVerticalBooksAndNeverCode() {
        func book(_ mode: WritingMode) -> Book {
            var metadata = Metadata(title: "T", language: "zh-Hans")
            metadata.writingMode = mode
            return Book(
                metadata: metadata,
                divisions: [
                    Division(
                        role: .chapter, id: "c", sourcePath: "c.md", title: [.text("第12章")],
                        blocks: [.paragraph([.text("共3节"), .code("第12章")])])
                ])
        }
        let vertical = TateChuYoko.apply(book(.vertical))
        #expect(
            vertical.divisions[0].title == [.text("第"), .span(Attributes(classes: ["tcy"]), [.text("12")]), .text("章")])
        #expect(
            vertical.divisions[0].blocks == [
                .paragraph([.text("共"), .span(Attributes(classes: ["tcy"]), [.text("3")]), .text("节"), .code("第12章")])
            ])
        #expect(TateChuYoko.apply(book(.horizontal)) == book(.horizontal))
    }
}
