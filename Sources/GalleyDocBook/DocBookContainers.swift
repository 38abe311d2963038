import GalleyCore

/// Divs that stand for an HTML container with a meaning: mdBook's
/// `<Listing>` becomes an `<example>`, `<figure>` with a caption a
/// `<figure>`, `<dl>` a `<variablelist>`. `<details>` stays an ordinary div
/// (its summary a paragraph): print has nothing to fold.
extension DocBookEmitter {
    /// Writes the div as its element and returns true, or returns false for an ordinary div.
    mutating func emitContainer(_ attributes: Attributes, _ blocks: [Block], _ context: DocBookContext) -> Bool {
        if let listing = CodeListing(attributes) {
            emitListing(listing, attributes, blocks, context)
            return true
        }
        switch attributes.classes.first {
        case "figure": return emitFigure(attributes, blocks, context)
        case "dl": return emitVariableList(attributes, blocks, context)
        default: return false
        }
    }

    private var language: String { division?.language ?? book.metadata.language }

    /// Inline content of blocks that are all paragraphs (a caption, a term).
    private static func inlineContent(_ blocks: [Block]) -> [Inline]? {
        var result: [Inline] = []
        for block in blocks {
            guard case .paragraph(let inlines) = block, Walk.soleImage(inlines) == nil else { return nil }
            if !result.isEmpty { result.append(.text(" ")) }
            result += inlines
        }
        return result
    }

    /// `<example label="15-1">` titled by the caption (or the file name),
    /// the file name in a paragraph before the code; an `<informalexample>`
    /// when the listing has neither number nor caption. In a footnote or
    /// another formal object, paragraphs around the code instead.
    private mutating func emitListing(
        _ listing: CodeListing, _ attributes: Attributes, _ blocks: [Block], _ context: DocBookContext
    ) {
        let fileLine = listing.fileName.map { _ in listing.fileLine(language: language)! }
        guard !context.inNote, !context.inFormal else {
            if let fileLine { xml.element("para", [("role", "file-name")], text: fileLine) }
            blockBreak(context)
            for block in blocks { emitBlock(block, context) }
            if let title = listing.title(language: language) {
                xml.element("para", [("role", "listing-caption")], text: title)
                blockBreak(context)
            }
            return
        }
        let title = listing.caption ?? listing.title(language: language)
        let formal = listing.number != nil || listing.caption != nil
        xml.start(
            formal ? "example" : "informalexample",
            Self.attributes([
                ("xml:id", claim(attributes.id)), ("label", formal ? listing.number : nil),
                ("role", Self.role(attributes, except: CodeListing.className)),
            ]))
        blockBreak(context)
        if formal, let title {
            xml.element("title", text: title)
            blockBreak(context)
        }
        if let fileName = listing.fileName {
            xml.start("para", [("role", "file-name")])
            let line = fileLine ?? fileName
            emitText(String(line.dropLast(fileName.count)))
            xml.element("filename", text: fileName)
            xml.end()
            blockBreak(context)
        }
        let inner = context.with(\.inFormal, true)
        if blocks.isEmpty { xml.empty("para") }
        for block in blocks { emitBlock(block, inner) }
        xml.end()
        blockBreak(context)
    }

    /// `<figure>` titled by its `<figcaption>` when that holds only text;
    /// otherwise (or where a figure may not stand) an ordinary div.
    private mutating func emitFigure(_ attributes: Attributes, _ blocks: [Block], _ context: DocBookContext) -> Bool {
        guard !context.inNote, !context.inFormal else { return false }
        var body = blocks
        var caption: [Inline]?
        for (index, block) in blocks.enumerated() {
            guard case .div(let captionAttributes, let children) = block,
                captionAttributes.classes.first == "figcaption"
            else { continue }
            guard caption == nil, let inlines = Self.inlineContent(children), !inlines.isEmpty,
                captionAttributes.id == nil
            else { return false }
            caption = inlines
            body.remove(at: index)
        }
        guard let caption, !body.isEmpty else { return false }
        xml.start(
            "figure",
            Self.attributes([
                ("xml:id", claim(attributes.id)), ("role", Self.role(attributes, except: "figure")),
            ]))
        blockBreak(context)
        xml.start("title")
        emitInlineContent(caption, context.with(\.verbatim, false))
        xml.end()
        blockBreak(context)
        for block in body { emitBlock(block, context.with(\.inFormal, true)) }
        xml.end()
        blockBreak(context)
        return true
    }

    /// `<variablelist>`: each run of `dt` then `dd` one entry, the terms
    /// as `<term>`, the definitions in its `<listitem>`.
    private mutating func emitVariableList(
        _ attributes: Attributes, _ blocks: [Block], _ context: DocBookContext
    ) -> Bool {
        var entries: [(terms: [[Inline]], definition: [Block])] = []
        for block in blocks {
            guard case .div(let item, let children) = block, item.id == nil else { return false }
            switch item.classes.first {
            case "dt":
                guard let term = Self.inlineContent(children) else { return false }
                if entries.isEmpty || !entries[entries.count - 1].definition.isEmpty {
                    entries.append(([], []))
                }
                entries[entries.count - 1].terms.append(term)
            case "dd":
                guard !entries.isEmpty else { return false }
                entries[entries.count - 1].definition += children.isEmpty ? [.paragraph([])] : children
            default:
                return false
            }
        }
        guard !entries.isEmpty, entries.allSatisfy({ !$0.definition.isEmpty }) else { return false }
        xml.start(
            "variablelist",
            Self.attributes([("xml:id", claim(attributes.id)), ("role", Self.role(attributes, except: "dl"))]))
        blockBreak(context)
        for entry in entries {
            xml.start("varlistentry")
            blockBreak(context)
            for term in entry.terms {
                xml.start("term")
                emitInlineContent(term, context.with(\.verbatim, false))
                xml.end()
                blockBreak(context)
            }
            xml.start("listitem")
            blockBreak(context)
            emitContent(entry.definition, sections: false, context)
            xml.end()
            blockBreak(context)
            xml.end()
            blockBreak(context)
        }
        xml.end()
        blockBreak(context)
        return true
    }
}
