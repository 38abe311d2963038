import GalleyCore

/// Books built in Swift for the writer's tests, before and beside the
/// Markdown fixture books.
enum SampleBooks {
    /// A small book shaped like the default one: an organisation as editor,
    /// a dedication, a preface with a signature, a chapter with sections and
    /// a footnote called twice.
    static let small = Book(
        metadata: Metadata(
            title: "上海基层党建的探索与创新", subtitle: "案例选编", language: "zh-Hans",
            creators: [
                Creator(name: "上海市党建研究会", role: "edt", displayRole: "编著", isOrganization: true),
                Creator(name: "张三", role: "aut"),
                Creator(name: "李四", role: "trl"),
                Creator(name: "王五", role: "ill"),
            ],
            publisher: "东方出版中心", publisherAddress: "上海", date: "2008-12",
            isbn: "978-7-80186-921-0", subjects: ["党的建设", "基层组织"],
            description: "本书收录上海基层党建案例。", rights: "© 2008 东方出版中心"),
        divisions: [
            Division(
                role: .copyright, id: "copyright", sourcePath: "copyright.md", title: [],
                blocks: [.paragraph([.text("图书在版编目（CIP）数据")])]),
            Division(
                role: .dedication, id: "dedication", sourcePath: "dedication.md", title: [],
                blocks: [.paragraph([.text("献给改革开放三十周年")])]),
            Division(
                role: .preface, id: "preface", sourcePath: "preface.md", title: [.text("序言")],
                blocks: [
                    .paragraph([
                        .text("在深化改革开放的进程中，基层党建"), .emphasis([.text("不断")]),
                        .text("创新。"), .footnoteReference("1"),
                    ]),
                    .div(
                        Attributes(classes: ["signature"]),
                        [.paragraph([.text("沈红光"), .lineBreak, .text("2008年11月")])]),
                ],
                footnotes: [
                    Footnote(
                        label: "1", number: 1, id: "fn-preface-1",
                        blocks: [.paragraph([.text("见《党建研究》2008年第1期。")])])
                ]),
            Division(
                role: .chapter, id: "ch001", sourcePath: "chapters/ch001.md", title: [.text("代前言")],
                blocks: [
                    .paragraph([
                        .text("引言"), .footnoteReference("a"), .text("，再引"), .footnoteReference("a"),
                        .text("。参见"),
                        .link(
                            Link(
                                target: .internal(division: "preface", fragment: nil),
                                children: [.text("序言")])),
                        .text("与"),
                        .link(
                            Link(
                                target: .external("https://example.org/a b"),
                                children: [.text("网站")])),
                    ]),
                    .section(
                        Section(
                            level: 2, attributes: Attributes(id: "s-one"), title: [.text("一、组织")],
                            blocks: [
                                .list(
                                    List(
                                        kind: .bullet,
                                        items: [
                                            ListItem(blocks: [.paragraph([.strong([.text("●")]), .text("党组织")])]),
                                            ListItem(blocks: [.paragraph([.code("x<y")])]),
                                        ]))
                            ])),
                    .section(Section(level: 2, title: [.text("二、空节")])),
                ],
                footnotes: [
                    Footnote(
                        label: "a", number: 1, id: "fn-ch001-a",
                        blocks: [.paragraph([.text("注文。")])])
                ]),
        ])
}

extension SampleBooks {
    /// Every block and inline kind, every division role, and the places
    /// where the tree holds something DocBook does not allow as it stands.
    static let everything: Book = {
        let table = Table(
            alignments: [.left, .center, .right, .none],
            header: [[.text("左")], [.text("中")], [.text("右")], []],
            rows: [
                [[.text("1")], [.text("2"), .lineBreak, .text("二")], [.footnoteReference("t")]],
                [[.text("a")], [.text("b")], [.text("c")], [.text("d")], [.text("extra")]],
            ])
        let nestedNote = Footnote(
            label: "outer", number: 1, id: "fn-ch-outer",
            blocks: [
                .paragraph([.text("外注"), .footnoteReference("inner")]),
                .table(Table(alignments: [.none], header: [[.text("h")]], rows: [])),
                .div(Attributes(classes: ["note"]), [.paragraph([.text("注意")])]),
                .div(Attributes(classes: ["epigraph"]), [.paragraph([.text("题")])]),
            ])
        let chapterBlocks: [Block] = [
            .paragraph([
                .text("正文"), .emphasis([.text("强调")]), .strong([.text("粗")]),
                .strikethrough([.text("删")]), .superscript([.text("上")]), .subscript([.text("下")]),
                .code("code"), .softBreak, .text("控制\u{1}字符\u{7F}"),
                .ruby(base: [.text("漢")], text: "かん"),
                .span(Attributes(id: "sp1", classes: ["mark"], pairs: [KeyValue("lang", "en")]), [.text("span")]),
                .span(.empty, [.text("bare")]),
                .image(Image(source: "../images/fig 1.png", alt: [.text("图")])),
                .footnoteReference("outer"), .footnoteReference("inner"), .footnoteReference("missing"),
                .link(Link(target: .internal(division: "ch", fragment: "sec-a"), children: [])),
                .link(Link(target: .internal(division: "ch", fragment: "nowhere"), children: [.text("断")])),
                .link(Link(target: .unresolved("other.md#x"), children: [.text("未解")])),
                .link(Link(target: .external("mailto:a@b.c"), title: "mail", children: [], isAutolink: true)),
            ]),
            .paragraph([
                .superscript([
                    .emphasis([.text("上强")]), .code("c"), .footnoteReference("sup"),
                    .link(Link(target: .external("https://example.org"), children: [.emphasis([.text("链")])])),
                ]),
                .subscript([.superscript([.strong([.text("深")])])]),
                .text("，"), .lineBreak, .text("断行"), .emphasis([.lineBreak]),
            ]),
            .blockQuote([
                .paragraph([.text("引")]),
                .div(
                    Attributes(classes: ["signature"]),
                    [.paragraph([.emphasis([.text("署名")]), .footnoteReference("sup")])]),
            ]),
            .paragraph([]),
            .paragraph([
                .image(
                    Image(
                        source: "cover.png", alt: [], title: "图题",
                        attributes: Attributes(id: "img1")))
            ]),
            .heading(
                level: 3, attributes: Attributes(id: "h-free"), content: [.text("游离标题"), .lineBreak, .text("二行")]),
            .blockQuote([
                .heading(level: 2, attributes: .empty, content: [.text("引文标题")]),
                .paragraph([.text("引文")]),
                .div(Attributes(classes: ["signature"]), [.paragraph([.text("某人")])]),
            ]),
            .blockQuote([]),
            .list(
                List(
                    kind: .ordered(start: 0), isTight: false,
                    items: [
                        ListItem(blocks: [
                            .paragraph([.text("零")]),
                            .section(
                                Section(
                                    level: 3, attributes: Attributes(id: "sec-in-list"),
                                    title: [.text("列表中的节")],
                                    blocks: [.paragraph([.text("节内")])])),
                        ]),
                        ListItem(blocks: []),
                    ])),
            .list(
                List(
                    kind: .bullet,
                    items: [
                        ListItem(task: true, blocks: [.paragraph([.text("完成")])]),
                        ListItem(task: false, blocks: [.codeBlock(language: nil, text: "x\n")]),
                    ])),
            .list(List(kind: .bullet, items: [])),
            .codeBlock(language: "swift", text: "let a = 1 < 2\n"),
            .thematicBreak,
            .table(table),
            .table(Table(alignments: [], header: [], rows: [])),
            .div(
                Attributes(id: "d1", classes: ["epigraph"]),
                [.paragraph([.text("题词")]), .div(Attributes(classes: ["signature"]), [.paragraph([.text("作者")])])]),
            .div(
                Attributes(classes: ["epigraph"]),
                [.list(List(kind: .bullet, items: [ListItem(blocks: [.paragraph([.text("列")])])]))]),
            .div(Attributes(classes: ["warning"]), [.div(Attributes(classes: ["tip"]), [.paragraph([.text("嵌套提示")])])]),
            .div(Attributes(id: "dup", classes: ["custom"]), [.paragraph([.text("自定义")]), .thematicBreak]),
            .div(Attributes(id: "dup"), []),
            .div(Attributes(id: "1bad"), [.paragraph([.text("坏 id")])]),
            .section(
                Section(
                    level: 2, attributes: Attributes(id: "sec-a", classes: ["special"]),
                    title: [.text("节A"), .footnoteReference("outer")],
                    blocks: [
                        .section(
                            Section(
                                level: 3, title: [.text("节A.1")],
                                blocks: [.paragraph([.text("深")])]))
                    ])),
            .paragraph([.text("节后游离段落")]),
            .section(Section(level: 2, title: [], blocks: [])),
        ]
        return Book(
            metadata: Metadata(
                title: "Everything", language: "zh-Hans",
                creators: [
                    Creator(name: "Org", role: "aut", isOrganization: true),
                    Creator(name: "Pub Co", role: "pbl"),
                ],
                identifier: "urn:uuid:1234", rights: "All rights reserved.", cover: "images/cover.jpg"),
            divisions: [
                Division(
                    role: .cover, id: "cover", sourcePath: "cover.md", title: [],
                    blocks: [.paragraph([.image(Image(source: "images/cover.jpg", alt: [.text("封面")]))])]),
                Division(
                    role: .titlepage, id: "titlepage", sourcePath: "titlepage.md", title: [.text("书名页")], blocks: []),
                Division(
                    role: .epigraph, id: "epi", sourcePath: "epi.md", title: [],
                    blocks: [
                        .section(
                            Section(
                                level: 2, attributes: Attributes(id: "epi-sec"), title: [.text("题")],
                                blocks: [.paragraph([.text("题词页")])]))
                    ]),
                Division(role: .foreword, id: "foreword", sourcePath: "fw.md", title: [.text("前言")], blocks: []),
                Division(
                    role: .introduction, id: "intro", sourcePath: "intro.md", title: [.text("导言")],
                    language: "en", blocks: [.paragraph([.text("Intro")])]),
                Division(
                    role: .part, id: "part1", sourcePath: "part1.md", title: [.text("第一部分")],
                    blocks: [.paragraph([.text("部分导言")])]),
                Division(role: .prologue, id: "prologue", sourcePath: "pro.md", title: [.text("序幕")], blocks: []),
                Division(
                    role: .chapter, id: "ch", sourcePath: "ch.md", title: [.text("第一章"), .lineBreak, .text("副")],
                    blocks: chapterBlocks,
                    footnotes: [
                        nestedNote,
                        Footnote(label: "inner", number: 2, id: "fn-ch-inner", blocks: [.paragraph([.text("内注")])]),
                        Footnote(label: "t", number: 3, id: "", blocks: []),
                        Footnote(label: "sup", number: 5, id: "fn-ch-sup", blocks: [.paragraph([.text("上标注")])]),
                        Footnote(label: "lonely", number: 4, id: "fn-ch-lonely", blocks: [.paragraph([.text("孤注")])]),
                    ]),
                Division(role: .epilogue, id: "epilogue", sourcePath: "epi2.md", title: [.text("尾声")], blocks: []),
                Division(role: .conclusion, id: "conclusion", sourcePath: "c.md", title: [.text("结论")], blocks: []),
                Division(role: .part, id: "part2", sourcePath: "part2.md", title: [.text("空部分")], blocks: []),
                Division(role: .appendix, id: "app", sourcePath: "app.md", title: [.text("附录")], blocks: []),
                Division(role: .afterword, id: "after", sourcePath: "after.md", title: [.text("后记")], blocks: []),
                Division(role: .acknowledgments, id: "ack", sourcePath: "ack.md", title: [.text("致谢")], blocks: []),
                Division(role: .bibliography, id: "bib", sourcePath: "bib.md", title: [.text("参考文献")], blocks: []),
                Division(role: .glossary, id: "glo", sourcePath: "glo.md", title: [.text("术语")], blocks: []),
                Division(role: .index, id: "idx", sourcePath: "idx.md", title: [.text("索引")], blocks: []),
                Division(role: .colophon, id: "colophon", sourcePath: "colophon.md", title: [], blocks: []),
                Division(role: .chapter, id: "ch", sourcePath: "dup.md", title: [], blocks: []),
            ])
    }()
}
