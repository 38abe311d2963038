/// Gives every division and section an ASCII id that is unique in the book
/// and stable across builds, and makes the ids written in the source
/// (`{#id}` on headings, divs and spans) unique too.
///
/// Divisions without an id get one from their role: `ch001`, `ch002`… for
/// chapters (counted among chapters), `part01`, `app01`…, and the role name
/// for the rest (`preface`, `dedication`). Sections without an id get
/// `<division>-s<n>[-<n>…]` from their position. A duplicate gets a
/// `-2`, `-3`… suffix and a warning.
public enum AssignIdentifiers {
    public struct Result {
        public var book: Book
        public var diagnostics: [Diagnostic]
    }

    /// Finds where the `occurrence`-th (0-based) explicit `id` of a chapter
    /// file is written, so a duplicate can be reported with its line.
    public typealias Locator = @Sendable (_ sourcePath: String, _ id: String, _ occurrence: Int) -> SourceLocation?

    public static func apply(_ book: Book, locate: Locator? = nil) -> Result {
        var state = State()
        state.locate = locate
        state.reserved = explicitIDs(book)
        var book = book
        var roleCounts: [DivisionRole: Int] = [:]
        // Division ids first, so a section can never take a division's id.
        for index in book.divisions.indices {
            let role = book.divisions[index].role
            roleCounts[role, default: 0] += 1
            var id = book.divisions[index].id
            if id.isEmpty || !isValid(id) {
                id = generatedDivisionID(role: role, ordinal: roleCounts[role]!)
            }
            state.file = book.divisions[index].sourcePath
            book.divisions[index].id = state.claim(id, explicit: !book.divisions[index].id.isEmpty)
            book.divisions[index].attributes.id = nil
        }
        for index in book.divisions.indices {
            let division = book.divisions[index]
            state.file = division.sourcePath
            state.divisionID = division.id
            book.divisions[index].title = state.inlines(division.title)
            book.divisions[index].blocks = state.blocks(division.blocks, prefix: division.id + "-s")
            book.divisions[index].footnotes = division.footnotes.map { note in
                var note = note
                note.blocks = state.blocks(note.blocks, prefix: nil)
                return note
            }
        }
        return Result(book: book, diagnostics: state.diagnostics)
    }

    /// The ids written in the source: divisions', sections', headings',
    /// divs', spans' and images'.
    static func explicitIDs(_ book: Book) -> Set<String> {
        var ids: Set<String> = []
        let inlines = InlineVisitor { inline in
            switch inline {
            case .span(let attributes, _): if let id = attributes.id { ids.insert(id) }
            case .image(let image): if let id = image.attributes.id { ids.insert(id) }
            case .text, .emphasis, .strong, .strikethrough, .superscript, .subscript, .code, .link,
                 .softBreak, .lineBreak, .footnoteReference, .ruby:
                break
            }
        }
        func walk(_ blocks: [Block]) {
            for block in blocks {
                switch block {
                case .section(let section):
                    if let id = section.attributes.id { ids.insert(id) }
                    walk(section.blocks)
                case .heading(_, let attributes, _):
                    if let id = attributes.id { ids.insert(id) }
                case .div(let attributes, let children):
                    if let id = attributes.id { ids.insert(id) }
                    walk(children)
                case .blockQuote(let children):
                    walk(children)
                case .list(let list):
                    for item in list.items { walk(item.blocks) }
                case .paragraph, .codeBlock, .thematicBreak, .table:
                    break
                }
            }
        }
        for division in book.divisions {
            if !division.id.isEmpty { ids.insert(division.id) }
            inlines.inlines(division.title)
            inlines.blocks(division.blocks)
            walk(division.blocks)
            for note in division.footnotes {
                inlines.blocks(note.blocks)
                walk(note.blocks)
            }
        }
        return ids
    }

    static func generatedDivisionID(role: DivisionRole, ordinal: Int) -> String {
        func padded(_ n: Int, _ width: Int) -> String {
            let digits = String(n)
            return String(repeating: "0", count: max(0, width - digits.count)) + digits
        }
        switch role {
        case .chapter: return "ch" + padded(ordinal, 3)
        case .part: return "part" + padded(ordinal, 2)
        case .appendix: return "app" + padded(ordinal, 2)
        default: return ordinal == 1 ? role.rawValue : "\(role.rawValue)-\(ordinal)"
        }
    }

    /// An ASCII XML NCName: a letter or `_`, then letters, digits, `_`, `-`, `.`.
    public static func isValid(_ id: String) -> Bool {
        guard let first = id.utf8.first else { return false }
        func isLetter(_ c: UInt8) -> Bool { (c >= 0x41 && c <= 0x5A) || (c >= 0x61 && c <= 0x7A) || c == 0x5F }
        guard isLetter(first) else { return false }
        return id.utf8.allSatisfy { isLetter($0) || ($0 >= 0x30 && $0 <= 0x39) || $0 == 0x2D || $0 == 0x2E }
    }

    private struct State {
        var used: Set<String> = []
        /// Every id written in the source.
        var reserved: Set<String> = []
        var diagnostics: [Diagnostic] = []
        var file = ""
        var divisionID = ""
        var locate: Locator?
        /// How many explicit uses of an id each file has had so far.
        var occurrences: [String: [String: Int]] = [:]

        /// Takes `id` or, when it is taken, the first free `id-2`, `id-3`….
        mutating func claim(_ id: String, explicit: Bool) -> String {
            var occurrence = 0
            if explicit {
                occurrence = occurrences[file, default: [:]][id, default: 0]
                occurrences[file, default: [:]][id] = occurrence + 1
            }
            // A generated id steps aside for every id written in the source,
            // even one met later, so the author's ids are never renamed for it.
            func free(_ candidate: String) -> Bool {
                !used.contains(candidate) && (explicit || !reserved.contains(candidate))
            }
            if free(id) {
                used.insert(id)
                return id
            }
            var n = 2
            while !free("\(id)-\(n)") { n += 1 }
            let unique = "\(id)-\(n)"
            used.insert(unique)
            if explicit {
                diagnostics.append(Diagnostic(.warning, "ids.duplicate",
                    "the id `\(id)` is used more than once in the book; this one becomes `\(unique)`",
                    at: locate?(file, id, occurrence) ?? SourceLocation(file: file)))
            }
            return unique
        }

        /// The first holder of an id keeps it, so links naming it go there.
        mutating func explicitID(_ id: String?) -> String? {
            id.map { claim($0, explicit: true) }
        }

        mutating func blocks(_ blocks: [Block], prefix: String?) -> [Block] {
            var sectionNumber = 0
            return blocks.map { block in
                switch block {
                case .section(var section):
                    sectionNumber += 1
                    let generated = prefix.map { "\($0)\(sectionNumber)" }
                    if let id = section.attributes.id {
                        section.attributes.id = explicitID(id)
                    } else {
                        section.attributes.id = claim(generated ?? "\(divisionID)-n\(sectionNumber)", explicit: false)
                    }
                    section.title = inlines(section.title)
                    section.blocks = self.blocks(section.blocks, prefix: generated.map { $0 + "-" })
                    return .section(section)
                case .heading(let level, var attributes, let content):
                    attributes.id = explicitID(attributes.id)
                    return .heading(level: level, attributes: attributes, content: inlines(content))
                case .div(var attributes, let children):
                    attributes.id = explicitID(attributes.id)
                    return .div(attributes, self.blocks(children, prefix: nil))
                case .blockQuote(let children):
                    return .blockQuote(self.blocks(children, prefix: nil))
                case .list(var list):
                    list.items = list.items.map { ListItem(task: $0.task, blocks: self.blocks($0.blocks, prefix: nil)) }
                    return .list(list)
                case .paragraph(let content):
                    return .paragraph(inlines(content))
                case .table(var table):
                    table.header = table.header.map { inlines($0) }
                    table.rows = table.rows.map { $0.map { inlines($0) } }
                    return .table(table)
                case .codeBlock, .thematicBreak:
                    return block
                }
            }
        }

        /// Span and image ids from raw HTML, made unique like the others.
        mutating func inlines(_ inlines: [Inline]) -> [Inline] {
            inlines.map { inline in
                switch inline {
                case .text, .code, .softBreak, .lineBreak, .footnoteReference:
                    return inline
                case .emphasis(let c): return .emphasis(self.inlines(c))
                case .strong(let c): return .strong(self.inlines(c))
                case .strikethrough(let c): return .strikethrough(self.inlines(c))
                case .superscript(let c): return .superscript(self.inlines(c))
                case .subscript(let c): return .subscript(self.inlines(c))
                case .link(var link):
                    link.children = self.inlines(link.children)
                    return .link(link)
                case .image(var image):
                    image.attributes.id = explicitID(image.attributes.id)
                    image.alt = self.inlines(image.alt)
                    return .image(image)
                case .ruby(let base, let text):
                    return .ruby(base: self.inlines(base), text: text)
                case .span(var attributes, let c):
                    attributes.id = explicitID(attributes.id)
                    return .span(attributes, self.inlines(c))
                }
            }
        }
    }
}
