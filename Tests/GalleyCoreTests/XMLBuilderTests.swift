import GalleyCore
import Testing

/// The one place where text becomes XML: escapes markup characters and
/// drops exactly the characters XML 1.0 forbids (or discourages).
@Suite struct XMLBuilderTests {
    func text(_ string: String) -> (String, Int) {
        var builder = XMLBuilder(declaration: false)
        builder.text(string)
        return (builder.string, builder.droppedCharacterCount)
    }

    @Test func escapesMarkup() {
        #expect(text("a<b>&c\"d").0 == "a&lt;b&gt;&amp;c\"d")
        var builder = XMLBuilder(declaration: false)
        builder.empty("x", [("t", "a\"b\nc\td<&")])
        #expect(builder.string == "<x t=\"a&quot;b&#10;c&#9;d&lt;&amp;\"/>")
    }

    /// Written as code points: Swift refuses noncharacters in string literals.
    @Test(
        arguments: [
            0x1, 0x8, 0xB, 0x1F, 0x7F, 0x80, 0x9F, 0xFDD0, 0xFDEF, 0xFFFE, 0xFFFF,
            0x1FFFE, 0x10FFFF,
        ] as [UInt32])
    func dropsForbiddenCharacters(_ codePoint: UInt32) {
        let forbidden = String(Unicode.Scalar(codePoint)!)
        let (written, dropped) = text("甲\(forbidden)乙")
        #expect(written == "甲乙")
        #expect(dropped == 1)
    }

    @Test(arguments: [
        "\u{85}", "\u{A0}", "，", "｡", "\u{FDCF}", "\u{FDF0}", "\u{FFFD}", "\u{FF0C}",
        "𠀀", "😀", "👨‍👩‍👧", "é", "\u{9}", "\u{A}",
    ])
    func keepsAllowedCharacters(_ allowed: String) {
        let (written, dropped) = text("甲\(allowed)乙")
        #expect(written == "甲\(allowed)乙")
        #expect(dropped == 0)
    }

    @Test func filterAgreesWithTheBuilder() {
        let sample =
            "甲\u{1}\u{80}，" + String(Unicode.Scalar(0xFDD0)!) + String(Unicode.Scalar(0xFFFE)!)
            + "𠀀" + String(Unicode.Scalar(0x1FFFF)!) + "乙\u{85}"
        #expect(XMLCharacters.filtered(sample) == "甲，𠀀乙\u{85}")
        #expect(text(sample).0 == XMLCharacters.filtered(sample))
    }
}
