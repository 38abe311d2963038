import GalleyCore

/// Every diagnostic code GalleyDocBook emits, with its severity and meaning (the README table).
public enum DocBookCode: String, DiagnosticCode {
    case danglingLink = "docbook.dangling-link"
    case droppedCharacters = "docbook.dropped-characters"
    case emptyList = "docbook.empty-list"
    case emptyPart = "docbook.empty-part"
    case emptyTable = "docbook.empty-table"
    case footnoteMoved = "docbook.footnote-moved"
    case invalidId = "docbook.invalid-id"
    case lineBreak = "docbook.line-break"
    case missingFootnote = "docbook.missing-footnote"
    case nestedFootnote = "docbook.nested-footnote"
    case nestedLink = "docbook.nested-link"
    case ruby = "docbook.ruby"
    case sectionFlattened = "docbook.section-flattened"
    case unreferencedFootnote = "docbook.unreferenced-footnote"

    public var severity: Diagnostic.Severity {
        switch self {
        case .danglingLink, .droppedCharacters, .emptyPart, .invalidId, .missingFootnote,
            .nestedFootnote, .unreferencedFootnote:
            .warning
        case .emptyList, .emptyTable, .footnoteMoved, .lineBreak, .nestedLink, .ruby, .sectionFlattened: .note
        }
    }

    public var summary: String {
        switch self {
        case .danglingLink: "link to “#…” has no target in the DocBook file; its text is kept without the link"
        case .droppedCharacters: "… character(s) that XML 1.0 forbids"
        case .emptyList: "a list without items was left out"
        case .emptyPart: "part “…” has no chapters after it; written as a chapter"
        case .emptyTable: "a table without cells was left out"
        case .footnoteMoved: "a footnote called inside … was placed right after it"
        case .invalidId: "id “…” is not an XML name; it was left out"
        case .lineBreak: "a line break in a title or attribution was written as a space"
        case .missingFootnote: "footnote [^…] has no definition; its label is kept as text"
        case .nestedFootnote:
            "footnote [^…] is called from inside another footnote; its text was put inline in parentheses"
        case .nestedLink: "a link inside another link keeps its text only"
        case .ruby: "ruby “…” written as base text with its reading in parentheses"
        case .sectionFlattened: "section “…” stands where DocBook takes no section"
        case .unreferencedFootnote: "footnote [^…] is never referenced; it is attached to the end of the division"
        }
    }
}
