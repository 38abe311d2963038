import GalleyCore

/// Renders a `Book` as clean plain text.
public struct TextWriter: Sendable {
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

    /// UTF-8, LF line endings, a final newline.
    public func render(_ book: Book) -> [UInt8] {
        []
    }
}
