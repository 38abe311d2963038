import GalleyCore

/// Pandoc fenced divs (`::: signature` … `:::`, `::: {.epigraph #id}`),
/// which cmark does not know. Before parsing, each fence line outside code
/// is replaced by an HTML comment marker on the same line (so source
/// positions stay true and one cmark parse still sees every footnote);
/// after conversion the markers are paired into `.div` blocks.
enum FencedDivs {
    static let openPrefix = "<!--galley-div-open "
    static let closeMarker = "<!--galley-div-close-->"

    enum Marker { case open(Int), close }

    enum Item {
        case block(Block)
        /// `closer` names what should close it, for messages (`:::`, `</div>`).
        case open(Attributes, line: Int, closer: String)
        case close(line: Int, closer: String)
    }

    /// The chapter text with fence lines replaced, the attributes of each
    /// opening fence, and problems (line, message) with fences.
    static func mark(_ text: String) -> (text: String, attributes: [Attributes], problems: [(String, Int)]) {
        var output = ""
        output.reserveCapacity(text.utf8.count)
        var attributes: [Attributes] = []
        var problems: [(String, Int)] = []
        var codeFence: (character: Character, count: Int)?
        var depth = 0
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        for (index, line) in lines.enumerated() {
            if index > 0 { output += "\n" }
            let indent = line.prefix(while: { $0 == " " }).count
            let stripped = line.dropFirst(indent)
            if indent <= 3, let fence = stripped.first, fence == "`" || fence == "~" {
                let count = stripped.prefix(while: { $0 == fence }).count
                if count >= 3 {
                    if let open = codeFence {
                        if open.character == fence, count >= open.count,
                           stripped.dropFirst(count).allSatisfy({ $0 == " " || $0 == "\t" }) {
                            codeFence = nil
                        }
                    } else {
                        codeFence = (fence, count)
                    }
                }
            }
            guard codeFence == nil, indent <= 3, stripped.hasPrefix(":::") else {
                output += line
                continue
            }
            var rest = stripped.drop(while: { $0 == ":" })
            rest = rest.drop(while: { $0 == " " || $0 == "\t" })
            while rest.last == ":" || rest.last == " " || rest.last == "\t" { rest = rest.dropLast() }
            if rest.isEmpty {
                if depth == 0 {
                    problems.append(("a closing `:::` with no open fenced div", index + 1))
                    output += line
                    continue
                }
                depth -= 1
                output += closeMarker
            } else if let parsed = openingAttributes(rest) {
                depth += 1
                output += openPrefix + "\(attributes.count)-->"
                attributes.append(parsed)
            } else {
                problems.append(("`\(stripped)` is not a fenced div opening (`::: name` or `::: {.class #id}`)", index + 1))
                output += line
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
            guard rest.first == "{", rest.last == "}", let more = AttributeSyntax.parse(rest.dropFirst().dropLast()) else {
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

    /// Pairs markers into divs; an unclosed div runs to the end of the list.
    static func group(_ items: [Item]) -> (blocks: [Block], problems: [(String, Int)]) {
        var stack: [(attributes: Attributes, line: Int, closer: String, blocks: [Block])] = [(.empty, 0, "", [])]
        // `<blockquote>` … `</blockquote>` around Markdown is a quote, not a div.
        func container(_ done: (attributes: Attributes, line: Int, closer: String, blocks: [Block])) -> Block {
            done.closer == "</blockquote>" ? .blockQuote(done.blocks) : .div(done.attributes, done.blocks)
        }
        var problems: [(String, Int)] = []
        for item in items {
            switch item {
            case .block(let block):
                stack[stack.count - 1].blocks.append(block)
            case .open(let attributes, let line, let closer):
                stack.append((attributes, line, closer, []))
            case .close(let line, let closer):
                if stack.count == 1 {
                    problems.append(("a closing `\(closer)` with nothing open to close", line))
                    continue
                }
                let done = stack.removeLast()
                stack[stack.count - 1].blocks.append(container(done))
            }
        }
        while stack.count > 1 {
            let done = stack.removeLast()
            problems.append(("this block is never closed with `\(done.closer)`; it runs to the end of its container", done.line))
            stack[stack.count - 1].blocks.append(container(done))
        }
        return (stack[0].blocks, problems)
    }
}

extension String {
    var trimmingSuffixNewlines: String {
        var text = Substring(self)
        while text.last == "\n" || text.last == "\r" { text = text.dropLast() }
        return String(text)
    }
}
