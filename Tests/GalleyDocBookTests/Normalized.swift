import GalleyCore
import GalleyDocBook
import GalleyTestSupport

/// The writer is given books as the build gives them, through the transform
/// pipeline: it trusts what `NormalizedBook` guarantees (ids set and unique,
/// notes numbered, links resolved, no soft breaks) and keeps no fallback for
/// a tree that breaks those promises.
func normalized(_ book: Book) -> NormalizedBook { book.normalized }

extension DocBookWriter {
    /// Renders `book` after the transform pipeline, as `galley build` does.
    func renderNormalized(_ book: Book) -> (bytes: [UInt8], diagnostics: [Diagnostic]) {
        render(book.normalized)
    }
}
