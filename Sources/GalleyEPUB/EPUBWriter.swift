import Foundation
import GalleyCore

/// Writes a `Book` as an EPUB 3 file (OCF zip).
public struct EPUBWriter: Sendable {
    public struct Options: Sendable {
        /// `dcterms:modified` and the zip entries' times.
        public var modificationDate: Date
        /// The book's `Source/` folder, against which image paths resolve.
        public var sourceDirectory: URL
        /// Stylesheets in order; the default one first, then the book's own.
        public var stylesheets: [URL]

        public init(modificationDate: Date, sourceDirectory: URL, stylesheets: [URL]) {
            self.modificationDate = modificationDate
            self.sourceDirectory = sourceDirectory
            self.stylesheets = stylesheets
        }
    }

    public var options: Options
    public init(options: Options) { self.options = options }

    /// Writes the EPUB to `url` (through a temporary file renamed into place).
    /// - Returns: warnings; throws `DiagnosticsError` on errors (missing image…).
    public func write(_ book: Book, to url: URL) throws -> [Diagnostic] {
        throw DiagnosticsError([Diagnostic(.error, "epub.unimplemented", "EPUB writer not written yet")])
    }
}
