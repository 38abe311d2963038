import GalleyCore

extension XHTMLContentRenderer {
    mutating func renderInlines(_ inlines: [Inline]) {
        for (index, inline) in inlines.enumerated() {
            if case .softBreak = inline {
                // Normally gone after the SoftBreaks transform; if not, apply
                // CSS Text 3: nothing between two wide characters, else a space.
                let before = index > 0 ? Self.lastScalar(of: inlines[index - 1]) : nil
                let after = index + 1 < inlines.count ? Self.firstScalar(of: inlines[index + 1]) : nil
                if !(before.map(Self.isWide) ?? false && after.map(Self.isWide) ?? false) { builder.text(" ") }
                continue
            }
            renderInline(inline)
        }
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
        case .softBreak: builder.text(" ")
        case .lineBreak: builder.empty("br")
        case .footnoteReference(let label): renderNoteReference(label)
        case .ruby(let base, let text):
            builder.start("ruby")
            renderInlines(base)
            builder.element("rp", text: "(")
            builder.element("rt", text: text)
            builder.element("rp", text: ")")
            builder.end()
        case .span(let attributes, let children):
            builder.start("span", htmlAttributes(attributes))
            renderInlines(children)
            builder.end()
        }
    }

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
            if let problem { warn("epub.dangling-link", problem) }
            href = resolved
        case .unresolved(let target):
            warn("epub.unresolved-link", "link target `\(target)` was not resolved; its text is kept without the link")
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
        let alt = EPUBPlainText.normalized(EPUBPlainText.of(image.alt))
        guard let target = publication.imageReferences[EPUBPublication.imageKey(image.source, chapterPath: division.sourcePath)] else {
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
            warn("epub.missing-footnote", "footnote `[^\(label)]` has no definition; the marker is kept as text")
            builder.text("[^\(label)]")
            return
        }
        guard !insideLink else {
            builder.element("sup", text: number)
            return
        }
        builder.start("a", [("epub:type", "noteref"), ("role", "doc-noteref"), ("class", "noteref"),
                            ("id", referenceId), ("href", "#" + EPUBPublication.encodeFragment(noteId))])
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
                warn("epub.unreferenced-footnote", "footnote `[^\(note.label)]` is never referenced")
            }
            builder.start("aside", [("epub:type", "footnote"), ("role", "doc-footnote"), ("class", "footnote"),
                                    ("id", entry.id)])
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
                    builder.element("a", [("role", "doc-backlink"), ("href", "#" + EPUBPublication.encodeFragment(reference))],
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
            builder.element("a", [("role", "doc-backlink"), ("class", "note-label"),
                                  ("href", "#" + EPUBPublication.encodeFragment(reference))], text: number)
        } else {
            builder.element("span", [("class", "note-label")], text: number)
        }
    }

    // MARK: Soft breaks

    static func isWide(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x1100...0x115F, 0x2E80...0x303E, 0x3041...0x33FF, 0x3400...0x4DBF, 0x4E00...0x9FFF,
             0xA000...0xA4CF, 0xAC00...0xD7A3, 0xF900...0xFAFF, 0xFE30...0xFE4F, 0xFF00...0xFF60,
             0xFFE0...0xFFE6, 0x20000...0x3FFFD:
            return true
        default:
            return false
        }
    }

    static func firstScalar(of inline: Inline) -> Unicode.Scalar? {
        EPUBPlainText.of([inline]).unicodeScalars.first
    }

    static func lastScalar(of inline: Inline) -> Unicode.Scalar? {
        EPUBPlainText.of([inline]).unicodeScalars.last
    }
}

/// Footnote numbers and ids of one division, and the references made so far.
struct FootnoteTable {
    struct Entry { var id: String; var number: String }
    private var entries: [String: Entry] = [:]
    private(set) var references: [String: [String]] = [:]
    private(set) var diagnostics: [Diagnostic] = []

    init(_ division: Division, labels: EPUBLabels) {
        for (index, note) in division.footnotes.enumerated() {
            let number = note.number > 0 ? note.number : index + 1
            let id = note.id.isEmpty ? "fn-\(division.id)-\(number)" : note.id
            entries[note.label] = Entry(id: id, number: labels.noteMarker(number))
        }
    }

    func entry(for label: String) -> Entry? { entries[label] }

    /// Every note id, for the plan's table of ids per file.
    var ids: [String] { entries.values.map(\.id) }

    /// Records one more reference to `label`; returns the note id, its number and the new reference id.
    mutating func reference(_ label: String) -> (String, String, String)? {
        guard let entry = entries[label] else { return nil }
        let stem = entry.id.hasPrefix("fn-") ? "fnref-" + entry.id.dropFirst(3) : "ref-" + entry.id
        let count = references[label, default: []].count
        let referenceId = count == 0 ? stem : "\(stem)-\(count + 1)"
        references[label, default: []].append(referenceId)
        return (entry.id, entry.number, referenceId)
    }
}
