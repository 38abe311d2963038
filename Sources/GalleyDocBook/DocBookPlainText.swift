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
