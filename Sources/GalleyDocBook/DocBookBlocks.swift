import GalleyCore

/// Block content: paragraphs, headings, quotes, code, breaks, divs, and
/// sections that stand where DocBook takes no section.
extension DocBookEmitter {
    /// Writes one block. `role` comes from an enclosing div (`::: signature`)
    /// and lands on the paragraphs it holds.
    mutating func emitBlock(_ block: Block, role: String? = nil) {
        switch block {
        case .paragraph(let inlines):
            emitParagraph(inlines, role: role)
        case .heading(let level, let attributes, let content):
            emitBridgehead(level: level, id: attributes.id, content: content)
        case .blockQuote(let blocks):
            let quiet = sectionsAreBridgeheads
            sectionsAreBridgeheads = false
            emitBlockQuote(blocks, role: role)
            sectionsAreBridgeheads = quiet
        case .list(let list):
            let quiet = sectionsAreBridgeheads
            sectionsAreBridgeheads = false
            emitList(list)
            sectionsAreBridgeheads = quiet
        case .codeBlock(let language, let text):
            var code = text
            if code.hasSuffix("\n") { code.removeLast() }
            let nonEmptyLanguage = language.flatMap { $0.isEmpty ? nil : $0 }
            xml.element("programlisting", Self.attributes([("language", nonEmptyLanguage)]), text: code)
            blockBreak()
        case .thematicBreak:
            // DocBook has no rule element; an empty paragraph with a role
            // keeps the break for stylesheets without adding text.
            xml.empty("para", [("role", "thematic-break")])
            blockBreak()
        case .table(let table):
            emitTable(table)
        case .div(let attributes, let blocks):
            emitDiv(attributes, blocks)
        case .section(let section):
            // A section inside a quote, list, note or a component that takes
            // no sections: a bridgehead keeps its title and id.
            let inComponent = sectionsAreBridgeheads && footnoteDepth == 0
            if !inComponent {
                note("docbook.section-flattened",
                     "section “\(plainText(section.title))” stands where DocBook takes no section; written as a bridgehead")
            }
            emitBridgehead(level: section.level, id: section.attributes.id, content: section.title)
            for child in section.blocks { emitBlock(child) }
        }
    }

    private mutating func emitParagraph(_ inlines: [Inline], role: String?) {
        if let image = Self.soleImage(inlines) {
            emitMediaObject(image, role: role)
            return
        }
        if Self.containsLineBreak(inlines) {
            // DocBook has no <br/>: a paragraph with forced breaks is a
            // literallayout, whose newlines are kept.
            xml.start("literallayout", Self.attributes([("role", role)]))
            let wasVerbatim = verbatim
            verbatim = true
            emitInlineContent(inlines, lineBreaks: .newline)
            verbatim = wasVerbatim
            xml.end()
        } else if inlines.isEmpty {
            xml.empty("para", Self.attributes([("role", role)]))
        } else {
            xml.start("para", Self.attributes([("role", role)]))
            emitInlineContent(inlines, lineBreaks: .newline)
            xml.end()
        }
        blockBreak()
    }

    private mutating func emitBridgehead(level: Int, id: String?, content: [Inline]) {
        let depth = min(max(level - 1, 1), 5)
        xml.start("bridgehead", Self.attributes([("xml:id", claim(id)), ("renderas", "sect\(depth)")]))
        emitInlineContent(content, lineBreaks: .space)
        xml.end()
        blockBreak()
    }

    /// A quote whose last block is a signature (`::: signature`) gets it as
    /// its `attribution`.
    private mutating func emitBlockQuote(_ blocks: [Block], role: String?) {
        var body = blocks
        let attribution = Self.trailingSignature(&body)
        xml.start("blockquote", Self.attributes([("role", role)]))
        blockBreak()
        if let attribution { emitAttribution(attribution) }
        emitContent(body, sections: false)
        xml.end()
        blockBreak()
    }

    private mutating func emitAttribution(_ paragraphs: [[Inline]]) {
        xml.start("attribution")
        for (index, paragraph) in paragraphs.enumerated() {
            if index > 0 { emitText(" ") }
            emitInlineContent(paragraph, lineBreaks: .space)
        }
        xml.end()
        blockBreak()
    }

    /// Removes a final signature div from `blocks` and returns its lines,
    /// when it holds only paragraphs.
    static func trailingSignature(_ blocks: inout [Block]) -> [[Inline]]? {
        guard case .div(let attributes, let children)? = blocks.last,
              attributes.hasClass("signature") || attributes.hasClass("attribution"),
              attributes.id == nil else { return nil }
        var lines: [[Inline]] = []
        for child in children {
            // attribution holds `db._text` only: a signature with a note,
            // code or emphasis stays a paragraph with a role.
            guard case .paragraph(let inlines) = child, isPlainTextContent(inlines) else { return nil }
            lines.append(inlines)
        }
        guard !lines.isEmpty else { return nil }
        blocks.removeLast()
        return lines
    }

    /// The classes as a role, without the one the element already says.
    static func role(_ attributes: Attributes, except name: String) -> String? {
        let classes = attributes.classes.filter { $0 != name }
        return classes.isEmpty ? nil : classes.joined(separator: " ")
    }

    private static let admonitions: Set<String> = ["note", "tip", "warning", "caution", "important"]

    private mutating func emitDiv(_ attributes: Attributes, _ blocks: [Block]) {
        let classes = attributes.classes.joined(separator: " ")
        let role = classes.isEmpty ? nil : classes
        if let kind = attributes.classes.first(where: { Self.admonitions.contains($0) }),
           footnoteDepth == 0, admonitionDepth == 0 {
            xml.start(kind, Self.attributes([("xml:id", claim(attributes.id)), ("role", Self.role(attributes, except: kind))]))
            blockBreak()
            admonitionDepth += 1
            emitContent(blocks, sections: false)
            admonitionDepth -= 1
            xml.end()
            blockBreak()
            return
        }
        if attributes.hasClass("epigraph") {
            emitEpigraph(attributes, blocks, role: role)
            return
        }
        // DocBook has no generic block container: the id becomes an anchor
        // and the classes a role on each paragraph.
        if let id = claim(attributes.id) {
            xml.empty("anchor", [("xml:id", id)])
            blockBreak()
        }
        for block in blocks { emitBlock(block, role: role) }
    }

    /// `<epigraph>` takes only paragraphs (and an attribution), and the
    /// Schematron forbids it in a footnote; otherwise a quote with a role.
    private mutating func emitEpigraph(_ attributes: Attributes, _ blocks: [Block], role: String?) {
        var body = blocks
        let attribution = Self.trailingSignature(&body)
        let onlyParagraphs = !body.isEmpty && body.allSatisfy {
            if case .paragraph(let inlines) = $0 { return Self.soleImage(inlines) == nil }
            return false
        }
        guard onlyParagraphs, footnoteDepth == 0 else {
            xml.start("blockquote", Self.attributes([("xml:id", claim(attributes.id)), ("role", role)]))
            blockBreak()
            if let attribution { emitAttribution(attribution) }
            emitContent(body, sections: false)
            xml.end()
            blockBreak()
            return
        }
        xml.start("epigraph", Self.attributes([("xml:id", claim(attributes.id)),
                                               ("role", Self.role(attributes, except: "epigraph"))]))
        blockBreak()
        if let attribution { emitAttribution(attribution) }
        for block in body { emitBlock(block) }
        xml.end()
        blockBreak()
    }

    // MARK: Lists

    private mutating func emitList(_ list: List) {
        guard !list.items.isEmpty else {
            note("docbook.empty-list", "a list without items was left out")
            return
        }
        let isTaskList = list.items.contains { $0.task != nil }
        var listAttributes: [(String, String?)] = [
            ("role", isTaskList ? "tasklist" : nil),
            ("spacing", list.isTight ? "compact" : nil),
        ]
        let element: String
        switch list.kind {
        case .bullet:
            element = "itemizedlist"
        case .ordered(let start):
            element = "orderedlist"
            if start != 1 { listAttributes.append(("startingnumber", String(start))) }
        }
        xml.start(element, Self.attributes(listAttributes))
        blockBreak()
        for item in list.items {
            xml.start("listitem", Self.attributes([("role", item.task.map { $0 ? "task-done" : "task-open" })]))
            blockBreak()
            emitContent(Self.withTaskMark(item), sections: false)
            xml.end()
            blockBreak()
        }
        xml.end()
        blockBreak()
    }

    /// A task item's box as a ballot-box character at the start of its text
    /// (DocBook has no checkbox); pandoc writes the same.
    static func withTaskMark(_ item: ListItem) -> [Block] {
        guard let done = item.task else { return item.blocks }
        let mark = Inline.text(done ? "☒ " : "☐ ")
        var blocks = item.blocks
        if case .paragraph(let inlines)? = blocks.first {
            blocks[0] = .paragraph([mark] + inlines)
        } else {
            blocks.insert(.paragraph([mark]), at: 0)
        }
        return blocks
    }

    // MARK: Images

    /// The image when a paragraph holds nothing else (spaces aside).
    static func soleImage(_ inlines: [Inline]) -> Image? {
        var found: Image?
        for inline in inlines {
            switch inline {
            case .image(let image):
                if found != nil { return nil }
                found = image
            case .text(let text) where text.allSatisfy(\.isWhitespace):
                continue
            case .softBreak:
                continue
            default:
                return nil
            }
        }
        return found
    }

    private mutating func emitMediaObject(_ image: Image, role: String?) {
        let classes = image.attributes.classes.joined(separator: " ")
        let fullRole = [role, classes.isEmpty ? nil : classes].compactMap { $0 }.joined(separator: " ")
        xml.start("mediaobject", Self.attributes([("xml:id", claim(image.attributes.id)),
                                             ("role", fullRole.isEmpty ? nil : fullRole)]))
        emitImageObject(fileref: imageReference(image.source, relativeTo: division?.sourcePath ?? ""),
                        alt: plainText(image.alt), title: image.title)
        xml.end()
        blockBreak()
    }

    /// `imageobject`, the alt text as the first `textobject` (what DocBook
    /// XSL and pandoc take as the alternative), and the Markdown title as a
    /// second one with `role="title"`: a tooltip, not a visible caption.
    mutating func emitImageObject(fileref: String, alt: String, title: String? = nil) {
        xml.start("imageobject")
        xml.empty("imagedata", [("fileref", fileref)])
        xml.end()
        let title = title.flatMap { $0.isEmpty ? nil : $0 }
        if !alt.isEmpty || title != nil {
            xml.start("textobject")
            xml.element("phrase", text: alt)
            xml.end()
        }
        if let title {
            xml.start("textobject", [("role", "title")])
            xml.element("phrase", text: title)
            xml.end()
        }
    }

    /// True when `inlines` can stand in DocBook's `db._text` as written.
    static func isPlainTextContent(_ inlines: [Inline]) -> Bool {
        inlines.allSatisfy { inline in
            switch inline {
            case .text, .softBreak, .lineBreak: return true
            case .superscript(let c), .subscript(let c), .strikethrough(let c): return isPlainTextContent(c)
            case .span(_, let c): return isPlainTextContent(c)
            case .ruby(let base, _): return isPlainTextContent(base)
            case .emphasis, .strong, .code, .link, .image, .footnoteReference: return false
            }
        }
    }

    static func containsLineBreak(_ inlines: [Inline]) -> Bool {
        inlines.contains { inline in
            switch inline {
            case .lineBreak: return true
            case .emphasis(let c), .strong(let c), .strikethrough(let c), .superscript(let c),
                 .subscript(let c), .span(_, let c):
                return containsLineBreak(c)
            case .link(let link): return containsLineBreak(link.children)
            case .ruby(let base, _): return containsLineBreak(base)
            case .text, .code, .image, .softBreak, .footnoteReference: return false
            }
        }
    }
}
