/// Rewrites every inline sequence of a tree, innermost first, so that a
/// transform sees each run of siblings once with its children already done.
/// Transforms are built on it instead of each walking the tree by hand.
public struct InlineRewriter {
    public var rewrite: ([Inline]) -> [Inline]

    public init(_ rewrite: @escaping ([Inline]) -> [Inline]) {
        self.rewrite = rewrite
    }

    public func book(_ book: Book) -> Book {
        var book = book
        book.divisions = book.divisions.map(division)
        return book
    }

    public func division(_ division: Division) -> Division {
        var division = division
        division.title = inlines(division.title)
        division.blocks = blocks(division.blocks)
        division.footnotes = division.footnotes.map { note in
            var note = note
            note.blocks = blocks(note.blocks)
            return note
        }
        return division
    }

    public func blocks(_ blocks: [Block]) -> [Block] { blocks.map(block) }

    public func block(_ block: Block) -> Block {
        switch block {
        case .paragraph(let content):
            return .paragraph(inlines(content))
        case .heading(let level, let attributes, let content):
            return .heading(level: level, attributes: attributes, content: inlines(content))
        case .blockQuote(let children):
            return .blockQuote(blocks(children))
        case .list(var list):
            list.items = list.items.map { ListItem(task: $0.task, blocks: blocks($0.blocks)) }
            return .list(list)
        case .codeBlock, .thematicBreak:
            return block
        case .table(var table):
            table.header = table.header.map(inlines)
            table.rows = table.rows.map { $0.map(inlines) }
            return .table(table)
        case .div(let attributes, let children):
            return .div(attributes, blocks(children))
        case .section(var section):
            section.title = inlines(section.title)
            section.blocks = blocks(section.blocks)
            return .section(section)
        }
    }

    public func inlines(_ inlines: [Inline]) -> [Inline] {
        rewrite(inlines.map(inline))
    }

    private func inline(_ inline: Inline) -> Inline {
        switch inline {
        case .text, .code, .softBreak, .lineBreak, .footnoteReference:
            return inline
        case .emphasis(let children): return .emphasis(inlines(children))
        case .strong(let children): return .strong(inlines(children))
        case .strikethrough(let children): return .strikethrough(inlines(children))
        case .superscript(let children): return .superscript(inlines(children))
        case .subscript(let children): return .subscript(inlines(children))
        case .link(var link):
            link.children = inlines(link.children)
            return .link(link)
        case .image(var image):
            image.alt = inlines(image.alt)
            return .image(image)
        case .ruby(let base, let text):
            return .ruby(base: inlines(base), text: text)
        case .span(let attributes, let children):
            return .span(attributes, inlines(children))
        }
    }
}

public extension Inline {
    /// The first character this inline shows, looking into its children.
    var firstScalar: Unicode.Scalar? {
        switch self {
        case .text(let text), .code(let text): return text.unicodeScalars.first
        case .emphasis(let c), .strong(let c), .strikethrough(let c), .superscript(let c),
             .subscript(let c), .span(_, let c), .ruby(let c, _):
            return c.lazy.compactMap(\.firstScalar).first
        case .link(let link): return link.children.lazy.compactMap(\.firstScalar).first
        case .image, .softBreak, .lineBreak, .footnoteReference: return nil
        }
    }

    /// The last character this inline shows, looking into its children.
    var lastScalar: Unicode.Scalar? {
        switch self {
        case .text(let text), .code(let text): return text.unicodeScalars.last
        case .emphasis(let c), .strong(let c), .strikethrough(let c), .superscript(let c),
             .subscript(let c), .span(_, let c), .ruby(let c, _):
            return c.reversed().lazy.compactMap(\.lastScalar).first
        case .link(let link): return link.children.reversed().lazy.compactMap(\.lastScalar).first
        case .image, .softBreak, .lineBreak, .footnoteReference: return nil
        }
    }
}

/// Visits every inline of a tree in reading order (a parent before its
/// children), for transforms that collect rather than rewrite.
public struct InlineVisitor {
    public var visit: (Inline) -> Void

    public init(_ visit: @escaping (Inline) -> Void) {
        self.visit = visit
    }

    public func blocks(_ blocks: [Block]) {
        for block in blocks { self.block(block) }
    }

    public func block(_ block: Block) {
        switch block {
        case .paragraph(let content), .heading(_, _, let content):
            inlines(content)
        case .blockQuote(let children), .div(_, let children):
            blocks(children)
        case .list(let list):
            for item in list.items { blocks(item.blocks) }
        case .codeBlock, .thematicBreak:
            break
        case .table(let table):
            for cell in table.header { inlines(cell) }
            for row in table.rows { for cell in row { inlines(cell) } }
        case .section(let section):
            inlines(section.title)
            blocks(section.blocks)
        }
    }

    public func inlines(_ inlines: [Inline]) {
        for inline in inlines {
            visit(inline)
            switch inline {
            case .text, .code, .softBreak, .lineBreak, .footnoteReference:
                break
            case .emphasis(let c), .strong(let c), .strikethrough(let c), .superscript(let c),
                 .subscript(let c), .span(_, let c), .ruby(let c, _):
                self.inlines(c)
            case .link(let link): self.inlines(link.children)
            case .image(let image): self.inlines(image.alt)
            }
        }
    }
}
