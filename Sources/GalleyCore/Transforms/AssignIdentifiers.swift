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

    public static func apply(_ book: Book) -> Result {
        var state = State()
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
            book.divisions[index].id = state.claim(id, file: book.divisions[index].sourcePath, explicit: !book.divisions[index].id.isEmpty)
            book.divisions[index].attributes.id = nil
        }
        for index in book.divisions.indices {
            let division = book.divisions[index]
            state.file = division.sourcePath
            state.divisionID = division.id
            book.divisions[index].blocks = state.blocks(division.blocks, prefix: division.id + "-s")
            book.divisions[index].footnotes = division.footnotes.map { note in
                var note = note
                note.blocks = state.blocks(note.blocks, prefix: nil)
                return note
            }
        }
        return Result(book: book, diagnostics: state.diagnostics)
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
        var diagnostics: [Diagnostic] = []
        var file = ""
        var divisionID = ""

        /// Takes `id` or, when it is taken, the first free `id-2`, `id-3`….
        mutating func claim(_ id: String, file: String, explicit: Bool) -> String {
            if used.insert(id).inserted { return id }
            var n = 2
            while used.contains("\(id)-\(n)") { n += 1 }
            let unique = "\(id)-\(n)"
            used.insert(unique)
            if explicit {
                diagnostics.append(Diagnostic(.warning, "ids.duplicate",
                    "the id `\(id)` is used more than once; this one becomes `\(unique)`",
                    at: SourceLocation(file: file)))
            }
            return unique
        }

        /// The first holder of an id keeps it, so links naming it go there.
        mutating func explicitID(_ id: String?) -> String? {
            id.map { claim($0, file: file, explicit: true) }
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
                        section.attributes.id = claim(generated ?? "\(divisionID)-n\(sectionNumber)", file: file, explicit: false)
                    }
                    section.blocks = self.blocks(section.blocks, prefix: generated.map { $0 + "-" })
                    return .section(section)
                case .heading(let level, var attributes, let content):
                    attributes.id = explicitID(attributes.id)
                    return .heading(level: level, attributes: attributes, content: content)
                case .div(var attributes, let children):
                    attributes.id = explicitID(attributes.id)
                    return .div(attributes, self.blocks(children, prefix: nil))
                case .blockQuote(let children):
                    return .blockQuote(self.blocks(children, prefix: nil))
                case .list(var list):
                    list.items = list.items.map { ListItem(task: $0.task, blocks: self.blocks($0.blocks, prefix: nil)) }
                    return .list(list)
                case .paragraph, .codeBlock, .thematicBreak, .table:
                    return block
                }
            }
        }
    }
}
