import Foundation
import GalleyCore

/// What embedding fonts needs from outside this module: system fonts by
/// family name and a subsetter (GalleyBuild gives fontconfig and HarfBuzz).
public struct FontServices: Sendable {
    /// The bytes and face index of an installed font family, if it is installed.
    public var systemFont: @Sendable (_ family: String) -> (bytes: [UInt8], faceIndex: Int)?
    /// The face cut down to the characters, and the characters it lacks; nil when it cannot be read.
    public var subset:
        @Sendable (_ font: [UInt8], _ faceIndex: Int, _ characters: Set<Unicode.Scalar>) -> (
            bytes: [UInt8], missing: [Unicode.Scalar]
        )?

    public init(
        systemFont: @escaping @Sendable (String) -> (bytes: [UInt8], faceIndex: Int)?,
        subset: @escaping @Sendable ([UInt8], Int, Set<Unicode.Scalar>) -> (bytes: [UInt8], missing: [Unicode.Scalar])?
    ) {
        self.systemFont = systemFont
        self.subset = subset
    }
}

/// The fonts `book.yaml` names (`fonts:`), embedded subset to the characters
/// the book's pages use, declared in `styles/fonts.css` (the first one is the
/// book's text face) and in the manifest, and obfuscated when asked (the IDPF
/// algorithm, EPUB 3.3 §4.3.6; `META-INF/encryption.xml`).
enum EPUBFonts {
    struct Planned {
        var family: String
        var source: [UInt8]
        var faceIndex: Int
        var obfuscate: Bool
        var resource: EPUBPublication.Resource
        /// As messages name it.
        var origin: String
    }

    static let stylesheetPath = "styles/fonts.css"

    /// Reads each font (a project file through the confined loader, or a system font) and
    /// names its file; a font that cannot be found is an error at book.yaml.
    static func plan(
        _ requests: [FontRequest], options: EPUBWriter.Options, errors: inout [Diagnostic]
    ) -> [Planned] {
        var planned: [Planned] = []
        let location = SourceLocation(file: "book.yaml")
        for (n, request) in requests.enumerated() {
            let bytes: [UInt8]
            var faceIndex = request.index ?? 0
            let origin: String
            if let file = request.file {
                origin = "`\(file)`"
                switch options.resources.load(file) {
                case .success(let read): bytes = read
                case .failure(let reason):
                    errors.append(Diagnostic(EPUBCode.font, "the font \(origin): \(reason.message)", at: location))
                    continue
                }
            } else if let family = request.family {
                origin = "`\(family)`"
                guard let services = options.fontServices, let found = services.systemFont(family) else {
                    errors.append(
                        Diagnostic(
                            EPUBCode.font, "the font family \(origin) is not installed (fontconfig: fc-list)",
                            at: location))
                    continue
                }
                bytes = found.bytes
                if request.index == nil { faceIndex = found.faceIndex }
            } else {
                continue
            }
            let stem = request.family ?? ((request.file ?? "font") as NSString).lastPathComponent
            let safe = String(
                stem.unicodeScalars.map {
                    $0.isASCII && ($0.properties.isAlphabetic || ("0"..."9").contains($0)) ? Character($0) : "-"
                })
            let (ext, mediaType) = isCFF(bytes, faceIndex: faceIndex) ? ("otf", "font/otf") : ("ttf", "font/ttf")
            let path = "fonts/font\(n + 1)-\(safe.prefix(40)).\(ext)"
            planned.append(
                Planned(
                    family: request.family ?? (stem as NSString).deletingPathExtension, source: bytes,
                    faceIndex: faceIndex, obfuscate: request.obfuscate,
                    resource: .init(path: path, mediaType: mediaType, manifestId: "font\(n + 1)", bytes: []),
                    origin: origin))
        }
        return planned
    }

    /// CFF outlines (`OTTO`) in the face at `faceIndex`, looking through a collection's header.
    static func isCFF(_ bytes: [UInt8], faceIndex: Int) -> Bool {
        func u32(_ at: Int) -> UInt32? {
            guard at >= 0, at + 4 <= bytes.count else { return nil }
            return bytes[at..<(at + 4)].reduce(0) { $0 << 8 | UInt32($1) }
        }
        var offset = 0
        if u32(0) == 0x7474_6366 {   // "ttcf"
            guard let face = u32(12 + 4 * faceIndex) else { return false }
            offset = Int(face)
        }
        return u32(offset) == 0x4F54_544F   // "OTTO"
    }

    /// `@font-face` for each font; the first is the text face of the whole book.
    static func stylesheet(_ fonts: [Planned]) -> EPUBPublication.Resource {
        var css = "/* Fonts embedded by Galley (book.yaml `fonts:`), subset to the characters of this book. */\n"
        for font in fonts {
            let format = font.resource.mediaType == "font/otf" ? "opentype" : "truetype"
            css += "@font-face {\n  font-family: \"\(cssString(font.family))\";\n"
            css += "  src: url(\"../\(font.resource.path)\") format(\"\(format)\");\n}\n"
        }
        if let first = fonts.first {
            css += "html:root {\n  font-family: \"\(cssString(first.family))\", serif;\n}\n"
        }
        return .init(path: stylesheetPath, mediaType: "text/css", manifestId: "css-fonts", bytes: Array(css.utf8))
    }

    static func cssString(_ text: String) -> String {
        text.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"")
            .filter { $0 != "\n" && $0 != "\r" }
    }

    /// Every character of the pages a reader sees (markup too: its letters are in any font).
    static func characters(of pages: [[UInt8]]) -> Set<Unicode.Scalar> {
        var set: Set<Unicode.Scalar> = []
        for page in pages { set.formUnion(String(decoding: page, as: UTF8.self).unicodeScalars) }
        return set
    }

    /// Subsets each planned font to `characters`: the bytes go into the publication, the
    /// embedded size and the characters a font lacks into the messages.
    static func embed(
        _ fonts: inout [Planned], characters: Set<Unicode.Scalar>, identifier: String,
        services: FontServices?
    ) -> (resources: [EPUBPublication.Resource], diagnostics: [Diagnostic]) {
        var diagnostics: [Diagnostic] = []
        var resources: [EPUBPublication.Resource] = []
        let location = SourceLocation(file: "book.yaml")
        for index in fonts.indices {
            guard let services, let subset = services.subset(fonts[index].source, fonts[index].faceIndex, characters)
            else {
                diagnostics.append(
                    Diagnostic(
                        EPUBCode.font, "the font \(fonts[index].origin) cannot be read as an OpenType font",
                        at: location))
                continue
            }
            if !subset.missing.isEmpty {
                let shown = subset.missing.prefix(20).map {
                    "\(Character($0)) U+\(String($0.value, radix: 16, uppercase: true))"
                }
                diagnostics.append(
                    Diagnostic(
                        EPUBCode.fontMissingCharacters,
                        "the font \(fonts[index].origin) lacks \(subset.missing.count) character(s) the book uses: "
                            + shown.joined(separator: ", ") + (subset.missing.count > 20 ? ", …" : ""),
                        at: location))
            }
            var resource = fonts[index].resource
            resource.bytes = fonts[index].obfuscate ? obfuscated(subset.bytes, identifier: identifier) : subset.bytes
            fonts[index].resource = resource
            resources.append(resource)
        }
        return (resources, diagnostics)
    }

    /// IDPF font obfuscation: the first 1040 bytes XORed with the SHA-1 of the
    /// unique identifier, white space removed. Applying it twice restores the font.
    static func obfuscated(_ font: [UInt8], identifier: String) -> [UInt8] {
        let key = SHA1.digest(Array(identifier.filter { !" \t\r\n".contains($0) }.utf8))
        var bytes = font
        for i in 0..<min(1040, bytes.count) { bytes[i] ^= key[i % key.count] }
        return bytes
    }

    /// `META-INF/encryption.xml` naming the obfuscated fonts, or nil when none is.
    static func encryptionDocument(_ fonts: [Planned]) -> [UInt8]? {
        let obfuscated = fonts.filter(\.obfuscate)
        guard !obfuscated.isEmpty else { return nil }
        var builder = XMLBuilder()
        builder.start(
            "encryption",
            [
                ("xmlns", "urn:oasis:names:tc:opendocument:xmlns:container"),
                ("xmlns:enc", "http://www.w3.org/2001/04/xmlenc#"),
            ])
        builder.newline()
        for font in obfuscated {
            builder.start("enc:EncryptedData")
            builder.empty("enc:EncryptionMethod", [("Algorithm", "http://www.idpf.org/2008/embedding")])
            builder.start("enc:CipherData")
            builder.empty("enc:CipherReference", [("URI", "\(EPUBWriter.packageFolder)/\(font.resource.path)")])
            builder.end()
            builder.end()
            builder.newline()
        }
        builder.end()
        builder.newline()
        return builder.bytes
    }
}
