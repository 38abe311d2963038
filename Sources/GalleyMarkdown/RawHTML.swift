import CLibXML2
import GalleyCore

/// Maps raw HTML found in Markdown to tree nodes. It is parsed with
/// libxml2's HTML parser, never copied into an output as markup: what has
/// a meaning (`<sup>`, `<b>`, `<br>`, `<ruby>`, `<p>`, `<table>`…) becomes
/// the matching node, comments vanish, and everything else is dropped with
/// a `markdown.unmapped-html` warning (its text kept when it is prose).
struct RawHTML {
    /// A run of sibling inlines as cmark gave them: converted nodes and
    /// the raw HTML tags between them.
    enum Piece {
        case inline(Inline)
        case html(String)
    }

    let file: String
    var diagnostics: [Diagnostic] = []
    /// Lines of the ids found, in order, for duplicate-id messages.
    var idLines: [String: [Int]] = [:]
    var line = 0
    var slots: [Inline] = []
    /// Elements open around the one being mapped; past `maximumDepth` an
    /// element is flattened to its text (and slots), without recursion.
    var depth = 0
    var flattened = 0
    var firstFlattenedLine: Int?

    init(file: String) { self.file = file }

    /// Elements dropped together with their content.
    static let droppedWithContent: Set<String> = [
        "script", "style", "template", "head", "title", "meta", "link", "base",
        "select", "input", "textarea", "svg", "math", "canvas", "noscript",
    ]
    /// Elements dropped, their text kept.
    static let droppedKeepingText: Set<String> = [
        "iframe", "object", "embed", "form", "button", "label", "video", "audio",
        "applet", "frame", "frameset", "fieldset", "legend", "marquee", "blink",
    ]
    /// Inline elements with no node of their own: a span with the tag as class.
    static let classedSpans: Set<String> = [
        "u", "ins", "mark", "small", "big", "abbr", "cite", "q", "dfn", "var",
        "time", "bdi", "bdo", "font", "data", "acronym", "kbd",
    ]
    /// Attributes whose text is content: a dropped element keeps them.
    static let contentAttributes = ["caption", "title", "alt", "summary"]
    /// Block elements that become a `.div` (with the tag as class unless `div`).
    static let divisions: Set<String> = [
        "div", "section", "article", "aside", "figure", "figcaption", "header",
        "footer", "nav", "main", "center", "address", "details", "summary",
        "dl", "dt", "dd", "hgroup", CodeListing.className,
    ]
    static let blockLevel: Set<String> = divisions.union([
        "p", "blockquote", "ul", "ol", "li", "h1", "h2", "h3", "h4", "h5", "h6",
        "hr", "pre", "table", "thead", "tbody", "tfoot", "tr", "td", "th", "caption",
    ])

    // MARK: Inline runs

    /// Stitches a run of inlines and raw tags into one tree: the run is
    /// written out as HTML with each non-text inline as a placeholder
    /// element, parsed, and mapped back.
    mutating func inlines(_ pieces: [Piece], line: Int) -> [Inline] {
        self.line = line
        var html = ""
        slots = []
        for piece in pieces {
            switch piece {
            case .html(let markup):
                html += markup
            case .inline(.text(let text)):
                html += Self.escaped(text)
            case .inline(let inline):
                html += "<gslot n=\"\(slots.count)\"></gslot>"
                slots.append(inline)
            }
        }
        let fragment = HTMLFragment(html)
        return inlines(fragment.nodes)
    }

    mutating func inlines(_ nodes: [xmlNodePtr]) -> [Inline] {
        nodes.flatMap { inline($0) }
    }

    mutating func inline(_ node: xmlNodePtr) -> [Inline] {
        if HTMLNode.isText(node) { return Self.withSoftBreaks(filteredText(HTMLNode.content(node))) }
        guard HTMLNode.isElement(node) else { return [] }   // comments, PIs: silently gone
        let name = HTMLNode.name(node)
        if name != "gslot", depth >= MarkdownConverter.maximumDepth { return flattenedInlines(node) }
        depth += 1
        defer { depth -= 1 }
        let children = { (raw: inout RawHTML) in raw.inlines(HTMLNode.children(of: node)) }
        switch name {
        case "gslot":
            if let index = HTMLNode.attribute(node, "n").flatMap(Int.init), slots.indices.contains(index) {
                return [slots[index]]
            }
            return []
        case "sup": return [.superscript(children(&self))]
        case "sub": return [.subscript(children(&self))]
        case "b", "strong": return [.strong(children(&self))]
        case "i", "em": return [.emphasis(children(&self))]
        case "s", "del", "strike": return [.strikethrough(children(&self))]
        case "code", "tt", "samp":
            // Markdown inside (`<code>*x*</code>` arrives as an emphasis slot)
            // is flattened to its text: code has no formatting.
            return [.code(Self.plainText(children(&self)))]
        case "br": return [.lineBreak]
        case "wbr": return []
        case "span": return [.span(attributes(node), children(&self))]
        case "a": return anchor(node, content: children(&self))
        case "img": return image(node)
        case "ruby": return ruby(node)
        case "rp": return []
        case "rt": return children(&self)
        default:
            if Self.classedSpans.contains(name) {
                var attributes = attributes(node)
                attributes.classes.insert(name, at: 0)
                return [.span(attributes, children(&self))]
            }
            if Self.blockLevel.contains(name) {
                // A block tag inside a paragraph: its content stays inline.
                let content = children(&self)
                let attributes = attributes(node)
                return attributes.isEmpty ? content : [.span(attributes, content)]
            }
            let kept = dropped(node, name: name)
            return Self.keptText(kept.attributeText, kept.keepsContent ? children(&self) : [])
        }
    }

    /// A dropped element's kept attribute text, then its kept content.
    static func keptText(_ attributeText: [String], _ content: [Inline]) -> [Inline] {
        guard !attributeText.isEmpty else { return content }
        return [.text(attributeText.joined(separator: " "))] + (content.isEmpty ? [] : [.text(" ")] + content)
    }

    /// `<a href>` is a link; `<a name="x">` / `<a id="x">` an anchor, kept as a span with that id.
    mutating func anchor(_ node: xmlNodePtr, content: [Inline]) -> [Inline] {
        guard let href = HTMLNode.attribute(node, "href") else {
            var attributes = attributes(node)
            if attributes.id == nil, let name = HTMLNode.attribute(node, "name"), AssignIdentifiers.isValid(name) {
                attributes.id = name
                idLines[name, default: []].append(line)
            }
            return [.span(attributes, content)]
        }
        let title = HTMLNode.attribute(node, "title")
        return [
            .link(
                Link(
                    target: MarkdownConverter.target(href), title: title, children: content,
                    location: SourceLocation(file: file, line: line)))
        ]
    }

    /// `<img src alt title>`; the chapter's image checks judge `src` later.
    mutating func image(_ node: xmlNodePtr) -> [Inline] {
        let alt = HTMLNode.attribute(node, "alt") ?? ""
        guard let source = HTMLNode.attribute(node, "src"), !source.isEmpty else {
            diagnostics.append(
                Diagnostic(
                    MarkdownCode.unmappedHtml,
                    "raw HTML <img> without a `src` was dropped", at: SourceLocation(file: file, line: line)))
            return alt.isEmpty ? [] : [.text(alt)]
        }
        return [
            .image(
                Image(
                    source: source,
                    alt: alt.isEmpty ? [] : [.text(alt)],
                    title: HTMLNode.attribute(node, "title"),
                    attributes: attributes(node),
                    location: SourceLocation(file: file, line: line)))
        ]
    }

    /// The text and slots inside an element nested too deep to keep, in order.
    mutating func flattenedInlines(_ node: xmlNodePtr) -> [Inline] {
        flattened += 1
        firstFlattenedLine = firstFlattenedLine ?? line
        var result: [Inline] = []
        var elements = 0
        HTMLNode.walkDescendants(of: node) { child in
            if HTMLNode.isText(child) {
                result += Self.withSoftBreaks(filteredText(HTMLNode.content(child)))
                return false
            }
            guard HTMLNode.isElement(child) else { return false }
            if HTMLNode.name(child) == "gslot" {
                if let index = HTMLNode.attribute(child, "n").flatMap(Int.init), slots.indices.contains(index) {
                    result.append(slots[index])
                }
                return false
            }
            elements += 1
            return !Self.droppedWithContent.contains(HTMLNode.name(child))
        }
        flattened += elements
        return MergeText.merged(result)
    }

    /// `<ruby>base<rp>(</rp><rt>reading</rt><rp>)</rp></ruby>`; several
    /// base/reading pairs give several `.ruby` nodes.
    mutating func ruby(_ node: xmlNodePtr) -> [Inline] {
        var result: [Inline] = []
        var base: [Inline] = []
        for child in HTMLNode.children(of: node) {
            let name = HTMLNode.isElement(child) ? HTMLNode.name(child) : ""
            if name == "rt" {
                let reading = Self.plainText(inlines(HTMLNode.children(of: child)))
                result.append(.ruby(base: MergeText.merged(base), text: reading))
                base = []
            } else if name == "rp" || name == "rtc" {
                continue
            } else if name == "rb" {
                base += inlines(HTMLNode.children(of: child))
            } else {
                base += inline(child)
            }
        }
        if !base.isEmpty { result += base }
        return result
    }

    /// Reports an element that has no meaning in the tree, saying what of
    /// it is kept: its content (not for scripts, styles and form controls)
    /// and the text of its content-bearing attributes (`contentAttributes`).
    mutating func dropped(_ node: xmlNodePtr, name: String) -> (keepsContent: Bool, attributeText: [String]) {
        let keepsContent = !Self.droppedWithContent.contains(name)
        let known = Self.droppedWithContent.contains(name) || Self.droppedKeepingText.contains(name)
        let what = known ? "is not allowed in a book" : "has no meaning in Galley's tree"
        var kept: [String] = []
        var attributeText: [String] = []
        if keepsContent, !HTMLNode.textContent(node).allSatisfy(\.isWhitespace) { kept.append("its text") }
        for key in Self.contentAttributes {
            guard let raw = HTMLNode.attribute(node, key), !raw.allSatisfy(\.isWhitespace) else { continue }
            let value = filteredText(raw)
            attributeText.append(value)
            kept.append("its \(key) “\(value)”")
        }
        let outcome =
            kept.isEmpty
            ? (keepsContent ? "; nothing of it is kept" : " with its content")
            : "; kept: " + kept.joined(separator: ", ")
        diagnostics.append(
            Diagnostic(
                MarkdownCode.unmappedHtml,
                "raw HTML element <\(name)> \(what) and was dropped\(outcome)",
                at: SourceLocation(file: file, line: line)))
        return (keepsContent, attributeText)
    }

    /// An mdBook listing's number, file name and caption, as `CodeListing` reads them.
    func listingPairs(_ node: xmlNodePtr) -> [KeyValue] {
        CodeListing.keys.compactMap { key in HTMLNode.attribute(node, key).map { KeyValue(key, $0) } }
    }

    /// id, class and lang of an HTML element.
    mutating func attributes(_ node: xmlNodePtr) -> Attributes {
        var attributes = Attributes()
        if let id = HTMLNode.attribute(node, "id") {
            if AssignIdentifiers.isValid(id) {
                attributes.id = id
                idLines[id, default: []].append(line)
            } else {
                diagnostics.append(
                    Diagnostic(
                        MarkdownCode.invalidId,
                        "the id `\(id)` is not an ASCII XML name; it was dropped",
                        at: SourceLocation(file: file, line: line)))
            }
        }
        if let classes = HTMLNode.attribute(node, "class") {
            attributes.classes = classes.split(whereSeparator: { $0 == " " || $0 == "\t" || $0 == "\n" })
                .map(String.init)
        }
        if let lang = HTMLNode.attribute(node, "lang") ?? HTMLNode.attribute(node, "xml:lang") {
            attributes["lang"] = lang
        }
        switch HTMLNode.name(node) {
        case "abbr", "acronym", "dfn":
            // The expansion is content: `<abbr title="HyperText Markup Language">`.
            if let title = HTMLNode.attribute(node, "title") { attributes["title"] = filteredText(title) }
        case CodeListing.className:
            attributes.pairs += listingPairs(node).map { KeyValue($0.key, filteredText($0.value)) }
        default:
            break
        }
        return attributes
    }

    mutating func filteredText(_ text: String) -> String {
        let clean = XMLCharacters.filtered(text)
        if clean != text {
            diagnostics.append(
                Diagnostic(
                    MarkdownCode.forbiddenCharacter,
                    "removed control characters that XML does not allow",
                    at: SourceLocation(file: file, line: line)))
        }
        return clean
    }

    /// The characters a run of inlines shows, without formatting.
    static func plainText(_ inlines: [Inline]) -> String {
        var text = ""
        for inline in inlines {
            switch inline {
            case .text(let value), .code(let value): text += value
            case .softBreak: text += " "
            case .lineBreak: text += "\n"
            case .footnoteReference, .image: break
            case .emphasis(let c), .strong(let c), .strikethrough(let c), .superscript(let c),
                .subscript(let c), .span(_, let c):
                text += plainText(c)
            case .ruby(let base, let reading): text += plainText(base) + "(" + reading + ")"
            case .link(let link): text += plainText(link.children)
            }
        }
        return text
    }

    /// HTML text with its newlines as soft breaks, so `SoftBreaks` treats
    /// a line break inside `<p>中文\n中文</p>` like one in Markdown.
    static func withSoftBreaks(_ text: String) -> [Inline] {
        guard text.containsByte(UInt8(ascii: "\n")) else { return [.text(text)] }
        var result: [Inline] = []
        for (index, part) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            var piece = Substring(part)
            if index > 0 {
                piece = piece.drop(while: { $0 == " " || $0 == "\t" })
                if result.last != .softBreak { result.append(.softBreak) }
            }
            while piece.last == " " || piece.last == "\t" { piece = piece.dropLast() }
            if !piece.isEmpty { result.append(.text(String(piece))) }
        }
        return result
    }

    static func escaped(_ text: String) -> String {
        var result = ""
        result.reserveCapacity(text.utf8.count)
        for character in text.unicodeScalars {
            switch character {
            case "&": result += "&amp;"
            case "<": result += "&lt;"
            case ">": result += "&gt;"
            default: result.unicodeScalars.append(character)
            }
        }
        return result
    }
}
