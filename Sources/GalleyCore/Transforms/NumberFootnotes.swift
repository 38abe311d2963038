/// Orders each division's footnotes by first reference, numbers them from 1
/// and gives them book-unique ASCII ids (`fn-<division>-<n>`). Run after
/// `AssignIdentifiers`, since the ids embed the division's.
public enum NumberFootnotes {
    public static func apply(_ book: Book) -> Book {
        var book = book
        book.divisions = book.divisions.map(number)
        return book
    }

    static func number(_ division: Division) -> Division {
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
            note.id = "fn-\(division.id)-\(note.number)"
            notes.append(note)
        }
        division.footnotes = notes
        return division
    }
}
