import Foundation
import GalleyCore

/// One build of the book as a website: the EPUB's own files (what is under
/// `OEBPS/`) at the site's root, nothing else. Content pages are served with
/// the book's navigation as a sidebar, a banner of the build's diagnostics
/// and the live-reload script added; the EPUB itself never holds them.
///
/// A path is looked up in the build's files and nowhere else, so no request
/// can reach a file outside the book (`/../../etc/passwd` is simply not a
/// name the build has).
public struct PreviewSite: Sendable {
    /// The EPUB's files by their path under `OEBPS/`.
    public let files: [String: [UInt8]]
    /// Increases with every build; the pages' script reloads when it differs.
    public let generation: Int
    public let diagnostics: [Diagnostic]
    /// The first page of the reading order, where `/` leads.
    public let startPage: String?
    private let sidebar: String

    /// Where the preview's own files live: never a name in an EPUB (OCF names are under `OEBPS/`).
    public static let ownPrefix = "/_galley/"
    static let packageFolder = "OEBPS/"

    /// - Parameter entries: the EPUB's entries in zip order (`EPUBWriter.render`).
    public init(generation: Int, entries: [(name: String, bytes: [UInt8])], diagnostics: [Diagnostic]) {
        var files: [String: [UInt8]] = [:]
        var startPage: String?
        for entry in entries where entry.name.hasPrefix(Self.packageFolder) {
            let path = String(entry.name.dropFirst(Self.packageFolder.count))
            files[path] = entry.bytes
            if startPage == nil, path.hasSuffix(".xhtml"), path.contains("/") { startPage = path }
        }
        self.files = files
        self.generation = generation
        self.diagnostics = diagnostics
        self.startPage = startPage
        self.sidebar = Self.sidebar(fromNavigation: files["nav.xhtml"] ?? [])
    }

    /// The same files with a new generation and the diagnostics of a build
    /// that could not make a book (the last good pages stay visible).
    public func failed(generation: Int, diagnostics: [Diagnostic]) -> PreviewSite {
        PreviewSite(
            generation: generation, files: files, diagnostics: diagnostics, startPage: startPage, sidebar: sidebar)
    }

    private init(
        generation: Int, files: [String: [UInt8]], diagnostics: [Diagnostic], startPage: String?, sidebar: String
    ) {
        self.files = files
        self.generation = generation
        self.diagnostics = diagnostics
        self.startPage = startPage
        self.sidebar = sidebar
    }

    public enum Response: Equatable, Sendable {
        case file(bytes: [UInt8], mediaType: String)
        case redirect(location: String)
        case notFound
    }

    /// What the site answers for a request path (percent-decoded, as the server gives it).
    public func response(for path: String) -> Response {
        guard path.hasPrefix("/") else { return .notFound }
        let name = String(path.dropFirst())
        if name.isEmpty {
            guard let startPage else {
                // No build has worked yet: a page with the banner, which reloads once one does.
                return .file(bytes: decorate(Self.placeholder), mediaType: Self.mediaType(of: "index.xhtml"))
            }
            return .redirect(location: "/" + startPage)
        }
        guard let bytes = files[name] else { return .notFound }
        let mediaType = Self.mediaType(of: name)
        if name.hasSuffix(".xhtml") { return .file(bytes: decorate(bytes), mediaType: mediaType) }
        return .file(bytes: bytes, mediaType: mediaType)
    }

    static let placeholder = Array(
        """
        <?xml version="1.0" encoding="UTF-8"?>
        <html xmlns="http://www.w3.org/1999/xhtml">
        <head>
        <title>galley serve</title>
        </head>
        <body>
        <p>The book could not be built yet; this page reloads when it can.</p>
        </body>
        </html>

        """.utf8)

    static func mediaType(of name: String) -> String {
        switch (name as NSString).pathExtension.lowercased() {
        case "xhtml": "application/xhtml+xml; charset=utf-8"
        case "css": "text/css; charset=utf-8"
        case "opf": "application/oebps-package+xml"
        case "ncx": "application/x-dtbncx+xml"
        case "jpg", "jpeg": "image/jpeg"
        case "png": "image/png"
        case "gif": "image/gif"
        case "svg": "image/svg+xml"
        case "webp": "image/webp"
        default: "application/octet-stream"
        }
    }

    // MARK: What a served page gets

    /// The page with the preview's stylesheet, sidebar, banner and script.
    func decorate(_ page: [UInt8]) -> [UInt8] {
        var text = String(decoding: page, as: UTF8.self)
        if let head = text.range(of: "</head>") {
            text.insert(
                contentsOf: "<link rel=\"stylesheet\" type=\"text/css\" href=\"\(Self.ownPrefix)preview.css\"/>\n",
                at: head.lowerBound)
        }
        if let bodyStart = text.range(of: "<body"), let close = text[bodyStart.upperBound...].firstIndex(of: ">") {
            let preview =
                "\n<div id=\"galley-preview\" data-generation=\"\(generation)\">\n"
                + banner() + sidebar + "</div>"
            text.insert(contentsOf: preview, at: text.index(after: close))
        }
        if let bodyEnd = text.range(of: "</body>", options: .backwards) {
            text.insert(contentsOf: "<script src=\"\(Self.ownPrefix)live.js\"></script>\n", at: bodyEnd.lowerBound)
        }
        return Array(text.utf8)
    }

    /// The last build's diagnostics, the most serious first; nothing when there are none.
    func banner() -> String {
        guard !diagnostics.isEmpty else { return "" }
        let errors = diagnostics.filter { $0.severity == .error }.count
        let shown = diagnostics.filter { $0.severity == .error } + diagnostics.filter { $0.severity != .error }
        var html = "<div id=\"galley-diagnostics\" role=\"status\">\n<p>"
        html += "\(errors) error(s), \(diagnostics.count - errors) warning(s) in the last build"
        html += errors > 0 ? "; the pages are from the last build that worked" : ""
        html += "</p>\n<ul>\n"
        for diagnostic in shown.prefix(200) {
            let kind = diagnostic.severity == .error ? "error" : "warning"
            html += "<li class=\"\(kind)\">\(Self.escape(diagnostic.description))</li>\n"
        }
        if shown.count > 200 { html += "<li>… \(shown.count - 200) more in the terminal</li>\n" }
        return html + "</ul>\n</div>\n"
    }

    /// The toc of the EPUB's navigation document, its links made absolute
    /// (they are relative to `nav.xhtml`, at the site's root). Read as bytes:
    /// Foundation's string search costs milliseconds on a long nav, on every build.
    static func sidebar(fromNavigation bytes: [UInt8]) -> String {
        guard let toc = find("epub:type=\"toc\"", in: bytes, from: 0),
            let listStart = find("<ol>", in: bytes, from: toc),
            let navEnd = find("</nav>", in: bytes, from: listStart)
        else { return "" }
        let attribute = Array("href=\"".utf8)
        var list: [UInt8] = Array("<nav id=\"galley-sidebar\" aria-label=\"contents\">\n".utf8)
        list.reserveCapacity(navEnd - listStart + 1024)
        var index = listStart
        while index < navEnd {
            list.append(bytes[index])
            index += 1
            if bytes[index - 1] == UInt8(ascii: "\""), bytes[(index - attribute.count)..<index].elementsEqual(attribute)
            {
                list.append(UInt8(ascii: "/"))
            }
        }
        list += Array("</nav>\n".utf8)
        return String(decoding: list, as: UTF8.self)
    }

    /// Where `needle` first occurs in `bytes` at or after `start`.
    static func find(_ needle: String, in bytes: [UInt8], from start: Int) -> Int? {
        let needle = Array(needle.utf8)
        guard let first = needle.first, bytes.count >= needle.count else { return nil }
        var index = start
        while index <= bytes.count - needle.count {
            if bytes[index] == first, bytes[index..<(index + needle.count)].elementsEqual(needle) { return index }
            index += 1
        }
        return nil
    }

    static func escape(_ text: String) -> String {
        var escaped = ""
        for character in text.unicodeScalars {
            switch character {
            case "&": escaped += "&amp;"
            case "<": escaped += "&lt;"
            case ">": escaped += "&gt;"
            case "\"": escaped += "&quot;"
            default:
                // XML 1.0 forbids most control characters; a message may quote one.
                if character.value < 0x20 && character != "\t" {
                    escaped += "?"
                } else {
                    escaped.unicodeScalars.append(character)
                }
            }
        }
        return escaped
    }
}
