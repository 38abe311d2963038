import GalleyCore

/// What the EPUB writer must know about a division before rendering any
/// file: the ids it holds (so links to it can be checked) and its images
/// (so they enter the manifest).
struct EPUBTreeScan {
    private(set) var ids: [String] = []
    private(set) var images: [Image] = []

    static func scan(_ division: Division) -> EPUBTreeScan {
        var scan = EPUBTreeScan()
        scan.record(division.attributes)
        scan.visit(division.title)
        scan.visit(division.blocks)
        for note in division.footnotes { scan.visit(note.blocks) }
        return scan
    }

    private mutating func record(_ attributes: Attributes) {
        if let id = attributes.id, !id.isEmpty { ids.append(id) }
    }

    private mutating func visit(_ blocks: [Block]) {
        for block in blocks { visit(block) }
    }

    private mutating func visit(_ block: Block) {
        switch block {
        case .paragraph(let inlines): visit(inlines)
        case .heading(_, let attributes, let content): record(attributes); visit(content)
        case .blockQuote(let blocks): visit(blocks)
        case .list(let list): for item in list.items { visit(item.blocks) }
        case .codeBlock: break
        case .thematicBreak: break
        case .table(let table):
            for cell in table.header { visit(cell) }
            for row in table.rows { for cell in row { visit(cell) } }
        case .div(let attributes, let blocks): record(attributes); visit(blocks)
        case .section(let section): record(section.attributes); visit(section.title); visit(section.blocks)
        }
    }

    private mutating func visit(_ inlines: [Inline]) {
        for inline in inlines { visit(inline) }
    }

    private mutating func visit(_ inline: Inline) {
        switch inline {
        case .text, .code, .softBreak, .lineBreak, .footnoteReference: break
        case .emphasis(let c), .strong(let c), .strikethrough(let c), .superscript(let c), .subscript(let c):
            visit(c)
        case .link(let link): visit(link.children)
        case .image(let image): record(image.attributes); images.append(image)
        case .ruby(let base, _): visit(base)
        case .span(let attributes, let children): record(attributes); visit(children)
        }
    }
}

/// Gives every titled section an id (the toc and contents page link to it),
/// keeping the ones the author or the reader set.
struct EPUBSectionIds {
    private var taken: Set<String>
    private let prefix: String
    private var counter = 0

    static func assign(_ division: Division, taken: Set<String>) -> Division {
        var assigner = EPUBSectionIds(taken: taken, prefix: division.id)
        var result = division
        result.blocks = assigner.assign(division.blocks)
        return result
    }

    private init(taken: Set<String>, prefix: String) {
        self.taken = taken
        self.prefix = prefix
    }

    private mutating func assign(_ blocks: [Block]) -> [Block] {
        blocks.map { assign($0) }
    }

    private mutating func assign(_ block: Block) -> Block {
        switch block {
        case .paragraph, .heading, .codeBlock, .thematicBreak, .table, .list, .blockQuote:
            return block
        case .div(let attributes, let blocks):
            return .div(attributes, assign(blocks))
        case .section(var section):
            if section.attributes.id?.isEmpty ?? true {
                section.attributes.id = freshId()
            }
            section.blocks = assign(section.blocks)
            return .section(section)
        }
    }

    private mutating func freshId() -> String {
        while true {
            counter += 1
            let candidate = "\(prefix)-s\(counter)"
            if !taken.contains(candidate) {
                taken.insert(candidate)
                return candidate
            }
        }
    }
}

/// Inline content as plain text (titles, alt text, labels).
enum EPUBPlainText {
    static func of(_ inlines: [Inline]) -> String {
        var text = ""
        for inline in inlines { append(inline, to: &text) }
        return text
    }

    private static func append(_ inline: Inline, to text: inout String) {
        switch inline {
        case .text(let string), .code(let string): text += string
        case .emphasis(let c), .strong(let c), .strikethrough(let c), .superscript(let c), .subscript(let c):
            for child in c { append(child, to: &text) }
        case .link(let link): for child in link.children { append(child, to: &text) }
        case .image(let image): for child in image.alt { append(child, to: &text) }
        case .softBreak, .lineBreak:
            text += " "
        case .footnoteReference: break
        case .ruby(let base, _): for child in base { append(child, to: &text) }
        case .span(_, let children): for child in children { append(child, to: &text) }
        }
    }

    /// Collapses runs of white space and trims, for labels and titles.
    static func normalized(_ text: String) -> String {
        if !containsWhiteSpace(text) { return text }
        return text.split(whereSeparator: { $0.isWhitespace }).joined(separator: " ")
    }

    /// True when `text` holds a White_Space code point, found on its UTF-8
    /// bytes (titles are normalised thousands of times in a large book).
    private static func containsWhiteSpace(_ text: String) -> Bool {
        var copy = text
        return copy.withUTF8 { utf8 in
            let count = utf8.count
            for index in 0..<count {
                let byte = utf8[index]
                let next = index + 1 < count ? utf8[index + 1] : 0
                let third = index + 2 < count ? utf8[index + 2] : 0
                switch byte {
                case 0x09...0x0D, 0x20: return true
                case 0xC2 where next == 0x85 || next == 0xA0: return true                      // U+0085, U+00A0
                case 0xE1 where next == 0x9A && third == 0x80: return true                     // U+1680
                case 0xE2 where next == 0x80 && ((0x80...0x8A).contains(third) || third == 0xA8
                                                  || third == 0xA9 || third == 0xAF): return true  // U+2000–200A, 2028, 2029, 202F
                case 0xE2 where next == 0x81 && third == 0x9F: return true                     // U+205F
                case 0xE3 where next == 0x80 && third == 0x80: return true                     // U+3000
                default: continue
                }
            }
            return false
        }
    }
}
