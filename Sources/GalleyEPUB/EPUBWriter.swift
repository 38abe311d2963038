import Foundation
import GalleyCore

/// Writes a `Book` as an EPUB 3 file (OCF zip).
public struct EPUBWriter: Sendable {
    public struct Options: Sendable {
        /// `dcterms:modified` and the zip entries' times.
        public var modificationDate: Date
        /// The book's `Source/` folder, against which image paths resolve.
        public var sourceDirectory: URL
        /// The book's own stylesheets, in order, added after Galley's default
        /// one; a file named `galley.css` replaces the default.
        public var stylesheets: [URL]

        public init(modificationDate: Date, sourceDirectory: URL, stylesheets: [URL]) {
            self.modificationDate = modificationDate
            self.sourceDirectory = sourceDirectory
            self.stylesheets = stylesheets
        }
    }

    public var options: Options
    public init(options: Options) { self.options = options }

    static let packageFolder = "OEBPS"
    static let navigationPath = "nav.xhtml"
    static let ncxPath = "toc.ncx"

    /// Writes the EPUB to `url` (through a temporary file renamed into place).
    /// - Returns: warnings; throws `DiagnosticsError` on errors (missing image…).
    public func write(_ book: Book, to url: URL) throws -> [Diagnostic] {
        let (entries, diagnostics) = try render(book)
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        let temporary = AtomicFile.temporaryURL(for: url)
        do {
            let archive = try OCFArchiveWriter(creatingAt: temporary, modificationDate: options.modificationDate)
            for entry in entries {
                try archive.add(entry.name, entry.bytes, compression: entry.name == "mimetype" ? .stored : .deflated)
            }
            try archive.commit()
            try AtomicFile.replace(url, with: temporary)
        } catch {
            try? FileManager.default.removeItem(at: temporary)
            throw error
        }
        return diagnostics
    }

    /// Every entry of the container in its fixed order: `mimetype`, the
    /// container, the package document, navigation, styles, text, images.
    public func render(_ book: Book) throws -> (entries: [(name: String, bytes: [UInt8])], diagnostics: [Diagnostic]) {
        var (publication, diagnostics) = try EPUBPublication.plan(book, options: options)
        var entries: [(name: String, bytes: [UInt8])] = []
        func add(_ path: String, _ bytes: [UInt8]) { entries.append(("\(Self.packageFolder)/\(path)", bytes)) }

        var headingLevels: [(path: String, levels: [Int])] = []
        var documents: [(String, [UInt8])] = []
        for document in publication.documents {
            if case .division(let index) = document.kind {
                let output = XHTMLContentRenderer.render(index, of: publication)
                diagnostics += output.diagnostics
                headingLevels.append((document.path, output.headingLevels))
                documents.append((document.path, output.bytes))
            } else {
                documents.append((document.path, EPUBGeneratedPages.render(document, of: publication)))
            }
        }
        let accessibility = EPUBAccessibility.evaluate(publication, headingLevels: headingLevels)
        diagnostics += accessibility.diagnostics
        let package = EPUBPackageDocument.render(publication, accessibility: accessibility,
                                                 modified: options.modificationDate)
        diagnostics += package.diagnostics

        entries.append(("mimetype", Array("application/epub+zip".utf8)))
        entries.append(("META-INF/container.xml", Self.container()))
        add(EPUBPackageDocument.path, package.bytes)
        add(Self.navigationPath, EPUBNavigation.navigationDocument(publication, path: Self.navigationPath))
        add(Self.ncxPath, EPUBNavigation.ncx(publication, path: Self.ncxPath))
        for sheet in publication.stylesheets { add(sheet.path, sheet.bytes) }
        for (path, bytes) in documents { add(path, bytes) }
        if let cover = publication.coverImage { add(cover.path, cover.bytes) }
        for image in publication.images { add(image.path, image.bytes) }
        publication.images.removeAll()
        return (entries, diagnostics)
    }

    static func container() -> [UInt8] {
        var builder = XMLBuilder()
        builder.start("container", [("version", "1.0"), ("xmlns", "urn:oasis:names:tc:opendocument:xmlns:container")])
        builder.newline()
        builder.start("rootfiles")
        builder.newline()
        builder.empty("rootfile", [("full-path", "\(packageFolder)/\(EPUBPackageDocument.path)"),
                                   ("media-type", "application/oebps-package+xml")])
        builder.newline()
        builder.end()
        builder.newline()
        builder.end()
        builder.newline()
        return builder.bytes
    }
}
