/// One printed line and where it sat on its page.
///
/// From a PDF, positions are PDF points from the page's top-left corner and
/// `size` is the font size; from `pdftotext -layout` text, `x0`/`x1` are
/// display columns and `y0`/`y1` the line's row; from plain text they are
/// columns and rows too, but every line starts at column 0.
public struct PrintedLine: Hashable, Sendable {
    public var text: String
    public var x0: Double
    public var x1: Double
    public var y0: Double
    public var y1: Double
    public var size: Double
    public var bold: Bool
    /// Text where a blank line parts blocks (OCR text): a blank line came before this one.
    public var gapBefore = false
    /// Read from a text file: its line number there (how the report and messages name it).
    public var sourceLine: Int?

    public init(text: String, x0: Double, x1: Double, y0: Double, y1: Double, size: Double, bold: Bool = false) {
        self.text = text
        self.x0 = x0
        self.x1 = x1
        self.y0 = y0
        self.y1 = y1
        self.size = size
        self.bold = bold
    }

    var midY: Double { (y0 + y1) / 2 }
}

/// One page: its size and its lines, top to bottom.
public struct PrintedPage: Hashable, Sendable {
    public var width: Double
    public var height: Double
    public var lines: [PrintedLine]

    public init(width: Double, height: Double, lines: [PrintedLine]) {
        self.width = width
        self.height = height
        self.lines = lines
    }
}

/// A printed book as pages of lines, and how much its positions say.
public struct PrintedBook: Hashable, Sendable {
    public enum Evidence: String, Hashable, Sendable {
        /// Read from the PDF: positions, font sizes and weights.
        case pdf
        /// `pdftotext -layout`: columns (centring, indents), rows; no sizes.
        case layoutText
        /// `pdftotext` without `-layout`, or OCR: page boundaries and line lengths only.
        case plainText

        /// How the report names it.
        public var label: String {
            switch self {
            case .pdf: "a PDF (positions, sizes, weights)"
            case .layoutText: "pdftotext -layout text (columns)"
            case .plainText: "plain extracted text (line lengths)"
            }
        }
    }

    public var evidence: Evidence
    public var pages: [PrintedPage]
    /// False for text with no page boundaries (OCR text): the text rules then still
    /// look for running heads and page-break cuts, since the pages cannot show them.
    public var paged = true
    /// `-layout` text of a book in Latin letters, its lines measured by their columns: the
    /// text block's left edge is its leftmost common column, and an indented block goes on.
    public var measuredInColumns = false

    public init(evidence: Evidence, pages: [PrintedPage]) {
        self.evidence = evidence
        self.pages = pages
    }

    /// Every line, numbered from 1 through the book (how the report names them), with its page index.
    public var numberedLines: [(number: Int, page: Int, line: PrintedLine)] {
        var result: [(Int, Int, PrintedLine)] = []
        for (p, page) in pages.enumerated() {
            for line in page.lines { result.append((result.count + 1, p, line)) }
        }
        return result
    }
}
