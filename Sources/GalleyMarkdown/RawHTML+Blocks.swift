import CLibXML2
import GalleyCore

extension RawHTML {
    enum Wrapper {
        case open(name: String, tag: String)
        case close(name: String)
        /// An opening tag at the block's start, the rest of the block inside
        /// it, and its closing tag further on (`<details>` then
        /// `<summary>…</summary>`, on the same line or the next, Markdown,
        /// `</details>`).
        /// `lines`: how many lines after the tag's the content starts (0 or 1).
        case openWithContent(name: String, tag: String, content: String, lines: Int)

        /// Only a tag: nothing of the block is content.
        var isMarker: Bool {
            if case .openWithContent = self { return false }
            return true
        }
    }

    /// An HTML block that is only the opening or only the closing tag of a
    /// container (`<div class="box">`, `</aside>`), as cmark leaves it when
    /// Markdown sits between the two; or that opens with such a tag on a
    /// line of its own and does not close it.
    static func wrapperTag(_ literal: String) -> Wrapper? {
        var text = Substring(literal)
        while text.last?.isWhitespace == true { text = text.dropLast() }
        if let newline = text.firstIndex(of: "\n") {
            var firstLine = text[..<newline]
            while firstLine.last?.isWhitespace == true { firstLine = firstLine.dropLast() }
            let rest = String(text[text.index(after: newline)...])
            switch wrapperTag(String(firstLine)) {
            case .open(let name, let tag)? where !text.lowercased().contains("</\(name)"):
                return .openWithContent(name: name, tag: tag, content: rest, lines: 1)
            case .openWithContent(let name, let tag, let content, _)? where !text.lowercased().contains("</\(name)"):
                return .openWithContent(name: name, tag: tag, content: content + "\n" + rest, lines: 0)
            default:
                return nil
            }
        }
        // `<details><summary>…</summary>`: the opening tag, then content on its line.
        if let end = firstTagEnd(text), end < text.index(before: text.endIndex),
            case .open(let name, let tag)? = wrapperTag(String(text[...end])),
            !text.lowercased().contains("</\(name)")
        {
            return .openWithContent(name: name, tag: tag, content: String(text[text.index(after: end)...]), lines: 0)
        }
        guard text.first == "<", text.last == ">", isOneTag(text) else { return nil }
        let closing = text.dropFirst().first == "/"
        let name = text.dropFirst(closing ? 2 : 1).prefix(while: { $0.isLetter || $0.isNumber }).lowercased()
        guard divisions.contains(name) || name == "blockquote" else { return nil }
        if closing { return .close(name: name) }
        guard !text.hasSuffix("/>") else { return nil }
        return .open(name: name, tag: String(text))
    }

    /// `<…>` is one tag: no `<` or `>` outside quoted attribute values but
    /// the two that enclose it (mdBook captions quote code: `caption="… Option<T> …"`).
    static func isOneTag(_ text: Substring) -> Bool {
        firstTagEnd(text) == text.indices.last
    }

    /// Where the tag that `text` starts with ends (its `>`, outside quoted
    /// attribute values); nil when `text` does not start with one.
    static func firstTagEnd(_ text: Substring) -> Substring.Index? {
        guard text.first == "<" else { return nil }
        var quote: Character?
        for index in text.indices.dropFirst() {
            let character = text[index]
            if let open = quote {
                if character == open { quote = nil }
            } else if character == "\"" || character == "'" {
                quote = character
            } else if character == "<" {
                return nil
            } else if character == ">" {
                return index
            }
        }
        return nil
    }

    /// The attributes a wrapper's opening tag gives its `.div`.
    mutating func wrapperAttributes(name: String, tag: String, line: Int) -> Attributes {
        self.line = line
        let fragment = HTMLFragment(tag + "</\(name)>")
        guard let element = fragment.nodes.first(where: HTMLNode.isElement) else { return Attributes(classes: [name]) }
        var attributes = attributes(element)
        if name != "div" { attributes.classes.insert(name, at: 0) }
        return attributes
    }

    /// Maps an HTML block (cmark's `html_block`) to blocks. Loose inline
    /// content between block elements becomes a paragraph.
    mutating func blocks(_ html: String, line: Int) -> [Block] {
        self.line = line
        slots = []
        let fragment = HTMLFragment(html)
        return blocks(fragment.nodes)
    }

    mutating func blocks(_ nodes: [xmlNodePtr]) -> [Block] {
        var result: [Block] = []
        var loose: [Inline] = []
        func flush(_ result: inout [Block]) {
            let content = Self.trimmed(MergeText.merged(loose))
            loose = []
            if !content.isEmpty { result.append(.paragraph(content)) }
        }
        for node in nodes {
            let name = HTMLNode.isElement(node) ? HTMLNode.name(node) : ""
            if HTMLNode.isElement(node), Self.blockLevel.contains(name) {
                flush(&result)
                result += block(node, name: name)
            } else {
                loose += inline(node)
            }
        }
        flush(&result)
        return result
    }

    mutating func block(_ node: xmlNodePtr, name: String) -> [Block] {
        if depth >= MarkdownConverter.maximumBlockDepth {
            let content = Self.trimmed(flattenedInlines(node))
            return content.isEmpty ? [] : [.paragraph(content)]
        }
        depth += 1
        defer { depth -= 1 }
        let children = HTMLNode.children(of: node)
        switch name {
        case "p":
            let content = Self.trimmed(MergeText.merged(inlines(children)))
            return content.isEmpty ? [] : [.paragraph(content)]
        case "blockquote":
            return [.blockQuote(blocks(children))]
        case "ul", "ol":
            let items = children.filter { HTMLNode.isElement($0) && HTMLNode.name($0) == "li" }
                .map { ListItem(blocks: blocks(HTMLNode.children(of: $0))) }
            let start = HTMLNode.attribute(node, "start").flatMap(Int.init) ?? 1
            return [.list(List(kind: name == "ol" ? .ordered(start: start) : .bullet, items: items))]
        case "li":
            return [.list(List(kind: .bullet, items: [ListItem(blocks: blocks(children))]))]
        case "h1", "h2", "h3", "h4", "h5", "h6":
            let level = Int(String(name.last!))!
            return [
                .heading(
                    level: level, attributes: attributes(node),
                    content: Self.trimmed(MergeText.merged(inlines(children))))
            ]
        case "hr":
            return [.thematicBreak]
        case "pre":
            var text = filteredText(HTMLNode.textContent(node))
            if text.hasPrefix("\n") { text.removeFirst() }
            return [.codeBlock(language: nil, text: text)]
        case "table", "thead", "tbody", "tfoot", "tr":
            return table(node)
        case "td", "th", "caption":
            return blocks(children)
        default:
            if Self.divisions.contains(name) {
                var attributes = attributes(node)
                if name != "div" { attributes.classes.insert(name, at: 0) }
                if name == CodeListing.className, let code = Self.fencedCode(filteredText(HTMLNode.textContent(node))) {
                    return [.div(attributes, [code])]
                }
                return [.div(attributes, blocks(children))]
            }
            let kept = dropped(node, name: name)
            let text = kept.attributeText.joined(separator: " ")
            return (text.isEmpty ? [] : [.paragraph([.text(text)])]) + (kept.keepsContent ? blocks(children) : [])
        }
    }

    /// An HTML table: rows from `thead`/`tbody`/`tfoot` or directly; the
    /// header is the first row when it sits in `thead` or holds only `th`.
    mutating func table(_ node: xmlNodePtr) -> [Block] {
        var rows: [(cells: [xmlNodePtr], isHeader: Bool)] = []
        func collect(_ node: xmlNodePtr, inHead: Bool) {
            for child in HTMLNode.children(of: node) where HTMLNode.isElement(child) {
                switch HTMLNode.name(child) {
                case "thead": collect(child, inHead: true)
                case "tbody", "tfoot": collect(child, inHead: false)
                case "tr":
                    let cells = HTMLNode.children(of: child).filter {
                        HTMLNode.isElement($0) && ["td", "th"].contains(HTMLNode.name($0))
                    }
                    let allHeads = !cells.isEmpty && cells.allSatisfy { HTMLNode.name($0) == "th" }
                    rows.append((cells, inHead || allHeads))
                default: continue
                }
            }
        }
        if HTMLNode.name(node) == "tr" {
            collect(node.pointee.parent ?? node, inHead: false)
        } else {
            collect(node, inHead: HTMLNode.name(node) == "thead")
        }
        guard !rows.isEmpty else { return [] }
        let columns = rows.map(\.cells.count).max() ?? 0
        var alignments: [Table.Alignment] = Array(repeating: .none, count: columns)
        for (index, cell) in rows[0].cells.enumerated() {
            switch HTMLNode.attribute(cell, "align")?.lowercased() {
            case "left": alignments[index] = .left
            case "center": alignments[index] = .center
            case "right": alignments[index] = .right
            default: break
            }
        }
        var cellRows = rows.map { row -> [Table.Cell] in
            var cells = row.cells.map { Self.trimmed(MergeText.merged(inlines(HTMLNode.children(of: $0)))) }
            while cells.count < columns { cells.append([]) }
            return cells
        }
        let header = rows[0].isHeader ? cellRows.removeFirst() : Array(repeating: [], count: columns)
        return [.table(Table(alignments: alignments, header: header, rows: cellRows))]
    }

    /// A listing whose fenced code cmark left inside the HTML block (no
    /// blank line around it): the code block it holds, from the raw text.
    static func fencedCode(_ text: String) -> Block? {
        var lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        while let first = lines.first, first.allSatisfy(\.isWhitespace) { lines.removeFirst() }
        while let last = lines.last, last.allSatisfy(\.isWhitespace) { lines.removeLast() }
        guard let first = lines.first?.drop(while: { $0 == " " }), first.hasPrefix("```") || first.hasPrefix("~~~")
        else { return nil }
        let info = first.drop(while: { $0 == "`" || $0 == "~" }).split(separator: " ").first.map(String.init)
        lines.removeFirst()
        if let last = lines.last?.drop(while: { $0 == " " }), last.hasPrefix("```") || last.hasPrefix("~~~") {
            lines.removeLast()
        }
        return .codeBlock(language: info, text: lines.joined(separator: "\n") + "\n")
    }

    /// Inline content without the leading and trailing white space (and
    /// line breaks of the HTML source) that indentation leaves.
    static func trimmed(_ inlines: [Inline]) -> [Inline] {
        var result = inlines[...]
        while let first = result.first {
            if first == .softBreak { result = result.dropFirst(); continue }
            guard case .text(let text) = first else { break }
            let stripped = text.drop(while: \.isWhitespace)
            if stripped.isEmpty { result = result.dropFirst(); continue }
            result[result.startIndex] = .text(String(stripped))
            break
        }
        while let last = result.last {
            if last == .softBreak { result = result.dropLast(); continue }
            guard case .text(let text) = last else { break }
            var stripped = Substring(text)
            while stripped.last?.isWhitespace == true { stripped = stripped.dropLast() }
            if stripped.isEmpty { result = result.dropLast(); continue }
            result[result.index(before: result.endIndex)] = .text(String(stripped))
            break
        }
        return Array(result)
    }
}
