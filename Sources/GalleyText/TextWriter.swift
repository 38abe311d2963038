import GalleyCore

/// Renders a `NormalizedBook` as clean plain text: UTF-8 without BOM, LF line
/// endings, a final newline, no markup, every character of every text node.
///
/// Without `columns`, each paragraph is one line (the convention for
/// Chinese text files); in CJK books each paragraph starts with two U+3000.
/// With `columns`, text is wrapped to that many display columns (UAX #11)
/// with clreq "basic" kinsoku. Both layouts come from `LineLayout`.
public struct TextWriter: BookWriter {
    public struct Options: Sendable {
        /// Wrap at this many display columns; `nil` writes one paragraph per line.
        public var columns: Int?
        /// Count East Asian Ambiguous characters (“ ” — …) as 2 columns.
        public var ambiguousIsWide: Bool

        public init(columns: Int? = nil, ambiguousIsWide: Bool = false) {
            self.columns = columns
            self.ambiguousIsWide = ambiguousIsWide
        }
    }

    public var options: Options
    public init(options: Options = Options()) { self.options = options }

    public var fileName: String { "book.txt" }

    public func write(_ book: NormalizedBook) -> WriterOutput {
        WriterOutput(bytes: render(book))
    }

    /// UTF-8, LF line endings, a final newline.
    public func render(_ book: NormalizedBook) -> [UInt8] {
        var composer = TextComposer(book: book.book, options: options)
        return composer.compose()
    }
}
