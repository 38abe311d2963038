import GalleyCore

/// Text an extractor wrote page by page (`pdftotext`, with or without
/// `-layout`): a form feed ends each page. Read as pages of lines whose
/// columns stand for positions, so the page-layout rules apply to it too.
public enum PrintedText {
    /// The pages, or nil when the text has no page boundaries (OCR text,
    /// Markdown from a PDF-to-Markdown tool: the text rules read those).
    public static func book(from text: String) -> PrintedBook? {
        guard text.contains("\u{0C}") else { return nil }
        var pages = text.split(separator: "\u{0C}", omittingEmptySubsequences: false).map { String($0) }
        // pdftotext ends the last page with a form feed too.
        if pages.count > 1, pages.last!.allSatisfy(\.isWhitespace) { pages.removeLast() }
        let rows = pages.map { page in
            page.split(separator: "\n", omittingEmptySubsequences: false).map {
                $0.hasSuffix("\r") ? String($0.dropLast()) : String($0)
            }
        }
        // `-layout` centres and indents with runs of spaces; plain text starts every line at column 0.
        let all = rows.joined()
        let spaced = all.filter { $0.hasPrefix("  ") || $0.trimmed.contains("   ") }.count
        let layout = spaced * 5 >= all.filter { !$0.trimmed.isEmpty }.count
        var result: [PrintedPage] = []
        for page in rows {
            var lines: [PrintedLine] = []
            for (row, raw) in page.enumerated() where !raw.trimmed.isEmpty {
                // pdftotext's -layout grid gives a wide character one column; so does an indent of spaces.
                let indent = Double(raw.prefix { $0 == " " || $0 == "\u{3000}" || $0 == "\t" }.count)
                let text = layout ? raw.trimmed.replacing(" {2,}", with: " ") : raw.trimmed
                lines.append(
                    PrintedLine(
                        text: text, x0: indent, x1: indent + width(text),
                        y0: Double(row), y1: Double(row) + 0.9, size: 1))
            }
            result.append(PrintedPage(width: 0, height: Double(page.count), lines: lines))
        }
        return PrintedBook(evidence: layout ? .layoutText : .plainText, pages: result)
    }

    /// Width in ems: one for a wide character, about half for the others.
    static func width(_ text: String) -> Double {
        text.unicodeScalars.reduce(0) { $0 + (EastAsianWidth.isWide($1) ? 1 : 0.55) }
    }
}
