/// Orders each division's footnotes by first reference, numbers them from 1
/// and gives them book-unique ASCII ids (`fn-<division>-<n>`, with a `-2`,
/// `-3`… suffix when the author already used that id). Run after
/// `AssignIdentifiers`, since the ids embed the division's.
public enum NumberFootnotes {
    public static func apply(_ book: Book) -> Book {
        var book = book
        // Ids written in the text; notes' own ids are decided here.
        var taken: Set<String> = []
        for division in book.divisions {
            var text = division
            text.footnotes = text.footnotes.map { Footnote(label: $0.label, blocks: $0.blocks) }
            taken.formUnion(Walk.ids(in: text))
        }
        book.divisions = book.divisions.map { number($0, taken: &taken) }
        return book
    }

    static func number(_ division: Division, taken: inout Set<String>) -> Division {
        var division = division
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
        var notes: [Footnote] = []
        for label in order {
            guard var note = byLabel[label] else { continue }
            note.number = notes.count + 1
            let stem = "fn-\(division.id)-\(note.number)"
            var id = stem
            var suffix = 1
            while taken.contains(id) {
                suffix += 1
                id = "\(stem)-\(suffix)"
            }
            taken.insert(id)
            note.id = id
            notes.append(note)
        }
        division.footnotes = notes
        return division
    }
}
