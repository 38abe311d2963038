import Foundation
import GalleyCore

/// Writes a `NormalizedBook` as an EPUB 3 file (OCF zip), in memory.
public struct EPUBWriter: BookWriter {
    /// One of the book's own stylesheets: its file name and bytes.
    public struct Stylesheet: Sendable {
        public var name: String
        public var bytes: [UInt8]
        public init(name: String, bytes: [UInt8]) {
            self.name = name
            self.bytes = bytes
        }
    }

    public struct Options: Sendable {
        /// `dcterms:modified` and the zip entries' times.
        public var modificationDate: Date
        /// Reads the images the book names (paths relative to `Source/`).
        public var resources: any ResourceLoader
        /// The book's own stylesheets, in order, added after Galley's default
        /// one; a file named `galley.css` replaces the default.
        public var stylesheets: [Stylesheet]
        /// System fonts and subsetting, for the fonts `book.yaml` names; without them
        /// nothing can be embedded (a book naming fonts then fails with `epub.font`).
        public var fontServices: FontServices?
        /// Content documents kept from earlier writes of the same book (`galley serve`).
        public var renderCache: XHTMLRenderCache?

        public init(
            modificationDate: Date, resources: any ResourceLoader, stylesheets: [Stylesheet] = [],
            fontServices: FontServices? = nil, renderCache: XHTMLRenderCache? = nil
        ) {
            self.modificationDate = modificationDate
            self.resources = resources
            self.stylesheets = stylesheets
            self.fontServices = fontServices
            self.renderCache = renderCache
        }
    }

    public var options: Options
    public init(options: Options) { self.options = options }

    public var fileName: String { "book.epub" }

    static let packageFolder = "OEBPS"
    static let navigationPath = "nav.xhtml"
    static let ncxPath = "toc.ncx"

    /// The EPUB's bytes, or nil with errors (a missing image…).
    public func write(_ book: NormalizedBook) -> WriterOutput {
        do {
            let (entries, diagnostics) = try render(book)
            let archive = try OCFArchiveWriter.archive(entries, modificationDate: options.modificationDate)
            return WriterOutput(bytes: archive, diagnostics: diagnostics)
        } catch let error as DiagnosticsError {
            return WriterOutput(bytes: nil, diagnostics: error.diagnostics)
        } catch {
            return WriterOutput(bytes: nil, diagnostics: [Diagnostic(EPUBCode.archive, "\(error)")])
        }
    }

    /// Every entry of the container in its fixed order: `mimetype`, the
    /// container, the package document, navigation, styles, text, images.
    public func render(_ book: NormalizedBook) throws -> (
        entries: [(name: String, bytes: [UInt8])], diagnostics: [Diagnostic]
    ) {
        var (publication, diagnostics) = try EPUBPublication.plan(book.book, options: options)
        var entries: [(name: String, bytes: [UInt8])] = []
        func add(_ path: String, _ bytes: [UInt8]) { entries.append(("\(Self.packageFolder)/\(path)", bytes)) }

        var headingLevels: [(path: String, levels: [Int])] = []
        var documents: [(String, [UInt8])] = []
        let cache = options.renderCache
        cache?.begin(publication)
        for document in publication.documents {
            if case .division(let index) = document.kind {
                let render = { XHTMLContentRenderer.render(index, of: publication) }
                let output =
                    cache?.render(publication.book.divisions[index], path: document.path, render) ?? render()
                diagnostics += output.diagnostics
                headingLevels.append((document.path, output.headingLevels))
                documents.append((document.path, output.bytes))
            } else {
                documents.append((document.path, EPUBGeneratedPages.render(document, of: publication)))
            }
        }
        let navigation = EPUBNavigation.navigationDocument(publication, path: Self.navigationPath)
        // The characters take a pass over every page: only a book with fonts needs them.
        let characters = publication.fonts.isEmpty ? [] : EPUBFonts.characters(of: documents.map(\.1) + [navigation])
        let embedded = EPUBFonts.embed(
            &publication.fonts, characters: characters,
            identifier: publication.identifier, services: options.fontServices)
        diagnostics += embedded.diagnostics
        if embedded.diagnostics.hasErrors { throw DiagnosticsError(diagnostics) }
        let accessibility = EPUBAccessibility.evaluate(publication, headingLevels: headingLevels)
        diagnostics += accessibility.diagnostics
        let package = EPUBPackageDocument.render(
            publication, accessibility: accessibility,
            modified: options.modificationDate)
        diagnostics += package.diagnostics

        entries.append(("mimetype", Array("application/epub+zip".utf8)))
        entries.append(("META-INF/container.xml", Self.container()))
        if let encryption = EPUBFonts.encryptionDocument(publication.fonts) {
            entries.append(("META-INF/encryption.xml", encryption))
        }
        add(EPUBPackageDocument.path, package.bytes)
        add(Self.navigationPath, navigation)
        add(Self.ncxPath, EPUBNavigation.ncx(publication, path: Self.ncxPath))
        for sheet in publication.stylesheets { add(sheet.path, sheet.bytes) }
        for (path, bytes) in documents { add(path, bytes) }
        if let cover = publication.coverImage { add(cover.path, cover.bytes) }
        for image in publication.images { add(image.path, image.bytes) }
        for font in embedded.resources { add(font.path, font.bytes) }
        publication.images.removeAll()
        return (entries, diagnostics)
    }

    static func container() -> [UInt8] {
        var builder = XMLBuilder()
        builder.start("container", [("version", "1.0"), ("xmlns", "urn:oasis:names:tc:opendocument:xmlns:container")])
        builder.newline()
        builder.start("rootfiles")
        builder.newline()
        builder.empty(
            "rootfile",
            [
                ("full-path", "\(packageFolder)/\(EPUBPackageDocument.path)"),
                ("media-type", "application/oebps-package+xml"),
            ])
        builder.newline()
        builder.end()
        builder.newline()
        builder.end()
        builder.newline()
        return builder.bytes
    }
}
