import GalleyCore

/// What of a division the writer writes, decided once before writing: the
/// blocks to emit, and the part written as markup, from which the ids the
/// file will carry are taken.
struct DocBookContent {
    /// The division's blocks, plus a paragraph calling each note that nothing
    /// written as markup calls, so that no note is lost: the pipeline keeps a
    /// note called only from image alt text, which is written as plain text.
    var blocks: [Block]
    /// The notes those added paragraphs call.
    var uncalled: [Footnote]
    /// The division as far as it is written as markup: its title and blocks
    /// and the notes they call (a note called only from inside another note
    /// is put inline as plain text), without image alt text.
    var markup: Division

    init(_ division: Division) {
        // Most books have no alt text with ids or notes in it; the tree is
        // rewritten only when some image has alt text at all.
        let hasAltText = Walk.images(in: division).contains { !$0.alt.isEmpty }
        func stripped(_ blocks: [Block]) -> [Block] {
            hasAltText ? Walk.rewrite(blocks, Self.altTextRemover) : blocks
        }
        let title = hasAltText ? Walk.rewrite(division.title, Self.altTextRemover) : division.title
        let body = stripped(division.blocks)
        let calledByText = Set(Walk.footnoteLabels(in: [.paragraph(title)] + body))
        var called = calledByText
        for note in division.footnotes { called.formUnion(Walk.footnoteLabels(in: stripped(note.blocks))) }
        uncalled = division.footnotes.filter { !called.contains($0.label) }
        let calls = uncalled.map { Block.paragraph([.footnoteReference($0.label)]) }
        blocks = division.blocks + calls

        markup = division
        // The division's own id is written; an id in its attributes is not.
        markup.attributes.id = nil
        markup.title = title
        markup.blocks = body + calls
        let placed = calledByText.union(uncalled.map(\.label))
        var seen: Set<String> = []
        // The first note of a label is the one its references call.
        markup.footnotes = division.footnotes
            .filter { placed.contains($0.label) && seen.insert($0.label).inserted }
            .map { note in
                var note = note
                note.blocks = stripped(note.blocks)
                return note
            }
    }

    private static var altTextRemover: Rewriter {
        Rewriter.eachInline { inline in
            guard case .image(var image) = inline, !image.alt.isEmpty else { return inline }
            image.alt = []
            return .image(image)
        }
    }
}
