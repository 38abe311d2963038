/// Gives every division and section an ASCII id that is unique in the book
/// and stable across builds, and makes the ids written in the source
/// (`{#id}` on headings, divs and spans) unique too.
///
/// Divisions without an id get one from their role: `ch001`, `ch002`… for
/// chapters (counted among chapters), `part01`, `app01`…, and the role name
/// for the rest (`preface`, `dedication`). A section or heading without an
/// id gets its mdBook slug (`HeadingSlugger`) when that is an ASCII XML name
/// (`getting-started`), else an id from its position: `<division>-s<n>[-<n>…]`
/// for a section, `<division>-h<n>` for a heading inside a quote or list.
/// A duplicate gets a `-2`, `-3`… suffix (with a warning when it was written
/// in the source). Each division's `anchors` maps the slugs and explicit ids
/// as the author wrote them to the ids they became, so links resolve by them.
public enum AssignIdentifiers {
    public struct Result {
        public var book: Book
        public var diagnostics: [Diagnostic]
    }

    /// Finds where the `occurrence`-th (0-based) explicit `id` of a chapter
    /// file is written, so a duplicate can be reported with its line.
    public typealias Locator = @Sendable (_ sourcePath: String, _ id: String, _ occurrence: Int) -> SourceLocation?

    public static func apply(_ book: Book, locate: Locator? = nil) -> Result {
        let state = State()
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
            state.startDivision()
            if division.titleOrigin == .heading, !division.title.isEmpty {
                state.anchor(state.slugger.next(Walk.plainText(division.title)), to: division.id)
            }
            let rewriter = state.rewriter()
            book.divisions[index].title = Walk.rewrite(division.title, in: Place(prefix: nil), rewriter)
            book.divisions[index].blocks =
                Walk.rewrite(division.blocks, in: Place(prefix: division.id + "-s"), rewriter)
            for note in book.divisions[index].footnotes.indices {
                book.divisions[index].footnotes[note].blocks =
                    Walk.rewrite(division.footnotes[note].blocks, in: Place(prefix: nil), rewriter)
            }
            book.divisions[index].anchors = state.anchors
        }
        return Result(book: book, diagnostics: state.diagnostics)
    }

    /// The ids written in the source: divisions', sections', headings',
    /// divs', spans' and images' (notes get theirs later).
    static func explicitIDs(_ book: Book) -> Set<String> {
        Set(book.divisions.concurrentMap { Walk.ids(in: $0) }.joined())
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

    private final class State {
        var used: Set<String> = []
        /// Every id written in the source.
        var reserved: Set<String> = []
        var diagnostics: [Diagnostic] = []
        var file = ""
        var divisionID = ""
        var locate: Locator?
        /// How many explicit uses of an id each file has had so far.
        var occurrences: [String: [String: Int]] = [:]
        /// Where the search for a free `id-n` resumes, by id and kind of claim.
        var nextSuffix: [String: Int] = [:]
        /// The division being rewritten: its slugs so far, its anchors, its
        /// headings outside the section tree.
        var slugger = HeadingSlugger()
        var anchors: [String: String] = [:]
        var headings = 0

        func startDivision() {
            slugger = HeadingSlugger()
            anchors = [:]
            headings = 0
        }

        /// The first heading with an anchor keeps it.
        func anchor(_ names: [String], to id: String) {
            for name in names where anchors[name] == nil { anchors[name] = id }
        }

        /// The id of a heading (or section title) without an explicit id:
        /// its slug when that is an ASCII XML name, else `fallback`.
        func headingID(_ title: [Inline], fallback: String) -> String {
            let slugs = slugger.next(Walk.plainText(title))
            let id = claim(
                slugs.first.flatMap { AssignIdentifiers.isValid($0) ? $0 : nil } ?? fallback, explicit: false)
            anchor(slugs, to: id)
            return id
        }

        /// An explicit id, made unique; the id as written stays an anchor.
        func explicitHeadingID(_ id: String) -> String {
            let unique = claim(id, explicit: true)
            anchor([id], to: unique)
            return unique
        }

        /// Takes `id` or, when it is taken, the first free `id-2`, `id-3`….
        func claim(_ id: String, explicit: Bool) -> String {
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
            // A candidate once taken stays taken (`used` only grows), so the
            // search for the next free suffix resumes where the last one for
            // this id stopped: many chapters with a `## Summary` stay linear.
            let key = explicit ? "e" + id : "g" + id
            var n = nextSuffix[key] ?? 2
            while !free("\(id)-\(n)") { n += 1 }
            nextSuffix[key] = n + 1
            let unique = "\(id)-\(n)"
            used.insert(unique)
            if explicit {
                diagnostics.append(
                    Diagnostic(
                        CoreCode.idsDuplicate,
                        "the id `\(id)` is used more than once in the book; this one becomes `\(unique)`",
                        at: locate?(file, id, occurrence) ?? SourceLocation(file: file)))
            }
            return unique
        }

        /// The first holder of an id keeps it, so links naming it go there.
        func explicitID(_ id: String?) -> String? {
            id.map { claim($0, explicit: true) }
        }

        /// Claims ids in reading order, so the first holder of an id keeps it:
        /// a section's own, then those in its title, then those inside it.
        func rewriter() -> ScopedRewriter<AssignIdentifiers.Place> {
            ScopedRewriter(
                block: { [self] block, place in
                    let outside = AssignIdentifiers.Place(prefix: nil)
                    switch block {
                    case .section(var section):
                        place.sections += 1
                        let generated = place.prefix.map { "\($0)\(place.sections)" }
                        if let id = section.attributes.id {
                            section.attributes.id = explicitHeadingID(id)
                        } else {
                            section.attributes.id = headingID(
                                section.title, fallback: generated ?? "\(divisionID)-n\(place.sections)")
                        }
                        return ([.section(section)], AssignIdentifiers.Place(prefix: generated.map { $0 + "-" }))
                    case .heading(let level, var attributes, let content):
                        headings += 1
                        if let id = attributes.id {
                            attributes.id = explicitHeadingID(id)
                        } else {
                            attributes.id = headingID(content, fallback: "\(divisionID)-h\(headings)")
                        }
                        return ([.heading(level: level, attributes: attributes, content: content)], outside)
                    case .div(var attributes, let children):
                        attributes.id = explicitID(attributes.id)
                        return ([.div(attributes, children)], outside)
                    case .paragraph, .blockQuote, .list, .codeBlock, .thematicBreak, .table:
                        return ([block], outside)
                    }
                },
                inline: { [self] inline, place in
                    switch inline {
                    case .image(var image):
                        image.attributes.id = explicitID(image.attributes.id)
                        return ([.image(image)], place)
                    case .span(var attributes, let children):
                        attributes.id = explicitID(attributes.id)
                        return ([.span(attributes, children)], place)
                    default:
                        return ([inline], place)
                    }
                })
        }
    }

    /// Where a block stands: the stem of the positional ids its sections
    /// get (`ch001-s2-`), nil outside the section tree; and how many
    /// sections came before it among its siblings.
    struct Place {
        var prefix: String?
        var sections = 0
    }
}
