import GalleyCore

extension XHTMLContentRenderer {
    mutating func renderInlines(_ inlines: [Inline]) {
        for inline in inlines { renderInline(inline) }
    }

    mutating func renderInline(_ inline: Inline) {
        switch inline {
        case .text(let text): builder.text(text)
        case .emphasis(let children): wrap("em", children)
        case .strong(let children): wrap("strong", children)
        case .strikethrough(let children): wrap("s", children)
        case .superscript(let children): wrap("sup", children)
        case .subscript(let children): wrap("sub", children)
        case .code(let text): builder.element("code", text: text)
        case .link(let link): renderLink(link)
        case .image(let image): renderImage(image)
        case .softBreak: preconditionFailure("a NormalizedBook has no soft breaks: the pipeline decides them")
        case .lineBreak: builder.empty("br")
        case .footnoteReference(let label): renderNoteReference(label)
        case .ruby(let base, let text):
            // No <rp>: EPUB 3.3 discourages it (EPUBCheck HTM-055).
            builder.start("ruby")
            renderInlines(base)
            builder.element("rt", text: text)
            builder.end()
        case .span(var attributes, let children):
            if let group = inline.rubyGroup {
                // `{漢字|hàn|zì}`: one <ruby>, a reading after each character.
                builder.start("ruby")
                for (base, reading) in group {
                    renderInlines(base)
                    builder.element("rt", text: reading)
                }
                builder.end()
                return
            }
            // `<u>`, `<kbd>`, `<abbr title>` from raw HTML are elements again.
            var element = "span"
            if let first = attributes.classes.first, let name = Self.phraseElements[first] {
                element = name
                attributes.classes.removeFirst()
            }
            builder.start(element, htmlAttributes(attributes))
            renderInlines(children)
            builder.end()
        }
    }

    /// Span classes (the raw HTML tag the reader saw) written as that XHTML element.
    static let phraseElements = ["u": "u", "kbd": "kbd", "abbr": "abbr", "acronym": "abbr"]

    private mutating func wrap(_ name: String, _ children: [Inline]) {
        builder.start(name)
        renderInlines(children)
        builder.end()
    }

    private mutating func renderLink(_ link: Link) {
        var href: String?
        switch link.target {
        case .external(let url):
            href = url
        case .internal(let divisionId, let fragment):
            let (resolved, problem) = publication.href(toDivision: divisionId, fragment: fragment, from: path)
            if let problem { warn(.danglingLink, problem) }
            href = resolved
        case .unresolved:
            preconditionFailure("a NormalizedBook has no unresolved links: the pipeline resolves them")
        }
        // HTML forbids a link inside a link: the inner one keeps its text only.
        guard let href, !insideLink else {
            renderInlines(link.children)
            return
        }
        var attributes = [("href", href)]
        if let title = link.title, !title.isEmpty { attributes.append(("title", title)) }
        if link.isAutolink { attributes.append(("class", "url")) }
        builder.start("a", attributes)
        insideLink = true
        renderInlines(link.children)
        insideLink = false
        builder.end()
    }

    private mutating func renderImage(_ image: Image) {
        let alt = EPUBPlainText.label(image.alt)
        guard
            let target = publication.imageReferences[
                EPUBPublication.imageKey(image.source, chapterPath: division.sourcePath)]
        else {
            // A remote image (already reported): show what it depicts.
            builder.element("span", [("class", "image-alt")], text: alt.isEmpty ? image.source : alt)
            return
        }
        var attributes = htmlAttributes(image.attributes)
        attributes.append(("src", publication.relative(target, from: path)))
        attributes.append(("alt", alt))
        if let title = image.title, !title.isEmpty { attributes.append(("title", title)) }
        builder.empty("img", attributes)
    }

    mutating func renderFigure(_ image: Image) {
        builder.start("figure", [("class", "image")])
        renderImage(image)
        if let title = image.title, !title.isEmpty {
            builder.element("figcaption", text: title)
        }
        builder.end()
    }

    private mutating func renderNoteReference(_ label: String) {
        guard let (noteId, number, referenceId) = notes.reference(label) else {
            warn(.missingFootnote, "footnote `[^\(label)]` has no definition; the marker is kept as text")
            builder.text("[^\(label)]")
            return
        }
        guard !insideLink else {
            builder.element("sup", text: number)
            return
        }
        builder.start(
            "a",
            [
                ("epub:type", "noteref"), ("role", "doc-noteref"), ("class", "noteref"),
                ("id", referenceId), ("href", "#" + EPUBPublication.encodeFragment(noteId)),
            ])
        builder.element("sup", text: number)
        builder.end()
    }

    /// The asides, after the division's text: each opens with its number,
    /// which links back to the first reference; later references get their
    /// own backlinks at the end.
    mutating func renderFootnotes() {
        guard !division.footnotes.isEmpty else { return }
        builder.start("div", [("class", "footnotes")])
        builder.newline()
        for note in division.footnotes {
            let entry = notes.entry(for: note.label)!
            let references = notes.references[note.label] ?? []
            if references.isEmpty {
                warn(.unreferencedFootnote, "footnote `[^\(note.label)]` is never referenced")
            }
            builder.start(
                "aside",
                [
                    ("epub:type", "footnote"), ("role", "doc-footnote"), ("class", "footnote"),
                    ("id", entry.id),
                ])
            builder.newline()
            var blocks = note.blocks
            if case .paragraph(let inlines) = blocks.first {
                blocks.removeFirst()
                builder.start("p")
                renderNoteNumber(entry.number, backTo: references.first)
                builder.text(" ")
                renderInlines(inlines)
                builder.end()
                builder.newline()
            } else {
                builder.start("p", [("class", "note-number")])
                renderNoteNumber(entry.number, backTo: references.first)
                builder.end()
                builder.newline()
            }
            renderBlocks(blocks, headingLevel: 6)
            if references.count > 1 {
                builder.start("p", [("class", "note-backlinks")])
                for (index, reference) in references.enumerated().dropFirst() {
                    if index > 1 { builder.text(" ") }
                    builder.element(
                        "a", [("role", "doc-backlink"), ("href", "#" + EPUBPublication.encodeFragment(reference))],
                        text: "↩\u{FE0E}\(index + 1)")
                }
                builder.end()
                builder.newline()
            }
            builder.end()
            builder.newline()
        }
        builder.end()
        builder.newline()
    }

    private mutating func renderNoteNumber(_ number: String, backTo reference: String?) {
        if let reference {
            builder.element(
                "a",
                [
                    ("role", "doc-backlink"), ("class", "note-label"),
                    ("href", "#" + EPUBPublication.encodeFragment(reference)),
                ], text: number)
        } else {
            builder.element("span", [("class", "note-label")], text: number)
        }
    }
}

/// Footnote numbers and ids of one division, and the references made so far.
struct FootnoteTable {
    struct Entry { var id: String; var number: String }
    private var entries: [String: Entry] = [:]
    private(set) var references: [String: [String]] = [:]
    private(set) var diagnostics: [Diagnostic] = []

    init(_ division: Division, labels: EPUBLabels) {
        for note in division.footnotes {
            entries[note.label] = Entry(id: note.id, number: labels.noteMarker(note.number))
        }
    }

    func entry(for label: String) -> Entry? { entries[label] }

    /// Records one more reference to `label`; returns the note id, its number and the new reference id.
    mutating func reference(_ label: String) -> (String, String, String)? {
        guard let entry = entries[label] else { return nil }
        // Note ids are `fn-<division>-<n>` (NumberFootnotes); a reference is `fnref-<division>-<n>[-<k>]`.
        let stem = "fnref-" + entry.id.dropFirst("fn-".count)
        let count = references[label, default: []].count
        let referenceId = count == 0 ? stem : "\(stem)-\(count + 1)"
        references[label, default: []].append(referenceId)
        return (entry.id, entry.number, referenceId)
    }
}
