import GalleyCore

/// Every diagnostic code GalleyEPUB emits, with its severity and meaning (the README table).
public enum EPUBCode: String, DiagnosticCode {
    case accessibilityClaimWithheld = "epub.accessibility-claim-withheld"
    case archive = "epub.archive"
    case danglingLink = "epub.dangling-link"
    case date = "epub.date"
    case defaultStylesheet = "epub.default-stylesheet"
    case font = "epub.font"
    case fontMissingCharacters = "epub.font-missing-characters"
    case imageType = "epub.image-type"
    case invalidXmlCharacter = "epub.invalid-xml-character"
    case missingCover = "epub.missing-cover"
    case missingFootnote = "epub.missing-footnote"
    case missingImage = "epub.missing-image"
    case remoteImage = "epub.remote-image"
    case unreferencedFootnote = "epub.unreferenced-footnote"
    case zip = "epub.zip"
    case projectMissingFile = "project.missing-file"

    public var severity: Diagnostic.Severity {
        switch self {
        case .archive, .defaultStylesheet, .font, .imageType, .missingCover, .missingImage, .zip, .projectMissingFile:
            .error
        case .accessibilityClaimWithheld, .danglingLink, .date, .fontMissingCharacters, .invalidXmlCharacter,
            .missingFootnote,
            .remoteImage, .unreferencedFootnote:
            .warning
        }
    }

    public var summary: String {
        switch self {
        case .accessibilityClaimWithheld: "no WCAG conformance claim in the EPUB"
        case .archive: "the EPUB archive cannot be assembled"
        case .danglingLink: "a NormalizedBook has no unresolved links: the pipeline resolves them"
        case .date: "date … is not YYYY, YYYY-MM or YYYY-MM-DD; left out of the EPUB"
        case .defaultStylesheet: "the default stylesheet galley.css is missing from Galley's resources"
        case .font: "a font named in book.yaml (`fonts:`) cannot be found or read"
        case .fontMissingCharacters:
            "an embedded font lacks characters the book uses; readers draw them from another font"
        case .imageType: "image … is not JPEG, PNG, GIF, SVG or WebP, the image types EPUB readers must show"
        case .invalidXmlCharacter: "… character(s) that XML 1.0 forbids were left out"
        case .missingCover: "cover image … is not a JPEG, PNG, GIF, SVG or WebP file"
        case .missingFootnote: "footnote [^…] has no definition; the marker is kept as text"
        case .missingImage: "an image named in a chapter does not exist"
        case .remoteImage: "remote image … cannot go into an EPUB; its alt text is shown instead"
        case .unreferencedFootnote: "footnote [^…] is never referenced"
        case .zip: "the EPUB zip archive cannot be written"
        case .projectMissingFile: "image … not found"
        }
    }
}
