import GalleyCore

/// A small book built in Swift that uses every block and inline the text
/// writer handles, in Chinese and in English. Its renderings are the goldens.
enum SampleBook {
    static func text(_ value: String) -> Inline { .text(value) }

    static let book = Book(
        metadata: Metadata(
            title: "样书", subtitle: "纯文本排版的检验", language: "zh-Hans",
            creators: [
                Creator(name: "上海市党建研究会", role: "edt", displayRole: "编著", isOrganization: true),
                Creator(name: "Jane Roe", role: "trl"),
            ],
            publisher: "东方出版中心", date: "2008-12"),
        divisions: [chinese, english])

    static let chinese = Division(
        role: .chapter, id: "ch001", sourcePath: "chapter1.md", title: [text("第一章 文字")],
        blocks: [
            .paragraph([
                text("改革开放以来，上海历届市委都高度重视党的基层组织建设，“凝聚力工程”初步回答了"),
                .emphasis([text("怎样坚持")]), text("党的宗旨"), .footnoteReference("1"),
                text("——这是一个问题……在 20 世纪 90 年代。"),
            ]),
            .paragraph([
                text("链接"),
                .link(
                    Link(
                        target: .external("https://www.w3.org/TR/clreq/"),
                        children: [text("中文排版需求")])),
                text("与自动链接"),
                .link(
                    Link(
                        target: .external("https://example.com"),
                        children: [text("https://example.com")], isAutolink: true)),
                text("，章内"),
                .link(
                    Link(
                        target: .internal(division: "ch002", fragment: nil),
                        children: [text("第二章")])),
                text("，图片"), .image(Image(source: "seal.png", alt: [text("印章")])),
                .image(Image(source: "rule.png", alt: [])), text("，注音"),
                .ruby(base: [text("汉")], text: "hàn"), text("。"),
            ]),
            .section(
                Section(
                    level: 2, title: [text("一、列表与引用")],
                    blocks: [
                        .list(
                            List(
                                kind: .bullet,
                                items: [
                                    ListItem(blocks: [.paragraph([text("开展“凝聚力工程”建设，把以人为本的内涵融入基层党建工作。")])]),
                                    ListItem(blocks: [
                                        .paragraph([text("第二项")]),
                                        .list(
                                            List(
                                                kind: .ordered(start: 9),
                                                items: [
                                                    ListItem(blocks: [.paragraph([text("第九")])]),
                                                    ListItem(blocks: [.paragraph([text("第十，较长的一项需要折行才能放下。")])]),
                                                ])),
                                    ]),
                                    ListItem(task: true, blocks: [.paragraph([text("已完成")])]),
                                    ListItem(task: false, blocks: [.paragraph([text("未完成")])]),
                                ])),
                        .blockQuote([.paragraph([text("引用的段落，缩进两个全角空格。")])]),
                        .section(
                            Section(
                                level: 3, title: [text("（一）更深的小节")],
                                blocks: [
                                    .paragraph([text("谨以此书"), .lineBreak, text("向改革开放30周年献礼！")])
                                ])),
                    ])),
            .section(
                Section(
                    level: 2, title: [text("二、代码与表格")],
                    blocks: [
                        .codeBlock(language: "swift", text: "let 问候 = \"你好，世界\"   // 不折行\nprint(问候)\n"),
                        .table(
                            Table(
                                alignments: [.left, .center, .right],
                                header: [[text("项目")], [text("说明")], [text("数量")]],
                                rows: [
                                    [[text("党组织")], [text("较长的单元格内容，需要在窄行里换行")], [text("123")]],
                                    [[text("English")], [text("mixed 文本")], [text("4567.89")]],
                                ])),
                        .thematicBreak,
                        .div(
                            Attributes(classes: ["signature"]),
                            [.paragraph([text("沈红光")]), .paragraph([text("2008年11月")])]),
                    ])),
        ],
        footnotes: [
            Footnote(
                label: "1", number: 1, id: "fn-ch001-1",
                blocks: [.paragraph([text("注释的内容，说明这一点。")])])
        ])

    static let english = Division(
        role: .appendix, id: "ch002", sourcePath: "appendix.md", title: [text("Appendix")],
        language: "en",
        blocks: [
            // A soft break as the pipeline leaves it: a space (the writer sees no soft breaks).
            .paragraph([
                text("A paragraph in English with a soft break, "),
                .strong([text("strong")]), text(" words and a "),
                .link(
                    Link(
                        target: .external("mailto:someone@example.org"),
                        children: [text("someone@example.org")])),
                text(" address; see "),
                .link(
                    Link(
                        target: .external("https://example.org/a/very/long/path/inside"),
                        children: [text("the page")])),
                text("."), .footnoteReference("n"),
            ]),
            .list(
                List(
                    kind: .bullet, isTight: false,
                    items: [
                        ListItem(blocks: [.paragraph([text("First item.")])]),
                        ListItem(blocks: [
                            .paragraph([text("Second item, with a second paragraph.")]),
                            .paragraph([text("The second paragraph.")]),
                        ]),
                    ])),
            .blockQuote([.paragraph([text("Quoted text.")])]),
        ],
        footnotes: [
            Footnote(
                label: "n", number: 21, id: "fn-ch002-21",
                blocks: [.paragraph([text("Note twenty-one.")])])
        ])
}
