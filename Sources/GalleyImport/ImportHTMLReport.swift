import GalleyCore

/// The report as a web page for an editor: each page's lines as printed,
/// each marked with what became of it (kept, joined, removed as a running
/// head or page number, made a heading or a note, moved to book.yaml), so a
/// 300-page book can be reviewed by scrolling. Self-contained: no script,
/// no file beside it.
extension ImportReportWriter {
    /// What one input line became, as the page shows it.
    enum LineMark: String {
        case kept, joined, heading, note
        case listItem = "list"
        case runningHead = "head"
        case pageNumber = "folio"
        case removed, moved, blank

        var label: String {
            switch self {
            case .kept: "kept"
            case .joined: "joined"
            case .heading: "heading"
            case .note: "note"
            case .listItem: "list item"
            case .runningHead: "running head, removed"
            case .pageNumber: "page number, removed"
            case .removed: "removed"
            case .moved: "moved"
            case .blank: "blank"
            }
        }
    }

    /// Text for the page, escaped by the one XML escaper (it also drops characters XML forbids).
    static func escape(_ text: String) -> String {
        var builder = XMLBuilder(declaration: false)
        builder.text(text)
        return String(decoding: builder.bytes, as: UTF8.self)
    }

    static func marks(_ result: ImportResult) -> [Int: (LineMark, String)] {
        var marks: [Int: (LineMark, String)] = [:]
        let names = SourceWriter.fileNames(result.document.divisions)
        for (division, file) in zip(result.document.divisions, names) {
            for block in division.blocks {
                let mark: LineMark =
                    switch block.kind {
                    case .heading: .heading
                    case .footnote: .note
                    case .listItem: .listItem
                    case .paragraph, .signature: block.lines.count > 1 ? .joined : .kept
                    }
                for line in block.lines { marks[line] = (mark, file) }
            }
        }
        for change in result.log.changes {
            switch change.kind {
            case .removed:
                for line in change.lines {
                    let text = result.inputLines[line - 1]
                    let mark: LineMark =
                        change.rule == "running-heads"
                        ? (RunningHeads.isPageNumber(text) ? .pageNumber : .runningHead) : .removed
                    marks[line] = (mark, change.rule)
                }
            case .moved(let file): for line in change.lines { marks[line] = (.moved, file) }
            case .changed: break
            }
        }
        return marks
    }

    public static func html(_ result: ImportResult) -> String {
        let marks = marks(result)
        let title = result.document.metadata.title ?? "Import report"
        var out = """
            <!DOCTYPE html>
            <html lang="zh-Hans"><head><meta charset="utf-8"/>
            <title>\(escape(title)) · import report</title>
            <style>
            body { font: 14px/1.5 "Noto Sans CJK SC", sans-serif; margin: 1em 2em; }
            .page { border: 1px solid #bbb; margin: 1em 0; padding: .5em 1em; max-width: 60em; }
            .page h2 { font-size: 1em; margin: 0 0 .4em; color: #555; }
            .line { display: grid; grid-template-columns: 4em 1fr 12em; gap: .8em; padding: 0 .3em; }
            .n { color: #888; text-align: right; }
            .fate { font-size: .85em; color: #555; }
            .head, .folio, .removed { background: #fde2e2; text-decoration: line-through; }
            .heading { background: #dde8fb; font-weight: bold; }
            .note { background: #fff4cc; font-size: .9em; }
            .joined .fate, .kept .fate { color: #999; }
            .moved { background: #e5f5e0; }
            .list { background: #efe6fa; }
            .summary td { padding: 0 1em 0 0; }
            </style></head><body>
            <h1>\(escape(title)): import report</h1>

            """
        var counts: [LineMark: Int] = [:]
        for (mark, _) in marks.values { counts[mark, default: 0] += 1 }
        out += "<table class=\"summary\">"
        for mark in [LineMark.kept, .joined, .heading, .note, .listItem, .runningHead, .pageNumber, .removed, .moved] {
            let count = counts[mark, default: 0]
            out += "<tr><td>\(mark.label)</td><td>\(count) \(count == 1 ? "line" : "lines")</td></tr>"
        }
        out += "</table>\n"
        if !result.log.findings.isEmpty {
            out += "<h2>Needs review</h2><ul>"
            for finding in result.log.findings {
                out += "<li>[\(finding.rule)] \(lineLabel(finding.lines)): \(escape(finding.message))</li>"
            }
            out += "</ul>\n"
        }
        var page = 0
        for (index, text) in result.inputLines.enumerated() {
            let number = index + 1
            let linePage = index < result.pageOfLine.count ? result.pageOfLine[index] : 1
            if linePage != page {
                if page != 0 { out += "</section>\n" }
                page = linePage
                out += "<section class=\"page\" id=\"page-\(page)\"><h2>Page \(page)</h2>\n"
            }
            let (mark, detail) = marks[number] ?? (text.trimmed.isEmpty ? (.blank, "") : (.kept, ""))
            if mark == .blank { continue }
            out += "<div class=\"line \(mark.rawValue)\" id=\"line-\(number)\"><span class=\"n\">\(number)</span>"
            out += "<span class=\"t\">\(escape(text))</span>"
            out += "<span class=\"fate\">\(mark.label)\(detail.isEmpty ? "" : " · " + escape(detail))</span></div>\n"
        }
        if page != 0 { out += "</section>\n" }
        return out + "</body></html>\n"
    }
}
