import Foundation
import GalleyCore

/// Reads a printed book's structure from where its lines sit: page
/// furniture (running heads, folios) from lines that repeat at the same
/// place, notes from the small type at the page foot, headings from size
/// and weight (or, in text, from chapter-number lines), paragraphs from the
/// first-line indent and from lines that end short of the measure.
///
/// Every input line ends up in exactly one block or in `removed`.
enum PrintedLayout {
    /// The name changes made from the layout are reported under.
    static let ruleName = "page-layout"
    static let summary =
        "Read the pages: remove running heads and page numbers, find notes at the page foot, "
        + "headings by size or chapter-number lines, paragraphs by indent and line ends."

    struct Outcome {
        var blocks: [ImportBlock]
        /// Lines that are not text of the book, by rule name (`running-heads`, `page-numbers`).
        var removed: [(rule: String, lines: [Int], text: String)] = []
        /// Two-line headings made one (`第一章` / `题辞` → `第一章　题辞`).
        var joinedHeadings: [(lines: [Int], before: String, after: String)] = []
        /// Note calls found in text by their number (`“长毛”1。` → `<sup>1</sup>`).
        var noteCalls: [(lines: [Int], before: String, after: String)] = []
    }

    /// The measures the rules compare against.
    struct Metrics {
        var bodySize: Double
        /// One full-width character: the body size in points, or two columns in text.
        var em: Double
        var leftEdge: Double
        var rightEdge: Double
        /// Where an indented first line starts, when the book indents them.
        var indent: Double?
        /// Latin `-layout` text (`PrintedBook.measuredInColumns`).
        var columns = false

        func isBody(_ line: PrintedLine) -> Bool { abs(line.size - bodySize) <= 0.06 * bodySize }
        /// Set in larger type than the body: a heading's size.
        func isLarge(_ line: PrintedLine) -> Bool { line.size >= 1.12 * bodySize }
        /// Near the right edge: within half an em, or in Latin `-layout` text, whose columns for
        /// justified lines differ by a few, within three.
        func reachesMeasure(_ line: PrintedLine) -> Bool { line.x1 >= rightEdge - (columns ? 3 : 0.5) * em }
        func isIndented(_ line: PrintedLine) -> Bool {
            guard let indent else { return false }
            return abs(line.x0 - indent) < 0.35 * em
        }
        func isAtLeftEdge(_ line: PrintedLine) -> Bool { abs(line.x0 - leftEdge) < 0.35 * em }
        func isCentred(_ line: PrintedLine) -> Bool {
            line.x0 > leftEdge + 1.5 * em && abs((line.x0 + line.x1) / 2 - (leftEdge + rightEdge) / 2) < 1.5 * em
        }
    }

    static func metrics(_ book: PrintedBook) -> Metrics {
        var sizes: [Double: Int] = [:]
        for page in book.pages {
            for line in page.lines { sizes[(line.size * 10).rounded() / 10, default: 0] += line.text.count }
        }
        let bodySize = mode(sizes) ?? 1
        let em = book.evidence == .pdf ? bodySize : 1
        let body = book.pages.flatMap(\.lines).filter { abs($0.size - bodySize) <= 0.06 * bodySize }
        let grid = book.evidence == .pdf ? 0.5 : 0.25
        func counts(_ values: [Double]) -> [Double: Int] {
            var result: [Double: Int] = [:]
            for value in values { result[(value / grid).rounded() * grid, default: 0] += 1 }
            return result
        }
        var leftEdge = mode(counts(body.map(\.x0))) ?? 0
        if book.measuredInColumns {
            // Definitions, code and list items sit to the right of the text block, never to its
            // left: the edge is the leftmost start shared by a tenth of the lines.
            leftEdge = counts(body.map(\.x0)).filter { $0.value * 10 >= body.count }.keys.min() ?? leftEdge
        }
        let rightEdge = mode(counts(body.map(\.x1))) ?? 0
        let indented = body.map(\.x0).filter { $0 > leftEdge + 0.5 * em && $0 <= leftEdge + 4.5 * em }
        var indent: Double? = nil
        if indented.count * 20 >= body.count, let value = mode(counts(indented)) { indent = value }
        return Metrics(
            bodySize: bodySize, em: em, leftEdge: leftEdge, rightEdge: rightEdge, indent: indent,
            columns: book.measuredInColumns)
    }

    private static func mode(_ counts: [Double: Int]) -> Double? {
        counts.max { $0.value < $1.value || ($0.value == $1.value && $0.key > $1.key) }?.key
    }

    // MARK: - Lines of one kind

    /// `第一章`, `第 十 二 章`, `Chapter 3`, `PART ONE`: a line that is only a division's number.
    static func isDivisionNumber(_ text: String) -> Bool {
        // Asked of every line: the patterns only for the short lines that start as they do.
        guard text.utf8.count <= 80 else { return false }
        let collapsed = Segmenter.collapse(text)
        if collapsed.first == "第", collapsed.matches("^第[一二三四五六七八九十百零〇两0-9]+[章篇部节回卷]$") { return true }
        let trimmed = text.trimmed
        guard let first = trimmed.first, "CcPpBb".contains(first) else { return false }
        return trimmed.matches(
            "^(?i:chapter|part|book)\\s+([0-9]{1,3}|[ivxlc]{1,6}|one|two|three|four|five|six|seven|eight|nine|ten)$")
    }

    /// A chapter number and its title as one heading: `第一章　题辞`, `Chapter 2: The Age of Lead`.
    static func joinedHeading(_ number: String, _ title: String) -> String {
        let title = title.trimmed
        if !number.contains(where: CJK.isHan) && !title.contains(where: CJK.isHan) {
            return number.trimmed + ": " + title
        }
        return Segmenter.collapse(number) + "\u{3000}" + title
    }

    /// A note at the page foot starts with its marker: `1 `, `<sup>1</sup>`, `①`, `[1]`, `1.`.
    static let noteStart =
        "^\\s*(<sup>\\s*([0-9]{1,3}|[*†‡])\\s*</sup>|([0-9]{1,3})(?=[\\s.．、]|$)[.．、]?"
        + "|[\\x{2460}-\\x{2473}]|\\[[0-9]{1,3}\\])\\s*"

    /// The note's text with its marker as the `footnotes` rule reads it (`<sup>1</sup> …`).
    static func normalisedNote(_ text: String) -> String {
        guard let marker = text.capture("^\\s*(?:<sup>\\s*)?([0-9]{1,3})(?:\\s*</sup>)?[.．、]?\\s") else {
            return text.trimmed
        }
        let rest = text.replacing("^\\s*(?:<sup>\\s*)?[0-9]{1,3}(?:\\s*</sup>)?[.．、]?\\s*", with: "")
        return "<sup>\(marker)</sup> " + rest.trimmed
    }

    /// Marks a paragraph may end with: where a sentence may end (`CJK.terminal`), and the
    /// dash, ASCII `)` and straight quotes a printed paragraph also stops at (`我忽而记得了——`).
    static func endsSentence(_ c: Character) -> Bool { CJK.terminal.contains(c) || "—)\"'".contains(c) }

    /// East Asian Ambiguous marks set full width in Chinese type.
    static let ambiguous: Set<Unicode.Scalar> = ["“", "”", "‘", "’", "—", "…", "·"]

    /// Width in ems of what must start a line together: a Latin word or one
    /// wide character, with the punctuation that may not start a line after it.
    static func firstUnitWidth(_ text: String) -> Double {
        // Read from the start, character by character: a long line is not copied for its first word.
        guard !text.isEmpty else { return 0 }
        // Quotes, dashes and the ellipsis are East Asian Ambiguous: full width in Chinese type.
        func width(_ c: Character) -> Double {
            c.unicodeScalars.first.map { EastAsianWidth.isWide($0) || ambiguous.contains($0) } == true ? 1 : 0.55
        }
        let openers = unitOpeners
        let end = text.endIndex
        var index = text.startIndex
        var total = 0.0
        repeat {
            // Opening marks may not end a line: they go down with what follows them …
            while text.index(after: index) < end, openers.contains(text[index]) {
                total += width(text[index])
                index = text.index(after: index)
            }
            if text[index].isASCII && (text[index].isLetter || text[index].isNumber) {
                while index < end, text[index].isASCII,
                    text[index].isLetter || text[index].isNumber || text[index] == "-"
                {
                    total += 0.55
                    index = text.index(after: index)
                }
            } else {
                total += width(text[index])
                index = text.index(after: index)
            }
            // … and closing marks may not start one.
            while index < end, unitClosers.contains(text[index]) {
                total += width(text[index])
                index = text.index(after: index)
            }
        } while index < end && openers.contains(text[index])
        return total
    }

    private static let unitOpeners = Set<Character>("《“‘（「『【〔〈([")
    private static let unitClosers = Set<Character>("，。、；：？！”’）》」』…—,.;:!?)")

    /// Printed text is not Markdown: `*`, `_`, `` ` ``, `<type>`, `&amp;` and the
    /// rest are escaped so they stay text. The reader's own note calls
    /// (`<sup>1</sup>`) are kept; `[1]` stays a note marker unless the line
    /// reads like a link or a footnote call.
    static func markdownEscaped(_ text: String) -> String {
        // Most lines have nothing to escape: found in their bytes.
        let linkLike = text.containsLiteral("](") || text.containsLiteral("[^")
        guard text.utf8.contains(where: { markdownMarks.contains($0) || (linkLike && ($0 == 0x5B || $0 == 0x5D)) })
        else { return text }
        var out = ""
        var index = text.startIndex
        while index < text.endIndex {
            // A note call `<sup>[^<]{1,6}</sup>` is kept as it is.
            if text[index] == "<", let end = noteCallEnd(text, at: index) {
                out += text[index..<end]
                index = end
                continue
            }
            let c = text[index]
            if c.isASCII, let byte = c.asciiValue, markdownMarks.contains(byte) || (linkLike && (c == "[" || c == "]"))
            {
                out.append("\\")
            }
            out.append(c)
            index = text.index(after: index)
        }
        return out
    }

    /// `\\*_`<>&~|` as bytes.
    private static let markdownMarks: Set<UInt8> = Set("\\*_`<>&~|".utf8)

    /// Where the note call `<sup>[^<]{1,6}</sup>` starting at `start` ends, if one does.
    private static func noteCallEnd(_ text: String, at start: String.Index) -> String.Index? {
        guard text[start...].hasPrefix("<sup>") else { return nil }
        var index = text.index(start, offsetBy: 5)
        var count = 0
        while index < text.endIndex, text[index] != "<", count < 7 {
            count += 1
            index = text.index(after: index)
        }
        guard (1...6).contains(count), text[index...].hasPrefix("</sup>") else { return nil }
        return text.index(index, offsetBy: 6)
    }

    /// A printed contents line: a title, dot leaders, a page number.
    static func isContentsEntry(_ text: String) -> Bool {
        TextScanning.endsWithLeaderAndPage(text)
    }

    /// `1 Introduction`, `2.1 ASN.1 syntax`, `A.1 Licence`, `Appendix A Copying`: a Latin heading
    /// led by its section number (up to four levels of one or two digits, an appendix letter
    /// first, no full stop after a single number); the number's depth.
    static func latinSectionDepth(_ text: String) -> Int? {
        // Asked of every line: a long one is not copied to find out.
        let trimmed = text.trimmed
        guard trimmed.index(trimmed.startIndex, offsetBy: 91, limitedBy: trimmed.endIndex) == nil else { return nil }
        var chars = Array(trimmed)
        guard chars.count <= 90, !chars.contains(where: CJK.isHan) else { return nil }
        if chars.starts(with: "Appendix "), chars.count > 10, chars[9].isUppercase, chars[10] == " " {
            chars = Array("1" + chars[10...])
        } else if chars.count > 2, chars[0].isASCII, chars[0].isUppercase, chars[1] == ".",
            TextScanning.isDigit(chars[2])
        {
            chars[0] = "1"
        }
        var i = 0
        var depth = 0
        while true {
            let end = TextScanning.runEnd(chars, from: i, TextScanning.isDigit)
            guard end > i, end - i <= 2 else { return nil }
            depth += 1
            i = end
            guard i + 1 < chars.count, chars[i] == ".", TextScanning.isDigit(chars[i + 1]), depth < 4 else { break }
            i += 1
        }
        let title = TextScanning.runEnd(chars, from: i, TextScanning.isSpace)
        guard title > i, title < chars.count, chars[title].isASCII, chars[title].isLetter,
            let last = chars.last, !".,;:".contains(last)
        else { return nil }
        return depth
    }

    /// A PDF whose large-type headings carry Latin section numbers (`2.1 ASN.1 syntax`): two or
    /// more of them, outside the printed contents.
    static func hasNumberedLatinHeadings(_ book: PrintedBook, metrics: Metrics) -> Bool {
        let numbered = book.pages.lazy.flatMap(\.lines).filter {
            metrics.isLarge($0) && !isContentsEntry($0.text) && latinSectionDepth($0.text) != nil
        }
        return numbered.prefix(2).count == 2
    }

    /// The running head a Texinfo-style book prints for a chapter heading, without spaces:
    /// `4 Function reference` → `Chapter4:Functionreference`, `Appendix A Copying` → `AppendixA:Copying`.
    static func latinRunningHead(_ heading: String) -> String? {
        guard latinSectionDepth(heading) == 1 else { return nil }
        var words = heading.trimmed.split(separator: " ", omittingEmptySubsequences: true)
        var label = "Chapter"
        if words.first == "Appendix" {
            label = "Appendix"
            words.removeFirst()
        }
        guard words.count >= 2 else { return nil }
        return Segmenter.collapse(label + words[0] + ":" + words.dropFirst().joined())
    }

    /// The titles of the printed contents' entries (leader and page removed), without spaces;
    /// a title wrapped over two lines also as one.
    static func contentsTitles(_ book: PrintedBook) -> Set<String> {
        var titles: Set<String> = []
        for page in book.pages {
            for (l, line) in page.lines.enumerated() where isContentsEntry(line.text) {
                let title = Segmenter.collapse(TextScanning.strippingLeaderAndPage(line.text))
                titles.insert(title)
                if l > 0, !isContentsEntry(page.lines[l - 1].text) {
                    titles.insert(Segmenter.collapse(page.lines[l - 1].text) + title)
                }
            }
        }
        titles.remove("")
        return titles
    }

    static func isListItem(_ text: String) -> Bool {
        // Asked of every line: the pattern only for a line that starts as an item does.
        guard let first = text.unicodeScalars.first(where: { !TextScanning.isHorizontalSpace($0) }),
            listItemStarts.contains(first) || ("0"..."9").contains(first)
        else { return false }
        return text.trimmed.matches("^([•●○■□◆◇▪►◎·]\\s*|[-*]\\s+|[0-9]{1,2}[.)]\\s+|[（(][0-9]{1,2}[）)]\\s*)")
    }

    private static let listItemStarts: Set<Unicode.Scalar> = [
        "•", "●", "○", "■", "□", "◆", "◇", "▪", "►", "◎", "·", "-", "*", "（", "(",
    ]

    // MARK: - The analysis

    static func read(_ book: PrintedBook) -> Outcome {
        let metrics = metrics(book)
        var numbered: [[Int]] = []
        var next = 1
        for page in book.pages {
            numbered.append(page.lines.enumerated().map { $1.sourceLine ?? next + $0 })
            next += page.lines.count
        }
        var outcome = Outcome(blocks: [])
        let titles = titleTexts(book, metrics: metrics)
        var furniture = Set<Int>()
        for (lines, rule) in furnitureLines(book, metrics: metrics, titles: titles) {
            for (p, l) in lines {
                furniture.insert(numbered[p][l])
                outcome.removed.append((rule, [numbered[p][l]], book.pages[p].lines[l].text))
            }
        }
        var builder = BlockBuilder(metrics: metrics, evidence: book.evidence)
        builder.contentsTitles = contentsTitles(book)
        builder.latinPDF = book.evidence == .pdf && PrintedText.isLatin(book.pages.flatMap { $0.lines.map(\.text) })
        builder.numberedLatin = builder.latinPDF && hasNumberedLatinHeadings(book, metrics: metrics)
        for (p, page) in book.pages.enumerated() {
            let kept = page.lines.indices.filter { !furniture.contains(numbered[p][$0]) }
            let notesFrom = notesStart(page, kept: kept, metrics: metrics, evidence: book.evidence) ?? Int.max
            let bodyLines = kept.filter { $0 < notesFrom }
            let noteLines = kept.filter { $0 >= notesFrom }
            var notes: [ImportBlock] = []
            for l in noteLines {
                var line = page.lines[l]
                line.text = markdownEscaped(line.text)
                if line.text.matches(noteStart) || notes.isEmpty && !builder.hasNote {
                    notes.append(
                        ImportBlock(kind: .paragraph, text: normalisedNote(line.text), lines: [numbered[p][l]]))
                } else if notes.isEmpty {
                    // A note that goes on from the previous page's foot.
                    builder.continueLastNote(line.text.trimmed, line: numbered[p][l])
                } else {
                    notes[notes.count - 1].text += "\n" + line.text.trimmed
                    notes[notes.count - 1].lines.append(numbered[p][l])
                }
            }
            builder.startPage()
            for l in bodyLines {
                var line = page.lines[l]
                line.text = markdownEscaped(line.text)
                builder.add(line, number: numbered[p][l])
            }
            builder.pageNotes(notes)
        }
        builder.finish()
        outcome.blocks = builder.blocks
        outcome.joinedHeadings = builder.joinedHeadings
        if book.evidence != .pdf { linkTextNoteCalls(&outcome) }
        return outcome
    }

    /// Heading texts a running head may repeat: large or chapter-number-led
    /// lines, the line after a chapter number, and printed contents entries.
    static func titleTexts(_ book: PrintedBook, metrics: Metrics) -> Set<String> {
        var titles: Set<String> = []
        for page in book.pages {
            for (l, line) in page.lines.enumerated() {
                let text = Segmenter.collapse(line.text)
                if book.evidence == .pdf && metrics.isLarge(line) { titles.insert(text) }
                if Segmenter.namedDivisions[text] != nil { titles.insert(text) }
                if isDivisionNumber(line.text), l + 1 < page.lines.count {
                    titles.insert(Segmenter.collapse(page.lines[l + 1].text))
                }
                if let head = latinRunningHead(line.text) { titles.insert(head) }
                if line.text.containsLiteral("....") || line.text.containsLiteral("……") {
                    var entry = TextScanning.strippingLeaderAndPage(line.text)
                    entry = Segmenter.collapse(entry)
                    titles.insert(entry)
                    titles.insert(entry.replacing("^第[一二三四五六七八九十百零〇两0-9]+[章篇部节回卷]", with: ""))
                }
            }
        }
        titles.remove("")
        return titles
    }

    /// Running heads and page numbers: lines in the top or bottom band of
    /// a page, at a place where, over the book, such lines repeat.
    static func furnitureLines(
        _ book: PrintedBook, metrics: Metrics, titles: Set<String>
    ) -> [([(Int, Int)], String)] {
        var heads: [(Int, Int)] = []
        var numbers: [(Int, Int)] = []
        func isTitle(_ text: String) -> Bool {
            let collapsed = Segmenter.collapse(text)
            if titles.contains(collapsed) { return true }
            let stripped = Segmenter.collapse(TextScanning.strippingFolio(text, padded: true))
            return stripped != collapsed && titles.contains(stripped)
        }
        if book.evidence == .pdf {
            // Candidates: lines in the top or bottom fifth, keyed by their place on the page.
            var byKey: [Int: [(Int, Int)]] = [:]
            for (p, page) in book.pages.enumerated() {
                for (l, line) in page.lines.enumerated()
                where line.midY < page.height * 0.2 || line.midY > page.height * 0.8 {
                    byKey[Int((line.midY / 3).rounded()), default: []].append((p, l))
                }
            }
            // A running head often carries the folio (`Chapter 2: Syntax 13`): compared without it.
            func withoutFolio(_ text: String) -> String {
                Segmenter.collapse(TextScanning.strippingFolio(text, roman: true, padded: true))
            }
            for (_, places) in byKey {
                var texts: [String: Int] = [:]
                for (p, l) in places { texts[withoutFolio(book.pages[p].lines[l].text), default: 0] += 1 }
                // A heading's title set large is the heading itself, not a running head repeating it
                // (a Texinfo manual starts every chapter at the same place on a new page).
                func furnitureLike(_ line: PrintedLine) -> Bool {
                    RunningHeads.isPageNumber(line.text)
                        || isTitle(line.text) && !metrics.isLarge(line)
                        || texts[withoutFolio(line.text), default: 0] >= 2
                }
                let like = places.filter { furnitureLike(book.pages[$0.0].lines[$0.1]) }
                guard Set(places.map(\.0)).count >= 3, like.count * 10 >= places.count * 6 else { continue }
                for (p, l) in like {
                    let line = book.pages[p].lines[l]
                    if RunningHeads.isPageNumber(line.text) { numbers.append((p, l)) } else { heads.append((p, l)) }
                }
            }
        } else {
            // Text: the first and last line of a page; a page number, or a title (with its folio) that
            // has already been printed as a heading (a running head never comes before its chapter).
            var seen: Set<String> = []
            for (p, page) in book.pages.enumerated() where !page.lines.isEmpty {
                let boundary = Set([0, page.lines.count - 1])
                for (l, line) in page.lines.enumerated() {
                    let collapsed = Segmenter.collapse(TextScanning.strippingFolio(line.text, padded: true))
                    if boundary.contains(l) && RunningHeads.isPageNumber(line.text) {
                        numbers.append((p, l))
                    } else if boundary.contains(l) && isTitle(line.text) && seen.contains(collapsed) {
                        heads.append((p, l))
                    } else if isTitle(line.text) && !line.text.containsLiteral("....")
                        && !line.text.containsLiteral("……")
                    {
                        seen.insert(collapsed)
                    }
                    if let head = latinRunningHead(line.text) { seen.insert(head) }
                }
            }
        }
        return [(heads.sorted { $0 < $1 }, "running-heads"), (numbers.sorted { $0 < $1 }, "page-numbers")]
    }

    /// Where a page's notes start: the small type at its foot (PDF), or a
    /// run of lines at the foot starting with a note marker (text).
    static func notesStart(_ page: PrintedPage, kept: [Int], metrics: Metrics, evidence: PrintedBook.Evidence) -> Int? {
        guard !kept.isEmpty else { return nil }
        if evidence == .pdf {
            var start: Int?
            for l in kept.reversed() {
                let line = page.lines[l]
                guard line.size <= 0.9 * metrics.bodySize else { break }
                start = l
            }
            guard let start, let lastBody = kept.last(where: { metrics.isBody(page.lines[$0]) }), lastBody < start,
                kept.contains(where: { $0 >= start && page.lines[$0].text.matches(noteStart) })
            else { return nil }
            return kept.first { $0 >= start && page.lines[$0].text.matches(noteStart) }
        }
        // Text: the topmost line starting with a note marker among the page's last six.
        let marker = "^\\s*([0-9]{1,2}\\s+[\\p{Han}（《“]|[\\x{2460}-\\x{2473}])"
        return kept.suffix(6).first { page.lines[$0].text.matches(marker) }
    }

    /// `“长毛”1。` in extracted text: the digits of a note printed at the
    /// same page's foot, glued after Han text, become the call `<sup>1</sup>`.
    private static func linkTextNoteCalls(_ outcome: inout Outcome) {
        var pendingNumbers: [String] = []
        for b in outcome.blocks.indices {
            let block = outcome.blocks[b]
            if block.text.hasPrefix("<sup>"),
                let number = String(block.text.prefix(16)).capture("^<sup>([0-9]{1,3})</sup> ")
            {
                pendingNumbers.append(number)
                // Find the call in the blocks before it, nearest first.
                for c in stride(from: b - 1, through: max(0, b - 12), by: -1)
                where !outcome.blocks[c].text.hasPrefix("<sup>") {
                    let text = outcome.blocks[c].text
                    let pattern = "(?<=[\\p{Han}”’）》」』。，、；：？！a-zA-Z])\(number)(?![0-9])"
                    guard let range = text.range(of: pattern, options: [.regularExpression, .backwards]) else {
                        continue
                    }
                    var changed = text
                    changed.replaceSubrange(range, with: "<sup>\(number)</sup>")
                    outcome.noteCalls.append((outcome.blocks[c].lines, text, changed))
                    outcome.blocks[c].text = changed
                    break
                }
            }
        }
    }
}
