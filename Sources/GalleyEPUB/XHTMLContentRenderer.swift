import GalleyCore
import GalleyHighlight

/// Renders one division as one XHTML content document. Every byte goes
/// through `XMLBuilder`; every node kind has its case, with no `default:`.
struct XHTMLContentRenderer {
    struct Output {
        var bytes: [UInt8]
        var diagnostics: [Diagnostic]
        /// Heading levels in document order, for the accessibility check.
        var headingLevels: [Int]
    }

    let publication: EPUBPublication
    let division: Division
    let path: String
    var builder = XMLBuilder()
    var diagnostics: [Diagnostic] = []
    var headingLevels: [Int] = []
    var notes: FootnoteTable
    var insideLink = false

    static func render(_ index: Int, of publication: EPUBPublication) -> Output {
        let division = publication.book.divisions[index]
        let path =
            publication.divisionPaths[division.id] ?? publication.documents.first { $0.kind == .division(index) }!.path
        var renderer = XHTMLContentRenderer(
            publication: publication, division: division, path: path,
            notes: FootnoteTable(division, labels: publication.labels))
        renderer.renderDocument()
        renderer.diagnostics.append(contentsOf: renderer.notes.diagnostics)
        if renderer.builder.droppedCharacterCount > 0 {
            renderer.diagnostics.append(
                Diagnostic(
                    EPUBCode.invalidXmlCharacter,
                    "\(renderer.builder.droppedCharacterCount) character(s) that XML 1.0 forbids were left out",
                    at: SourceLocation(file: division.sourcePath)))
        }
        return Output(
            bytes: renderer.builder.bytes, diagnostics: renderer.diagnostics,
            headingLevels: renderer.headingLevels)
    }

    var location: SourceLocation { SourceLocation(file: division.sourcePath) }

    mutating func warn(_ code: EPUBCode, _ message: String, at place: SourceLocation? = nil) {
        diagnostics.append(Diagnostic(code, severity: .warning, message, at: place ?? location))
    }

    private mutating func renderDocument() {
        let labels = publication.labels
        let titleText = EPUBPlainText.label(division.title)
        let language = division.language ?? publication.language
        XHTMLPage.begin(
            &builder, title: titleText.isEmpty ? labels.name(of: division.role) : titleText,
            language: language, publication: publication, path: path,
            bodyType: XHTMLPage.bodyType(division.role.matter))
        let (epubType, ariaRole) = XHTMLPage.semantics(division.role)
        var attributes = [("epub:type", epubType)]
        if let ariaRole { attributes.append(("role", ariaRole)) }
        if let id = claimId(division.attributes.id) { attributes.insert(("id", id), at: 0) }
        attributes.append(("class", ([division.role.rawValue] + division.attributes.classes).joined(separator: " ")))
        if titleText.isEmpty { attributes.append(("aria-label", labels.name(of: division.role))) }
        builder.start("section", attributes)
        builder.newline()
        var level = 1
        if !titleText.isEmpty {
            headingLevels.append(1)
            builder.start("h1")
            renderInlines(division.title)
            builder.end()
            builder.newline()
            level = 2
        }
        renderBlocks(division.blocks, headingLevel: level)
        builder.end()
        builder.newline()
        renderFootnotes()
        XHTMLPage.end(&builder)
    }

    /// The id to write: ids are unique in a normalised book
    /// (`AssignIdentifiers`, `NumberFootnotes`), so none is checked for
    /// repeats here; one with white space is no HTML id.
    func claimId(_ id: String?) -> String? {
        guard let id, !id.isEmpty, !id.contains(where: \.isWhitespace) else { return nil }
        return id
    }

    /// id, classes, `lang` (as both `lang` and `xml:lang`), `dir`, `title`, `epub:type`.
    mutating func htmlAttributes(_ attributes: Attributes, extraClasses: [String] = []) -> [(String, String)] {
        var result: [(String, String)] = []
        if let id = claimId(attributes.id) { result.append(("id", id)) }
        let classes = extraClasses + attributes.classes.filter { !$0.isEmpty && !$0.contains(where: \.isWhitespace) }
        if !classes.isEmpty { result.append(("class", classes.joined(separator: " "))) }
        for pair in attributes.pairs {
            switch pair.key {
            case "lang", "xml:lang":
                if !result.contains(where: { $0.0 == "lang" }) {
                    result.append(("xml:lang", pair.value))
                    result.append(("lang", pair.value))
                }
            case "dir" where ["ltr", "rtl", "auto"].contains(pair.value): result.append(("dir", pair.value))
            case "title": result.append(("title", pair.value))
            case "epub:type": result.append(("epub:type", pair.value))
            default: break
            }
        }
        return result
    }

    mutating func renderBlocks(_ blocks: [Block], headingLevel: Int) {
        for block in blocks { renderBlock(block, headingLevel: headingLevel) }
    }

    /// `headingLevel` is the level a heading at this depth gets, so levels
    /// never skip one (h1 → h3) whatever the source did.
    mutating func renderBlock(_ block: Block, headingLevel: Int) {
        switch block {
        case .paragraph(let inlines):
            if let image = Walk.soleImage(inlines) {
                renderFigure(image)
            } else {
                builder.start("p")
                renderInlines(inlines)
                builder.end()
            }
        case .heading(let level, let attributes, let content):
            guard !EPUBPlainText.label(content).isEmpty else { return }
            let emitted = min(6, max(1, min(level, headingLevel)))
            headingLevels.append(emitted)
            builder.start("h\(emitted)", htmlAttributes(attributes))
            renderInlines(content)
            builder.end()
        case .blockQuote(let blocks):
            builder.start("blockquote")
            builder.newline()
            renderBlocks(blocks, headingLevel: headingLevel)
            builder.end()
        case .list(let list):
            renderList(list, headingLevel: headingLevel)
        case .codeBlock(let language, let text):
            renderCodeBlock(language: language, text: text)
        case .thematicBreak:
            builder.empty("hr")
        case .table(let table):
            renderTable(table)
        case .div(let attributes, let blocks):
            if renderContainer(attributes, blocks, headingLevel: headingLevel) { break }
            var result = htmlAttributes(attributes)
            if attributes.hasClass("epigraph"), !result.contains(where: { $0.0 == "epub:type" }) {
                result += [("epub:type", "epigraph"), ("role", "doc-epigraph")]
            }
            builder.start("div", result)
            builder.newline()
            renderBlocks(blocks, headingLevel: headingLevel)
            builder.end()
        case .section(let section):
            renderSection(section, headingLevel: headingLevel)
        }
        builder.newline()
    }

    /// `<pre><code class="language-x">`, its text in `<span class="hl-…">`
    /// runs when the language is one Galley highlights and the book has not
    /// turned highlighting off (`highlight: false`).
    private mutating func renderCodeBlock(language: String?, text: String) {
        builder.start("pre")
        let classes =
            language.map { $0.filter { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-" || $0 == "+") } }
            .flatMap { $0.isEmpty ? nil : [("class", "language-\($0)")] } ?? []
        builder.start("code", classes)
        let code = text.hasSuffix("\n") ? String(text.dropLast()) : text
        if publication.book.metadata.highlight, let language, let runs = Highlighter.highlight(code, language: language)
        {
            for run in runs {
                if let style = run.style {
                    builder.element("span", [("class", style.rawValue)], text: run.text)
                } else {
                    builder.text(run.text)
                }
            }
        } else {
            builder.text(code)
        }
        builder.end()
        builder.end()
    }

    private mutating func renderSection(_ section: Section, headingLevel: Int) {
        builder.start("section", htmlAttributes(section.attributes))
        builder.newline()
        var childLevel = headingLevel
        if !EPUBPlainText.label(section.title).isEmpty {
            let level = min(6, headingLevel)
            headingLevels.append(level)
            builder.start("h\(level)")
            renderInlines(section.title)
            builder.end()
            builder.newline()
            childLevel = headingLevel + 1
        }
        renderBlocks(section.blocks, headingLevel: childLevel)
        builder.end()
    }

    private mutating func renderList(_ list: List, headingLevel: Int) {
        switch list.kind {
        case .bullet:
            builder.start("ul")
        case .ordered(let start):
            builder.start("ol", start == 1 ? [] : [("start", String(start))])
        }
        builder.newline()
        for item in list.items {
            builder.start("li", item.task == nil ? [] : [("class", "task")])
            if let done = item.task {
                builder.element("span", [("class", done ? "task-box done" : "task-box")], text: done ? "☑" : "☐")
                builder.text(" ")
            }
            for (index, block) in item.blocks.enumerated() {
                // A tight list shows its paragraphs without <p>, as cmark does.
                if list.isTight, case .paragraph(let inlines) = block, Walk.soleImage(inlines) == nil {
                    if index > 0 { builder.empty("br") }
                    renderInlines(inlines)
                } else {
                    renderBlock(block, headingLevel: headingLevel)
                }
            }
            builder.end()
            builder.newline()
        }
        builder.end()
    }

    private mutating func renderTable(_ table: Table) {
        builder.start("table")
        builder.newline()
        func alignment(_ column: Int) -> [(String, String)] {
            guard column < table.alignments.count else { return [] }
            switch table.alignments[column] {
            case .none: return []
            case .left: return [("class", "align-left")]
            case .center: return [("class", "align-center")]
            case .right: return [("class", "align-right")]
            }
        }
        let columns = max(table.columnCount, table.header.count)
        if table.header.contains(where: { !$0.isEmpty }) {
            builder.start("thead")
            builder.start("tr")
            for column in 0..<columns {
                builder.start("th", alignment(column) + [("scope", "col")])
                if column < table.header.count { renderInlines(table.header[column]) }
                builder.end()
            }
            builder.end()
            builder.end()
            builder.newline()
        }
        if !table.rows.isEmpty {
            builder.start("tbody")
            builder.newline()
            for row in table.rows {
                builder.start("tr")
                for column in 0..<max(columns, row.count) {
                    builder.start("td", alignment(column))
                    if column < row.count { renderInlines(row[column]) }
                    builder.end()
                }
                builder.end()
                builder.newline()
            }
            builder.end()
            builder.newline()
        }
        builder.end()
    }
}
