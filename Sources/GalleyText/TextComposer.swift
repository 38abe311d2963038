import GalleyCore

/// Walks the tree and feeds `LineLayout`. It holds the container state that
/// blocks set up for their children: the indent every line of a block quote
/// or list item starts with, and a pending list or note marker that replaces
/// the indent on the next line written.
struct TextComposer {
    let book: Book
    let layout: LineLayout
    var output = TextOutput()
    var inlines: InlineText
    /// Prefix of every line in the current container.
    var indent = ""
    /// Replaces `indent` on the next line written: a list or note marker.
    var pendingMarker: String?
    /// Inside a list item or a note, paragraphs take no first-line indent.
    var inItem = false
    var isCJK: Bool
    /// The language of the division being written (labels follow it).
    var language: String

    init(book: Book, options: TextWriter.Options) {
        self.book = book
        let measure = DisplayWidth(ambiguousIsWide: options.ambiguousIsWide)
        let columns = options.columns.flatMap { $0 > 0 ? $0 : nil }
        self.layout = LineLayout(columns: columns, measure: measure)
        self.isCJK = book.metadata.isCJK
        self.language = book.metadata.language
        self.inlines = InlineText(measure: measure, isCJK: book.metadata.isCJK)
    }

    var measure: DisplayWidth { layout.measure }
    var isWrapping: Bool { layout.columns != nil }
    /// Chinese paragraphs open with two ideographic spaces (clreq §first_line_indents).
    var paragraphIndent: String { isCJK ? "\u{3000}\u{3000}" : "" }
    var quoteIndent: String { isCJK ? "\u{3000}\u{3000}" : "    " }
    static let codeIndent = "    "
    /// What opens every line of a block quote.
    static let quoteMark = "> "

    mutating func compose() -> [UInt8] {
        // A title page division carries the title itself; the metadata block
        // would only repeat it.
        if !book.divisions.contains(where: { $0.role == .titlepage }) { titleBlock() }
        for division in book.divisions { write(division) }
        return output.finished()
    }

    // MARK: Lines

    /// Lays out `run` in the current container and writes its lines.
    @discardableResult
    mutating func write(
        _ run: TextRun, firstIndent: String = "",
        alignment: LineLayout.Alignment = .left
    ) -> [LineLayout.Line] {
        guard !run.isEmpty else { return [] }
        let first = (pendingMarker ?? indent) + firstIndent
        pendingMarker = nil
        // Lines after a hard break (verse, addresses) keep the first line's indent.
        let lines = layout.layout(
            run, firstPrefix: first, restPrefix: indent,
            breakPrefix: indent + firstIndent,
            alignment: isWrapping ? alignment : .left)
        for line in lines { output.line(line.text) }
        return lines
    }

    /// Writes one line as is (code, rules, table rows) in the current container.
    mutating func writeLine(_ text: String) {
        output.line((pendingMarker ?? indent) + text)
        pendingMarker = nil
    }

    /// The run of a metadata string, its newlines decided as the pipeline
    /// decides soft breaks.
    func run(_ text: String) -> TextRun {
        var run = TextRun(measure: measure)
        run.append(SoftBreaks.resolve(text, cjk: isCJK))
        run.trimSpaces()
        return run
    }

    /// The hanging indent under a marker: U+3000s in CJK books when the
    /// width allows, spaces otherwise.
    func hang(_ width: Int) -> String {
        if isCJK, width % 2 == 0 { return String(repeating: "\u{3000}", count: width / 2) }
        return String(repeating: " ", count: width)
    }

    // MARK: Book structure

    mutating func titleBlock() {
        let metadata = book.metadata
        let alignment = LineLayout.Alignment.center
        write(run(metadata.title), alignment: alignment)
        if let subtitle = metadata.subtitle { write(run(subtitle), alignment: alignment) }
        output.requestBlankLines(1)
        for creator in metadata.creators {
            write(run(creatorLine(creator)), alignment: alignment)
        }
        output.requestBlankLines(1)
        if let publisher = metadata.publisher { write(run(publisher), alignment: alignment) }
        if let date = metadata.date { write(run(date), alignment: alignment) }
    }

    /// "上海市党建研究会 编著": the name and the role as printed; without a
    /// printed role, the common MARC relators in the book's language.
    func creatorLine(_ creator: Creator) -> String {
        if let role = creator.displayRole, !role.isEmpty { return "\(creator.name) \(role)" }
        let labels: [String: (cjk: String, other: String)] = [
            "edt": ("编", "editor"), "trl": ("译", "translator"), "ill": ("绘", "illustrator"),
        ]
        guard let label = labels[creator.role] else { return creator.name }
        return isCJK ? "\(creator.name) \(label.cjk)" : "\(creator.name) (\(label.other))"
    }

    mutating func write(_ division: Division) {
        language = division.language ?? book.metadata.language
        isCJK = Language.isCJK(language)
        inlines.isCJK = isCJK
        var numbers: [String: Int] = [:]
        for note in division.footnotes { numbers[note.label] = note.number }
        inlines.footnoteNumbers = numbers
        // A division nested under another (an mdBook sub-chapter) is headed
        // like a section of it, its own sections one level deeper.
        output.requestBlankLines(division.depth == 0 ? 2 : 1)
        heading(division.title, underline: division.depth == 0 ? "=" : division.depth == 1 ? "-" : nil)
        blocks(division.blocks, depth: 1 + division.depth)
        if !division.footnotes.isEmpty {
            // Notes follow their division, each under its marker with a hanging indent.
            output.requestBlankLines(1)
            for note in division.footnotes {
                let marker = InlineText.noteMarker(numbers[note.label], label: note.label) + " "
                item(marker: marker, blocks: note.blocks, tight: true, depth: 1)
            }
        }
    }

    /// A heading on its own lines, set apart by blank lines; `underline`
    /// repeats under it for the width of its widest line.
    mutating func heading(_ content: [Inline], underline: Character?) {
        let text = inlines.run(content)
        guard !text.isEmpty else { return }
        output.requestBlankLines(1)
        let lines = write(text)
        if let underline, let width = lines.map(\.contentWidth).max(), width > 0 {
            writeLine(String(repeating: underline, count: width))
        }
        output.requestBlankLines(1)
    }

    // MARK: Blocks

    /// Blocks of one container. Chinese paragraphs follow each other without
    /// blank lines (their indent marks them); everything else is set apart.
    mutating func blocks(_ list: [Block], depth: Int, tight: Bool = false) {
        for (index, block) in list.enumerated() {
            if index > 0, !tight, !(isCJK && block.isParagraph && list[index - 1].isParagraph) {
                output.requestBlankLines(1)
            }
            write(block, depth: depth)
        }
    }

    mutating func write(_ block: Block, depth: Int) {
        switch block {
        case .paragraph(let content):
            write(inlines.run(content), firstIndent: inItem ? "" : paragraphIndent)
            // A figure's title is its caption (the EPUB's figcaption), on a line of its own.
            if let title = Walk.soleImage(content)?.title, !title.allSatisfy(\.isWhitespace) {
                write(inlines.run([.text(title)]), firstIndent: inItem ? "" : paragraphIndent)
            }
        case .heading(_, _, let content):
            heading(content, underline: nil)
        case .blockQuote(let children):
            // Marked, not only indented, so a quote never looks like code.
            indented(by: Self.quoteMark) { $0.blocks(children, depth: depth) }
        case .list(let list):
            write(list, depth: depth)
        case .codeBlock(_, let text):
            code(text)
        case .thematicBreak:
            thematicBreak()
        case .table(let table):
            write(table)
        case .div(let attributes, let children):
            if attributes.hasClass("signature") {
                signature(children, depth: depth)
            } else if attributes.hasClass("epigraph") {
                indented(by: quoteIndent) { $0.blocks(children, depth: depth) }
            } else if let listing = CodeListing(attributes) {
                self.listing(listing, children, depth: depth)
            } else if attributes.classes.first == "dl" {
                definitionList(children, depth: depth)
            } else {
                blocks(children, depth: depth)
            }
        case .section(let section):
            // Only the first level under the division title is underlined.
            heading(section.title, underline: depth == 1 ? "-" : nil)
            blocks(section.blocks, depth: depth + 1)
        }
    }

    mutating func indented(by extra: String, _ body: (inout TextComposer) -> Void) {
        let saved = indent
        indent += extra
        if let marker = pendingMarker { pendingMarker = marker + extra }
        body(&self)
        indent = saved
    }

    mutating func write(_ list: List, depth: Int) {
        var markers: [String]
        switch list.kind {
        case .bullet:
            markers = Array(repeating: isCJK ? "\u{30FB}" : "- ", count: list.items.count)
        case .ordered(let start):
            let labels = list.items.indices.map { "\(start + $0)." }
            let width = labels.map(\.count).max() ?? 0
            markers = labels.map { String(repeating: " ", count: width - $0.count) + $0 + " " }
        }
        for (index, listItem) in list.items.enumerated() {
            if index > 0, !list.isTight { output.requestBlankLines(1) }
            var marker = markers[index]
            if let done = listItem.task {
                let box = done ? "[x] " : "[ ] "
                // A task box takes the bullet's place; a number stays before it.
                if case .bullet = list.kind { marker = box } else { marker += box }
            }
            item(marker: marker, blocks: listItem.blocks, tight: list.isTight, depth: depth)
        }
    }

    /// A list item or a note: the marker opens its first line, the rest hangs under it.
    mutating func item(marker: String, blocks content: [Block], tight: Bool, depth: Int) {
        let savedIndent = indent, savedInItem = inItem
        pendingMarker = (pendingMarker ?? indent) + marker
        indent += hang(measure.columns(of: marker))
        inItem = true
        blocks(content, depth: depth, tight: tight)
        if let marker = pendingMarker {
            output.line(marker)   // an empty item still shows its marker
            pendingMarker = nil
        }
        indent = savedIndent
        inItem = savedInItem
    }

    /// Verbatim, never wrapped: code keeps its line structure whatever the width.
    mutating func code(_ text: String) {
        var lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        if lines.last?.isEmpty == true { lines.removeLast() }
        for line in lines { writeLine(Self.codeIndent + line) }
    }

    /// mdBook's listing: the file name, the code, then the numbered caption.
    mutating func listing(_ listing: CodeListing, _ children: [Block], depth: Int) {
        if let fileLine = listing.fileLine(language: language) {
            write(inlines.run([.text(fileLine)]))
            output.requestBlankLines(1)
        }
        blocks(children, depth: depth)
        if let title = listing.title(language: language) {
            output.requestBlankLines(1)
            write(inlines.run([.text(title)]))
        }
    }

    /// `<dl>`: each term on its own line, its definition indented under it.
    mutating func definitionList(_ children: [Block], depth: Int) {
        for (index, child) in children.enumerated() {
            if index > 0 { output.requestBlankLines(1) }
            guard case .div(let attributes, let content) = child else {
                write(child, depth: depth)
                continue
            }
            switch attributes.classes.first {
            case "dt":
                for block in content {
                    if case .paragraph(let term) = block {
                        write(inlines.run(term))
                    } else {
                        write(block, depth: depth)
                    }
                }
            case "dd":
                indented(by: quoteIndent) { $0.blocks(content, depth: depth) }
            default:
                write(child, depth: depth)
            }
        }
    }

    mutating func thematicBreak() {
        let mark = "＊ ＊ ＊"
        output.requestBlankLines(1)
        if let room = layout.available(after: pendingMarker ?? indent) {
            writeLine(String(repeating: " ", count: max(room - measure.columns(of: mark), 0) / 2) + mark)
        } else {
            writeLine(paragraphIndent + mark)
        }
        output.requestBlankLines(1)
    }

    /// A signature (::: signature) sits flush right when wrapping and on
    /// lines of its own otherwise.
    mutating func signature(_ children: [Block], depth: Int) {
        for block in children {
            if case .paragraph(let content) = block {
                write(inlines.run(content), alignment: .right)
            } else {
                write(block, depth: depth)
            }
        }
    }
}

fileprivate extension Block {
    var isParagraph: Bool {
        if case .paragraph = self { return true }
        return false
    }
}
