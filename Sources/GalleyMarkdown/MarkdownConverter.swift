import CCmarkGFM
import GalleyCore

/// Converts one chapter's cmark-gfm tree into Galley blocks, footnotes and
/// diagnostics. Raw HTML goes to `RawHTML`; fenced-div markers left by
/// `FencedDivs.mark` become `.div` blocks.
struct MarkdownConverter {
    /// The chapter as the reader shows it in messages (`Source/ch1.md`).
    let file: String
    /// The bytes cmark parsed, to read footnote labels back by position.
    let source: [UInt8]
    let divAttributes: [Attributes]
    let lineStarts: [Int]
    var diagnostics: [Diagnostic] = []
    /// cmark-gfm 0.29 gives each reference its ordinal ("1", "2") instead
    /// of its label; this maps the ordinal back to the label written.
    var labelByOrdinal: [String: String] = [:]
    /// Lines of each explicit id, in the order written, for duplicate-id messages.
    var idLines: [String: [Int]] = [:]
    /// Containers nested too deep to keep, flattened into their parent, and
    /// the line of the first: one `markdown.too-deep` warning says so.
    var flattened = 0
    var firstFlattenedLine: Int?

    init(file: String, source: [UInt8], divAttributes: [Attributes]) {
        self.file = file
        self.source = source
        self.divAttributes = divAttributes
        var starts = [0]
        for (index, byte) in source.enumerated() where byte == UInt8(ascii: "\n") {
            starts.append(index + 1)
        }
        lineStarts = starts
    }

    func location(_ line: Int) -> SourceLocation {
        SourceLocation(file: file, line: line > 0 ? line : nil)
    }

    mutating func warn(_ code: MarkdownCode, _ message: String, line: Int) {
        diagnostics.append(Diagnostic(code, severity: .warning, message, at: location(line)))
    }

    /// The document's blocks and its footnote definitions (labels as written).
    mutating func convert(_ document: CmarkNode) -> (blocks: [Block], footnotes: [Footnote]) {
        var body: [CmarkNode] = []
        var definitions: [CmarkNode] = []
        for child in document.children {
            if child.type == CMARK_NODE_FOOTNOTE_DEFINITION { definitions.append(child) } else { body.append(child) }
        }
        let blocks = self.blocks(body, depth: 0)
        var footnotes: [Footnote] = []
        for (index, definition) in definitions.enumerated() {
            let ordinal = String(index + 1)
            let label = labelByOrdinal[ordinal] ?? ordinal
            footnotes.append(Footnote(label: label, blocks: self.blocks(definition.children, depth: 1)))
        }
        if flattened > 0 {
            warn(
                .tooDeep,
                "\(flattened) container(s) nested deeper than \(Self.maximumBlockDepth) "
                    + "block or \(Self.maximumDepth) inline levels were flattened into their parent; "
                    + "their text is kept",
                line: firstFlattenedLine ?? 0)
        }
        return (blocks, footnotes)
    }

    // MARK: Blocks

    /// - Parameter depth: how many containers hold `nodes` (as `LimitNesting` counts).
    mutating func blocks(_ nodes: [CmarkNode], depth: Int) -> [Block] {
        let openLimit = max(0, Self.maximumBlockDepth - depth)
        var items: [FencedDivs.Item] = []
        // Divs open around the next block, as `FencedDivs.group` will pair them:
        // the blocks inside are that much deeper.
        var open = 0
        for node in nodes {
            if let found = divItems(node, depth: depth + min(open, openLimit)) {
                for item in found {
                    switch item {
                    case .open: open += 1
                    case .close: open = max(0, open - 1)
                    default: break
                    }
                }
                items += found
                continue
            }
            items.append(contentsOf: block(node, depth: depth + min(open, openLimit)).map { .block($0) })
        }
        let grouped = FencedDivs.group(items, openLimit: openLimit)
        for (message, line) in grouped.problems { warn(.unbalancedDiv, message, line: line) }
        if let line = grouped.firstFlattenedLine {
            flattened += grouped.flattened
            firstFlattenedLine = min(firstFlattenedLine ?? line, line)
        }
        return grouped.blocks
    }

    /// A fenced-div marker or a lone wrapper tag (`<div class="x">`,
    /// `</div>`: cmark splits the HTML around the Markdown inside), as an
    /// opening or closing item to pair, with the blocks of an HTML block that
    /// opens a container and goes on inside it; nil for any other node.
    mutating func divItems(_ node: CmarkNode, depth: Int) -> [FencedDivs.Item]? {
        guard node.type == CMARK_NODE_HTML_BLOCK else { return nil }
        if let marker = FencedDivs.marker(in: node.literal) {
            switch marker {
            case .open(let index):
                var attributes = divAttributes[index]
                attributes.id = checkedID(attributes.id, line: node.startLine)
                return [.open(attributes, line: node.startLine, closer: ":::")]
            case .close:
                return [.close(line: node.startLine, closer: ":::")]
            }
        }
        switch RawHTML.wrapperTag(node.literal) {
        case .open(let name, let tag)?:
            var html = RawHTML(file: file)
            let attributes = html.wrapperAttributes(name: name, tag: tag, line: node.startLine)
            absorb(html)
            return [.open(attributes, line: node.startLine, closer: "</\(name)>")]
        case .openWithContent(let name, let tag, let content, let lines)?:
            var html = RawHTML(file: file)
            let attributes = html.wrapperAttributes(name: name, tag: tag, line: node.startLine)
            html.depth = depth + 1
            let inside = html.blocks(content, line: node.startLine + lines)
            absorb(html)
            return [.open(attributes, line: node.startLine, closer: "</\(name)>")] + inside.map { .block($0) }
        case .close(let name)?:
            return [.close(line: node.startLine, closer: "</\(name)>")]
        case nil:
            return nil
        }
    }

    /// One switch over cmark's block kinds, as cmark's own renderers have; its
    /// length is the number of kinds.
    mutating func block(_ node: CmarkNode, depth: Int) -> [Block] {
        if let name = node.extensionType, name == "table" {
            return [.table(table(node))]
        }
        switch node.type {
        case CMARK_NODE_PARAGRAPH:
            var content = inlines(of: node, depth: 0)
            // Typed first-line indents (U+3000 U+3000, the plain-text habit)
            // go: CSS indents paragraphs, and a typed indent would double it.
            if case .text(let text)? = content.first, text.hasPrefix("\u{3000}") {
                let rest = String(text.drop(while: { $0 == "\u{3000}" }))
                if rest.isEmpty { content.removeFirst() } else { content[0] = .text(rest) }
            }
            return content.isEmpty ? [] : [.paragraph(content)]
        case CMARK_NODE_HEADING:
            var content = inlines(of: node, depth: 0)
            var attributes = Attributes.empty
            if let (stripped, parsed) = HeadingAttributes.split(content) {
                content = stripped
                attributes = parsed
                attributes.id = checkedID(attributes.id, line: node.startLine)
            }
            return [
                .heading(
                    level: Int(cmark_node_get_heading_level(node.pointer)), attributes: attributes,
                    content: content)
            ]
        case CMARK_NODE_BLOCK_QUOTE:
            if depth >= Self.maximumBlockDepth { return flattenedBlocks(node) }
            return [.blockQuote(blocks(node.children, depth: depth + 1))]
        case CMARK_NODE_LIST:
            if depth >= Self.maximumBlockDepth { return flattenedBlocks(node) }
            let ordered = cmark_node_get_list_type(node.pointer) == CMARK_ORDERED_LIST
            let kind: List.Kind = ordered ? .ordered(start: Int(cmark_node_get_list_start(node.pointer))) : .bullet
            let items = node.children.map { item -> ListItem in
                let task: Bool? =
                    item.extensionType == "tasklist"
                    ? cmark_gfm_extensions_get_tasklist_item_checked(item.pointer) : nil
                return ListItem(task: task, blocks: blocks(item.children, depth: depth + 1))
            }
            return [.list(List(kind: kind, isTight: cmark_node_get_list_tight(node.pointer) != 0, items: items))]
        case CMARK_NODE_CODE_BLOCK:
            let info = node.fenceInfo.split(separator: " ").first.map(String.init)
            return [.codeBlock(language: info, text: filtered(node.literal, line: node.startLine))]
        case CMARK_NODE_HTML_BLOCK:
            var html = RawHTML(file: file)
            html.depth = depth
            let result = html.blocks(node.literal, line: node.startLine)
            absorb(html)
            return result
        case CMARK_NODE_THEMATIC_BREAK:
            return [.thematicBreak]
        default:
            // Custom blocks and anything a future cmark adds: keep the content.
            if depth >= Self.maximumBlockDepth { return flattenedBlocks(node) }
            return blocks(node.children, depth: depth)
        }
    }

    mutating func table(_ node: CmarkNode) -> Table {
        let rows = node.children
        let columnCount = rows.first?.children.count ?? 0
        var alignments: [Table.Alignment] = []
        if let raw = cmark_gfm_extensions_get_table_alignments(node.pointer) {
            for column in 0..<columnCount {
                switch raw[column] {
                case UInt8(ascii: "l"): alignments.append(.left)
                case UInt8(ascii: "c"): alignments.append(.center)
                case UInt8(ascii: "r"): alignments.append(.right)
                default: alignments.append(.none)
                }
            }
        } else {
            alignments = Array(repeating: .none, count: columnCount)
        }
        var header: [Table.Cell] = []
        var body: [[Table.Cell]] = []
        for (index, row) in rows.enumerated() {
            var cells = row.children.map { inlines(of: $0, depth: 0) }
            while cells.count < columnCount { cells.append([]) }
            if index == 0 { header = cells } else { body.append(cells) }
        }
        return Table(alignments: alignments, header: header, rows: body)
    }

    /// An explicit id as written, or nil with a warning when it is not an
    /// ASCII XML name (EPUB file ids and fragment links need one).
    mutating func checkedID(_ id: String?, line: Int) -> String? {
        guard let id else { return nil }
        if AssignIdentifiers.isValid(id) {
            idLines[id, default: []].append(line)
            return id
        }
        warn(
            .invalidId,
            "the id `\(id)` is not an ASCII XML name (a letter, then letters, digits, "
                + "`-`, `_`, `.`); a generated id is used instead", line: line)
        return nil
    }

    /// Takes over what a raw HTML mapping found.
    mutating func absorb(_ html: RawHTML) {
        diagnostics += html.diagnostics
        if let line = html.firstFlattenedLine {
            flattened += html.flattened
            firstFlattenedLine = min(firstFlattenedLine ?? line, line)
        }
        for (id, lines) in html.idLines { idLines[id, default: []] += lines }
    }

    /// `text` without the characters XML 1.0 forbids, with a warning.
    mutating func filtered(_ text: String, line: Int) -> String {
        let clean = XMLCharacters.filtered(text)
        if clean != text {
            warn(.forbiddenCharacter, "removed control characters that XML does not allow", line: line)
        }
        return clean
    }
}
