import GalleyCore
import GalleyTestSupport

/// Deterministic random trees: every block and inline kind, nested in any
/// order, with ids that collide, links that dangle and notes that nest, for
/// the claim that the writer's output is valid on every input.
struct RandomBooks {
    /// SplitMix64: small, fast, the same on every platform.
    private var random: SeededRandom

    init(seed: UInt64) { random = SeededRandom(state: seed) }

    private mutating func below(_ n: Int) -> Int { Int(random.next() % UInt64(n)) }
    private mutating func chance(_ percent: Int) -> Bool { below(100) < percent }
    private mutating func pick<T>(_ items: [T]) -> T { items[below(items.count)] }

    private static let words = ["党建", "探索", "创新", "Galley", "a&b", "<x>", "“引”", "\u{1}", "😀", " ", "——", "é"]
    private static let ids = ["a", "b", "c1", "dup", "1bad", "x:y", "s", "fn-c0-1"]

    mutating func book() -> Book {
        let roles = DivisionRole.allCases
        let divisions = (0..<(1 + below(6))).map { index in division(index, role: pick(roles)) }
        return Book(
            metadata: Metadata(
                title: text(), language: pick(["zh-Hans", "en", ""]),
                creators: [
                    Creator(
                        name: text(), role: pick(["aut", "edt", "trl", "xx", "bad code"]),
                        isOrganization: chance(50))
                ],
                publisher: chance(50) ? text() : nil, date: "2008-12", isbn: "978-7-80186-921-0",
                subjects: [text()], description: text(), rights: chance(50) ? "© 2008 X" : text(),
                cover: chance(30) ? "c.png" : nil),
            divisions: divisions)
    }

    private mutating func division(_ index: Int, role: DivisionRole) -> Division {
        let labels = ["1", "2", "3"]
        let footnotes = labels.filter { _ in chance(70) }.map { label in
            Footnote(label: label, number: 1, id: chance(80) ? "fn-c\(index)-\(label)" : "", blocks: blocks(depth: 2))
        }
        return Division(
            role: role, id: chance(85) ? "c\(index)" : pick(Self.ids), sourcePath: "c\(index).md",
            title: chance(70) ? inlines(depth: 1) : [], blocks: blocks(depth: 3, sections: true),
            footnotes: footnotes)
    }

    private mutating func blocks(depth: Int, sections: Bool = false) -> [Block] {
        (0..<below(4)).map { _ in block(depth: depth, sections: sections) }
    }

    private mutating func block(depth: Int, sections: Bool) -> Block {
        let kind = depth <= 0 ? below(3) : below(sections ? 11 : 10)
        switch kind {
        case 0: return .paragraph(inlines(depth: 2))
        case 1: return .codeBlock(language: chance(50) ? "swift" : nil, text: text() + "\n")
        case 2: return .thematicBreak
        case 3: return .heading(level: 1 + below(7), attributes: attributes(), content: inlines(depth: 1))
        case 4:
            return .blockQuote(
                blocks(depth: depth - 1)
                    + (chance(40) ? [.div(Attributes(classes: ["signature"]), [.paragraph(inlines(depth: 1))])] : []))
        case 5:
            let kind: List.Kind = chance(50) ? .bullet : .ordered(start: below(5))
            return .list(
                List(
                    kind: kind, isTight: chance(50),
                    items: (0..<below(3)).map { _ in
                        ListItem(task: chance(30) ? chance(50) : nil, blocks: blocks(depth: depth - 1))
                    }))
        case 6:
            let columns = below(4)
            return .table(
                Table(
                    alignments: (0..<columns).map { _ in pick([.none, .left, .center, .right]) },
                    header: (0..<below(4)).map { _ in inlines(depth: 1) },
                    rows: (0..<below(3)).map { _ in (0..<below(5)).map { _ in inlines(depth: 1) } }))
        case 7, 8:
            let classes = [pick(["signature", "epigraph", "note", "warning", "custom", "tip"])]
            return .div(
                Attributes(id: chance(30) ? pick(Self.ids) : nil, classes: chance(80) ? classes : []),
                blocks(depth: depth - 1))
        case 9: return .section(section(depth: depth - 1))
        default: return .section(section(depth: depth - 1))
        }
    }

    private mutating func section(depth: Int) -> Section {
        Section(
            level: 2 + below(4), attributes: attributes(), title: chance(90) ? inlines(depth: 1) : [],
            blocks: blocks(depth: depth, sections: true))
    }

    private mutating func attributes() -> Attributes {
        Attributes(
            id: chance(60) ? pick(Self.ids) : nil, classes: chance(30) ? ["k"] : [],
            pairs: chance(20) ? [KeyValue("lang", "en")] : [])
    }

    private mutating func text() -> String {
        (0..<(1 + below(3))).map { _ in pick(Self.words) }.joined()
    }

    private mutating func inlines(depth: Int) -> [Inline] {
        (0..<below(5)).map { _ in inline(depth: depth) }
    }

    private mutating func inline(depth: Int) -> Inline {
        let kind = depth <= 0 ? below(5) : below(16)
        switch kind {
        case 0: return .text(text())
        case 1: return .softBreak
        case 2: return .lineBreak
        case 3: return .code(text())
        case 4: return .footnoteReference(pick(["1", "2", "3", "9"]))
        case 5: return .emphasis(inlines(depth: depth - 1))
        case 6: return .strong(inlines(depth: depth - 1))
        case 7: return .strikethrough(inlines(depth: depth - 1))
        case 8: return .superscript(inlines(depth: depth - 1))
        case 9: return .subscript(inlines(depth: depth - 1))
        case 10:
            let target: LinkTarget = pick([
                .external("https://例.org/a b"), .internal(division: "c0", fragment: nil),
                .internal(division: "c1", fragment: pick(Self.ids)), .unresolved("x.md"),
            ])
            return .link(
                Link(
                    target: target, title: chance(30) ? text() : nil,
                    children: chance(80) ? inlines(depth: depth - 1) : []))
        case 11:
            return .image(
                Image(
                    source: pick(["i.png", "../x y.png", "https://e.org/i.png"]),
                    alt: inlines(depth: 0), title: chance(30) ? text() : nil, attributes: attributes()))
        case 12: return .ruby(base: inlines(depth: depth - 1), text: text())
        case 13: return .span(attributes(), inlines(depth: depth - 1))
        default: return .text(text())
        }
    }
}
