import Foundation
import GalleyCore

/// The plan of an EPUB before any byte is written: which file holds what,
/// in which order, under which manifest id, with which images and
/// stylesheets. Every renderer reads from it; none decides names itself.
struct EPUBPublication {
    struct ContentDocument {
        enum Kind: Equatable {
            case cover, titlePage, contents
            case division(Int)
        }
        var kind: Kind
        /// Path inside `OEBPS/` (`text/ch001.xhtml`).
        var path: String
        var manifestId: String
        var fileName: String { String(path.split(separator: "/").last!) }
    }

    struct Resource {
        var path: String
        var mediaType: String
        var manifestId: String
        var bytes: [UInt8]
    }

    var book: Book
    var labels: EPUBLabels
    var identifier: String
    var language: String
    var isVertical: Bool
    /// Spine order.
    var documents: [ContentDocument] = []
    var divisionPaths: [String: String] = [:]
    /// Images by the absolute path of their source file.
    var imagePaths: [String: String] = [:]
    /// Image path inside `OEBPS/` by `imageKey(source, chapterPath)`.
    var imageReferences: [String: String] = [:]
    var images: [Resource] = []
    var coverImage: Resource?
    var stylesheets: [Resource] = []
    /// Fonts to embed, their bytes filled in once the pages are written (`EPUBFonts`).
    var fonts: [EPUBFonts.Planned] = []
    var imageCount = 0
    var imagesWithoutAlt = 0

    var hasGeneratedCover: Bool { documents.contains { $0.kind == .cover } }

    func document(_ kind: ContentDocument.Kind) -> ContentDocument? {
        documents.first { $0.kind == kind }
    }

    /// `href` from a file in `text/` to a division, or to an id in it: the
    /// pipeline resolved every link, so the id is there.
    func href(toDivision divisionId: String, fragment: String?, from currentPath: String) -> (
        href: String?, problem: String?
    ) {
        guard let path = divisionPaths[divisionId] else {
            return (nil, "link to a division `\(divisionId)` that is not in the book")
        }
        guard let fragment, !fragment.isEmpty else { return (relative(path, from: currentPath), nil) }
        let file = path == currentPath ? "" : relative(path, from: currentPath)
        return (file + "#" + Self.encodeFragment(fragment), nil)
    }

    /// A path inside `OEBPS/` as seen from the folder of `currentPath`.
    func relative(_ path: String, from currentPath: String) -> String {
        // Most links stay in one folder (text/a.xhtml → text/b.xhtml).
        let folderEnd = currentPath.lastIndex(of: "/").map { currentPath.index(after: $0) } ?? currentPath.startIndex
        let folder = currentPath[..<folderEnd]
        if path.hasPrefix(folder) {
            let rest = path.dropFirst(folder.count)
            if !rest.contains("/") { return String(rest) }
        }
        let from = currentPath.split(separator: "/").dropLast()
        let to = path.split(separator: "/")
        var common = 0
        while common < from.count, common < to.count - 1, from[from.startIndex + common] == to[common] { common += 1 }
        let ups = Array(repeating: "..", count: from.count - common)
        return (ups + to[common...].map(String.init)).joined(separator: "/")
    }

    /// Percent-encodes what may not stand raw in a URL fragment.
    static func encodeFragment(_ fragment: String) -> String {
        // Galley's own ids are ASCII names: nothing to encode, and no
        // Foundation call per link.
        if fragment.utf8.allSatisfy(isFragmentByte) { return fragment }
        return fragment.addingPercentEncoding(withAllowedCharacters: fragmentCharacters) ?? fragment
    }

    private static let fragmentCharacters: CharacterSet = {
        var allowed = CharacterSet.alphanumerics.intersection(
            CharacterSet(charactersIn: Unicode.Scalar(0)...Unicode.Scalar(127)))
        allowed.insert(charactersIn: "-._~!$&'()*+,;=:@/?")
        return allowed
    }()

    private static func isFragmentByte(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
            UInt8(ascii: "0")...UInt8(ascii: "9"):
            return true
        default:
            return "-._~!$&'()*+,;=:@/?".utf8.contains(byte)
        }
    }

    /// Media types of the images EPUB 3.3 lists as core media types.
    static func imageMediaType(forExtension ext: String) -> String? {
        switch ext.lowercased() {
        case "jpg", "jpeg": return "image/jpeg"
        case "png": return "image/png"
        case "gif": return "image/gif"
        case "svg": return "image/svg+xml"
        case "webp": return "image/webp"
        default: return nil
        }
    }

    static func isRemote(_ source: String) -> Bool {
        source.contains("://") || source.lowercased().hasPrefix("data:") || source.lowercased().hasPrefix("mailto:")
    }

    /// The image file a chapter refers to, read through the build's
    /// confined loader: relative to the chapter's folder inside `Source/`,
    /// as written or percent-decoded. Returns its `Source/`-relative path.
    static func loadImage(
        _ source: String, chapterPath: String,
        resources: any ResourceLoader
    ) -> Result<(String, [UInt8]), Diagnostic> {
        let folder = (chapterPath as NSString).deletingLastPathComponent
        var candidates = [source]
        if let decoded = source.removingPercentEncoding, decoded != source { candidates.append(decoded) }
        var firstFailure: Diagnostic?
        for candidate in candidates {
            let written = candidate.split(separator: "#").first.map(String.init) ?? candidate
            let path = written.hasPrefix("/") || folder.isEmpty ? written : folder + "/" + written
            switch resources.load(path) {
            case .success(let bytes): return .success((path, bytes))
            case .failure(let reason): if firstFailure == nil { firstFailure = reason }
            }
        }
        return .failure(firstFailure ?? Diagnostic(EPUBCode.projectMissingFile, "`\(source)` does not exist"))
    }

    /// True for names safe as EPUB file names and XML ids: ASCII letter first.
    static func isSafeName(_ name: String) -> Bool {
        guard let first = name.unicodeScalars.first, first.isASCII, first.properties.isAlphabetic else { return false }
        return name.count <= 64
            && name.unicodeScalars.allSatisfy {
                $0.isASCII && ($0.properties.isAlphabetic || ("0"..."9").contains($0) || $0 == "-" || $0 == "_")
            }
    }
}
