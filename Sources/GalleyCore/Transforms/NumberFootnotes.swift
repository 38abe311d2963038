/// Orders each division's footnotes by first reference, numbers them from 1
/// and gives them book-unique ASCII ids (`fn-<division>-<n>`, with a `-2`,
/// `-3`… suffix when the author already used that id). Run after
/// `AssignIdentifiers`, since the ids embed the division's.
public enum NumberFootnotes {
    public static func apply(_ book: Book) -> Book {
        var book = book
        // Each chapter's ids written in the text (notes' own ids are decided
        // here) and its notes in citing order, side by side; then the ids,
        // which must be unique in the whole book, in reading order.
        let ordered = book.divisions.concurrentMap { division -> (ids: [String], notes: [Footnote]) in
            var text = division
            text.footnotes = text.footnotes.map { Footnote(label: $0.label, blocks: $0.blocks) }
            return (Walk.ids(in: text), citingOrder(division))
        }
        var taken = Set(ordered.map(\.ids).joined())
        for index in book.divisions.indices {
            book.divisions[index].footnotes = numbered(
                ordered[index].notes, division: book.divisions[index].id, taken: &taken)
        }
        return book
    }

    /// The notes of `division` that are cited, in the order of their first citation.
    static func citingOrder(_ division: Division) -> [Footnote] {
        var order: [String] = []
        var seen: Set<String> = []
        func cite(_ labels: [String]) {
            for label in labels where seen.insert(label).inserted { order.append(label) }
        }
        cite(Walk.footnoteLabels(in: [.paragraph(division.title)] + division.blocks))
        var byLabel: [String: Footnote] = [:]
        for note in division.footnotes where byLabel[note.label] == nil { byLabel[note.label] = note }
        // Notes may cite notes; those come after every note the text cites.
        var index = 0
        while index < order.count {
            if let note = byLabel[order[index]] { cite(Walk.footnoteLabels(in: note.blocks)) }
            index += 1
        }
        return order.compactMap { byLabel[$0] }
    }

    /// `notes` numbered from 1, with ids `fn-<division>-<n>` not in `taken`.
    static func numbered(_ notes: [Footnote], division: String, taken: inout Set<String>) -> [Footnote] {
        var numbered: [Footnote] = []
        for var note in notes {
            note.number = numbered.count + 1
            let stem = "fn-\(division)-\(note.number)"
            var id = stem
            var suffix = 1
            while taken.contains(id) {
                suffix += 1
                id = "\(stem)-\(suffix)"
            }
            taken.insert(id)
            note.id = id
            numbered.append(note)
        }
        return numbered
    }
}
