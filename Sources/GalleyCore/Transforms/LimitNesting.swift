/// Flattens containers nested deeper than any book needs, so every later
/// step (transforms, writers, JSON encoding, XML parsers with their own
/// depth limits) can recurse without exhausting the stack. Real books nest
/// a handful of levels; `>>>>>…` or thousands of unclosed `<b>` do not.
public enum LimitNesting {
    /// Deepest nesting kept, counted separately for blocks and inlines.
    public static let maximumDepth = 32

    public static func apply(_ book: Book) -> (book: Book, diagnostics: [Diagnostic]) {
        var book = book
        // Chapters are independent: limited side by side.
        let limited = book.divisions.concurrentMap { division -> (Division, Diagnostic?) in
            var flattened = 0
            let rewriter = rewriter(counting: { flattened += 1 })
            var division = division
            division.title = Walk.rewrite(division.title, in: Depth(blocks: 0, inlines: 0), rewriter)
            division.blocks = Walk.rewrite(division.blocks, in: Depth(blocks: 0, inlines: 0), rewriter)
            for note in division.footnotes.indices {
                division.footnotes[note].blocks =
                    Walk.rewrite(division.footnotes[note].blocks, in: Depth(blocks: 1, inlines: 0), rewriter)
            }
            guard flattened > 0 else { return (division, nil) }
            let diagnostic = Diagnostic(
                CoreCode.markdownTooDeep,
                "\(flattened) container(s) nested deeper than \(maximumDepth) levels were flattened "
                    + "into their parent",
                at: SourceLocation(file: division.sourcePath))
            return (division, diagnostic)
        }
        book.divisions = limited.map(\.0)
        return (book, limited.compactMap(\.1))
    }

    /// How many containers stand around a node: blocks count sections,
    /// quotes, divs and lists; inlines count the inlines around them in
    /// their block.
    struct Depth {
        var blocks: Int
        var inlines: Int
    }

    /// Above the limit, a quote, div or list gives way to its blocks, and
    /// an emphasis, span or ruby… to its inlines (links and images stay:
    /// their targets would be lost); `flatten` is told of each.
    static func rewriter(counting flatten: @escaping () -> Void) -> ScopedRewriter<Depth> {
        ScopedRewriter(
            block: { block, depth in
                let inner = Depth(blocks: depth.blocks + 1, inlines: 0)
                guard depth.blocks >= maximumDepth else { return ([block], inner) }
                return (
                    expanded(
                        block,
                        into: { node in
                            switch node {
                            case .blockQuote(let children), .div(_, let children): return children
                            case .list(let list): return list.items.flatMap(\.blocks)
                            case .paragraph, .heading, .codeBlock, .thematicBreak, .table, .section: return nil
                            }
                        }, counting: flatten), inner
                )
            },
            inline: { inline, depth in
                let inner = Depth(blocks: depth.blocks, inlines: depth.inlines + 1)
                guard depth.inlines >= maximumDepth else { return ([inline], inner) }
                return (
                    expanded(
                        inline,
                        into: { node in
                            switch node {
                            case .emphasis(let c), .strong(let c), .strikethrough(let c), .superscript(let c),
                                .subscript(let c), .span(_, let c), .ruby(let c, _):
                                return c
                            case .text, .code, .link, .image, .softBreak, .lineBreak, .footnoteReference: return nil
                            }
                        }, counting: flatten), inner
                )
            })
    }

    /// `node` with every container in it that `children` opens replaced by
    /// its children, in order, without recursion.
    static func expanded<Node>(
        _ node: Node, into children: (Node) -> [Node]?,
        counting flatten: () -> Void
    ) -> [Node] {
        var result: [Node] = []
        var pending = [node]
        while let next = pending.popLast() {
            if let inner = children(next) {
                flatten()
                pending += inner.reversed()
            } else {
                result.append(next)
            }
        }
        return result
    }
}
