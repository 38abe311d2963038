import GalleyCore

/// Text an extractor wrote page by page (`pdftotext`, with or without
/// `-layout`): a form feed ends each page. Read as pages of lines whose
/// columns stand for positions, so the page-layout rules apply to it too.
public enum PrintedText {
    /// The pages, or nil when the text is Markdown-like (ATX headings: the
    /// output of PDF-to-Markdown tools, which the text rules read). Text with
    /// form feeds is `pdftotext` output, page by page; text without them (OCR
    /// text) is one page whose blank lines part blocks.
    public static func book(from text: String) -> PrintedBook? {
        let paged = text.containsByte(0x0C)   // a form feed is a character of its own: never joined
        if !paged
            && TextScanning.split(text, at: 0x0A, omittingEmpty: true).contains(where: {
                Segmenter.headingLevel(String($0)) != nil
            })
        {
            return nil
        }
        var pages = TextScanning.split(text, at: 0x0C).map { String($0) }
        // pdftotext ends the last page with a form feed too.
        if pages.count > 1, pages.last!.allSatisfy(\.isWhitespace) { pages.removeLast() }
        let rows = pages.map { page in
            TextScanning.split(page, at: 0x0A).map {
                $0.hasSuffix("\r") ? String($0.dropLast()) : String($0)
            }
        }
        // `-layout` centres and indents with runs of spaces (paragraph starts, running heads,
        // folios: one line in six or seven of a book); plain text starts every line at column 0.
        let all = rows.joined()
        let spaced = all.filter { $0.hasPrefix("  ") || $0.trimmed.containsLiteral("   ") }.count
        let layout = spaced * 20 >= all.filter { !$0.trimmed.isEmpty }.count
        // `-layout` keeps a line's columns: a Latin book's justified lines end in the same column
        // however many letters they hold, so they are measured by their columns (about half an em
        // each), spaces included, not by their letters once the spaces are collapsed.
        let byColumns = layout && isLatin(Array(all))
        var result: [PrintedPage] = []
        // A form feed sits inside a line of the file: the page after it starts on that same line.
        var base = 1
        for page in rows {
            defer { base += page.count - 1 }
            var lines: [PrintedLine] = []
            var blank = false
            for (row, raw) in page.enumerated() {
                guard !raw.trimmed.isEmpty else {
                    blank = true
                    continue
                }
                defer { blank = false }
                // pdftotext's -layout grid gives a wide character one column; so does an indent of spaces.
                var indent = Double(raw.prefix { $0 == " " || $0 == "\u{3000}" || $0 == "\t" }.count)
                if byColumns { indent *= 0.55 }
                let text = layout ? raw.trimmed.replacing(" {2,}", with: " ") : raw.trimmed
                let end = indent + width(byColumns ? raw.trimmed : text)
                var line = PrintedLine(text: text, x0: indent, x1: end, y0: Double(row), y1: Double(row) + 0.9, size: 1)
                // Plain pdftotext writes the words of a widely justified row one flow each, a blank
                // line apart (`就是Die` / `Frau` / `vom` / `Meer，《海的女`): a Latin word after a blank
                // line and after a line ending in one goes on that row, so its end is where the row's is.
                if !layout, blank, let previous = lines.last, let end = previous.text.last, let start = text.first,
                    end.isASCII && (end.isLetter || end.isNumber), start.isASCII && start.isLetter
                {
                    line.x1 = previous.x1 + 0.55 + line.x1
                }
                // pdftotext puts blank lines between its own text flows, even inside a paragraph.
                line.gapBefore = blank && !paged
                line.sourceLine = base + row
                lines.append(line)
            }
            result.append(PrintedPage(width: 0, height: Double(page.count), lines: lines))
        }
        var book = PrintedBook(evidence: layout ? .layoutText : .plainText, pages: result)
        book.paged = paged
        book.measuredInColumns = byColumns
        return book
    }

    /// Written in Latin letters: fewer Han characters than a tenth of the letters.
    static func isLatin(_ lines: [String]) -> Bool {
        var letters = 0
        var han = 0
        for line in lines {
            for c in line where c.isLetter {
                letters += 1
                if CJK.isHan(c) { han += 1 }
            }
        }
        return letters > 0 && han * 10 < letters
    }

    /// Width in ems: one for a wide character, about half for the others.
    /// Quotes, dashes and the ellipsis are East Asian Ambiguous: full width
    /// in a line of Chinese type, narrow among Latin letters.
    static func width(_ text: String) -> Double {
        let chinese = text.unicodeScalars.contains(where: EastAsianWidth.isWide)
        return text.unicodeScalars.reduce(0) {
            $0 + (EastAsianWidth.isWide($1) || (chinese && PrintedLayout.ambiguous.contains($1)) ? 1 : 0.55)
        }
    }
}
