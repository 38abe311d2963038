/// A book that went through the transform pipeline, and so keeps its
/// promises: every division, section, heading, div, span, image and note id
/// is set, ASCII-safe where generated, and unique in the book; each
/// division's notes are numbered 1… in order of first reference and carry
/// their ids; every relative link is `.internal` to an id that exists (or was
/// dropped with a warning); no soft break is left (each became a space or
/// nothing, by one rule); adjacent text is merged; nesting is bounded.
///
/// Only `Pipeline.normalize` makes one (its initialiser is internal to
/// GalleyCore), so a writer that accepts a `NormalizedBook` may trust all of
/// the above and keeps no fallback for it.
public struct NormalizedBook: Hashable, Sendable {
    public let book: Book

    init(_ book: Book) { self.book = book }

    public var metadata: Metadata { book.metadata }
    public var divisions: [Division] { book.divisions }
}

extension NormalizedBook: Encodable {
    /// Encodes as the book it holds (what `galley tree` prints).
    public func encode(to encoder: any Encoder) throws { try book.encode(to: encoder) }
}
