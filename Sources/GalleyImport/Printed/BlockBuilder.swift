import Foundation
import GalleyCore

/// Turns body lines into blocks, page after page.
struct BlockBuilder {
    let metrics: PrintedLayout.Metrics
    let evidence: PrintedBook.Evidence
    var blocks: [ImportBlock] = []
    var joinedHeadings: [(lines: [Int], before: String, after: String)] = []
    /// The paragraph still open (it may go on over the page).
    var open: ImportBlock?
    var openKind: OpenKind = .paragraph
    var last: PrintedLine?
    var lastButOne: PrintedLine?
    /// Notes of the pages the open paragraph crosses, placed after it.
    var notes: [ImportBlock] = []
    /// Where the last note placed is, which may go on at the next page's foot.
    var lastNote: Int?
    var firstOnPage = true

    enum OpenKind { case paragraph, listItem, heading, single }

    /// The printed contents' titles: a numbered Latin line repeating one is a heading.
    var contentsTitles: Set<String> = []

    /// A PDF of a book in Latin letters.
    var latinPDF = false
    /// The first line of the paragraph or list item last opened.
    var openStart: PrintedLine?
    /// A PDF of a Latin book with numbered headings (`PrintedLayout.hasNumberedLatinHeadings`):
    /// a heading's level is its number's depth, as in text, not its type size.
    var numberedLatin = false
    /// In such a book, the level of the last numbered heading or division title (0 before the
    /// first: the title page), which an unnumbered heading set in large type goes one below.
    var sectionLevel = 0
    /// Headings made so far.
    var headings = 0

    init(metrics: PrintedLayout.Metrics, evidence: PrintedBook.Evidence) {
        self.metrics = metrics
        self.evidence = evidence
    }

    mutating func close() {
        if let block = open { blocks.append(block) }
        open = nil
        if !notes.isEmpty {
            blocks.append(contentsOf: notes)
            lastNote = blocks.count - 1
            notes = []
        }
    }

    mutating func startPage() { firstOnPage = true }

    /// A page's notes go after the paragraph open at its foot (they are its notes, or earlier ones').
    mutating func pageNotes(_ pageNotes: [ImportBlock]) {
        notes.append(contentsOf: pageNotes)
        if open == nil { close() }
    }

    var hasNote: Bool { !notes.isEmpty || lastNote != nil }

    mutating func continueLastNote(_ text: String, line: Int) {
        if !notes.isEmpty {
            notes[notes.count - 1].text += "\n" + text
            notes[notes.count - 1].lines.append(line)
        } else if let index = lastNote {
            blocks[index].text += "\n" + text
            blocks[index].lines.append(line)
        }
    }

    mutating func finish() { close() }

    private func isHeadingLike(_ line: PrintedLine) -> Bool {
        if PrintedLayout.isContentsEntry(line.text) { return false }
        if PrintedLayout.isDivisionNumber(line.text) { return true }
        if evidence == .pdf {
            let large =
                metrics.isLarge(line)
                || (line.bold && metrics.isCentred(line) && !metrics.reachesMeasure(line))
            return large && (!numberedLatin || isNumberedBookHeading(line))
        }
        let name = Segmenter.collapse(line.text)
        if Segmenter.namedDivisions[name] != nil && (firstOnPage || metrics.isCentred(line) || line.gapBefore) {
            return true
        }
        // An English title the printed contents lists, at the top of a page.
        if firstOnPage, !line.text.contains(where: CJK.isHan), line.text.count <= 90, contentsTitles.contains(name) {
            return true
        }
        // `2.1 ASN.1 syntax`: at the top of a page, under another heading, or as the contents list it.
        guard PrintedLayout.latinSectionDepth(line.text) != nil, !PrintedLayout.isListItem(line.text) else {
            return false
        }
        let title = Segmenter.collapse(line.text.trimmed.drop { !$0.isWhitespace })
        // (`-layout` keeps an entry's number on its line; plain text reads the numbers apart.)
        return firstOnPage || openKind == .heading || contentsTitles.contains(title) || contentsTitles.contains(name)
    }

    /// Large type in a book whose headings are numbered is a heading when it has a number or
    /// titles a division (the printed contents lists it, or it is `Preface`, `Table of Contents`);
    /// unnumbered, on the title page it is the title alone (not the authors' names), and below
    /// a numbered heading a subheading, unless it is an index's letters (`A`, `F`).
    private func isNumberedBookHeading(_ line: PrintedLine) -> Bool {
        if PrintedLayout.latinSectionDepth(line.text) != nil || isDivisionTitle(line) { return true }
        if sectionLevel == 0 { return headings == 0 }
        let words = line.text.split(separator: " ")
        return !words.allSatisfy { $0.count == 1 && $0.first!.isUppercase }
    }

    private func isDivisionTitle(_ line: PrintedLine) -> Bool {
        let name = Segmenter.collapse(line.text)
        return Segmenter.namedDivisions[name] != nil || contentsTitles.contains(name)
    }

    mutating func add(_ line: PrintedLine, number: Int) {
        defer {
            lastButOne = last
            last = line
            firstOnPage = false
        }
        let text = line.text.trimmed
        // A name set one character a line (`目` / `录`): one heading.
        if let single = open, single.lines.count == 1, text.count == 1, single.text.count == 1,
            Segmenter.namedDivisions[single.text + text] != nil
        {
            open = ImportBlock(kind: .heading(level: 1), text: single.text + text, lines: single.lines + [number])
            openKind = .heading
            joinedHeadings.append((open!.lines, single.text + "\n" + text, single.text + text))
            return
        }
        // A contents entry after its number line (`第一章` / `题辞 …… 4`): one entry, not a heading.
        if openKind == .heading, let heading = open, heading.lines.count == 1,
            PrintedLayout.isDivisionNumber(heading.text),
            PrintedLayout.isContentsEntry(text) || text.matches("\\s[0-9ivxlc]{1,4}$")
        {
            open = ImportBlock(kind: .paragraph, text: heading.text + "　" + text, lines: heading.lines + [number])
            openKind = .single
            joinedHeadings.append((open!.lines, heading.text + "\n" + text, open!.text))
            return
        }
        if isHeadingLike(line) {
            // The title line after a chapter-number line: one heading.
            if openKind == .heading, var heading = open, let previous = last,
                PrintedLayout.isDivisionNumber(heading.text), !PrintedLayout.isDivisionNumber(text),
                line.y0 - previous.y1 < 3 * metrics.em
            {
                let before = heading.text + "\n" + text
                heading.text = PrintedLayout.joinedHeading(heading.text, text)
                heading.lines.append(number)
                joinedHeadings.append((heading.lines, before, heading.text))
                open = heading
                return
            }
            close()
            let level = level(of: line)
            open = ImportBlock(kind: .heading(level: level), text: text, lines: [number])
            openKind = .heading
            headings += 1
            if numberedLatin, PrintedLayout.latinSectionDepth(line.text) != nil || isDivisionTitle(line) {
                sectionLevel = level
            }
            return
        }
        // A short title line after a lone chapter number, set in body type (text input).
        if evidence != .pdf, openKind == .heading, let heading = open, PrintedLayout.isDivisionNumber(heading.text),
            heading.lines.count == 1, text.count <= 30, let end = text.last, !"。，；".contains(end)
        {
            let before = heading.text + "\n" + text
            var joined = heading
            joined.text = PrintedLayout.joinedHeading(heading.text, text)
            joined.lines.append(number)
            joinedHeadings.append((joined.lines, before, joined.text))
            open = joined
            return
        }
        if startedAtLastLine(line, text: text), var paragraph = open, let cut = paragraph.text.lastIndex(of: "\n") {
            // The line before was a full first line whose indent plain text lost: a paragraph starts there.
            let first = String(paragraph.text[paragraph.text.index(after: cut)...])
            let firstNumber = paragraph.lines.removeLast()
            paragraph.text = String(paragraph.text[..<cut])
            open = paragraph
            close()
            open = ImportBlock(kind: .paragraph, text: first + "\n" + text, lines: [firstNumber, number])
            openKind = .paragraph
            return
        }
        if continues(line, text: text) {
            open!.text += "\n" + text
            open!.lines.append(number)
            return
        }
        close()
        open = ImportBlock(kind: .paragraph, text: text, lines: [number])
        openKind = PrintedLayout.isListItem(text) ? .listItem : .paragraph
        openStart = line
        if !metrics.isIndented(line) && !metrics.isAtLeftEdge(line) && openKind == .paragraph
            && !metrics.reachesMeasure(line)
        {
            openKind = .single
        }
    }

    /// Plain text only: the open paragraph's last line stops short of the
    /// measure mid-sentence, this line's first word would have fitted after
    /// it but not after a two-em indent, and the line before it ended a
    /// sentence. A paragraph does not end mid-sentence, so that line was the
    /// indented first line of a new paragraph, full to the measure.
    private func startedAtLastLine(_ line: PrintedLine, text: String) -> Bool {
        guard evidence == .plainText, openKind == .paragraph, let open, open.lines.count > 1, let previous = last,
            let end = previous.text.last, !PrintedLayout.endsSentence(end),
            PrintedLayout.firstUnitWidth(text) <= metrics.rightEdge - previous.x1 + 0.25,
            PrintedLayout.firstUnitWidth(text) > metrics.rightEdge - 2 - previous.x1 + 0.25,
            let before = lastButOne?.text.last, PrintedLayout.endsSentence(before)
        else { return false }
        return metrics.isAtLeftEdge(line) && !line.gapBefore && !PrintedLayout.isListItem(text)
            && abs(line.size - previous.size) <= 0.06 * max(previous.size, 1)
    }

    /// Does the line go on with the open paragraph or list item?
    private func continues(_ line: PrintedLine, text: String) -> Bool {
        guard open != nil, let previous = last, openKind == .paragraph || openKind == .listItem else { return false }
        if PrintedLayout.isListItem(text) { return false }
        // An English contents entry (`Introduction . . . 1`) is a line of its own.
        if !text.contains(where: CJK.isHan) && PrintedLayout.isContentsEntry(previous.text) { return false }
        if latinPDF && goesOnInItsBlock(line, after: previous) { return true }
        if metrics.isIndented(line) {
            // Latin `-layout` text: a block set at the indent (a definition's body) goes on from
            // a full line at the same indent above it.
            return metrics.columns && openKind == .paragraph && !line.gapBefore
                && abs(line.x0 - previous.x0) < 0.35 * metrics.em && metrics.reachesMeasure(previous)
        }
        if abs(line.size - previous.size) > 0.06 * max(previous.size, 1) { return false }
        if evidence == .pdf && !firstOnPage && line.y0 - previous.y1 > 1.2 * metrics.em { return false }
        if line.gapBefore { return false }
        if openKind == .listItem {
            guard line.x0 > metrics.leftEdge + 0.5 * metrics.em else { return false }
        } else {
            guard metrics.isAtLeftEdge(line) else { return false }
        }
        // Latin words are too unevenly wide to measure in text (and pdftotext's columns for them
        // are not exact): a line ending in one goes on.
        if evidence == .plainText || metrics.columns, let end = previous.text.last, let start = text.first,
            end.isASCII && (end.isLetter || end.isNumber), start.isASCII && (start.isLetter || start.isNumber)
        {
            return true
        }
        // The line before was ended early only if the next line's first word (with the marks
        // that may not start a line) did not fit in the space left: otherwise the paragraph ended.
        var left = (metrics.rightEdge - previous.x1) / metrics.em
        // Plain text has lost the first-line indent (two ems, by clreq): a paragraph's first line is that much
        // shorter. Unless the line ends a sentence and the next opens a quotation: a new speaker's line.
        if evidence == .plainText && open!.lines.count == 1 {
            if let end = previous.text.last, "。！？…”".contains(end), let start = text.first, "“「『".contains(start),
                PrintedLayout.firstUnitWidth(text) <= left + 0.25
            {
                return false
            }
            left -= 2
        }
        let unit = PrintedLayout.firstUnitWidth(text)
        guard evidence == .plainText else { return unit > left - 0.25 }
        // Text widths are estimates: when the word would only just have fitted, a line that stops
        // mid-sentence goes on, and one that ends a sentence ended its paragraph.
        if unit > left - 0.25, let end = previous.text.last, !PrintedLayout.endsSentence(end) { return true }
        return unit > left + 0.25
    }

    /// A Latin PDF sets text blocks at several left edges (a Texinfo manual's body, its function
    /// descriptions and its licence each their own): a line goes on from a full line above it in
    /// the same type and close under it, whatever the book's main edge, when it is not indented
    /// from it (a paragraph) or hangs under the item's first line (a list item).
    private func goesOnInItsBlock(_ line: PrintedLine, after previous: PrintedLine) -> Bool {
        guard metrics.reachesMeasure(previous), !line.gapBefore, abs(line.size - previous.size) <= 0.06 * previous.size,
            firstOnPage || line.y0 - previous.y1 <= 1.2 * metrics.em
        else { return false }
        if openKind == .listItem, let start = openStart {
            return line.x0 > start.x0 + 0.35 * metrics.em && line.x0 < start.x0 + 3 * metrics.em
        }
        return line.x0 < previous.x0 + 0.35 * metrics.em
    }

    private func level(of line: PrintedLine) -> Int {
        if evidence != .pdf || numberedLatin, let depth = PrintedLayout.latinSectionDepth(line.text) { return depth }
        if numberedLatin { return isDivisionTitle(line) || sectionLevel == 0 ? 1 : min(6, sectionLevel + 1) }
        if let (family, _) = Numbering.of(Segmenter.collapse(line.text)) {
            if family == .section { return 2 }
            if family == .part || family == .chapter { return 1 }
        }
        guard evidence == .pdf else { return 1 }
        return line.size >= 1.2 * metrics.bodySize || PrintedLayout.isDivisionNumber(line.text) ? 1 : 2
    }
}
