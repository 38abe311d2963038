import GalleyCore

/// Renders a `Book` as a DocBook 5.0 `<book>` document.
public struct DocBookWriter: Sendable {
    public init() {}

    /// - Returns: the UTF-8 bytes of the document and what was simplified.
    public func render(_ book: Book) -> (bytes: [UInt8], diagnostics: [Diagnostic]) {
        ([], [Diagnostic(.error, "docbook.unimplemented", "DocBook writer not written yet")])
    }
}
