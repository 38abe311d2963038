import Foundation
import GalleyCore

/// Reads a book project: `Source/book.yaml` and the chapter files it lists,
/// into one `Book`, with the standard transforms applied.
public struct BookReader: Sendable {
    public init() {}

    /// - Parameter sourceDirectory: the folder holding `book.yaml` (a project's `Source/`).
    /// - Returns: the book and the warnings met on the way.
    /// - Throws: `DiagnosticsError` when the book cannot be read (missing or invalid
    ///   `book.yaml`, a listed chapter missing…), every message located `file:line`.
    public func read(sourceDirectory: URL) throws -> (book: Book, diagnostics: [Diagnostic]) {
        throw DiagnosticsError([Diagnostic(.error, "markdown.unimplemented", "reader not written yet")])
    }
}
