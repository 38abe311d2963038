/// Every diagnostic code GalleyCore emits, with its severity and meaning (the README table).
public enum CoreCode: String, DiagnosticCode {
    case idsDuplicate = "ids.duplicate"
    case linksDangling = "links.dangling"
    case linksLooseAnchor = "links.loose-anchor"
    case linksOutsideBook = "links.outside-book"
    case linksInvalidUrl = "links.invalid-url"
    case linksUnsafeUrl = "links.unsafe-url"
    case markdownTooDeep = "markdown.too-deep"
    case projectMissingFile = "project.missing-file"
    case projectNotRegularFile = "project.not-regular-file"
    case projectOutside = "project.outside"
    case projectUnreadable = "project.unreadable"

    public var severity: Diagnostic.Severity {
        switch self {
        case .projectMissingFile, .projectNotRegularFile, .projectOutside, .projectUnreadable: .error
        case .idsDuplicate, .linksDangling, .linksLooseAnchor, .linksOutsideBook, .linksInvalidUrl, .linksUnsafeUrl,
            .markdownTooDeep:
            .warning
        }
    }

    public var summary: String {
        switch self {
        case .idsDuplicate: "the id … is used more than once in the book; this one becomes …"
        case .linksDangling: "the link target … names no chapter or id in this book"
        case .linksLooseAnchor: "the fragment … matches a heading only when case, spaces and punctuation are ignored"
        case .linksOutsideBook: "the link target … leads out of the book's folder (another site's page)"
        case .linksInvalidUrl: "the … to … is dropped: …; …"
        case .linksUnsafeUrl: "the … to … is dropped: …: URLs are never written into a book"
        case .markdownTooDeep: "… container(s) nested deeper than … levels were flattened"
        case .projectMissingFile: "… does not exist"
        case .projectNotRegularFile: "… is not a regular file (a folder, a device or a pipe)"
        case .projectOutside: "… lies outside the project folder (its real path is …); it is not read"
        case .projectUnreadable: "… cannot be read"
        }
    }
}
