import CCmarkGFM
import GalleyCore

extension MarkdownConverter {
    /// The inline children of a paragraph, heading, cell or inline
    /// container. Raw HTML tags arrive as separate sibling nodes (`<sup>`,
    /// text, `</sup>`), so a run holding any is stitched together by
    /// `RawHTML.inlines`, which parses the whole run at once.
    /// - Parameter depth: how many inline containers hold the children (as `LimitNesting` counts).
    mutating func inlines(of parent: CmarkNode, depth: Int) -> [Inline] {
        var pieces: [RawHTML.Piece] = []
        var hasHTML = false
        for child in parent.children {
            if child.type == CMARK_NODE_HTML_INLINE {
                hasHTML = true
                pieces.append(.html(child.literal))
            } else {
                pieces.append(contentsOf: inline(child, depth: depth).map { .inline($0) })
            }
        }
        var result: [Inline]
        if hasHTML {
            var html = RawHTML(file: file)
            html.depth = depth
            result = html.inlines(pieces, line: parent.startLine)
            absorb(html)
        } else {
            result = pieces.compactMap { if case .inline(let inline) = $0 { inline } else { nil } }
        }
        result = RubySyntax.attach(ImageAttributes.attach(MergeText.merged(result)))
        reportUndefinedFootnotes(in: result, line: parent.startLine)
        return result
    }

    mutating func inline(_ node: CmarkNode, depth: Int) -> [Inline] {
        if depth >= Self.maximumDepth, !Self.isInlineLeaf(node) { return flattenedInlines(node) }
        if node.extensionType == "strikethrough" {
            return [.strikethrough(inlines(of: node, depth: depth + 1))]
        }
        switch node.type {
        case CMARK_NODE_TEXT:
            return [.text(filtered(node.literal, line: node.startLine))]
        case CMARK_NODE_SOFTBREAK:
            return [.softBreak]
        case CMARK_NODE_LINEBREAK:
            return [.lineBreak]
        case CMARK_NODE_CODE:
            return [.code(filtered(node.literal, line: node.startLine))]
        case CMARK_NODE_EMPH:
            return [.emphasis(inlines(of: node, depth: depth + 1))]
        case CMARK_NODE_STRONG:
            return [.strong(inlines(of: node, depth: depth + 1))]
        case CMARK_NODE_LINK:
            let children = inlines(of: node, depth: depth + 1)
            let url = node.url
            let isAutolink = children == [.text(url)] || children == [.text(url.replacingMailto)]
            let title = node.title
            return [
                .link(
                    Link(
                        target: Self.target(url), title: title.isEmpty ? nil : title,
                        children: children, isAutolink: isAutolink,
                        location: location(node.startLine)))
            ]
        case CMARK_NODE_IMAGE:
            guard !node.url.isEmpty else {
                warn(
                    .missingImage, "an image with an empty path was dropped; its description is kept",
                    line: node.startLine)
                return inlines(of: node, depth: depth + 1)
            }
            let title = node.title
            return [
                .image(
                    Image(
                        source: node.url, alt: inlines(of: node, depth: depth + 1),
                        title: title.isEmpty ? nil : title,
                        location: location(node.startLine)))
            ]
        case CMARK_NODE_FOOTNOTE_REFERENCE:
            let label = footnoteLabel(node)
            return [.footnoteReference(label)]
        default:
            return inlines(of: node, depth: depth + 1)
        }
    }

    /// An absolute URL (`scheme:`) is external; anything else is a path in
    /// the book, left for `ResolveLinks`.
    static func target(_ url: String) -> LinkTarget {
        var sawLetter = false
        for byte in url.utf8 {
            switch byte {
            case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"):
                sawLetter = true
            case UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "+"), UInt8(ascii: "-"), UInt8(ascii: "."):
                if !sawLetter { return .unresolved(url) }
            case UInt8(ascii: ":"):
                return sawLetter ? .external(url) : .unresolved(url)
            default:
                return .unresolved(url)
            }
        }
        return .unresolved(url)
    }

    /// The label as written in the source (`[^note]` → `note`), read back
    /// through the node's source position.
    mutating func footnoteLabel(_ node: CmarkNode) -> String {
        let ordinal = node.literal
        if let known = labelByOrdinal[ordinal] { return known }
        var label = ordinal
        if let text = sourceText(line: node.startLine, from: node.startColumn, to: node.endColumn),
            text.hasPrefix("[^"), text.hasSuffix("]"), text.count > 3
        {
            label = String(text.dropFirst(2).dropLast())
        }
        labelByOrdinal[ordinal] = label
        return label
    }

    /// Bytes `from...to` (1-based columns) of one source line, as text.
    func sourceText(line: Int, from: Int, to: Int) -> String? {
        guard line >= 1, line <= lineStarts.count, from >= 1, to >= from else { return nil }
        let start = lineStarts[line - 1] + from - 1
        let end = lineStarts[line - 1] + to
        guard end <= source.count else { return nil }
        return String(decoding: source[start..<end], as: UTF8.self)
    }

    /// Text left as `[^label]`: cmark found no definition for it. Scans
    /// UTF-8 bytes: this runs on every paragraph of the book.
    mutating func reportUndefinedFootnotes(in inlines: [Inline], line: Int) {
        for inline in inlines {
            guard case .text(var text) = inline else { continue }
            // Most text has no "[": look with a contiguous scan first.
            guard text.withUTF8({ $0.contains(UInt8(ascii: "[")) }) else { continue }
            let bytes = text.utf8
            var index = bytes.startIndex
            while let open = bytes[index...].firstIndex(of: UInt8(ascii: "[")) {
                index = bytes.index(after: open)
                guard index < bytes.endIndex, bytes[index] == UInt8(ascii: "^") else { continue }
                let labelStart = bytes.index(after: index)
                guard
                    let close = bytes[labelStart...].firstIndex(where: {
                        $0 == UInt8(ascii: "]") || $0 == UInt8(ascii: "[")
                            || $0 == UInt8(ascii: " ") || $0 == UInt8(ascii: "\n")
                    }), bytes[close] == UInt8(ascii: "]"), close > labelStart
                else { continue }
                let label = String(decoding: bytes[labelStart..<close], as: UTF8.self)
                warn(
                    .undefinedFootnote, "the footnote `[^\(label)]` has no definition; it stays as text",
                    line: line)
                index = bytes.index(after: close)
            }
        }
    }
}

private extension String {
    var replacingMailto: String { hasPrefix("mailto:") ? String(dropFirst(7)) : self }
}
