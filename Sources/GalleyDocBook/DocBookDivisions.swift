import GalleyCore

/// The root, the divisions by role, parts around their chapters, and the
/// nested sections.
extension DocBookEmitter {
    mutating func emitBook() {
        xml.start(
            "book",
            [
                ("xmlns", DocBookNamespace.docbook), ("xmlns:xlink", DocBookNamespace.xlink),
                ("version", "5.0"), ("xml:lang", book.metadata.language),
            ])
        xml.newline()
        emitInfo()
        let context = DocBookContext()
        let divisions = book.divisions
        var index = 0
        while index < divisions.count {
            let division = divisions[index]
            index += 1
            guard division.role == .part else {
                let nested = Self.nested(after: index - 1, in: divisions)
                index += nested.count
                emitComponent(division, nested: nested, context)
                continue
            }
            // A part holds the body-matter divisions that follow it, up to the
            // next part or the back matter: DocBook nests them.
            var members: [Division] = []
            while index < divisions.count, divisions[index].role != .part,
                divisions[index].role.matter == .body || divisions[index].depth > 0
            {
                members.append(divisions[index])
                index += 1
            }
            emitPart(division, members: members, context)
        }
        xml.end()
        xml.newline()
        if xml.droppedCharacterCount > 0 {
            diagnostics.append(
                Diagnostic(
                    DocBookCode.droppedCharacters,
                    "\(xml.droppedCharacterCount) character(s) that XML 1.0 forbids "
                        + "(control characters) were left out"))
        }
    }

    /// How a division role is written: the element, its `role`, and whether
    /// that element takes a title and sections (dedication, acknowledgements
    /// and colophon take neither sections nor a required title).
    struct ComponentForm: Equatable {
        var element: String
        var role: String?
        var takesSections: Bool
    }

    static func componentForm(for division: Division) -> ComponentForm {
        let hasTitle = !division.title.isEmpty
        switch division.role {
        case .dedication: return ComponentForm(element: "dedication", takesSections: false)
        case .acknowledgments: return ComponentForm(element: "acknowledgements", takesSections: false)
        case .colophon: return ComponentForm(element: "colophon", takesSections: false)
        case .copyright: return ComponentForm(element: "colophon", role: "copyright", takesSections: false)
        case .preface: return ComponentForm(element: "preface", takesSections: true)
        case .foreword, .introduction:
            return ComponentForm(element: "preface", role: division.role.rawValue, takesSections: true)
        case .cover, .titlepage, .epigraph:
            // Untitled front matter: `dedication` is the one front-matter
            // component whose title is optional.
            return hasTitle
                ? ComponentForm(element: "preface", role: division.role.rawValue, takesSections: true)
                : ComponentForm(element: "dedication", role: division.role.rawValue, takesSections: false)
        case .chapter: return ComponentForm(element: "chapter", takesSections: true)
        case .prologue, .epilogue, .conclusion, .afterword:
            return ComponentForm(element: "chapter", role: division.role.rawValue, takesSections: true)
        case .part:
            // Only reached for a part with no chapters after it.
            return ComponentForm(element: "chapter", role: "part", takesSections: true)
        case .appendix: return ComponentForm(element: "appendix", takesSections: true)
        case .bibliography, .glossary, .index:
            // DocBook's own elements want biblioentry/glossentry/indexentry
            // children, which Markdown does not produce.
            return ComponentForm(element: "appendix", role: division.role.rawValue, takesSections: true)
        }
    }

    /// The divisions after `index` nested under it (deeper than it), up to the next one that is not.
    static func nested(after index: Int, in divisions: [Division]) -> ArraySlice<Division> {
        let depth = divisions[index].depth
        var end = index + 1
        while end < divisions.count, divisions[end].depth > depth { end += 1 }
        return divisions[(index + 1)..<end]
    }

    /// `division`, then the divisions nested under it (mdBook sub-chapters)
    /// as its sections, deeper ones inside them.
    mutating func emitComponent(_ division: Division, nested: ArraySlice<Division> = [], _ context: DocBookContext) {
        begin(division)
        if division.role == .part {
            warn(.emptyPart, "part “\(division.id)” has no chapters after it; written as a chapter")
        }
        let form = Self.componentForm(for: division)
        xml.start(form.element, divisionAttributes(division, role: form.role))
        xml.newline()
        if form.takesSections || !division.title.isEmpty {
            emitTitle(division.title, context)
        }
        // Dedication, acknowledgements and colophon take no sections in
        // DocBook: their headings are bridgeheads by design, not a loss.
        emitContent(
            blocksWithUnplacedFootnotes(division), sections: form.takesSections,
            context.with(\.sectionsAreBridgeheads, !form.takesSections))
        self.division = nil
        if form.takesSections { emitNested(nested, context) }
        xml.end()
        xml.newline()
        // A component without sections writes what is nested under it after it.
        if !form.takesSections { emitNested(nested, context, asComponents: true) }
    }

    /// Each division of `nested` with those nested under it, as a section
    /// (or as components, where sections cannot go).
    private mutating func emitNested(
        _ nested: ArraySlice<Division>, _ context: DocBookContext, asComponents: Bool = false
    ) {
        let divisions = Array(nested)
        var index = 0
        while index < divisions.count {
            let children = Self.nested(after: index, in: divisions)
            if asComponents {
                emitComponent(divisions[index], nested: children, context)
            } else {
                emitDivisionSection(divisions[index], nested: children, context)
            }
            index += 1 + children.count
        }
    }

    private mutating func emitDivisionSection(
        _ division: Division, nested: ArraySlice<Division>, _ context: DocBookContext
    ) {
        begin(division)
        xml.start("section", divisionAttributes(division, role: nil))
        xml.newline()
        emitTitle(division.title.isEmpty ? [.text(division.sourcePath)] : division.title, context)
        emitContent(blocksWithUnplacedFootnotes(division), sections: true, context)
        self.division = nil
        emitNested(nested, context)
        xml.end()
        xml.newline()
    }

    private mutating func emitPart(_ part: Division, members: [Division], _ context: DocBookContext) {
        if members.isEmpty {
            emitComponent(part, context)
            return
        }
        begin(part)
        xml.start("part", divisionAttributes(part, role: nil))
        xml.newline()
        emitTitle(part.title, context)
        let blocks = blocksWithUnplacedFootnotes(part)
        if !blocks.isEmpty {
            xml.start("partintro")
            xml.newline()
            emitContent(blocks, sections: true, context)
            xml.end()
            xml.newline()
        }
        var index = 0
        while index < members.count {
            let nested = Self.nested(after: index, in: members)
            emitComponent(members[index], nested: nested, context)
            index += 1 + nested.count
        }
        xml.end()
        xml.newline()
    }

    private mutating func begin(_ division: Division) {
        self.division = division
        footnotesByLabel = [:]
        for footnote in division.footnotes where footnotesByLabel[footnote.label] == nil {
            footnotesByLabel[footnote.label] = footnote
        }
    }

    private mutating func divisionAttributes(_ division: Division, role: String?) -> [(String, String)] {
        let classes = division.attributes.classes.joined(separator: " ")
        let fullRole = [role, classes.isEmpty ? nil : classes].compactMap { $0 }.joined(separator: " ")
        return Self.attributes([
            ("xml:id", claim(division.id) ?? generatedID("division")),
            ("xml:lang", division.language ?? division.attributes["lang"]),
            ("role", fullRole.isEmpty ? nil : fullRole),
        ])
    }

    /// A division's blocks, plus a paragraph calling each note that nothing
    /// written as markup calls (see `DocBookContent`).
    private mutating func blocksWithUnplacedFootnotes(_ division: Division) -> [Block] {
        let content = contents[division.id] ?? DocBookContent(division)
        for footnote in content.uncalled {
            warn(
                .unreferencedFootnote,
                "footnote [^\(footnote.label)] is never referenced; it is attached to the end of the division")
        }
        return content.blocks
    }

    mutating func emitTitle(_ title: [Inline], _ context: DocBookContext) {
        xml.start("title")
        emitInlineContent(title, context.with(\.verbatim, false))
        xml.end()
        xml.newline()
    }

    /// Content of a component or section. With `sections`, leading blocks
    /// and then nested `<section>`s (DocBook allows no block after a
    /// section, so a stray block joins the section before it); without,
    /// sections are flattened to a `bridgehead` and their blocks. DocBook
    /// wants at least one block or section: an empty one gets `<para/>`.
    mutating func emitContent(_ blocks: [Block], sections: Bool, _ context: DocBookContext) {
        let ordered = sections ? Self.attachingStrayBlocks(blocks) : blocks
        let start = xml.bytes.count
        for block in ordered {
            if case .section(let section) = block, sections {
                emitSection(section, context)
            } else {
                emitBlock(block, context)
            }
        }
        // Blocks can vanish (an empty list, a table without cells, an empty
        // div): what matters is whether an element was written.
        if !xml.bytes[start...].contains(where: { $0 != UInt8(ascii: "\n") }) {
            xml.empty("para")
            blockBreak(context)
        }
    }

    private mutating func emitSection(_ section: Section, _ context: DocBookContext) {
        let classes = section.attributes.classes.joined(separator: " ")
        xml.start(
            "section",
            Self.attributes([
                ("xml:id", claim(section.attributes.id) ?? generatedID((division?.id ?? "section") + "-s")),
                ("xml:lang", section.attributes["lang"]),
                ("role", classes.isEmpty ? nil : classes),
            ]))
        xml.newline()
        emitTitle(section.title, context)
        emitContent(section.blocks, sections: true, context)
        xml.end()
        xml.newline()
    }

    /// Blocks before the first section stay; a non-section block after a
    /// section moves to the end of that section.
    static func attachingStrayBlocks(_ blocks: [Block]) -> [Block] {
        var result: [Block] = []
        for block in blocks {
            if case .section = block {
                result.append(block)
            } else if case .section(var last)? = result.last {
                last.blocks.append(block)
                result[result.count - 1] = .section(last)
            } else {
                result.append(block)
            }
        }
        return result
    }
}
