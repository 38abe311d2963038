/// `printed-contents`: turns the printed table of contents (dot leaders,
/// page numbers, `---` table fragments, `<b>` tags, titles wrapped over
/// two lines, chapter numbers on their own line) into data for
/// `contents.yaml`, and reports entries whose chapters the input lacks.
public struct PrintedContentsRule: ImportRule {
    public let name = "printed-contents"
    public let summary =
        "Turn the printed table of contents into contents.yaml data (title, level, page); "
        + "report chapters it lists that the input lacks."
    public init() {}

    private struct Line { var text: String; var number: Int; var isHeading: Bool }

    public func apply(to document: inout ImportDocument, options: ImportOptions, log: inout ImportLog) {
        guard let d = document.divisions.firstIndex(where: { $0.role == .contents }) else { return }
        let division = document.divisions[d]
        var lines: [Line] = []
        for block in division.blocks.dropFirst() {   // the first block is the 目录 heading
            for (offset, text) in block.textLines.enumerated() {
                lines.append(
                    Line(
                        text: String(text), number: block.lines[min(offset, block.lines.count - 1)],
                        isHeading: block.isHeading))
            }
        }
        if let heading = division.blocks.first {
            // The book's own contents page is generated; the printed heading has no place left.
            log.removed(heading.lines, heading.text)
        }
        var entries: [ContentsEntry] = []
        var pending: (title: String, lines: [Int], raw: [String])?
        var lastNumberedLevel = 0
        let numbered = Self.numberedHeadings(document.divisions)
        let divisionTitles = Set(document.divisions.filter { $0.role != .contents }.compactMap(\.title))
        func emit(_ title: String, page: String?, lines: [Int], raw: [String]) {
            // An English entry takes its section number from the body's heading of that title.
            let title = numbered[Segmenter.collapse(title)] ?? title
            var level = Self.level(of: title, lastNumbered: &lastNumberedLevel)
            // An unnumbered Latin entry that titles a division of the body (`Concept Index`) is one.
            if level > 1, !title.contains(where: CJK.isHan), divisionTitles.contains(Segmenter.collapse(title)) {
                level = 1
                lastNumberedLevel = 0
            }
            entries.append(ContentsEntry(title: title, level: level, page: page, lines: lines))
            log.moved(
                lines, raw.joined(separator: "\n"), to: "contents.yaml",
                "\(title) · level \(level)" + (page.map { " · page \($0)" } ?? ""))
        }
        for line in lines {
            let text = line.text.replacing("</?b>", with: "").trimmed
            if text.matches("^[-\\s]+$") {
                log.removed([line.number], line.text)
                continue
            }
            if Self.isLatinNumberOnly(text) {
                // pdftotext reads the number column apart from the titles, out of their order:
                // the numbers come back from the body's headings.
                log.moved([line.number], line.text, to: "contents.yaml", "section number of an entry")
                continue
            }
            let (title, page) = Self.split(text)
            let cleaned = Self.clean(title)
            if let open = pending {
                let numberOnly = Self.isNumberOnly(open.title)
                let startsNew =
                    line.isHeading && !numberOnly || Numbering.of(cleaned) != nil
                    || line.text.contains("<b>")
                if numberOnly {
                    pending = (open.title + " " + cleaned, open.lines + [line.number], open.raw + [line.text])
                } else if startsNew {
                    emit(open.title, page: nil, lines: open.lines, raw: open.raw)
                    pending = (cleaned, [line.number], [line.text])
                } else {
                    pending = (
                        PageBreakJoinsRule.join(open.title, cleaned), open.lines + [line.number], open.raw + [line.text]
                    )
                }
            } else {
                pending = (cleaned, [line.number], [line.text])
            }
            if page != nil, let open = pending {
                emit(open.title, page: page, lines: open.lines, raw: open.raw)
                pending = nil
            }
        }
        if let open = pending { emit(open.title, page: nil, lines: open.lines, raw: open.raw) }

        if entries.contains(where: { numbered.values.contains($0.title) }) {
            // pdftotext may read a contents column after the next one (`3 Utilities` before `2.1 …`):
            // English entries numbered from the body go in the order of their pages.
            var key = 0
            let keys = entries.map { entry in
                key = entry.page.flatMap { Int($0) } ?? key
                return key
            }
            entries = entries.indices.sorted { (keys[$0], $0) < (keys[$1], $1) }.map { entries[$0] }
        }
        document.contents = entries
        document.divisions.remove(at: d)
        let present = Set(document.divisions.compactMap(\.title))
        for entry in entries where entry.level == 1 && !present.contains(Segmenter.collapse(entry.title)) {
            log.finding(
                entry.lines,
                "the printed contents lists “\(entry.title)”" + (entry.page.map { " (page \($0))" } ?? "")
                    + " but the input has no such chapter")
        }
    }

    /// Title and printed page: `序 言 .....\t1`, `标题\t12`, `标题 ..... 80`. A linear scan from the
    /// line's end (the pattern it replaces, `(?:\.{2,}|…+|\t|\s{2,}|\s)\s*([0-9]{1,4}|…)$`, was
    /// quadratic on a line of dots).
    static func split(_ text: String) -> (String, String?) {
        let chars = Array(text)
        let digits = TextScanning.runStart(chars, before: chars.count, TextScanning.isDigit)
        let roman = TextScanning.runStart(chars, before: chars.count) { "ivxlcdm".contains($0) }
        let pageStart: Int
        if digits < chars.count && chars.count - digits <= 4 {
            pageStart = digits
        } else if roman < chars.count && chars.count - roman <= 6 {
            pageStart = roman
        } else {
            return (text, nil)
        }
        let spaces = TextScanning.runStart(chars, before: pageStart, TextScanning.isSpace)
        let dots = TextScanning.runStart(chars, before: spaces) { $0 == "." }
        let ellipses = TextScanning.runStart(chars, before: spaces) { $0 == "…" }
        // A leader: two or more dots, an ellipsis or a tab before the page (spaces may follow it).
        let leader = spaces - dots >= 2 || ellipses < spaces || chars[spaces..<pageStart].contains("\t")
        guard leader || spaces < pageStart else { return (text, nil) }
        let start = spaces - dots >= 2 ? dots : ellipses < spaces ? ellipses : spaces
        let title = TextScanning.runStart(chars, before: start) { TextScanning.isSpace($0) || $0 == "." || $0 == "…" }
        // `2008` after a title with no leader is more likely part of the title than a page.
        if !leader && title == 0 { return (text, nil) }
        return (String(chars[..<title]), String(chars[pageStart...]))
    }

    /// Spaces the extraction put into a title (`序 言`, `理念 的新飞跃`) removed;
    /// the space after a chapter or section number kept.
    static func clean(_ title: String) -> String {
        let text = title.trimmed
        if let prefix = text.capture("^(第[一二三四五六七八九十百零〇0-9]+[章节篇部])\\s+") {
            return prefix + " " + SpacingRule.removeHanSpaces(String(text.dropFirst(prefix.count)).trimmed)
        }
        return SpacingRule.removeHanSpaces(text)
    }

    /// `2.1`, `A.1`, `Appendix A`: a Latin section number alone on its line.
    static func isLatinNumberOnly(_ text: String) -> Bool {
        let text = text.trimmed
        if text.hasPrefix("Appendix "), text.count == 10, text.last!.isUppercase { return true }
        return !text.isEmpty && text.count <= 12 && PrintedLayout.latinSectionDepth(text + " X") != nil
    }

    /// The body's numbered English headings (`2.1 ASN.1 syntax`) by their title without the number.
    static func numberedHeadings(_ divisions: [ImportDivision]) -> [String: String] {
        var headings: [String: String] = [:]
        for division in divisions where division.role != .contents {
            for block in division.blocks where block.isHeading && PrintedLayout.latinSectionDepth(block.text) != nil {
                var words = block.text.trimmed.split(separator: " ", maxSplits: 1)
                if words.first == "Appendix" { words = words.last!.split(separator: " ", maxSplits: 1) }
                guard words.count == 2 else { continue }
                let title = Segmenter.collapse(words[1])
                if headings[title] == nil { headings[title] = block.text.trimmed }
            }
        }
        return headings
    }

    static func isNumberOnly(_ title: String) -> Bool {
        title.trimmed.matches("^第[一二三四五六七八九十百零〇0-9]+[章篇部节]$")
    }

    /// Chapters and front matter 1, sections 2, unnumbered entries one below the last numbered one.
    static func level(of title: String, lastNumbered: inout Int) -> Int {
        if Segmenter.namedDivisions[Segmenter.collapse(title)] != nil { lastNumbered = 0; return 1 }
        if let depth = PrintedLayout.latinSectionDepth(title) {
            lastNumbered = depth
            return depth
        }
        switch Numbering.of(title)?.0 {
        case .part?, .chapter?: lastNumbered = 1; return 1
        case .section?: lastNumbered = 2; return 2
        default: return lastNumbered + 1
        }
    }
}
