/// The one traversal of the document tree, in the manner of pandoc-types'
/// `Walk`: every transform, scan and flattener goes through it, and only the
/// writers' renderers switch over node kinds to traverse by hand.
///
/// Two primitives know the shape of each node — its children
/// (`Block.children`, `Inline.children`) and how to rebuild it from new
/// children (`mapChildren`) — and everything else is built on them:
/// `Walk.query` visits nodes in reading order (a parent before its children),
/// `Walk.rewrite` rewrites every sequence of siblings innermost first.
///
/// The tree's depth is bounded by the reader (`LimitNesting`), so the
/// recursion here is bounded too.
public enum Walk {}

// MARK: - The shape of a node

/// The content directly inside a block: blocks and inline sequences, in reading order.
public struct BlockChildren {
    public var blocks: [[Block]] = []
    public var inlines: [[Inline]] = []
}

public extension Block {
    /// The sequences of blocks directly inside this block (a quote's
    /// blocks, each list item's blocks…), in reading order.
    var childBlocks: [[Block]] {
        switch self {
        case .paragraph, .heading, .codeBlock, .thematicBreak, .table: return []
        case .blockQuote(let children), .div(_, let children): return [children]
        case .list(let list): return list.items.map(\.blocks)
        case .section(let section): return [section.blocks]
        }
    }

    /// The inline sequences directly inside this block (paragraph text, a
    /// heading, a section title, table cells), in reading order.
    var childInlines: [[Inline]] {
        switch self {
        case .paragraph(let content), .heading(_, _, let content): return [content]
        case .section(let section): return [section.title]
        case .table(let table): return table.header + table.rows.joined()
        case .blockQuote, .list, .codeBlock, .thematicBreak, .div: return []
        }
    }

    /// The attributes this block carries (its id among them), if any.
    var attributes: Attributes? {
        switch self {
        case .heading(_, let attributes, _), .div(let attributes, _): return attributes
        case .section(let section): return section.attributes
        case .paragraph, .blockQuote, .list, .codeBlock, .thematicBreak, .table: return nil
        }
    }

    /// This block with its block children and inline children replaced by
    /// `blocks(…)` and `inlines(…)` of themselves; a list item that
    /// `blocks` empties stays, empty.
    func mapChildren(blocks: ([Block]) throws -> [Block], inlines: ([Inline]) throws -> [Inline]) rethrows -> Block {
        switch self {
        case .paragraph(let content):
            return .paragraph(try inlines(content))
        case .heading(let level, let attributes, let content):
            return .heading(level: level, attributes: attributes, content: try inlines(content))
        case .blockQuote(let children):
            return .blockQuote(try blocks(children))
        case .list(var list):
            for index in list.items.indices { list.items[index].blocks = try blocks(list.items[index].blocks) }
            return .list(list)
        case .codeBlock, .thematicBreak:
            return self
        case .table(var table):
            table.header = try table.header.map(inlines)
            table.rows = try table.rows.map { try $0.map(inlines) }
            return .table(table)
        case .div(let attributes, let children):
            return .div(attributes, try blocks(children))
        case .section(var section):
            section.title = try inlines(section.title)
            section.blocks = try blocks(section.blocks)
            return .section(section)
        }
    }
}

public extension Inline {
    /// The inlines directly inside this one (a link's text, an image's alt
    /// text, ruby's base…).
    var children: [Inline] {
        switch self {
        case .text, .code, .softBreak, .lineBreak, .footnoteReference: return []
        case .emphasis(let c), .strong(let c), .strikethrough(let c), .superscript(let c),
            .subscript(let c), .span(_, let c), .ruby(let c, _):
            return c
        case .link(let link): return link.children
        case .image(let image): return image.alt
        }
    }

    /// The attributes this inline carries (its id among them), if any.
    var attributes: Attributes? {
        switch self {
        case .span(let attributes, _): return attributes
        case .image(let image): return image.attributes
        default: return nil
        }
    }

    /// This inline with its children replaced by `transform(children)`.
    func mapChildren(_ transform: ([Inline]) throws -> [Inline]) rethrows -> Inline {
        switch self {
        case .text, .code, .softBreak, .lineBreak, .footnoteReference: return self
        case .emphasis(let c): return .emphasis(try transform(c))
        case .strong(let c): return .strong(try transform(c))
        case .strikethrough(let c): return .strikethrough(try transform(c))
        case .superscript(let c): return .superscript(try transform(c))
        case .subscript(let c): return .subscript(try transform(c))
        case .span(let attributes, let c): return .span(attributes, try transform(c))
        case .ruby(let base, let text): return .ruby(base: try transform(base), text: text)
        case .link(var link):
            link.children = try transform(link.children)
            return .link(link)
        case .image(var image):
            image.alt = try transform(image.alt)
            return .image(image)
        }
    }
}

// MARK: - Query: visit in reading order

/// What a query is told about: each block and each inline, a parent before
/// its children. Leave a closure out to visit only the other kind.
public struct Visitor {
    public var block: (Block) -> Void
    public var inline: (Inline) -> Void

    public init(block: @escaping (Block) -> Void = { _ in }, inline: @escaping (Inline) -> Void = { _ in }) {
        self.block = block
        self.inline = inline
    }
}

public extension Walk {
    /// Visits `blocks` and everything inside them, in reading order.
    static func query(_ blocks: [Block], _ visitor: Visitor) {
        for block in blocks {
            visitor.block(block)
            for inlines in block.childInlines { query(inlines, visitor) }
            for children in block.childBlocks { query(children, visitor) }
        }
    }

    /// Visits `inlines` and everything inside them, in reading order.
    static func query(_ inlines: [Inline], _ visitor: Visitor) {
        for inline in inlines {
            visitor.inline(inline)
            let children = inline.children
            if !children.isEmpty { query(children, visitor) }
        }
    }

    /// Visits a division: its title, its blocks, then its notes' blocks.
    static func query(_ division: Division, _ visitor: Visitor) {
        query(division.title, visitor)
        query(division.blocks, visitor)
        for note in division.footnotes { query(note.blocks, visitor) }
    }

    /// Visits every division of `book` in reading order.
    static func query(_ book: Book, _ visitor: Visitor) {
        for division in book.divisions { query(division, visitor) }
    }

    /// Every inline of `blocks` (at any depth) in reading order, for
    /// callers that collect one kind: `Walk.inlines(in: blocks).compactMap…`.
    static func inlines(in blocks: [Block]) -> [Inline] {
        var found: [Inline] = []
        query(blocks, Visitor(inline: { found.append($0) }))
        return found
    }
}

// MARK: - Rewrite: innermost first

/// How a rewrite changes the tree: each sequence of sibling blocks and each
/// sequence of sibling inlines, after their children were rewritten.
/// The default of each leaves the sequence as it is.
public struct Rewriter {
    public var blocks: ([Block]) -> [Block]
    public var inlines: ([Inline]) -> [Inline]

    public init(
        blocks: @escaping ([Block]) -> [Block] = { $0 },
        inlines: @escaping ([Inline]) -> [Inline] = { $0 }
    ) {
        self.blocks = blocks
        self.inlines = inlines
    }

    /// A rewriter that maps every inline on its own, children first.
    public static func eachInline(_ transform: @escaping (Inline) -> Inline) -> Rewriter {
        Rewriter(inlines: { $0.map(transform) })
    }
}

public extension Walk {
    static func rewrite(_ blocks: [Block], _ rewriter: Rewriter) -> [Block] {
        rewriter.blocks(
            blocks.map { block in
                block.mapChildren(blocks: { rewrite($0, rewriter) }, inlines: { rewrite($0, rewriter) })
            })
    }

    static func rewrite(_ inlines: [Inline], _ rewriter: Rewriter) -> [Inline] {
        rewriter.inlines(
            inlines.map { inline in
                inline.children.isEmpty ? inline : inline.mapChildren { rewrite($0, rewriter) }
            })
    }

    /// Rewrites a division's title, blocks and notes' blocks.
    static func rewrite(_ division: Division, _ rewriter: Rewriter) -> Division {
        var division = division
        division.title = rewrite(division.title, rewriter)
        division.blocks = rewrite(division.blocks, rewriter)
        for index in division.footnotes.indices {
            division.footnotes[index].blocks = rewrite(division.footnotes[index].blocks, rewriter)
        }
        return division
    }

    /// `rewrite(_:_:)` on every division of `book`, side by side: chapters
    /// are independent. `rewriter` makes each division's own (one may keep
    /// per-chapter state, and none is shared between threads).
    static func rewrite(_ book: Book, _ rewriter: @Sendable (Division) -> Rewriter) -> Book {
        var book = book
        book.divisions = book.divisions.concurrentMap { rewrite($0, rewriter($0)) }
        return book
    }
}

// MARK: - Scoped rewrite: outside in, in reading order

/// A rewrite for transforms whose decision depends on where a node stands
/// (how deep it is nested, which section holds it) or on what came before it
/// in reading order (the first holder of an id keeps it).
///
/// Each node is handed over before its children, in reading order, with
/// the scope its siblings share: the closure may change that scope for the
/// siblings after it (a count of sections so far), and says what stands in
/// the node's place (itself, rewritten, or what it is flattened into) and
/// the scope its children start in. Each sequence of children starts from
/// its own copy of that scope.
public struct ScopedRewriter<Scope> {
    public var block: (Block, inout Scope) -> (replacement: [Block], children: Scope)
    public var inline: (Inline, inout Scope) -> (replacement: [Inline], children: Scope)

    public init(
        block: @escaping (Block, inout Scope) -> (replacement: [Block], children: Scope),
        inline: @escaping (Inline, inout Scope) -> (replacement: [Inline], children: Scope)
    ) {
        self.block = block
        self.inline = inline
    }
}

public extension Walk {
    /// Rewrites `blocks`, which stand in `scope`, and everything inside them.
    static func rewrite<Scope>(_ blocks: [Block], in scope: Scope, _ rewriter: ScopedRewriter<Scope>) -> [Block] {
        var scope = scope
        var result: [Block] = []
        result.reserveCapacity(blocks.count)
        for block in blocks {
            let (replacement, inner) = rewriter.block(block, &scope)
            for node in replacement {
                result.append(
                    node.mapChildren(
                        blocks: { rewrite($0, in: inner, rewriter) },
                        inlines: { rewrite($0, in: inner, rewriter) }))
            }
        }
        return result
    }

    /// Rewrites `inlines`, which stand in `scope`, and everything inside them.
    static func rewrite<Scope>(_ inlines: [Inline], in scope: Scope, _ rewriter: ScopedRewriter<Scope>) -> [Inline] {
        var scope = scope
        var result: [Inline] = []
        result.reserveCapacity(inlines.count)
        for inline in inlines {
            let (replacement, inner) = rewriter.inline(inline, &scope)
            for node in replacement {
                result.append(node.children.isEmpty ? node : node.mapChildren { rewrite($0, in: inner, rewriter) })
            }
        }
        return result
    }
}

// MARK: - The queries everyone needs

public extension Walk {
    /// Every id the tree sets, in reading order: the division's own, then
    /// those of sections, headings, divs, spans, images and notes. One id
    /// collector for link resolution and for every writer.
    static func ids(in division: Division) -> [String] {
        var ids: [String] = division.id.isEmpty ? [] : [division.id]
        if let id = division.attributes.id, !id.isEmpty, id != division.id { ids.append(id) }
        let visitor = Visitor(
            block: { if let id = $0.attributes?.id, !id.isEmpty { ids.append(id) } },
            inline: { if let id = $0.attributes?.id, !id.isEmpty { ids.append(id) } })
        query(division.title, visitor)
        query(division.blocks, visitor)
        for note in division.footnotes {
            if !note.id.isEmpty { ids.append(note.id) }
            query(note.blocks, visitor)
        }
        return ids
    }

    /// Every image of `division` (text, titles and notes), in reading order.
    static func images(in division: Division) -> [Image] {
        var images: [Image] = []
        query(division, Visitor(inline: { if case .image(let image) = $0 { images.append(image) } }))
        return images
    }

    /// The text of every code block and inline code of the book, in reading
    /// order: the author's code, where markup-like text is meant.
    static func code(in book: Book) -> [String] {
        var code: [String] = []
        let visitor = Visitor(
            block: { if case .codeBlock(_, let text) = $0 { code.append(text) } },
            inline: { if case .code(let text) = $0 { code.append(text) } })
        for division in book.divisions { query(division, visitor) }
        return code
    }

    /// The footnote labels `blocks` call, in reading order (repeats kept).
    static func footnoteLabels(in blocks: [Block]) -> [String] {
        var labels: [String] = []
        query(blocks, Visitor(inline: { if case .footnoteReference(let label) = $0 { labels.append(label) } }))
        return labels
    }
}

public extension Walk {
    /// The image when a paragraph holds nothing else, white space aside:
    /// writers show such a paragraph as a figure.
    static func soleImage(_ inlines: [Inline]) -> Image? {
        var found: Image?
        for inline in inlines {
            switch inline {
            case .image(let image):
                if found != nil { return nil }
                found = image
            case .text(let text) where text.allSatisfy(\.isWhitespace):
                continue
            case .softBreak:
                continue
            default:
                return nil
            }
        }
        return found
    }
}

public extension Walk {
    /// Folds the section tree of `blocks`, `depth` levels deep, into what a
    /// table of contents lists: `entry` gets each section with what its
    /// subsections became, and says what stands for it (an entry, or the
    /// children alone). Divs are looked through; quotes, lists and tables
    /// hold no part of the outline.
    static func outline<Entry>(
        _ blocks: [Block], depth: Int = .max,
        _ entry: (Section, _ children: [Entry]) -> [Entry]
    ) -> [Entry] {
        var result: [Entry] = []
        for block in blocks {
            switch block {
            case .section(let section):
                let children = depth > 1 ? outline(section.blocks, depth: depth - 1, entry) : []
                result += entry(section, children)
            case .div(_, let inner):
                result += outline(inner, depth: depth, entry)
            case .paragraph, .heading, .blockQuote, .list, .codeBlock, .thematicBreak, .table:
                continue
            }
        }
        return result
    }
}

// MARK: - Plain text

/// How inline content reads as plain text (titles, alt text, labels).
public struct PlainTextStyle: Sendable {
    /// What a soft or hard line break becomes.
    public var lineBreak: String
    /// How ruby shows its reading: nil leaves it out, else it gets `(…)`
    /// after the base, in full-width parentheses when `wideParentheses`.
    public var rubyReading: RubyReading

    public enum RubyReading: Sendable {
        case omitted
        case parenthesized(wide: Bool)
    }

    public init(lineBreak: String = " ", rubyReading: RubyReading = .omitted) {
        self.lineBreak = lineBreak
        self.rubyReading = rubyReading
    }
}

public extension Walk {
    /// The one plain-text flattener: text and code as written, link text,
    /// image alt text, breaks as `style.lineBreak`, notes left out.
    static func plainText(_ inlines: [Inline], style: PlainTextStyle = PlainTextStyle()) -> String {
        var text = ""
        appendPlainText(inlines, style: style, to: &text)
        return text
    }

    /// The plain text of `blocks`: each paragraph, heading, title, code
    /// block and table row one part, the non-empty parts joined by `separator`.
    static func plainText(
        _ blocks: [Block], separator: String = " ",
        style: PlainTextStyle = PlainTextStyle()
    ) -> String {
        var parts: [String] = []
        query(
            blocks,
            Visitor(block: { block in
                switch block {
                case .codeBlock(_, let text): parts.append(text)
                case .table(let table):
                    for row in [table.header] + table.rows {
                        parts.append(row.map { plainText($0, style: style) }.joined(separator: " "))
                    }
                default:
                    for inlines in block.childInlines { parts.append(plainText(inlines, style: style)) }
                }
            }))
        return parts.filter { !$0.isEmpty }.joined(separator: separator)
    }

    private static func appendPlainText(_ inlines: [Inline], style: PlainTextStyle, to text: inout String) {
        for inline in inlines {
            switch inline {
            case .text(let string), .code(let string): text += string
            case .softBreak, .lineBreak: text += style.lineBreak
            case .footnoteReference: break
            case .ruby(let base, let reading):
                appendPlainText(base, style: style, to: &text)
                if case .parenthesized(let wide) = style.rubyReading {
                    text += wide ? "（\(reading)）" : " (\(reading))"
                }
            default: appendPlainText(inline.children, style: style, to: &text)
            }
        }
    }
}
