import Foundation
import GalleyCore
import GalleyEPUB

/// Small books built in Swift, so the writer is tested without the reader.
enum SampleBooks {
    static let date = Date(timeIntervalSince1970: 1_228_089_600)   // 2008-12-01T00:00:00Z

    static var metadata: Metadata {
        Metadata(
            title: "上海基层党建的探索与创新", language: "zh-Hans",
            creators: [
                Creator(
                    name: "上海市党建研究会", role: "edt", displayRole: "编著",
                    fileAs: "Shanghai Party Building Research Society", isOrganization: true)
            ],
            publisher: "东方出版中心", date: "2008-12", isbn: "978-7-80186-921-0",
            subjects: ["中国共产党—基层组织—党的建设—上海市"], rights: "版权所有")
    }

    /// Dedication, a preface with a signature and a twice-referenced note,
    /// and a chapter with sections, a list, a table, code, ruby and links;
    /// normalised, as every book a writer gets is.
    static var chinese: Book { normalized(chineseSource) }

    /// `book` through the transform pipeline.
    static func normalized(_ book: Book) -> Book { Pipeline.normalize(book).0.book }

    static var chineseSource: Book {
        let dedication = Division(
            role: .dedication, id: "dedication", sourcePath: "dedication.md", title: [],
            blocks: [.paragraph([.text("谨以此书"), .lineBreak, .text("向改革开放30周年献礼！")])])
        let preface = Division(
            role: .preface, id: "preface", sourcePath: "preface.md", title: [.text("序言")],
            blocks: [
                .paragraph([
                    .text("在全党、全社会纪念改革开放"), .text("30"), .text("周年之际"),
                    .footnoteReference("1"), .text("，上海"), .softBreak, .text("基层党建"),
                    .footnoteReference("1"), .text("。"),
                ]),
                .paragraph([
                    .text("见"),
                    .link(
                        Link(
                            target: .internal(division: "ch001", fragment: "sec-two"),
                            children: [.text("第二节")])), .text("。"),
                ]),
                .div(
                    Attributes(classes: ["signature"]),
                    [
                        .paragraph([.text("沈红光")]),
                        .paragraph([.text("2008年11月")]),
                    ]),
            ],
            footnotes: [
                Footnote(
                    label: "1", number: 1, id: "fn-preface-1",
                    blocks: [
                        .paragraph([.text("注释的第一段。")]),
                        .list(List(kind: .bullet, items: [ListItem(blocks: [.paragraph([.text("一项")])])])),
                        .codeBlock(language: "swift", text: "let x = 1\n"),
                    ])
            ])
        let chapter = Division(
            role: .chapter, id: "ch001", sourcePath: "ch001.md", title: [.text("第一章 "), .emphasis([.text("探索")])],
            blocks: [
                .paragraph([
                    .text("正文"), .strong([.text("加粗")]), .text("与"),
                    .ruby(base: [.text("漢")], text: "hàn"), .text("，"),
                    .span(Attributes(pairs: [KeyValue("lang", "en")]), [.text("English words")]),
                    .text("，"), .code("code"), .text("，"),
                    .link(Link(target: .external("https://example.org/?a=1&b=2"), children: [.text("链接")])),
                    .text("\u{0007}𠀀😀"),
                ]),
                .section(
                    Section(
                        level: 2, attributes: Attributes(id: "sec-one"), title: [.text("第一节")],
                        blocks: [
                            .list(
                                List(
                                    kind: .ordered(start: 3), isTight: true,
                                    items: [
                                        ListItem(blocks: [.paragraph([.text("甲")])]),
                                        ListItem(task: true, blocks: [.paragraph([.text("乙")])]),
                                    ])),
                            .table(
                                Table(
                                    alignments: [.left, .right], header: [[.text("项目")], [.text("数")]],
                                    rows: [[[.text("甲")], [.text("1")]], [[.text("乙")]]])),
                            .section(Section(level: 3, title: [.text("小节")], blocks: [.thematicBreak])),
                        ])),
                .section(
                    Section(
                        level: 2, attributes: Attributes(id: "sec-two"), title: [.text("第二节")],
                        blocks: [
                            .blockQuote([
                                .paragraph([
                                    .text("引文。"),
                                    .link(
                                        Link(
                                            target: .internal(division: "preface", fragment: nil),
                                            children: [.text("序言")])),
                                ])
                            ])
                        ])),
            ])
        return Book(metadata: metadata, divisions: [dedication, preface, chapter])
    }

    static func options(
        sourceDirectory: URL = FileManager.default.temporaryDirectory,
        stylesheets: [URL] = []
    ) -> EPUBWriter.Options {
        let sheets = stylesheets.map { url in
            EPUBWriter.Stylesheet(
                name: url.lastPathComponent,
                bytes: [UInt8](FileManager.default.contents(atPath: url.path) ?? Data()))
        }
        return EPUBWriter.Options(
            modificationDate: date,
            resources: ProjectFolder(root: sourceDirectory, base: sourceDirectory),
            stylesheets: sheets)
    }
    /// A 1×1 PNG.
    static let onePixelPNG: [UInt8] = [
        0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 0x0D, 0x49, 0x48, 0x44, 0x52,
        0, 0, 0, 1, 0, 0, 0, 1, 8, 6, 0, 0, 0, 0x1F, 0x15, 0xC4, 0x89, 0, 0, 0, 0x0D, 0x49,
        0x44, 0x41, 0x54, 0x78, 0x9C, 0x63, 0, 1, 0, 0, 5, 0, 1, 0x0D, 0x0A, 0x2D, 0xB4, 0, 0,
        0, 0, 0x49, 0x45, 0x4E, 0x44, 0xAE, 0x42, 0x60, 0x82,
    ]
}

extension EPUBWriter {
    /// Writes the EPUB of `book` to `url` (GalleyBuild's job in production),
    /// throwing its errors.
    func writeFile(_ book: NormalizedBook, to url: URL) throws -> [Diagnostic] {
        let output = write(book)
        guard let bytes = output.bytes else { throw DiagnosticsError(output.diagnostics) }
        try Data(bytes).write(to: url)
        return output.diagnostics
    }

}
