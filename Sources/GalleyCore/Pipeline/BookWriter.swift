/// The one shape of an output format: a normalised book in, the bytes of
/// one file and what was lost or simplified out. Writers never touch the
/// file system; `GalleyBuild` writes, validates and publishes.
///
/// A new format is one module with one conformance, and one line in
/// GalleyBuild's registry.
public protocol BookWriter: Sendable {
    /// The name of the file written, e.g. `book.epub`.
    var fileName: String { get }
    /// Renders `book`. Errors in `diagnostics` mean no file may be published.
    func write(_ book: NormalizedBook) -> WriterOutput
}

/// What a writer made: the file's bytes (nil when it could not be made)
/// and its diagnostics.
public struct WriterOutput: Sendable {
    public var bytes: [UInt8]?
    public var diagnostics: [Diagnostic]

    public init(bytes: [UInt8]?, diagnostics: [Diagnostic] = []) {
        self.bytes = bytes
        self.diagnostics = diagnostics
    }
}

/// How a writer reads a file the book refers to (an image, a stylesheet):
/// through the build's confined reader, never from the file system itself.
public protocol ResourceLoader: Sendable {
    /// The bytes of `path` (relative to the project's `Source/`), or a
    /// diagnostic saying why it cannot be read (missing, outside the project…).
    func load(_ path: String) -> Result<[UInt8], Diagnostic>
}
