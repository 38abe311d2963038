/// Flattens containers nested deeper than any book needs, so every later
/// step (transforms, writers, JSON encoding, XML parsers with their own
/// depth limits) can recurse without exhausting the stack. Real books nest
/// a handful of levels; `>>>>>…` or thousands of unclosed `<b>` do not.
public enum LimitNesting {
    /// Deepest nesting kept, counted separately for blocks and inlines.
    public static let maximumDepth = 32

    public static func apply(_ book: Book) -> (book: Book, diagnostics: [Diagnostic]) {
        var book = book
        var diagnostics: [Diagnostic] = []
        for index in book.divisions.indices {
            var flattener = Flattener()
            var division = book.divisions[index]
            division.title = flattener.inlines(division.title, depth: 0)
            division.blocks = flattener.blocks(division.blocks, depth: 0)
            division.footnotes = division.footnotes.map { note in
                var note = note
                note.blocks = flattener.blocks(note.blocks, depth: 1)
                return note
            }
            book.divisions[index] = division
            if flattener.flattened > 0 {
                diagnostics.append(Diagnostic(.warning, "markdown.too-deep",
                    "\(flattener.flattened) container(s) nested deeper than \(maximumDepth) levels were flattened into their parent",
                    at: SourceLocation(file: division.sourcePath)))
            }
        }
        return (book, diagnostics)
    }

    struct Flattener {
        var flattened = 0

        mutating func blocks(_ blocks: [Block], depth: Int) -> [Block] {
            var result: [Block] = []
            result.reserveCapacity(blocks.count)
            for block in blocks {
                let tooDeep = depth >= LimitNesting.maximumDepth
                switch block {
                case .paragraph(let content):
                    result.append(.paragraph(inlines(content, depth: 0)))
                case .heading(let level, let attributes, let content):
                    result.append(.heading(level: level, attributes: attributes, content: inlines(content, depth: 0)))
                case .codeBlock, .thematicBreak:
                    result.append(block)
                case .table(var table):
                    table.header = table.header.map { inlines($0, depth: 0) }
                    table.rows = table.rows.map { $0.map { inlines($0, depth: 0) } }
                    result.append(.table(table))
                case .section(var section):
                    section.title = inlines(section.title, depth: 0)
                    section.blocks = self.blocks(section.blocks, depth: depth + 1)
                    result.append(.section(section))
                case .blockQuote(let children):
                    let inner = self.blocks(children, depth: depth + 1)
                    if tooDeep { flattened += 1; result += inner } else { result.append(.blockQuote(inner)) }
                case .div(let attributes, let children):
                    let inner = self.blocks(children, depth: depth + 1)
                    if tooDeep { flattened += 1; result += inner } else { result.append(.div(attributes, inner)) }
                case .list(var list):
                    list.items = list.items.map { ListItem(task: $0.task, blocks: self.blocks($0.blocks, depth: depth + 1)) }
                    if tooDeep { flattened += 1; result += list.items.flatMap(\.blocks) } else { result.append(.list(list)) }
                }
            }
            return result
        }

        mutating func inlines(_ inlines: [Inline], depth: Int) -> [Inline] {
            var result: [Inline] = []
            result.reserveCapacity(inlines.count)
            for inline in inlines {
                let tooDeep = depth >= LimitNesting.maximumDepth
                func wrap(_ children: [Inline], _ make: ([Inline]) -> Inline) -> [Inline] {
                    let inner = self.inlines(children, depth: depth + 1)
                    if tooDeep { flattened += 1; return inner }
                    return [make(inner)]
                }
                switch inline {
                case .text, .code, .softBreak, .lineBreak, .footnoteReference:
                    result.append(inline)
                case .emphasis(let c): result += wrap(c) { .emphasis($0) }
                case .strong(let c): result += wrap(c) { .strong($0) }
                case .strikethrough(let c): result += wrap(c) { .strikethrough($0) }
                case .superscript(let c): result += wrap(c) { .superscript($0) }
                case .subscript(let c): result += wrap(c) { .subscript($0) }
                case .span(let attributes, let c): result += wrap(c) { .span(attributes, $0) }
                case .ruby(let base, let text): result += wrap(base) { .ruby(base: $0, text: text) }
                case .link(var link):
                    link.children = self.inlines(link.children, depth: depth + 1)
                    result.append(.link(link))
                case .image(var image):
                    image.alt = self.inlines(image.alt, depth: depth + 1)
                    result.append(.image(image))
                }
            }
            return result
        }
    }
}
