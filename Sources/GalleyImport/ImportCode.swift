import GalleyCore

/// Every diagnostic code GalleyImport emits, with its severity and meaning (the README table).
public enum ImportCode: String, DiagnosticCode {
    case finding = "import.finding"
    case footnotes = "import.footnotes"
    case invalidBytes = "import.invalid-bytes"
    case noText = "import.no-text"
    case unreadablePDF = "import.unreadable-pdf"
    case printedContents = "import.printed-contents"
    case punctuation = "import.punctuation"
    case sourceExists = "import.source-exists"

    public var severity: Diagnostic.Severity {
        switch self {
        case .invalidBytes, .noText, .sourceExists, .unreadablePDF: .error
        case .finding, .footnotes, .printedContents, .punctuation: .warning
        }
    }

    public var summary: String {
        switch self {
        case .finding: "an import rule without a code of its own left something for a person to check"
        case .footnotes: "the footnotes rule left something for a person to check"
        case .invalidBytes: "the input is not text in UTF-8 or GB18030"
        case .noText:
            "the input holds no text (empty, only white space, or a PDF with no text layer); nothing was written"
        case .unreadablePDF: "the input starts like a PDF but poppler cannot read it (damaged or encrypted)"
        case .printedContents: "the printed-contents rule left something for a person to check"
        case .punctuation: "the punctuation rule left something for a person to check"
        case .sourceExists: "the import would overwrite an existing Source/ folder"
        }
    }

    /// The code of a finding of the import rule named `rule`.
    public static func finding(ofRule rule: String) -> ImportCode {
        switch rule {
        case "footnotes": .footnotes
        case "printed-contents": .printedContents
        case "punctuation": .punctuation
        default: .finding
        }
    }
}
