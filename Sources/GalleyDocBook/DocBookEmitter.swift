import GalleyCore

/// The state of one rendering: the XML being built, the ids handed out and
/// the footnotes already placed. Where in the document the writer stands is
/// no state of it but a `DocBookContext` passed down the renderers. Its
/// extensions are split by concern: info, divisions, blocks, inlines, tables.
struct DocBookEmitter {
    let book: Book
    let imageBase: String
    var xml = XMLBuilder()
    var diagnostics: [Diagnostic] = []
    var ids: DocBookIDs
    /// What each division writes, by division id, decided before writing.
    let contents: [String: DocBookContent]

    /// The division being written (for footnotes and diagnostics).
    var division: Division?
    var footnotesByLabel: [String: Footnote] = [:]
    /// Footnotes already written as `<footnote>`, by their tree id, with
    /// the `xml:id` they got; later references become `<footnoteref>`.
    var placedFootnotes: [String: String] = [:]

    /// Footnote labels met in text-only content, written after it closes.
    var deferredFootnotes: [String] = []

    init(book: Book, imageBase: String) {
        self.book = book
        self.imageBase = imageBase
        // Division ids are unique among divisions (the pipeline gives them first).
        var contents: [String: DocBookContent] = [:]
        for division in book.divisions where contents[division.id] == nil {
            contents[division.id] = DocBookContent(division)
        }
        self.contents = contents
        self.ids = DocBookIDs(book: book, contents: contents)
    }

    // MARK: Output helpers

    /// A newline between block-level elements, never inside mixed content.
    mutating func blockBreak(_ context: DocBookContext) {
        if !context.inMixedContent { xml.newline() }
    }

    /// Attributes with the `nil` values left out, in the order given.
    static func attributes(_ pairs: [(String, String?)]) -> [(String, String)] {
        pairs.compactMap { key, value in value.map { (key, $0) } }
    }

    /// The `xml:id` to write for an id from the tree: itself when it is a
    /// valid NCName, else nothing (with a diagnostic). Ids are unique in a
    /// normalised book (`AssignIdentifiers`, `NumberFootnotes`), so none is
    /// checked for repeats here: a repeat would be a pipeline bug, and the
    /// build's schema check would reject the file.
    mutating func claim(_ id: String?) -> String? {
        guard let id, !id.isEmpty else { return nil }
        guard DocBookIDs.isNCName(id) else {
            warn(.invalidId, "id “\(id)” is not an XML name; it was left out")
            return nil
        }
        return id
    }

    /// A fresh id that nothing in the tree uses, for an element whose id is
    /// no XML name or was already written.
    mutating func generatedID(_ stem: String) -> String {
        ids.generate(stem)
    }

    // MARK: Diagnostics

    var here: SourceLocation? {
        division.map { SourceLocation(file: $0.sourcePath) }
    }

    mutating func warn(_ code: DocBookCode, _ message: String) {
        diagnostics.append(Diagnostic(code, severity: .warning, message, at: here))
    }

    mutating func note(_ code: DocBookCode, _ message: String) {
        diagnostics.append(Diagnostic(code, severity: .note, message, at: here))
    }
}
