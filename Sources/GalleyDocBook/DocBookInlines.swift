import GalleyCore

/// Inline content: phrases, links, images, footnotes.
extension DocBookEmitter {
    mutating func emitInlineContent(_ inlines: [Inline], _ context: DocBookContext) {
        let inner = context.with(\.inMixedContent, true)
        for inline in inlines { emitInline(inline, inner) }
    }

    mutating func emitText(_ text: String) {
        xml.text(text)
    }

    private mutating func emitInline(_ inline: Inline, _ context: DocBookContext) {
        switch inline {
        case .text(let text):
            emitText(text)
        case .emphasis(let children):
            if context.textOnly {
                wrap("phrase", [("role", "emphasis")], children, context)
            } else {
                wrap("emphasis", [], children, context)
            }
        case .strong(let children):
            wrap(context.textOnly ? "phrase" : "emphasis", [("role", "strong")], children, context)
        case .strikethrough(let children):
            wrap("phrase", [("role", "strikethrough")], children, context)
        case .superscript(let children):
            wrapTextOnly("superscript", [], children, context)
        case .subscript(let children):
            wrapTextOnly("subscript", [], children, context)
        case .code(let code):
            if context.textOnly {
                xml.element("phrase", [("role", "literal")], text: code)
            } else {
                xml.element("literal", text: code)
            }
        case .link(let link):
            emitLink(link, context)
        case .image(let image):
            xml.start("inlinemediaobject", Self.attributes([("xml:id", claim(image.attributes.id))]))
            emitImageObject(
                fileref: imageReference(image.source, relativeTo: division?.sourcePath ?? ""),
                alt: plainText(image.alt), title: image.title)
            xml.end()
        case .softBreak:
            // None reaches a writer: the pipeline decided each (SoftBreaks).
            break
        case .lineBreak:
            if context.verbatim {
                emitText("\n")
            } else {
                note(.lineBreak, "a line break in a title or attribution was written as a space")
                emitText(" ")
            }
        case .footnoteReference(let label):
            if context.textOnly {
                deferredFootnotes.append(label)
            } else {
                emitFootnoteReference(label, context)
            }
        case .ruby(let base, let reading):
            // DocBook 5.0 has no ruby: the reading follows the base in
            // parentheses, both marked with roles so a stylesheet can restore it.
            note(.ruby, "ruby “\(plainText(base))” written as base text with its reading in parentheses")
            xml.start("phrase", [("role", "ruby")])
            emitInlineContent(base, context)
            let (open, close) = book.metadata.isCJK ? ("（", "）") : (" (", ")")
            xml.element("phrase", [("role", "rt")], text: open + reading + close)
            xml.end()
        case .span(_, _) where inline.rubyGroup != nil:
            // `{漢字|hàn|zì}`: one ruby, bases then readings, as for `.ruby`.
            let group = inline.rubyGroup ?? []
            emitInline(.ruby(base: group.flatMap(\.base), text: group.map(\.reading).joined()), context)
        case .span(let attributes, let children):
            if !context.textOnly, let first = attributes.classes.first, let element = Self.phraseElements[first] {
                // `<u>`, `<kbd>`, `<abbr>` from raw HTML: DocBook's own element.
                var pairs: [(String, String?)] = [("xml:id", claim(attributes.id)), ("xml:lang", attributes["lang"])]
                if let role = element.role {
                    pairs.append(("role", role))
                    wrap(element.name, Self.attributes(pairs), children, context)
                } else {
                    // keycap, abbrev and acronym hold text only.
                    wrapTextOnly(element.name, Self.attributes(pairs), children, context)
                }
                return
            }
            let classes = attributes.classes.joined(separator: " ")
            let spanAttributes = Self.attributes([
                ("xml:id", claim(attributes.id)),
                ("xml:lang", attributes["lang"]),
                ("role", classes.isEmpty ? nil : classes),
            ])
            if spanAttributes.isEmpty {
                emitInlineContent(children, context)
            } else {
                wrap("phrase", spanAttributes, children, context)
            }
        }
    }

    /// Span classes (the raw HTML tag the reader saw) written as a DocBook element.
    static let phraseElements: [String: (name: String, role: String?)] = [
        "u": ("emphasis", "underline"), "kbd": ("keycap", nil), "abbr": ("abbrev", nil), "acronym": ("acronym", nil),
    ]

    private mutating func wrap(
        _ element: String, _ attributes: [(String, String)], _ children: [Inline],
        _ context: DocBookContext
    ) {
        xml.start(element, attributes)
        emitInlineContent(children, context)
        xml.end()
    }

    /// Superscript and subscript hold `db._text` only; footnotes called
    /// inside them follow the outermost such element.
    private mutating func wrapTextOnly(
        _ element: String, _ attributes: [(String, String)], _ children: [Inline], _ context: DocBookContext
    ) {
        wrap(element, attributes, children, context.with(\.textOnly, true))
        if !context.textOnly && !deferredFootnotes.isEmpty {
            let labels = deferredFootnotes
            deferredFootnotes = []
            note(.footnoteMoved, "a footnote called inside \(element) was placed right after it")
            for label in labels { emitFootnoteReference(label, context) }
        }
    }

    // MARK: Links

    private mutating func emitLink(_ link: Link, _ context: DocBookContext) {
        if context.inLink {
            note(.nestedLink, "a link inside another link keeps its text only")
            emitInlineContent(link.children, context)
            return
        }
        let inLink = context.with(\.inLink, true)
        switch link.target {
        case .external(let url):
            let title = link.title.flatMap { $0.isEmpty ? nil : $0 }
            xml.start("link", Self.attributes([("xlink:href", Self.uriEscaped(url)), ("xlink:title", title)]))
            emitLinkContent(link.children, inLink, fallback: url)
            xml.end()
        case .internal(let divisionID, let fragment):
            let target = fragment ?? divisionID
            guard ids.writable.contains(target) else {
                warn(
                    .danglingLink,
                    "link to “#\(target)” has no target in the DocBook file; its text is kept without the link")
                emitInlineContent(link.children, inLink)
                return
            }
            xml.start("link", [("linkend", target)])
            // A link with no text shows its target's title (xref would need
            // a title the target may not have), else the id.
            let title = ids.titles[target].map { plainText($0) } ?? ""
            emitLinkContent(link.children, inLink, fallback: title.allSatisfy(\.isWhitespace) ? target : title)
            xml.end()
        case .unresolved:
            // None reaches a writer: ResolveLinks made each internal, or a
            // span with a warning.
            emitInlineContent(link.children, inLink)
        }
    }

    /// A link's content, where any inline may stand again even inside
    /// text-only content; `fallback` when it would be empty (DocBook XSL
    /// complains about a link with no content).
    private mutating func emitLinkContent(_ children: [Inline], _ context: DocBookContext, fallback: String) {
        let start = xml.bytes.count
        emitInlineContent(children, context.with(\.textOnly, false))
        if xml.bytes.count == start { emitText(fallback) }
    }

    /// The URL with every character an `xsd:anyURI` should not carry raw
    /// (spaces, controls, non-ASCII) percent-encoded.
    static func uriEscaped(_ url: String) -> String {
        let allowed = Set("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~:/?#[]@!$&'()*+,;=%".utf8)
        var result = ""
        for byte in url.utf8 {
            if allowed.contains(byte) {
                result.unicodeScalars.append(Unicode.Scalar(byte))
            } else {
                let hex = Array("0123456789ABCDEF".unicodeScalars)
                result += "%"
                result.unicodeScalars.append(hex[Int(byte >> 4)])
                result.unicodeScalars.append(hex[Int(byte & 0xF)])
            }
        }
        return result
    }

    /// Where an image written as `source` in the chapter file `chapterPath`
    /// is, seen from the DocBook file.
    func imageReference(_ source: String, relativeTo chapterPath: String) -> String {
        if source.firstRange(of: "://") != nil || source.hasPrefix("data:") || source.hasPrefix("/") {
            return Self.uriEscaped(source)
        }
        var directory = chapterPath.split(separator: "/", omittingEmptySubsequences: true).dropLast().map(String.init)
        for component in source.split(separator: "/", omittingEmptySubsequences: true) {
            if component == "." { continue }
            if component == "..", !directory.isEmpty, directory.last != ".." {
                directory.removeLast()
            } else {
                directory.append(String(component))
            }
        }
        return Self.uriEscaped(imageBase + directory.joined(separator: "/"))
    }

    // MARK: Footnotes

    /// The first reference to a note writes `<footnote>` there; later ones
    /// write `<footnoteref>`. A note called from inside a note cannot be a
    /// footnote (the Schematron forbids nesting): its text goes inline in
    /// parentheses.
    private mutating func emitFootnoteReference(_ label: String, _ context: DocBookContext) {
        guard let footnote = footnotesByLabel[label] else {
            warn(.missingFootnote, "footnote [^\(label)] has no definition; its label is kept as text")
            emitText("[\(label)]")
            return
        }
        if let placed = placedFootnotes[footnote.id] {
            xml.empty("footnoteref", [("linkend", placed)])
            return
        }
        if context.inNote {
            warn(
                .nestedFootnote,
                "footnote [^\(label)] is called from inside another footnote; its text was put inline in parentheses")
            let (open, close) = book.metadata.isCJK ? ("（", "）") : (" (", ")")
            emitText(open + plainText(footnote.blocks) + close)
            return
        }
        // The note's id is the pipeline's (`fn-<division>-<n>`); only an id
        // written in the source that happens to equal it makes it step aside
        // (NumberFootnotes does not reserve its ids against the author's).
        let id = claim(footnote.id) ?? generatedID(footnote.id)
        placedFootnotes[footnote.id] = id
        xml.start("footnote", [("xml:id", id)])
        emitContent(footnote.blocks, sections: false, context.with(\.inNote, true).with(\.verbatim, false))
        xml.end()
    }
}
