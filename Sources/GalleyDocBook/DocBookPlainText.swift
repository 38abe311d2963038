import GalleyCore

/// Text of tree nodes without markup, for attributes (alt text), link text
/// and notes that must be flattened: Walk's one flattener, with ruby's
/// reading in parentheses (full-width in a CJK book) as the writer prints it.
extension DocBookEmitter {
    var plainTextStyle: PlainTextStyle {
        PlainTextStyle(rubyReading: .parenthesized(wide: book.metadata.isCJK))
    }

    func plainText(_ inlines: [Inline]) -> String {
        Walk.plainText(inlines, style: plainTextStyle)
    }

    func plainText(_ blocks: [Block]) -> String {
        Walk.plainText(blocks, style: plainTextStyle)
    }
}

/// What of the tree the writer writes as markup, the same for placing notes
/// and for deciding before writing which ids the file will carry.
extension DocBookEmitter {
    /// A division's blocks, plus a paragraph calling each note that nothing
    /// written as markup calls, so that no note is lost: the pipeline keeps
    /// a note called only from image alt text, which is written as plain text.
    static func content(of division: Division) -> (blocks: [Block], uncalled: [Footnote]) {
        let blocks = withoutAltText(division.blocks)
        var called = Set(Walk.footnoteLabels(in: [.paragraph(withoutAltText(division.title))] + blocks))
        for note in division.footnotes { called.formUnion(Walk.footnoteLabels(in: withoutAltText(note.blocks))) }
        let uncalled = division.footnotes.filter { !called.contains($0.label) }
        return (division.blocks + uncalled.map { .paragraph([.footnoteReference($0.label)]) }, uncalled)
    }

    /// `blocks` with every image's alt text left out.
    static func withoutAltText(_ blocks: [Block]) -> [Block] {
        Walk.rewrite(blocks, altTextRemover)
    }

    /// `inlines` with every image's alt text left out.
    static func withoutAltText(_ inlines: [Inline]) -> [Inline] {
        Walk.rewrite(inlines, altTextRemover)
    }

    private static var altTextRemover: Rewriter {
        Rewriter.eachInline { inline in
            guard case .image(var image) = inline, !image.alt.isEmpty else { return inline }
            image.alt = []
            return .image(image)
        }
    }
}
