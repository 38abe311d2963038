import GalleyCore

/// Text of tree nodes without markup, for attributes (alt text), link
/// text and notes that must be flattened.
extension DocBookEmitter {
    func plainText(_ inlines: [Inline]) -> String {
        var text = ""
        appendPlainText(inlines, to: &text)
        return text
    }

    func plainText(_ blocks: [Block]) -> String {
        var parts: [String] = []
        for block in blocks { appendPlainText(block, to: &parts) }
        return parts.filter { !$0.isEmpty }.joined(separator: " ")
    }

    private func appendPlainText(_ block: Block, to parts: inout [String]) {
        switch block {
        case .paragraph(let inlines), .heading(_, _, let inlines):
            parts.append(plainText(inlines))
        case .blockQuote(let blocks), .div(_, let blocks):
            blocks.forEach { appendPlainText($0, to: &parts) }
        case .list(let list):
            list.items.forEach { $0.blocks.forEach { appendPlainText($0, to: &parts) } }
        case .codeBlock(_, let text):
            parts.append(text)
        case .thematicBreak:
            break
        case .table(let table):
            for row in [table.header] + table.rows {
                parts.append(row.map { plainText($0) }.joined(separator: " "))
            }
        case .section(let section):
            parts.append(plainText(section.title))
            section.blocks.forEach { appendPlainText($0, to: &parts) }
        }
    }

    private func appendPlainText(_ inlines: [Inline], to text: inout String) {
        for inline in inlines {
            switch inline {
            case .text(let string), .code(let string):
                text += string
            case .emphasis(let children), .strong(let children), .strikethrough(let children),
                 .superscript(let children), .subscript(let children), .span(_, let children):
                appendPlainText(children, to: &text)
            case .link(let link):
                appendPlainText(link.children, to: &text)
            case .image(let image):
                appendPlainText(image.alt, to: &text)
            case .softBreak, .lineBreak:
                text += " "
            case .footnoteReference:
                // A note inside flattened text would nest; it is left out.
                break
            case .ruby(let base, let reading):
                appendPlainText(base, to: &text)
                text += book.metadata.isCJK ? "（\(reading)）" : " (\(reading))"
            }
        }
    }
}

/// The footnote labels a piece of the tree calls.
enum FootnoteLabels {
    static func collect(_ block: Block, into labels: inout Set<String>) {
        switch block {
        case .paragraph(let inlines), .heading(_, _, let inlines):
            collect(inlines, into: &labels)
        case .blockQuote(let blocks), .div(_, let blocks):
            blocks.forEach { collect($0, into: &labels) }
        case .list(let list):
            list.items.forEach { $0.blocks.forEach { collect($0, into: &labels) } }
        case .codeBlock, .thematicBreak:
            break
        case .table(let table):
            ([table.header] + table.rows).forEach { $0.forEach { collect($0, into: &labels) } }
        case .section(let section):
            collect(section.title, into: &labels)
            section.blocks.forEach { collect($0, into: &labels) }
        }
    }

    static func collect(_ inlines: [Inline], into labels: inout Set<String>) {
        for inline in inlines {
            switch inline {
            case .footnoteReference(let label):
                labels.insert(label)
            case .emphasis(let children), .strong(let children), .strikethrough(let children),
                 .superscript(let children), .subscript(let children), .span(_, let children):
                collect(children, into: &labels)
            case .link(let link):
                collect(link.children, into: &labels)
            case .ruby(let base, _):
                collect(base, into: &labels)
            case .text, .code, .image, .softBreak, .lineBreak:
                break
            }
        }
    }
}
