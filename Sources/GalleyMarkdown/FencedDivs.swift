import GalleyCore

/// Pandoc fenced divs (`::: signature` … `:::`, `::: {.epigraph #id}`),
/// which cmark does not know. Before parsing, each fence line outside code
/// is replaced by an HTML comment marker on the same line (so source
/// positions stay true and one cmark parse still sees every footnote);
/// after conversion the markers are paired into `.div` blocks.
enum FencedDivs {
    static let openPrefix = "<!--galley-div-open "
    static let closeMarker = "<!--galley-div-close-->"

    enum Marker {
        case open(Int)
        case close
    }

    /// The text with fence lines replaced, each opening's attributes, and (message, line) problems.
    typealias Marked = (text: String, attributes: [Attributes], problems: [(String, Int)])

    enum Item {
        case block(Block)
        /// `closer` names what should close it, for messages (`:::`, `</div>`).
        case open(Attributes, line: Int, closer: String)
        case close(line: Int, closer: String)
    }

    /// The chapter text with fence lines replaced, the attributes of each
    /// opening fence, and problems (line, message) with fences.
    static func mark(_ text: String) -> Marked {
        var output = ""
        output.reserveCapacity(text.utf8.count)
        var attributes: [Attributes] = []
        var problems: [(String, Int)] = []
        var depth = 0
        SourceLines.scan(text) { line in
            if line.number > 1 { output += "\n" }
            guard !line.isCode, line.indent <= 3, line.startsWith(":::") else {
                output += line.text
                return
            }
            let stripped = line.stripped
            var rest = stripped.drop(while: { $0 == ":" })
            rest = rest.drop(while: { $0 == " " || $0 == "\t" })
            while rest.last == ":" || rest.last == " " || rest.last == "\t" { rest = rest.dropLast() }
            if rest.isEmpty {
                if depth == 0 {
                    problems.append(("a closing `:::` with no open fenced div", line.number))
                    output += line.text
                    return
                }
                depth -= 1
                output += closeMarker
            } else if let parsed = openingAttributes(rest) {
                depth += 1
                output += openPrefix + "\(attributes.count)-->"
                attributes.append(parsed)
            } else {
                problems.append(
                    (
                        "`\(stripped)` is not a fenced div opening (`::: name` or `::: {.class #id}`)",
                        line.number
                    ))
                output += line.text
            }
        }
        return (output, attributes, problems)
    }

    /// `name`, `{attrs}` or `name {attrs}`.
    static func openingAttributes(_ text: Substring) -> Attributes? {
        if text.first == "{" {
            guard text.last == "}" else { return nil }
            return AttributeSyntax.parse(text.dropFirst().dropLast())
        }
        let name = text.prefix(while: { $0 != " " && $0 != "{" })
        var attributes = Attributes(classes: [String(name)])
        let rest = text.dropFirst(name.count).drop(while: { $0 == " " })
        if !rest.isEmpty {
            guard rest.first == "{", rest.last == "}",
                let more = AttributeSyntax.parse(rest.dropFirst().dropLast())
            else {
                return nil
            }
            attributes.id = more.id
            attributes.classes += more.classes
            attributes.pairs += more.pairs
        }
        return attributes
    }

    /// The marker an HTML block holds, if it is one of ours.
    static func marker(in literal: String) -> Marker? {
        let text = literal.trimmingSuffixNewlines
        if text == closeMarker { return .close }
        guard text.hasPrefix(openPrefix), text.hasSuffix("-->") else { return nil }
        return Int(text.dropFirst(openPrefix.count).dropLast(3)).map { .open($0) }
    }

    struct Grouped {
        var blocks: [Block]
        var problems: [(String, Int)]
        /// Divs opened past `openLimit`, kept as their content only.
        var flattened = 0
        var firstFlattenedLine: Int?
    }

    /// Pairs markers into divs; an unclosed div runs to the end of the list.
    /// At most `openLimit` divs stay open at once: deeper ones (and their
    /// closers) are dropped and their blocks go to the innermost kept div,
    /// so no input builds a tree deeper than the reader allows.
    static func group(_ items: [Item], openLimit: Int = Int.max) -> Grouped {
        var stack: [(attributes: Attributes, line: Int, closer: String, blocks: [Block])] = [(.empty, 0, "", [])]
        // `<blockquote>` … `</blockquote>` around Markdown is a quote, not a div.
        func container(_ done: (attributes: Attributes, line: Int, closer: String, blocks: [Block])) -> Block {
            done.closer == "</blockquote>" ? .blockQuote(done.blocks) : .div(done.attributes, done.blocks)
        }
        var grouped = Grouped(blocks: [], problems: [])
        var droppedOpen = 0
        for item in items {
            switch item {
            case .block(let block):
                stack[stack.count - 1].blocks.append(block)
            case .open(let attributes, let line, let closer):
                if stack.count - 1 >= openLimit {
                    droppedOpen += 1
                    grouped.flattened += 1
                    grouped.firstFlattenedLine = grouped.firstFlattenedLine ?? line
                    continue
                }
                stack.append((attributes, line, closer, []))
            case .close(let line, let closer):
                if droppedOpen > 0 {
                    droppedOpen -= 1
                    continue
                }
                if stack.count == 1 {
                    grouped.problems.append(("a closing `\(closer)` with nothing open to close", line))
                    continue
                }
                let done = stack.removeLast()
                stack[stack.count - 1].blocks.append(container(done))
            }
        }
        if droppedOpen > 0, let line = grouped.firstFlattenedLine {
            grouped.problems.append(("\(droppedOpen) block(s) too deep to keep are never closed", line))
        }
        while stack.count > 1 {
            let done = stack.removeLast()
            grouped.problems.append(
                (
                    "this block is never closed with `\(done.closer)`; "
                        + "it runs to the end of its container", done.line
                ))
            stack[stack.count - 1].blocks.append(container(done))
        }
        grouped.blocks = stack[0].blocks
        return grouped
    }
}

extension String {
    var trimmingSuffixNewlines: String {
        var text = Substring(self)
        while text.last == "\n" || text.last == "\r" { text = text.dropLast() }
        return String(text)
    }
}
