/// The transform pipeline: the named steps that turn the book the reader
/// made into a `NormalizedBook`, in the order their inputs require.
public enum Pipeline {
    /// One named transform of the whole book.
    public struct Step: Sendable {
        public var name: String
        public var apply: @Sendable (Book, Context) -> (Book, [Diagnostic])
    }

    /// What steps may need besides the book.
    public struct Context: Sendable {
        /// Where an explicit id is written, for duplicate-id messages.
        public var locate: AssignIdentifiers.Locator?
        public init(locate: AssignIdentifiers.Locator? = nil) { self.locate = locate }
    }

    /// Nesting limited first (every later step recurses), ids next (note ids
    /// and link targets use them), notes numbered, external URLs escaped or
    /// dropped, links resolved, soft
    /// breaks decided on the final text, then one text node per run.
    public static let steps: [Step] = [
        Step(name: "limit-nesting") { book, _ in LimitNesting.apply(book) },
        Step(name: "assign-identifiers") { book, context in
            let result = AssignIdentifiers.apply(book, locate: context.locate)
            return (result.book, result.diagnostics)
        },
        Step(name: "number-footnotes") { book, _ in (NumberFootnotes.apply(book), []) },
        Step(name: "sanitize-urls") { book, _ in SanitizeURLs.apply(book) },
        Step(name: "resolve-links") { book, _ in ResolveLinks.apply(book) },
        Step(name: "soft-breaks") { book, _ in (SoftBreaks.apply(book), []) },
        Step(name: "tate-chu-yoko") { book, _ in (TateChuYoko.apply(book), []) },
        Step(name: "merge-text") { book, _ in (MergeText.apply(book), []) },
    ]

    /// Runs every step over `book`.
    public static func normalize(_ book: Book, context: Context = Context()) -> (NormalizedBook, [Diagnostic]) {
        var book = book
        var diagnostics: [Diagnostic] = []
        for step in steps {
            let (next, found) = step.apply(book, context)
            book = next
            diagnostics += found
        }
        return (NormalizedBook(book), diagnostics)
    }
}
