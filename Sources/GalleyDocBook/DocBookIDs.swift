import GalleyCore

/// Every id of the tree, gathered before writing so that links can be
/// checked against their targets and generated ids never collide.
struct DocBookIDs {
    /// Ids present in the tree that are valid NCNames (link targets).
    private(set) var known: Set<String> = []
    /// Titles of divisions and sections by id, for links with no text.
    private(set) var titles: [String: [Inline]] = [:]
    /// Footnote ids by division id and label.
    private var footnoteIDs: [String: String] = [:]
    private var claimed: Set<String> = []
    private var counter = 0

    init(book: Book) {
        for division in book.divisions {
            add(division.id, title: division.title)
            for footnote in division.footnotes {
                var id = footnote.id
                if id.isEmpty || !Self.isNCName(id) || known.contains(id) {
                    id = "fn-\(Self.sanitized(division.id))-\(Self.sanitized(footnote.label))"
                }
                let key = division.id + "\u{0}" + footnote.label
                // The first definition of a label is the one references use.
                if footnoteIDs[key] == nil { footnoteIDs[key] = id }
                add(id)
                footnote.blocks.forEach { collect($0) }
            }
            division.blocks.forEach { collect($0) }
            collect(division.title)
        }
    }

    /// The id of the footnote `label` of `division`.
    func footnoteID(division: String, label: String) -> String? {
        footnoteIDs[division + "\u{0}" + label]
    }

    /// The ids written so far.
    var written: Set<String> { claimed }

    /// Stops treating `targets` as link targets (they were not written).
    mutating func forget(_ targets: Set<String>) {
        known.subtract(targets)
    }

    /// Marks `id` as written; false when it already was.
    mutating func claim(_ id: String) -> Bool {
        claimed.insert(id).inserted
    }

    /// A new id `stem-N` that is neither in the tree nor written yet.
    mutating func generate(_ stem: String) -> String {
        while true {
            counter += 1
            let candidate = "\(Self.sanitized(stem))-\(counter)"
            if !known.contains(candidate) && !claimed.contains(candidate) {
                claimed.insert(candidate)
                return candidate
            }
        }
    }

    private mutating func add(_ id: String?, title: [Inline]? = nil) {
        guard let id, Self.isNCName(id) else { return }
        if known.insert(id).inserted, let title, !title.isEmpty {
            titles[id] = title
        }
    }

    private mutating func collect(_ block: Block) {
        switch block {
        case .paragraph(let inlines):
            collect(inlines)
        case .heading(_, let attributes, let content):
            add(attributes.id, title: content)
            collect(content)
        case .blockQuote(let blocks):
            blocks.forEach { collect($0) }
        case .list(let list):
            list.items.forEach { $0.blocks.forEach { collect($0) } }
        case .codeBlock, .thematicBreak:
            break
        case .table(let table):
            (table.header + table.rows.joined()).forEach { collect($0) }
        case .div(let attributes, let blocks):
            add(attributes.id)
            blocks.forEach { collect($0) }
        case .section(let section):
            add(section.attributes.id, title: section.title)
            collect(section.title)
            section.blocks.forEach { collect($0) }
        }
    }

    private mutating func collect(_ inlines: [Inline]) {
        for inline in inlines {
            switch inline {
            case .text, .code, .softBreak, .lineBreak, .footnoteReference:
                break
            case .emphasis(let children), .strong(let children), .strikethrough(let children),
                 .superscript(let children), .subscript(let children):
                collect(children)
            case .link(let link):
                collect(link.children)
            case .image(let image):
                add(image.attributes.id)
            case .ruby(let base, _):
                collect(base)
            case .span(let attributes, let children):
                add(attributes.id)
                collect(children)
            }
        }
    }

    /// XML `NCName` (a `Name` without a colon), by the character classes
    /// of XML 1.0 fifth edition §2.3.
    static func isNCName(_ string: String) -> Bool {
        guard let first = string.unicodeScalars.first, isNameStart(first) else { return false }
        return string.unicodeScalars.allSatisfy { isNameStart($0) || isNameRest($0) }
    }

    private static func isNameStart(_ c: Unicode.Scalar) -> Bool {
        switch c.value {
        case 0x41...0x5A, 0x61...0x7A, 0x5F, 0xC0...0xD6, 0xD8...0xF6, 0xF8...0x2FF, 0x370...0x37D,
             0x37F...0x1FFF, 0x200C...0x200D, 0x2070...0x218F, 0x2C00...0x2FEF, 0x3001...0xD7FF,
             0xF900...0xFDCF, 0xFDF0...0xFFFD, 0x10000...0xEFFFF:
            return true
        default:
            return false
        }
    }

    private static func isNameRest(_ c: Unicode.Scalar) -> Bool {
        switch c.value {
        case 0x2D, 0x2E, 0x30...0x39, 0xB7, 0x300...0x36F, 0x203F...0x2040: return true
        default: return false
        }
    }

    /// `string` reduced to ASCII name characters, never empty.
    static func sanitized(_ string: String) -> String {
        var result = ""
        for scalar in string.unicodeScalars {
            if scalar.isASCII, scalar.properties.isAlphabetic || ("0"..."9").contains(scalar) || scalar == "-" || scalar == "_" {
                result.unicodeScalars.append(scalar)
            } else {
                result += "_"
            }
        }
        if result.isEmpty { return "x" }
        if let first = result.unicodeScalars.first, !(first.properties.isAlphabetic || first == "_") {
            result = "x" + result
        }
        return result
    }
}
