import GalleyCore

/// Block content: paragraphs, headings, quotes, code, breaks, divs, and
/// sections that stand where DocBook takes no section.
extension DocBookEmitter {
    /// Writes one block. `role` comes from an enclosing div (`::: signature`)
    /// and lands on the paragraphs it holds.
    mutating func emitBlock(_ block: Block, role: String? = nil, _ context: DocBookContext) {
        switch block {
        case .paragraph(let inlines):
            emitParagraph(inlines, role: role, context)
        case .heading(let level, let attributes, let content):
            emitBridgehead(level: level, id: attributes.id, content: content, context)
        case .blockQuote(let blocks):
            emitBlockQuote(blocks, role: role, context.with(\.sectionsAreBridgeheads, false))
        case .list(let list):
            emitList(list, context.with(\.sectionsAreBridgeheads, false))
        case .codeBlock(let language, let text):
            var code = text
            if code.hasSuffix("\n") { code.removeLast() }
            let nonEmptyLanguage = language.flatMap { $0.isEmpty ? nil : $0 }
            xml.element("programlisting", Self.attributes([("language", nonEmptyLanguage)]), text: code)
            blockBreak(context)
        case .thematicBreak:
            // DocBook has no rule element; an empty paragraph with a role
            // keeps the break for stylesheets without adding text.
            xml.empty("para", [("role", "thematic-break")])
            blockBreak(context)
        case .table(let table):
            emitTable(table, context)
        case .div(let attributes, let blocks):
            emitDiv(attributes, blocks, context)
        case .section(let section):
            // A section inside a quote, list, note or a component that takes
            // no sections: a bridgehead keeps its title and id.
            let inComponent = context.sectionsAreBridgeheads && !context.inNote
            if !inComponent {
                note(
                    .sectionFlattened,
                    "section “\(plainText(section.title))” stands where DocBook takes no section; "
                        + "written as a bridgehead")
            }
            emitBridgehead(level: section.level, id: section.attributes.id, content: section.title, context)
            for child in section.blocks { emitBlock(child, context) }
        }
    }

    private mutating func emitParagraph(_ inlines: [Inline], role: String?, _ context: DocBookContext) {
        if let image = Walk.soleImage(inlines) {
            emitMediaObject(image, role: role, context)
            return
        }
        if Self.containsLineBreak(inlines) {
            // DocBook has no <br/>: a paragraph with forced breaks is a
            // literallayout, whose newlines are kept.
            xml.start("literallayout", Self.attributes([("role", role)]))
            emitInlineContent(inlines, context.with(\.verbatim, true))
            xml.end()
        } else if inlines.isEmpty {
            xml.empty("para", Self.attributes([("role", role)]))
        } else {
            xml.start("para", Self.attributes([("role", role)]))
            emitInlineContent(inlines, context)
            xml.end()
        }
        blockBreak(context)
    }

    private mutating func emitBridgehead(level: Int, id: String?, content: [Inline], _ context: DocBookContext) {
        let depth = min(max(level - 1, 1), 5)
        xml.start("bridgehead", Self.attributes([("xml:id", claim(id)), ("renderas", "sect\(depth)")]))
        emitInlineContent(content, context.with(\.verbatim, false))
        xml.end()
        blockBreak(context)
    }

    /// A quote whose last block is a signature (`::: signature`) gets it as
    /// its `attribution`.
    private mutating func emitBlockQuote(_ blocks: [Block], role: String?, _ context: DocBookContext) {
        var body = blocks
        let attribution = Self.trailingSignature(&body)
        xml.start("blockquote", Self.attributes([("role", role)]))
        blockBreak(context)
        if let attribution { emitAttribution(attribution, context) }
        emitContent(body, sections: false, context)
        xml.end()
        blockBreak(context)
    }

    private mutating func emitAttribution(_ paragraphs: [[Inline]], _ context: DocBookContext) {
        xml.start("attribution")
        for (index, paragraph) in paragraphs.enumerated() {
            if index > 0 { emitText(" ") }
            emitInlineContent(paragraph, context.with(\.verbatim, false))
        }
        xml.end()
        blockBreak(context)
    }

    /// Removes a final signature div from `blocks` and returns its lines,
    /// when it holds only paragraphs.
    static func trailingSignature(_ blocks: inout [Block]) -> [[Inline]]? {
        guard case .div(let attributes, let children)? = blocks.last,
            attributes.hasClass("signature") || attributes.hasClass("attribution"),
            attributes.id == nil
        else { return nil }
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

    mutating func emitDiv(_ attributes: Attributes, _ blocks: [Block], _ context: DocBookContext) {
        let classes = attributes.classes.joined(separator: " ")
        let role = classes.isEmpty ? nil : classes
        if let kind = attributes.classes.first(where: { Self.admonitions.contains($0) }),
            !context.inNote, !context.inAdmonition
        {
            xml.start(
                kind,
                Self.attributes([
                    ("xml:id", claim(attributes.id)),
                    ("role", Self.role(attributes, except: kind)),
                ]))
            blockBreak(context)
            emitContent(blocks, sections: false, context.with(\.inAdmonition, true))
            xml.end()
            blockBreak(context)
            return
        }
        if attributes.hasClass("epigraph") {
            emitEpigraph(attributes, blocks, role: role, context)
            return
        }
        if emitContainer(attributes, blocks, context) { return }
        // DocBook has no generic block container: the id becomes an anchor
        // and the classes a role on each paragraph.
        if let id = claim(attributes.id) {
            xml.empty("anchor", [("xml:id", id)])
            blockBreak(context)
        }
        for block in blocks { emitBlock(block, role: role, context) }
    }

    /// `<epigraph>` takes only paragraphs (and an attribution), and the
    /// Schematron forbids it in a footnote; otherwise a quote with a role.
    private mutating func emitEpigraph(
        _ attributes: Attributes, _ blocks: [Block], role: String?,
        _ context: DocBookContext
    ) {
        var body = blocks
        let attribution = Self.trailingSignature(&body)
        let onlyParagraphs =
            !body.isEmpty
            && body.allSatisfy {
                if case .paragraph(let inlines) = $0 { return Walk.soleImage(inlines) == nil }
                return false
            }
        guard onlyParagraphs, !context.inNote else {
            xml.start("blockquote", Self.attributes([("xml:id", claim(attributes.id)), ("role", role)]))
            blockBreak(context)
            if let attribution { emitAttribution(attribution, context) }
            emitContent(body, sections: false, context)
            xml.end()
            blockBreak(context)
            return
        }
        xml.start(
            "epigraph",
            Self.attributes([
                ("xml:id", claim(attributes.id)),
                ("role", Self.role(attributes, except: "epigraph")),
            ]))
        blockBreak(context)
        if let attribution { emitAttribution(attribution, context) }
        for block in body { emitBlock(block, context) }
        xml.end()
        blockBreak(context)
    }

    // MARK: Lists

    private mutating func emitList(_ list: List, _ context: DocBookContext) {
        guard !list.items.isEmpty else {
            note(.emptyList, "a list without items was left out")
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
        blockBreak(context)
        for item in list.items {
            xml.start("listitem", Self.attributes([("role", item.task.map { $0 ? "task-done" : "task-open" })]))
            blockBreak(context)
            emitContent(Self.withTaskMark(item), sections: false, context)
            xml.end()
            blockBreak(context)
        }
        xml.end()
        blockBreak(context)
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

    private mutating func emitMediaObject(_ image: Image, role: String?, _ context: DocBookContext) {
        let classes = image.attributes.classes.joined(separator: " ")
        let fullRole = [role, classes.isEmpty ? nil : classes].compactMap { $0 }.joined(separator: " ")
        xml.start(
            "mediaobject",
            Self.attributes([
                ("xml:id", claim(image.attributes.id)),
                ("role", fullRole.isEmpty ? nil : fullRole),
            ]))
        emitImageObject(
            fileref: imageReference(image.source, relativeTo: division?.sourcePath ?? ""),
            alt: plainText(image.alt), title: image.title)
        xml.end()
        blockBreak(context)
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
