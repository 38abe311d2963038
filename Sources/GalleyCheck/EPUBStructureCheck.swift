import CLibXML2
import Foundation
import GalleyCore

/// Galley's own EPUB check: container → package document → manifest items
/// in the zip → spine → nav, every XML file well-formed, every internal
/// link and fragment resolved. Diagnostics name `book.epub:OEBPS/x.xhtml:LINE`.
struct EPUBStructureCheck {
    let url: URL
    let archive: EPUBArchiveReader
    var diagnostics: [Diagnostic] = []
    /// Parsed XHTML documents by zip path; their ids; the links found in them.
    var documents: [String: ParsedXMLDocument] = [:]
    var ids: [String: Set<String>] = [:]
    var manifestPaths: [String: String] = [:] // zip path → media type
    /// `resolve` results by folder and href (without fragment): a book links
    /// to the same few files thousands of times.
    var resolved: [String: String?] = [:]
    var spinePaths: [String] = []
    var navPath: String?
    var ncxDocuments: [String: ParsedXMLDocument] = [:]

    static func check(_ url: URL) -> [Diagnostic] {
        var early: [Diagnostic] = []
        checkMimetype(url, into: &early)
        switch EPUBArchiveReader.open(url) {
        case .failure(let diagnostic):
            return early + [diagnostic]
        case .success(let archive):
            var check = EPUBStructureCheck(url: url, archive: archive, diagnostics: early)
            check.run()
            return check.diagnostics
        }
    }

    func place(_ entry: String? = nil, line: Int? = nil) -> SourceLocation {
        SourceLocation(file: entry.map { "\(url.path):\($0)" } ?? url.path, line: line)
    }

    mutating func error(_ code: String, _ message: String, _ entry: String? = nil, line: Int? = nil) {
        diagnostics.append(Diagnostic(.error, code, message, at: place(entry, line: line)))
    }

    mutating func warning(_ code: String, _ message: String, _ entry: String? = nil, line: Int? = nil) {
        diagnostics.append(Diagnostic(.warning, code, message, at: place(entry, line: line)))
    }

    private static func checkMimetype(_ url: URL, into diagnostics: inout [Diagnostic]) {
        let location = SourceLocation(file: url.path)
        guard let first = ZipFirstEntry.read(url) else {
            diagnostics.append(Diagnostic(.error, "epub.not-a-zip", "does not start with a zip entry", at: location))
            return
        }
        guard first.name == "mimetype" else {
            diagnostics.append(Diagnostic(.error, "epub.mimetype-not-first",
                                          "the first zip entry is `\(first.name)`, not `mimetype`", at: location))
            return
        }
        if first.method != 0 {
            diagnostics.append(Diagnostic(.error, "epub.mimetype-compressed", "`mimetype` is compressed; it must be stored", at: location))
        }
        if first.extraFieldLength != 0 {
            diagnostics.append(Diagnostic(.error, "epub.mimetype-extra-field",
                                          "`mimetype` has a \(first.extraFieldLength)-byte extra field; it must have none", at: location))
        }
        if first.method == 0, first.content != Array("application/epub+zip".utf8) {
            diagnostics.append(Diagnostic(.error, "epub.mimetype-content",
                                          "`mimetype` must hold exactly `application/epub+zip`", at: location))
        }
    }

    private mutating func run() {
        guard let packagePath = rootfile(), let package = parse(packagePath) else { return }
        checkPackage(package, path: packagePath)
        for (path, mediaType) in manifestPaths.sorted(by: { $0.key < $1.key }) {
            switch mediaType {
            case "application/xhtml+xml":
                if let document = parse(path) {
                    documents[path] = document
                    ids[path] = collectIds(in: document, path: path)
                }
            case "application/x-dtbncx+xml":
                if let ncx = parse(path) { ncxDocuments[path] = ncx }
            case "image/svg+xml", "application/smil+xml":
                _ = parse(path)
            default:
                continue
            }
        }
        for (path, document) in documents.sorted(by: { $0.key < $1.key }) { checkLinks(in: document, path: path) }
        for (path, ncx) in ncxDocuments.sorted(by: { $0.key < $1.key }) { checkNCX(ncx, path: path) }
        if let navPath, let nav = documents[navPath] { checkNavigation(nav, path: navPath) }
    }

    /// `META-INF/container.xml` → the package document's path.
    private mutating func rootfile() -> String? {
        let containerPath = "META-INF/container.xml"
        guard archive.contains(containerPath) else {
            error("epub.no-container", "`\(containerPath)` is missing")
            return nil
        }
        guard let container = parse(containerPath), let root = container.root else { return nil }
        let rootfiles = XMLNodes.descendants(root).filter {
            XMLNodes.isElement($0, "rootfile", in: XMLNodes.container)
        }
        guard let rootfile = rootfiles.first(where: {
            XMLNodes.attribute($0, "media-type") == "application/oebps-package+xml"
        }), let fullPath = XMLNodes.attribute(rootfile, "full-path"), !fullPath.isEmpty else {
            error("epub.no-rootfile", "no `rootfile` with media-type application/oebps-package+xml and a full-path",
                  containerPath, line: rootfiles.first.map(XMLNodes.line) ?? XMLNodes.line(root))
            return nil
        }
        guard archive.contains(fullPath) else {
            error("epub.missing-package", "the package document `\(fullPath)` is not in the zip",
                  containerPath, line: XMLNodes.line(rootfile))
            return nil
        }
        return fullPath
    }

    /// The entry parsed as XML, or nil after reporting where it is ill-formed.
    mutating func parse(_ path: String) -> ParsedXMLDocument? {
        guard let bytes = archive.read(path) else {
            error("epub.unreadable-entry", "cannot read `\(path)` from the zip")
            return nil
        }
        switch ParsedXMLDocument.parse(bytes, name: "\(url.path):\(path)") {
        case .success(let document): return document
        case .failure(let diagnostic):
            diagnostics.append(diagnostic)
            return nil
        }
    }

    /// Every `id` (and `xml:id`) value in a document; a repeated one is an error.
    mutating func collectIds(in document: ParsedXMLDocument, path: String) -> Set<String> {
        guard let root = document.root else { return [] }
        var result = Set<String>()
        for element in XMLNodes.descendants(root) where XMLNodes.hasAttribute(element, named: "id") {
            for id in [XMLNodes.attribute(element, "id"),
                       XMLNodes.attribute(element, "id", namespace: XMLNodes.xml)].compactMap({ $0 }) {
                if !result.insert(id).inserted {
                    error("epub.duplicate-id", "id `\(id)` appears more than once", path, line: XMLNodes.line(element))
                }
            }
        }
        return result
    }
}
