import GalleyCore
import Testing

@testable import GalleyDocBook

/// Single mappings, each on the smallest book that shows it.
@Suite struct DocBookMappingTests {
    static func render(
        _ metadata: Metadata, _ blocks: [Block] = [.paragraph([.text("文")])],
        footnotes: [Footnote] = []
    ) -> (text: String, diagnostics: [Diagnostic]) {
        let book = Book(
            metadata: metadata,
            divisions: [
                Division(
                    role: .chapter, id: "c1", sourcePath: "c1.md", title: [.text("章")], blocks: blocks,
                    footnotes: footnotes)
            ])
        let (bytes, diagnostics) = DocBookWriter().renderNormalized(book)
        return (String(decoding: bytes, as: UTF8.self), diagnostics)
    }

    @Test func creatorsByRelatorCode() {
        let metadata = Metadata(
            title: "T", language: "en",
            creators: [
                Creator(name: "Ann Editor", role: "edt"),
                Creator(name: "Org Writers", role: "aut", isOrganization: true),
                Creator(name: "Ill Ustrator", role: "ill", displayRole: "绘"),
                Creator(name: "Pub House", role: "pbl"),
            ])
        let text = Self.render(metadata).text
        #expect(text.contains("<editor><personname>Ann Editor</personname></editor>"))
        #expect(text.contains("<author><orgname>Org Writers</orgname></author>"))
        #expect(
            text.contains(
                #"<othercredit class="other" otherclass="ill"><personname>Ill Ustrator</personname>"#
                    + #"<contrib>绘</contrib></othercredit>"#
            ))
        // A publisher given only as a creator becomes the publisher.
        #expect(text.contains("<publisher><publishername>Pub House</publishername></publisher>"))
    }

    @Test func rightsWithAndWithoutYear() {
        #expect(DocBookEmitter.copyrightParts("版权所有 © 2008 东方出版中心")! == ("2008", "东方出版中心"))
        #expect(DocBookEmitter.copyrightParts("Copyright (c) 1999, Jane Doe")! == ("1999", "Jane Doe"))
        #expect(DocBookEmitter.copyrightParts("公有领域") == nil)
        #expect(DocBookEmitter.copyrightParts("ISBN 12345") == nil)
        let text = Self.render(Metadata(title: "T", language: "zh", rights: "公有领域")).text
        #expect(!text.contains("<copyright>"))
        #expect(text.contains("<legalnotice><para>公有领域</para></legalnotice>"))
    }

    @Test func hardLineBreakMakesLiterallayout() {
        let text = Self.render(
            Metadata(title: "T", language: "zh"),
            [.paragraph([.text("一"), .lineBreak, .text("二 三")])]
        ).text
        #expect(text.contains("<literallayout>一\n二 三</literallayout>"))
        #expect(!text.contains("<para>一"))
    }

    @Test func strayBlockAfterSectionJoinsIt() {
        let blocks: [Block] = [
            .paragraph([.text("前")]),
            .section(Section(level: 2, attributes: Attributes(id: "s"), title: [.text("节")])),
            .paragraph([.text("后")]),
        ]
        #expect(
            DocBookEmitter.attachingStrayBlocks(blocks) == [
                .paragraph([.text("前")]),
                .section(
                    Section(
                        level: 2, attributes: Attributes(id: "s"), title: [.text("节")],
                        blocks: [.paragraph([.text("后")])])),
            ])
    }

    @Test func externalLinkIsEscapedAndInternalChecked() {
        let text = Self.render(
            Metadata(title: "T", language: "zh"),
            [
                .paragraph([
                    .link(Link(target: .external("https://例子.org/a b"), children: [.text("x")])),
                    .link(Link(target: .internal(division: "c1", fragment: nil), children: [.text("y")])),
                ])
            ]
        ).text
        #expect(text.contains(#"<link xlink:href="https://%E4%BE%8B%E5%AD%90.org/a%20b">x</link>"#))
        #expect(text.contains(#"<link linkend="c1">y</link>"#))
    }

    /// One pass: the writer knows before writing that an id inside a note
    /// flattened into another note will not be written, so a link to it is
    /// its text with a warning; a link to an image's id is a link.
    @Test func linkTargetsAreTheIdsWritten() {
        let outer = Footnote(
            label: "a", number: 0, id: "",
            blocks: [.paragraph([.text("外"), .footnoteReference("b")])])
        let inner = Footnote(
            label: "b", number: 0, id: "",
            blocks: [.paragraph([.span(Attributes(id: "deep"), [.text("内")])])])
        let figure = Image(source: "f.png", alt: [.text("图")], title: nil, attributes: Attributes(id: "fig1"))
        let (text, diagnostics) = Self.render(
            Metadata(title: "T", language: "zh"),
            [
                .paragraph([.image(figure)]),
                .paragraph([
                    .text("注"), .footnoteReference("a"),
                    .link(Link(target: .internal(division: "c1", fragment: "deep"), children: [.text("深")])),
                    .link(Link(target: .internal(division: "c1", fragment: "fig1"), children: [.text("见图")])),
                ]),
            ], footnotes: [outer, inner])
        #expect(text.contains(#"<mediaobject xml:id="fig1">"#))
        #expect(text.contains(#"深<link linkend="fig1">见图</link>"#))
        #expect(!text.contains(#"linkend="deep""#))
        #expect(diagnostics.filter { $0.code == "docbook.dangling-link" }.count == 1)
    }

    @Test func footnoteInSuperscriptFollowsIt() {
        let (text, diagnostics) = Self.render(
            Metadata(title: "T", language: "zh"),
            [.paragraph([.text("文"), .superscript([.footnoteReference("1")])])],
            footnotes: [
                Footnote(
                    label: "1", number: 1, id: "fn1",
                    blocks: [.paragraph([.text("注")])])
            ])
        #expect(text.contains(#"<superscript></superscript><footnote xml:id="fn-c1-1"><para>注</para></footnote>"#))
        #expect(diagnostics.map(\.code) == ["docbook.footnote-moved"])
    }

    @Test func ncNames() {
        #expect(DocBookIDs.isNCName("ch001"))
        #expect(DocBookIDs.isNCName("_x-1.2"))
        #expect(DocBookIDs.isNCName("中文"))
        #expect(!DocBookIDs.isNCName("1ch"))
        #expect(!DocBookIDs.isNCName("a:b"))
        #expect(!DocBookIDs.isNCName("a b"))
        #expect(!DocBookIDs.isNCName(""))
    }
}
