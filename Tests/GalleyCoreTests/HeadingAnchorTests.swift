import GalleyCore
import Testing

@Suite struct HeadingSlugTests {
    /// mdBook's own test cases (`utils::normalize_id`, `id_from_content`), then Galley's.
    @Test(arguments: [
        ("Method-call expressions", "method-call-expressions"),
        ("`--passes`: add more rustdoc passes", "--passes-add-more-rustdoc-passes"),
        ("中文標題 CJK title", "中文標題-cjk-title"),
        ("Über", "Über"),
        ("Method-call 🐙 expressions \u{1f47c}", "method-call--expressions-"),
        ("_-_12345", "_-_12345"),
        ("にほんご", "にほんご"),
        ("한국어", "한국어"),
        ("", ""),
        ("第 3 章：安装（Linux）", "第-3-章安装linux"),
        ("Hello, World! 2.0", "hello-world-20"),
    ])
    func mdBookSlug(_ text: String, _ slug: String) {
        #expect(HeadingSlugger.mdBook(text) == slug)
    }

    @Test func gitHubLowerCasesEveryScriptAndIsAnAnchorTooWhenItDiffers() {
        #expect(HeadingSlugger.gitHub("Über Alles") == "über-alles")
        var slugger = HeadingSlugger()
        #expect(slugger.next("Über") == ["Über", "über"])
        #expect(slugger.next("Über") == ["Über-1", "über-1"])
    }

    @Test func repeatsInAPageAreNumberedFromOne() {
        var slugger = HeadingSlugger()
        #expect(slugger.next("Intro") == ["intro"])
        #expect(slugger.next("Intro") == ["intro-1"])
        #expect(slugger.next("intro!") == ["intro-2"])
        #expect(slugger.next("🐙") == [], "an empty slug is counted but is no anchor")
    }
}

@Suite struct HeadingAnchorTests {
    static func section(_ title: String, id: String? = nil, _ blocks: [Block] = []) -> Block {
        .section(Section(level: 2, attributes: Attributes(id: id), title: [.text(title)], blocks: blocks))
    }

    static func link(_ target: String) -> Block {
        .paragraph([
            .link(
                Link(
                    target: .unresolved(target), children: [.text("x")],
                    location: SourceLocation(file: "Source/one.md", line: 1)))
        ])
    }

    /// Two chapters: `guide/one.md` (links, then headings) and `guide/two.md`.
    static func book(links: [String]) -> Book {
        Book(
            metadata: Metadata(title: "T", language: "en"),
            divisions: [
                Division(
                    role: .chapter, id: "", sourcePath: "guide/one.md", title: [.text("Getting Started")],
                    blocks: links.map(link) + [
                        section("Installation"), section("安装"), section("Installation"),
                        section("Usage", id: "use"),
                    ]),
                Division(
                    role: .chapter, id: "", sourcePath: "guide/two.md", title: [.text("Two")],
                    blocks: [
                        section("Installation"),
                        .blockQuote([.heading(level: 3, attributes: .empty, content: [.text("注意")])]),
                    ]),
                Division(
                    role: .chapter, id: "", sourcePath: "guide/README.md", title: [.text("Guide")],
                    titleOrigin: .given, blocks: [section("Guide")]),
            ])
    }

    static func sectionIDs(_ division: Division) -> [String] {
        Walk.ids(in: division).filter { $0 != division.id }
    }

    @Test func headingsGetTheirSlugWhenItIsAnASCIINameAndAPositionalIDOtherwise() {
        let result = AssignIdentifiers.apply(Self.book(links: []))
        let divisions = result.book.divisions
        #expect(Self.sectionIDs(divisions[0]) == ["installation", "ch001-s2", "installation-1", "use"])
        #expect(Self.sectionIDs(divisions[1]) == ["installation-2", "ch002-h1"], "ids are unique in the book")
        #expect(
            divisions[0].anchors == [
                "getting-started": "ch001", "installation": "installation", "安装": "ch001-s2",
                "installation-1": "installation-1", "use": "use",
            ])
        #expect(divisions[1].anchors == ["two": "ch002", "installation": "installation-2", "注意": "ch002-h1"])
        #expect(divisions[2].anchors == ["guide": "guide"], "a given title is no heading: the section keeps `guide`")
        #expect(result.diagnostics.isEmpty)
    }

    @Test(arguments: [
        ("#installation-1", LinkTarget.internal(division: "ch001", fragment: "installation-1")),
        ("#安装", .internal(division: "ch001", fragment: "ch001-s2")),
        ("#%E5%AE%89%E8%A3%85", .internal(division: "ch001", fragment: "ch001-s2")),
        ("#getting-started", .internal(division: "ch001", fragment: nil)),
        ("#use", .internal(division: "ch001", fragment: "use")),
        ("two.md#installation", .internal(division: "ch002", fragment: "installation-2")),
        ("two.html#installation", .internal(division: "ch002", fragment: "installation-2")),
        ("./two.html#注意", .internal(division: "ch002", fragment: "ch002-h1")),
        ("../guide/two.md", .internal(division: "ch002", fragment: nil)),
        ("index.html", .internal(division: "ch003", fragment: nil)),
        ("../guide/", .internal(division: "ch003", fragment: nil)),
        ("README.md#guide", .internal(division: "ch003", fragment: "guide")),
    ])
    func linksResolveByTheSlugTheAuthorWrote(_ target: String, _ expected: LinkTarget) {
        let assigned = AssignIdentifiers.apply(Self.book(links: [target])).book
        let result = ResolveLinks.apply(assigned)
        #expect(result.diagnostics.isEmpty, "\(result.diagnostics)")
        guard case .paragraph(let inlines)? = result.book.divisions[0].blocks.first,
            case .link(let link)? = inlines.first
        else {
            Issue.record("the link was dropped")
            return
        }
        #expect(link.target == expected)
    }

    @Test func aMissingPageIsReportedOncePerTargetWithACount() {
        let links = ["gone.md", "gone.html#x", "../guide/gone.md", "two.md#nowhere", "other.md", "two.md#nowhere"]
        let assigned = AssignIdentifiers.apply(Self.book(links: links)).book
        let result = ResolveLinks.apply(assigned)
        #expect(
            result.diagnostics.map(\.message) == [
                "the link target `gone.md` names no chapter of this book (2 links; the first is here); "
                    + "the link is dropped, its text kept",
                "the link target `gone.html` names no chapter of this book; the link is dropped, its text kept",
                "the link target `two.md#nowhere` names no heading or id in `two.md` (2 links; the first is here); "
                    + "the link is dropped, its text kept",
                "the link target `other.md` names no chapter of this book; the link is dropped, its text kept",
            ])
    }
}

@Suite struct RepeatedSlugTests {
    /// The same heading in many chapters: each chapter's `#summary` reaches
    /// its own section, whose id takes the next free suffix.
    @Test func theSameHeadingInManyChaptersGetsTheNextFreeSuffix() {
        let divisions = (1...5).map { n in
            Division(
                role: .chapter, id: "", sourcePath: "c\(n).md", title: [.text("Chapter \(n)")],
                blocks: [
                    .section(Section(level: 2, title: [.text("Summary")])),
                    .section(Section(level: 2, title: [.text("Summary")])),
                ])
        }
        let result = AssignIdentifiers.apply(Book(metadata: Metadata(title: "T", language: "en"), divisions: divisions))
        #expect(
            result.book.divisions.map { [$0.anchors["summary"] ?? "", $0.anchors["summary-1"] ?? ""] } == [
                ["summary", "summary-1"], ["summary-2", "summary-1-2"], ["summary-3", "summary-1-3"],
                ["summary-4", "summary-1-4"], ["summary-5", "summary-1-5"],
            ])
    }
}
