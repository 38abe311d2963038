/// The image types EPUB readers must show, recognised by their bytes
/// (magic numbers), not by the name a file happens to have.
public enum ImageFormat: String, CaseIterable, Sendable {
    case png = "PNG"
    case jpeg = "JPEG"
    case gif = "GIF"
    case webp = "WebP"
    case svg = "SVG"

    /// Bytes enough to recognise every format (an SVG may open with an XML
    /// declaration, comments and a DOCTYPE before `<svg`).
    public static let sniffLength = 4096

    /// The format a file name's extension claims, or nil for other extensions.
    public init?(extension ext: String) {
        switch ext.lowercased() {
        case "png": self = .png
        case "jpg", "jpeg": self = .jpeg
        case "gif": self = .gif
        case "webp": self = .webp
        case "svg": self = .svg
        default: return nil
        }
    }

    /// The format the first bytes of a file show, or nil when they are none of these.
    public init?(sniffing bytes: [UInt8]) {
        func starts(_ prefix: [UInt8], at offset: Int = 0) -> Bool {
            bytes.count >= offset + prefix.count && Array(bytes[offset..<offset + prefix.count]) == prefix
        }
        if starts([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]) {
            self = .png
        } else if starts([0xFF, 0xD8, 0xFF]) {
            self = .jpeg
        } else if starts(Array("GIF87a".utf8)) || starts(Array("GIF89a".utf8)) {
            self = .gif
        } else if starts(Array("RIFF".utf8)) && starts(Array("WEBP".utf8), at: 8) {
            self = .webp
        } else if Self.looksLikeSVG(bytes) {
            self = .svg
        } else {
            return nil
        }
    }

    /// XML text (after an optional BOM and white space, it opens with `<`)
    /// holding an `<svg` start tag.
    static func looksLikeSVG(_ bytes: [UInt8]) -> Bool {
        var body = bytes[...]
        if body.starts(with: [0xEF, 0xBB, 0xBF]) { body = body.dropFirst(3) }
        body = body.drop { $0 == 0x20 || $0 == 0x09 || $0 == 0x0A || $0 == 0x0D }
        guard body.first == UInt8(ascii: "<") else { return false }
        let marker = Array("<svg".utf8)
        var index = body.startIndex
        while let open = body[index...].firstIndex(of: UInt8(ascii: "<")) {
            if body[open...].starts(with: marker) { return true }
            index = body.index(after: open)
        }
        return false
    }

    /// The extension a file of this format is written with.
    public var fileExtension: String {
        switch self {
        case .png: "png"
        case .jpeg: "jpg"
        case .gif: "gif"
        case .webp: "webp"
        case .svg: "svg"
        }
    }
}
