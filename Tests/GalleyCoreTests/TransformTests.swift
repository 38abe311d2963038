import GalleyCore
import Testing

@Suite struct AssignIdentifiersTests {
    func division(_ role: DivisionRole, id: String = "", path: String, blocks: [Block] = []) -> Division {
        Division(role: role, id: id, sourcePath: path, title: [.text(path)], blocks: blocks)
    }

    @Test func divisionIDsComeFromRoleAndPosition() {
        let book = Book(
            metadata: Metadata(title: "T", language: "zh-Hans"),
            divisions: [
                division(.preface, path: "a.md"), division(.chapter, path: "b.md"),
                division(.chapter, id: "named", path: "c.md"), division(.chapter, path: "d.md"),
                division(.appendix, path: "e.md"), division(.preface, path: "f.md"),
            ])
        let result = AssignIdentifiers.apply(book)
        #expect(result.book.divisions.map(\.id) == ["preface", "ch001", "named", "ch003", "app01", "preface-2"])
        #expect(result.diagnostics.isEmpty)
    }

    /// Sections whose titles have no ASCII slug (Han) get ids from their position.
    @Test func sectionsGetNestedPositionalIDsAndDuplicatesASuffix() {
        let inner = Section(level: 3, title: [.text("丙")])
        let blocks: [Block] = [
            .section(Section(level: 2, attributes: Attributes(id: "x"), title: [.text("甲")])),
            .section(Section(level: 2, title: [.text("乙")], blocks: [.section(inner), .section(inner)])),
            .section(Section(level: 2, attributes: Attributes(id: "x"), title: [.text("丁")])),
        ]
        let book = Book(
            metadata: Metadata(title: "T", language: "en"),
            divisions: [division(.chapter, path: "a.md", blocks: blocks)])
        let result = AssignIdentifiers.apply(book)
        let ids = TreeDump.dump(result.book.divisions[0]).split(separator: "\n")
            .filter { $0.contains("section") }.map { $0.trimmingPrefix(while: { $0 == " " }) }
        #expect(
            ids == [
                "section 2 #x", "section 2 #ch001-s2", "section 3 #ch001-s2-1",
                "section 3 #ch001-s2-2", "section 2 #x-2",
            ])
        #expect(result.diagnostics.map(\.code) == ["ids.duplicate"])
    }

    @Test func generatedIDsStepAsideForWrittenOnes() {
        let blocks: [Block] = [
            .section(Section(level: 2, attributes: Attributes(id: "ch002"), title: [.text("甲")])),
            .paragraph([.span(Attributes(id: "ch001-s2"), [.text("x")])]),
            .section(Section(level: 2, title: [.text("乙")])),
        ]
        let book = Book(
            metadata: Metadata(title: "T", language: "en"),
            divisions: [
                division(.chapter, path: "a.md", blocks: blocks), division(.chapter, path: "b.md"),
            ])
        let result = AssignIdentifiers.apply(book)
        #expect(result.book.divisions.map(\.id) == ["ch001", "ch002-2"])
        guard case .section(let second) = result.book.divisions[0].blocks[2] else {
            Issue.record("expected a section")
            return
        }
        #expect(second.attributes.id == "ch001-s2-2")
        #expect(result.diagnostics.isEmpty)
    }

    @Test(arguments: [
        ("ch001", true), ("a.b-c_d", true), ("_x", true), ("1a", false),
        ("序言", false), ("a b", false), ("", false), ("a:b", false),
    ])
    func validIDs(_ id: String, _ valid: Bool) {
        #expect(AssignIdentifiers.isValid(id) == valid)
    }
}

@Suite struct NumberFootnotesTests {
    @Test func numbersByFirstReferenceAndDropsUncited() {
        let paragraph = Block.paragraph([
            .footnoteReference("b"), .emphasis([.footnoteReference("a")]), .footnoteReference("b"),
        ])
        let notes = [
            Footnote(label: "a", blocks: [.paragraph([.text("A"), .footnoteReference("c")])]),
            Footnote(label: "b", blocks: [.paragraph([.text("B")])]),
            Footnote(label: "c", blocks: [.paragraph([.text("C")])]),
            Footnote(label: "unused", blocks: []),
        ]
        let book = Book(
            metadata: Metadata(title: "T", language: "en"),
            divisions: [
                Division(
                    role: .chapter, id: "ch001", sourcePath: "a.md", title: [], blocks: [paragraph], footnotes: notes)
            ])
        let numbered = NumberFootnotes.apply(book).divisions[0].footnotes
        #expect(numbered.map(\.label) == ["b", "a", "c"])
        #expect(numbered.map(\.number) == [1, 2, 3])
        #expect(numbered.map(\.id) == ["fn-ch001-1", "fn-ch001-2", "fn-ch001-3"])
    }
}

@Suite struct ResolveLinksTests {
    func link(_ target: String) -> Block {
        .paragraph([
            .link(
                Link(
                    target: .unresolved(target), children: [.text("x")],
                    location: SourceLocation(file: "Source/a/one.md", line: 3)))
        ])
    }

    @Test(arguments: [
        ("two.md", LinkTarget.internal(division: "ch002", fragment: nil)),
        ("./two.md#s", .internal(division: "ch002", fragment: "s")),
        ("../a/two.md#s", .internal(division: "ch002", fragment: "s")),
        ("#s", .internal(division: "ch002", fragment: "s")),
        ("#ch002", .internal(division: "ch002", fragment: nil)),
        ("#", .internal(division: "ch001", fragment: nil)),
        ("two.md#%73", .internal(division: "ch002", fragment: "s")),
    ])
    func resolves(_ target: String, _ expected: LinkTarget) {
        let result = ResolveLinks.apply(book(linking: target))
        #expect(result.diagnostics.isEmpty)
        #expect(
            result.book.divisions[0].blocks == [
                .paragraph([
                    .link(
                        Link(
                            target: expected, children: [.text("x")],
                            location: SourceLocation(file: "Source/a/one.md", line: 3)))
                ])
            ])
    }

    @Test(arguments: ["three.md", "two.md#nothing", "one.md#s", "#nothing", "images/x.png"])
    func danglingLinksKeepTheirText(_ target: String) {
        let result = ResolveLinks.apply(book(linking: target))
        #expect(result.book.divisions[0].blocks == [.paragraph([.span(.empty, [.text("x")])])])
        #expect(result.diagnostics.map(\.code) == ["links.dangling"])
        #expect(result.diagnostics.first?.location?.description == "Source/a/one.md:3")
    }

    /// Chapters are resolved side by side: one warning per target still
    /// names the first link in reading order and counts every chapter's.
    @Test func aDanglingTargetIsOneWarningAcrossChapters() {
        func linking(_ file: String, line: Int) -> Block {
            .paragraph([
                .link(
                    Link(
                        target: .unresolved("gone.md"), children: [.text("x")],
                        location: SourceLocation(file: "Source/a/\(file)", line: line)))
            ])
        }
        let chapters = (1...40).map { number in
            Division(
                role: .chapter, id: "ch\(number)", sourcePath: "a/c\(number).md", title: [],
                blocks: [linking("c\(number).md", line: 2), linking("c\(number).md", line: 5)])
        }
        let result = ResolveLinks.apply(Book(metadata: Metadata(title: "T", language: "en"), divisions: chapters))
        #expect(result.diagnostics.count == 1)
        #expect(result.diagnostics.first?.location?.description == "Source/a/c1.md:2")
        #expect(result.diagnostics.first?.message.contains("(80 links; the first is here)") == true)
    }

    /// `../../std/x.html` from `a/one.md` climbs out of the source folder:
    /// another site's page, said so, not "no chapter".
    @Test(arguments: ["../../std/index.html", "../../x.md#s"])
    func aLinkOutOfTheBooksFolderIsReportedAsSuch(_ target: String) {
        let result = ResolveLinks.apply(book(linking: target))
        #expect(result.book.divisions[0].blocks == [.paragraph([.span(.empty, [.text("x")])])])
        #expect(result.diagnostics.map(\.code) == ["links.outside-book"])
    }

    /// An anchor written with other case, spaces or punctuation than the
    /// heading's slug is linked there, with a warning.
    @Test(arguments: ["two.md#SQL客户端", "two.md#license和license-file"])
    func aLooselyWrittenAnchorIsLinkedWithAWarning(_ target: String) {
        var book = book(linking: target)
        book.divisions[1].anchors = ["sql客户端": "s", "license-和-license-file": "s"]
        let result = ResolveLinks.apply(book)
        guard case .paragraph(let inlines) = result.book.divisions[0].blocks.first,
            case .link(let link) = inlines.first
        else {
            Issue.record(Comment(rawValue: "not linked: \(result.book.divisions[0].blocks)"))
            return
        }
        #expect(link.target == .internal(division: "ch002", fragment: "s"))
        #expect(result.diagnostics.map(\.code) == ["links.loose-anchor"])
    }

    func book(linking target: String) -> Book {
        Book(
            metadata: Metadata(title: "T", language: "en"),
            divisions: [
                Division(role: .chapter, id: "ch001", sourcePath: "a/one.md", title: [], blocks: [link(target)]),
                Division(
                    role: .chapter, id: "ch002", sourcePath: "a/two.md", title: [],
                    blocks: [.section(Section(level: 2, attributes: Attributes(id: "s"), title: [.text("S")]))]),
            ])
    }
}

@Suite struct MergeTextTests {
    @Test func joinsNeighboursAndDropsEmptyText() {
        #expect(
            MergeText.merged([.text("a"), .text(""), .text("b"), .lineBreak, .text("c"), .text("d")])
                == [.text("ab"), .lineBreak, .text("cd")])
    }

    @Test func treeDumpEscapesInvisibleCharacters() {
        #expect(TreeDump.quoted("a\"b\\\n\u{A0}\u{3000}\u{1}") == #""a\"b\\\n\u{A0}\u{3000}\u{1}""#)
    }
}

@Suite struct WalkTransformTests {
    /// An image id is a link target like any other: `[see](#fig1)` reaches
    /// `<img id="fig1">` instead of being dropped as dangling.
    @Test(arguments: ["#fig1", "one.md#fig1"])
    func linkToAnImageIdResolves(_ target: String) {
        let book = Book(
            metadata: Metadata(title: "T", language: "en"),
            divisions: [
                Division(
                    role: .chapter, id: "ch001", sourcePath: "one.md", title: [],
                    blocks: [
                        .paragraph([
                            .image(Image(source: "a.png", alt: [.text("x")], attributes: Attributes(id: "fig1")))
                        ])
                    ]),
                Division(
                    role: .chapter, id: "ch002", sourcePath: "two.md", title: [],
                    blocks: [
                        .paragraph([.link(Link(target: .unresolved(target), children: [.text("see")]))])
                    ]),
            ])
        let (normalized, diagnostics) = Pipeline.normalize(book)
        #expect(diagnostics.isEmpty)
        #expect(
            normalized.divisions[1].blocks == [
                .paragraph([
                    .link(Link(target: .internal(division: "ch001", fragment: "fig1"), children: [.text("see")]))
                ])
            ])
    }

    /// Nesting is flattened from the limit down, counted once per container,
    /// and what it held keeps its order.
    @Test func limitNestingFlattensOnlyBelowTheLimit() {
        var blocks: [Block] = [.paragraph([.text("deep")])]
        for _ in 0..<(LimitNesting.maximumDepth + 3) { blocks = [.blockQuote(blocks), .paragraph([.text("after")])] }
        var inlines: [Inline] = [.text("x")]
        for _ in 0..<(LimitNesting.maximumDepth + 2) { inlines = [.emphasis(inlines + [.text("y")])] }
        let book = Book(
            metadata: Metadata(title: "T", language: "en"),
            divisions: [
                Division(role: .chapter, id: "ch001", sourcePath: "a.md", title: inlines, blocks: blocks)
            ])
        let (limited, diagnostics) = LimitNesting.apply(book)
        #expect(diagnostics.first?.message.hasPrefix("5 container(s)") == true, "\(diagnostics)")
        var depth = 0
        var level = limited.divisions[0].blocks
        while case .blockQuote(let inner) = level.first { depth += 1; level = inner }
        #expect(depth == LimitNesting.maximumDepth)
        #expect(level.first == .paragraph([.text("deep")]) && level.count == 4)
        #expect(Walk.plainText(limited.divisions[0].title) == "x" + String(repeating: "y", count: 34))
    }

    /// Generated section ids follow position (the Han titles have no ASCII
    /// slug), and the first holder of an id
    /// in reading order keeps it, whatever its kind.
    @Test func idsAreClaimedInReadingOrder() {
        let blocks: [Block] = [
            .section(
                Section(
                    level: 2, title: [.span(Attributes(id: "x"), [.text("甲")])],
                    blocks: [
                        .section(Section(level: 3, attributes: Attributes(id: "x"), title: [.text("乙")]))
                    ])),
            .div(Attributes(id: "x"), [.section(Section(level: 2, title: [.text("丙")]))]),
            .paragraph([.image(Image(source: "i.png", alt: [], attributes: Attributes(id: "x")))]),
        ]
        let book = Book(
            metadata: Metadata(title: "T", language: "en"),
            divisions: [Division(role: .chapter, id: "", sourcePath: "a.md", title: [], blocks: blocks)])
        let result = AssignIdentifiers.apply(book)
        // The div comes after the first section's insides, so it gets `x-3`, not `x`.
        #expect(Walk.ids(in: result.book.divisions[0]) == ["ch001", "ch001-s1", "x", "x-2", "x-3", "ch001-n1", "x-4"])
    }
}

@Suite struct NoteIdsTests {
    /// A note's generated id steps aside for an id the author wrote, so the
    /// book keeps every id unique (writers keep no guard of their own).
    @Test func noteIdsStepAsideForWrittenIds() {
        let division = Division(
            role: .chapter, id: "ch", sourcePath: "ch.md", title: [],
            blocks: [.paragraph([.span(Attributes(id: "fn-ch-1"), [.text("x")]), .footnoteReference("a")])],
            footnotes: [Footnote(label: "a", blocks: [.paragraph([.text("note")])])])
        let book = Book(metadata: Metadata(title: "T", language: "en"), divisions: [division])
        let normalized = Pipeline.normalize(book).0
        let ids = Walk.ids(in: normalized.divisions[0])
        #expect(normalized.divisions[0].footnotes.map(\.id) == ["fn-ch-1-2"])
        #expect(Set(ids).count == ids.count, "\(ids)")
    }
}
