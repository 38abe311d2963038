import GalleyCore

/// Renders a `NormalizedBook` as a DocBook 5.0 `<book>` document.
///
/// The output is meant to be valid against both the DocBook 5.0 RELAX NG
/// schema and its Schematron rules on every input: whatever the tree holds
/// that DocBook cannot say where it stands is rewritten to a valid construct
/// and reported as a diagnostic (`docbook.*`), never emitted as invalid markup.
public struct DocBookWriter: BookWriter {
    /// Prefix put before image paths (which are relative to `Source/`) so that
    /// `Build/book.xml` finds them: `../Source/` by default.
    public var imageBase: String

    public init(imageBase: String = "../Source/") {
        self.imageBase = imageBase
    }

    public var fileName: String { "book.xml" }

    public func write(_ book: NormalizedBook) -> WriterOutput {
        let (bytes, diagnostics) = render(book)
        return WriterOutput(bytes: diagnostics.hasErrors ? nil : bytes, diagnostics: diagnostics)
    }

    /// - Returns: the UTF-8 bytes of the document and what was simplified.
    public func render(_ normalized: NormalizedBook) -> (bytes: [UInt8], diagnostics: [Diagnostic]) {
        let book = normalized.book
        var emitter = DocBookEmitter(book: book, imageBase: imageBase)
        emitter.emitBook()
        return (emitter.xml.bytes, emitter.diagnostics)
    }
}

/// The namespaces a Galley DocBook file declares on its root.
enum DocBookNamespace {
    static let docbook = "http://docbook.org/ns/docbook"
    static let xlink = "http://www.w3.org/1999/xlink"
}
