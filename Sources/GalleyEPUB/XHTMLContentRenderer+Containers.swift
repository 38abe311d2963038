import GalleyCore

/// Divs that stand for an HTML container with a meaning (`<figure>`,
/// `<details>`, `<dl>`, mdBook's `<Listing>`) are written as that element.
extension XHTMLContentRenderer {
    /// Writes the div as its element and returns true, or returns false
    /// when it is an ordinary div (or its children do not fit the element).
    mutating func renderContainer(_ attributes: Attributes, _ blocks: [Block], headingLevel: Int) -> Bool {
        if let listing = CodeListing(attributes) {
            renderListing(listing, attributes, blocks, headingLevel: headingLevel)
            return true
        }
        switch attributes.classes.first {
        case "figure":
            return renderFigure(attributes, blocks, headingLevel: headingLevel)
        case "details":
            renderDetails(attributes, blocks, headingLevel: headingLevel)
            return true
        case "dl":
            return renderDefinitionList(attributes, blocks, headingLevel: headingLevel)
        default:
            return false
        }
    }

    /// The language labels are written in: the chapter's, else the book's.
    var language: String { division.language ?? publication.language }

    /// The attributes without the class that names the element.
    private mutating func elementAttributes(_ attributes: Attributes, _ name: String) -> [(String, String)] {
        var attributes = attributes
        if let index = attributes.classes.firstIndex(of: name) { attributes.classes.remove(at: index) }
        return htmlAttributes(attributes)
    }

    /// The children of a `<figcaption>`, `<summary>` or `<dt>` div, when it is one.
    private static func child(_ block: Block, _ name: String) -> (Attributes, [Block])? {
        guard case .div(let attributes, let children) = block, attributes.classes.first == name else { return nil }
        return (attributes, children)
    }

    /// Phrasing content of blocks that are paragraphs, for `<summary>`:
    /// the paragraphs' inlines, a line break between two.
    private static func phrasing(_ blocks: [Block]) -> [Inline]? {
        var result: [Inline] = []
        for block in blocks {
            guard case .paragraph(let inlines) = block, Walk.soleImage(inlines) == nil else { return nil }
            if !result.isEmpty { result.append(.lineBreak) }
            result += inlines
        }
        return result
    }

    /// `<figure>` with its `<figcaption>` first or last, as HTML requires.
    private mutating func renderFigure(_ attributes: Attributes, _ blocks: [Block], headingLevel: Int) -> Bool {
        let captions = blocks.indices.filter { Self.child(blocks[$0], "figcaption") != nil }
        guard captions.allSatisfy({ $0 == 0 || $0 == blocks.count - 1 }), captions.count <= 1 else { return false }
        builder.start("figure", elementAttributes(attributes, "figure"))
        builder.newline()
        for block in blocks {
            if let (captionAttributes, children) = Self.child(block, "figcaption") {
                builder.start("figcaption", elementAttributes(captionAttributes, "figcaption"))
                if let inlines = Self.phrasing(children) {
                    renderInlines(inlines)
                } else {
                    renderBlocks(children, headingLevel: headingLevel)
                }
                builder.end()
                builder.newline()
            } else {
                renderBlock(block, headingLevel: headingLevel)
            }
        }
        builder.end()
        return true
    }

    /// `<details>` opening with its `<summary>` (phrasing content only).
    private mutating func renderDetails(_ attributes: Attributes, _ blocks: [Block], headingLevel: Int) {
        builder.start("details", elementAttributes(attributes, "details"))
        builder.newline()
        var rest = blocks[...]
        if let first = rest.first, let (summaryAttributes, children) = Self.child(first, "summary"),
            let inlines = Self.phrasing(children)
        {
            builder.start("summary", elementAttributes(summaryAttributes, "summary"))
            renderInlines(inlines)
            builder.end()
            builder.newline()
            rest = rest.dropFirst()
        }
        renderBlocks(Array(rest), headingLevel: headingLevel)
        builder.end()
    }

    /// `<dl>`: groups of `<dt>` then `<dd>`; anything else stays a div.
    private mutating func renderDefinitionList(_ attributes: Attributes, _ blocks: [Block], headingLevel: Int)
        -> Bool
    {
        let names = blocks.map { block -> String? in
            guard case .div(let attributes, _) = block, let name = attributes.classes.first else { return nil }
            return name == "dt" || name == "dd" ? name : nil
        }
        guard names.first == "dt", names.last == "dd", names.allSatisfy({ $0 != nil }) else { return false }
        builder.start("dl", elementAttributes(attributes, "dl"))
        builder.newline()
        for block in blocks {
            guard case .div(let itemAttributes, let children) = block, let name = itemAttributes.classes.first
            else { continue }
            builder.start(name, elementAttributes(itemAttributes, name))
            if let inlines = Self.phrasing(children) {
                renderInlines(inlines)
            } else {
                builder.newline()
                renderBlocks(children, headingLevel: headingLevel)
            }
            builder.end()
            builder.newline()
        }
        builder.end()
        return true
    }

    /// mdBook's listing: the file name above the code, the numbered caption
    /// below it, in a `<figure class="listing">`.
    private mutating func renderListing(
        _ listing: CodeListing, _ attributes: Attributes, _ blocks: [Block], headingLevel: Int
    ) {
        var attributes = attributes
        attributes.pairs.removeAll { CodeListing.keys.contains($0.key) }
        builder.start("figure", htmlAttributes(attributes))
        builder.newline()
        if let fileLine = listing.fileLine(language: language) {
            builder.element("p", [("class", "file-name")], text: fileLine)
            builder.newline()
        }
        renderBlocks(blocks, headingLevel: headingLevel)
        if let title = listing.title(language: language) {
            builder.element("figcaption", text: title)
            builder.newline()
        }
        builder.end()
    }
}
