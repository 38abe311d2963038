import CLibXML2
import Foundation
import GalleyCore

/// Galley's own EPUB check: container → package document → manifest items
/// in the zip → spine → nav, every XML file well-formed, every internal
/// link and fragment resolved. Diagnostics name `book.epub:OEBPS/x.xhtml:LINE`.
/// The archive is treated as hostile (see `EPUBArchiveLimits`): content
/// documents are read as streams and only what links need is remembered.
struct EPUBStructureCheck {
    let url: URL
    let archive: EPUBArchiveReader
    var diagnostics: [Diagnostic] = []
    /// Ids of each XHTML document, by zip path.
    var ids: [String: Set<String>] = [:]
    /// Ids remembered, against `limits.maximumReferences`.
    var references = 0
    /// Set when a limit stops the check: what follows would be unreliable.
    var stopped = false
    var manifestPaths: [String: String] = [:]   // zip path → media type
    /// `resolve` results by folder and href (without fragment): a book links
    /// to the same few files thousands of times.
    var resolved: [String: String?] = [:]
    var spinePaths: [String] = []
    /// `spinePaths`, for lookups.
    var spineSet = Set<String>()
    var navPath: String?
    /// Each document's links from the first pass, by zip path (see `scanDocument`).
    var rememberedLinks: [String: [RememberedLink]] = [:]
    var rememberedLinkCount = 0

    /// A hostile archive can hold millions of faults; the first ones are enough.
    static let maximumDiagnostics = 1000

    static func check(_ url: URL, limits: EPUBArchiveLimits = .standard) -> [Diagnostic] {
        var early: [Diagnostic] = []
        checkMimetype(url, into: &early)
        switch EPUBArchiveReader.open(url, limits: limits) {
        case .failure(let diagnostic):
            return early + [diagnostic]
        case .success(let archive):
            var check = EPUBStructureCheck(url: url, archive: archive, diagnostics: early)
            // The XML documents are read again by the check: kept from this first inflation.
            let verified = archive.verifyEntries(keeping: { name in
                [".xhtml", ".html", ".xml", ".opf", ".ncx", ".svg", ".smil"].contains {
                    name.lowercased().hasSuffix($0)
                }
            })
            for diagnostic in archive.nameDiagnostics + verified { check.append(diagnostic) }
            if !archive.isExhausted { check.run() }
            return check.diagnostics
        }
    }

    func place(_ entry: String? = nil, line: Int? = nil) -> SourceLocation {
        SourceLocation(file: entry.map { "\(url.path):\($0)" } ?? url.path, line: line)
    }

    /// Adds `diagnostic` unless the cap is reached; says once that it was.
    mutating func append(_ diagnostic: Diagnostic) {
        if diagnostics.count < Self.maximumDiagnostics {
            diagnostics.append(diagnostic)
        } else if diagnostics.count == Self.maximumDiagnostics {
            diagnostics.append(
                Diagnostic(
                    CheckCode.epubTooManyProblems,
                    "more than \(Self.maximumDiagnostics) problems; the rest are not listed",
                    at: place()))
        }
    }

    mutating func error(_ code: CheckCode, _ message: String, _ entry: String? = nil, line: Int? = nil) {
        append(Diagnostic(code, severity: .error, message, at: place(entry, line: line)))
    }

    mutating func warning(_ code: CheckCode, _ message: String, _ entry: String? = nil, line: Int? = nil) {
        append(Diagnostic(code, severity: .warning, message, at: place(entry, line: line)))
    }

    /// True once no more diagnostics are kept: checks that only report can stop.
    var isReportFull: Bool { diagnostics.count > Self.maximumDiagnostics }

    private static func checkMimetype(_ url: URL, into diagnostics: inout [Diagnostic]) {
        let location = SourceLocation(file: url.path)
        guard let first = ZipFirstEntry.read(url) else {
            diagnostics.append(Diagnostic(CheckCode.epubNotAZip, "does not start with a zip entry", at: location))
            return
        }
        guard first.name == "mimetype" else {
            diagnostics.append(
                Diagnostic(
                    CheckCode.epubMimetypeNotFirst,
                    "the first zip entry is `\(OCFEntryName.shown(first.name))`, "
                        + "not `mimetype`", at: location))
            return
        }
        if first.method != 0 {
            diagnostics.append(
                Diagnostic(
                    CheckCode.epubMimetypeCompressed,
                    "`mimetype` is compressed; it must be stored", at: location))
        }
        if first.extraFieldLength != 0 {
            diagnostics.append(
                Diagnostic(
                    CheckCode.epubMimetypeExtraField,
                    "`mimetype` has a \(first.extraFieldLength)-byte extra field; "
                        + "it must have none", at: location))
        }
        if first.method == 0, first.content != Array("application/epub+zip".utf8) {
            diagnostics.append(
                Diagnostic(
                    CheckCode.epubMimetypeContent,
                    "`mimetype` must hold exactly `application/epub+zip`", at: location))
        }
    }

    private mutating func run() {
        guard let packagePath = rootfile(), let package = parse(packagePath) else { return }
        checkPackage(package, path: packagePath)
        let documents = manifestPaths.sorted(by: { $0.key < $1.key }).filter {
            ["application/xhtml+xml", "application/x-dtbncx+xml", "image/svg+xml", "application/smil+xml"]
                .contains($0.value)
        }
        var readable: [(path: String, mediaType: String)] = []
        for (path, mediaType) in documents where !stopped {
            if scanDocument(path, mediaType: mediaType, pass: .ids) { readable.append((path, mediaType)) }
        }
        for (path, mediaType) in readable where !stopped && mediaType != "image/svg+xml" {
            scanDocument(path, mediaType: mediaType, pass: .links)
        }
    }

    /// `META-INF/container.xml` → the package document's path.
    private mutating func rootfile() -> String? {
        let containerPath = "META-INF/container.xml"
        guard archive.contains(containerPath) else {
            error(.epubNoContainer, "`\(containerPath)` is missing")
            return nil
        }
        guard let container = parse(containerPath), let root = container.root else { return nil }
        let rootfiles = XMLNodes.descendants(root).filter {
            XMLNodes.isElement($0, "rootfile", in: XMLNodes.container)
        }
        guard
            let rootfile = rootfiles.first(where: {
                XMLNodes.attribute($0, "media-type") == "application/oebps-package+xml"
            }), let fullPath = XMLNodes.attribute(rootfile, "full-path"), !fullPath.isEmpty
        else {
            error(
                .epubNoRootfile, "no `rootfile` with media-type application/oebps-package+xml and a full-path",
                containerPath, line: rootfiles.first.map(XMLNodes.line) ?? XMLNodes.line(root))
            return nil
        }
        guard archive.contains(fullPath) else {
            error(
                .epubMissingPackage, "the package document `\(fullPath)` is not in the zip",
                containerPath, line: XMLNodes.line(rootfile))
            return nil
        }
        return fullPath
    }

    /// The bytes of an entry, or nil after reporting why not (once per entry).
    mutating func bytes(of path: String) -> [UInt8]? {
        guard !archive.hasFailed(path) else { return nil }   // reported when the entries were verified
        switch archive.contents(of: path) {
        case .success(let bytes): return bytes
        case .failure(let diagnostic):
            append(diagnostic)
            if archive.isExhausted { stopped = true }
            return nil
        }
    }

    /// The entry parsed as a tree (container and package documents only:
    /// their size is capped by `maximumTreeMarkup`), or nil after reporting.
    mutating func parse(_ path: String) -> ParsedXMLDocument? {
        guard let bytes = bytes(of: path) else { return nil }
        switch ParsedXMLDocument.parse(
            bytes, name: "\(url.path):\(path)",
            markupLimit: archive.limits.maximumTreeMarkup)
        {
        case .success(let document): return document
        case .failure(let diagnostic):
            append(diagnostic)
            return nil
        }
    }
}
