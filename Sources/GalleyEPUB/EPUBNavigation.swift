import GalleyCore

/// The navigation document (`nav.xhtml`: toc and landmarks) and the EPUB 2
/// `toc.ncx` for older reading systems. Both list entries in reading order.
enum EPUBNavigation {
    struct Entry {
        var label: String
        /// Path inside `OEBPS/`.
        var path: String
        var fragment: String?
        var role: DivisionRole?
        var children: [Entry]

        var fragmentSuffix: String { fragment.map { "#" + EPUBPublication.encodeFragment($0) } ?? "" }
        var depth: Int { 1 + (children.map(\.depth).max() ?? 0) }
    }

    /// Divisions with their titled sections, `depth` levels deep; a nested
    /// division (an mdBook sub-chapter) after its parent's sections.
    static func entries(_ publication: EPUBPublication, depth: Int = .max) -> [Entry] {
        let flat = publication.documents.compactMap { document -> (entry: Entry, depth: Int)? in
            guard case .division(let index) = document.kind else { return nil }
            let division = publication.book.divisions[index]
            let title = EPUBPlainText.label(division.title)
            let entry = Entry(
                label: title.isEmpty ? publication.labels.name(of: division.role) : title,
                path: document.path, fragment: nil, role: division.role,
                children: depth > 1 + division.depth
                    ? sectionEntries(division.blocks, path: document.path, depth: depth - 1 - division.depth) : [])
            return (entry, division.depth)
        }
        return nested(flat[...], depth: depth)
    }

    /// Entries whose depth is more than the one before them become its children.
    private static func nested(_ flat: ArraySlice<(entry: Entry, depth: Int)>, depth limit: Int) -> [Entry] {
        var result: [Entry] = []
        var index = flat.startIndex
        while index < flat.endIndex {
            var entry = flat[index].entry
            let level = flat[index].depth
            index += 1
            let start = index
            while index < flat.endIndex, flat[index].depth > level { index += 1 }
            if level + 1 < limit { entry.children += nested(flat[start..<index], depth: limit) }
            result.append(entry)
        }
        return result
    }

    /// Sections with a title become entries; an untitled one passes its children up.
    private static func sectionEntries(_ blocks: [Block], path: String, depth: Int) -> [Entry] {
        Walk.outline(blocks, depth: depth) { section, children in
            let title = EPUBPlainText.label(section.title)
            guard !title.isEmpty, let id = section.attributes.id else { return children }
            return [Entry(label: title, path: path, fragment: id, role: nil, children: children)]
        }
    }

    /// Landmarks in reading order: cover, title page, toc, body start, and
    /// the first division of each role readers jump to.
    static func landmarks(_ publication: EPUBPublication) -> [(type: String, label: String, path: String)] {
        let labels = publication.labels
        var result: [(String, String, String)] = []
        var seen = Set<String>()
        // Where reading starts: the first body division, else (a book of
        // front matter only) the first one a contents page would list.
        func division(_ document: EPUBPublication.ContentDocument) -> Division? {
            if case .division(let index) = document.kind { return publication.book.divisions[index] }
            return nil
        }
        let firstBody =
            publication.documents.first { division($0)?.role.matter == .body }
            ?? publication.documents.first {
                division($0).map { !EPUBGeneratedPages.unlistedRoles.contains($0.role) } ?? false
            }
            ?? publication.documents.first { division($0) != nil }
        for document in publication.documents {
            var entry: (String, String)?
            switch document.kind {
            case .cover: entry = ("cover", labels.cover)
            case .titlePage: entry = ("titlepage", labels.titlePage)
            case .contents: entry = ("toc", labels.contents)
            case .division(let index):
                let division = publication.book.divisions[index]
                if document.path == firstBody?.path {
                    entry = ("bodymatter", labels.bodyMatter)
                } else if [
                    .cover, .titlepage, .copyright, .preface, .foreword, .introduction, .appendix,
                    .bibliography, .glossary, .index,
                ].contains(division.role) {
                    let title = EPUBPlainText.label(division.title)
                    entry = (
                        XHTMLPage.semantics(division.role).epubType,
                        title.isEmpty ? labels.name(of: division.role) : title
                    )
                }
            }
            if let (type, label) = entry, !seen.contains(type) {
                seen.insert(type)
                result.append((type, label, document.path))
            }
        }
        return result
    }

    static func navigationDocument(_ publication: EPUBPublication, path: String) -> [UInt8] {
        var builder = XMLBuilder()
        let labels = publication.labels
        XHTMLPage.begin(
            &builder, title: labels.contents, language: publication.language,
            publication: publication, path: path, bodyType: nil)
        builder.start("nav", [("epub:type", "toc"), ("role", "doc-toc"), ("id", "toc")])
        builder.newline()
        builder.element("h1", text: labels.contents)
        builder.newline()
        let entries = entries(publication)
        if !entries.isEmpty {
            renderList(entries, into: &builder, publication: publication, from: path)
        }
        builder.end()
        builder.newline()
        builder.start("nav", [("epub:type", "landmarks"), ("id", "landmarks"), ("hidden", "hidden")])
        builder.newline()
        builder.element("h2", text: labels.landmarks)
        builder.newline()
        builder.start("ol")
        builder.newline()
        for landmark in landmarks(publication) {
            builder.start("li")
            builder.element(
                "a",
                [
                    ("epub:type", landmark.type),
                    ("href", publication.relative(landmark.path, from: path)),
                ],
                text: landmark.label)
            builder.end()
            builder.newline()
        }
        builder.end()
        builder.newline()
        builder.end()
        builder.newline()
        XHTMLPage.end(&builder)
        return builder.bytes
    }

    /// The nested `<ol>` of `entries`, for the navigation document and the contents page.
    static func renderList(
        _ entries: [Entry], into builder: inout XMLBuilder,
        publication: EPUBPublication, from path: String
    ) {
        builder.start("ol")
        builder.newline()
        for entry in entries {
            builder.start("li")
            builder.element(
                "a", [("href", publication.relative(entry.path, from: path) + entry.fragmentSuffix)],
                text: entry.label)
            if !entry.children.isEmpty {
                builder.newline()
                renderList(entry.children, into: &builder, publication: publication, from: path)
            }
            builder.end()
            builder.newline()
        }
        builder.end()
        builder.newline()
    }

    /// NCX 2005-1 (EPUB 2) with the same entries, `playOrder` in reading order.
    static func ncx(_ publication: EPUBPublication, path: String) -> [UInt8] {
        var builder = XMLBuilder()
        let entries = entries(publication)
        builder.start(
            "ncx",
            [
                ("xmlns", "http://www.daisy.org/z3986/2005/ncx/"), ("version", "2005-1"),
                ("xml:lang", publication.language),
            ])
        builder.newline()
        builder.start("head")
        builder.newline()
        for (name, content) in [
            ("dtb:uid", publication.identifier),
            ("dtb:depth", String(entries.map(\.depth).max() ?? 1)),
            ("dtb:totalPageCount", "0"), ("dtb:maxPageNumber", "0"),
        ] {
            builder.empty("meta", [("name", name), ("content", content)])
            builder.newline()
        }
        builder.end()
        builder.newline()
        builder.start("docTitle")
        builder.element("text", text: publication.book.metadata.title)
        builder.end()
        builder.newline()
        builder.start("navMap")
        builder.newline()
        var order = 0
        func point(_ entry: Entry) {
            order += 1
            builder.start("navPoint", [("id", "navpoint-\(order)"), ("playOrder", String(order))])
            builder.start("navLabel")
            builder.element("text", text: entry.label)
            builder.end()
            builder.empty("content", [("src", publication.relative(entry.path, from: path) + entry.fragmentSuffix)])
            builder.newline()
            for child in entry.children { point(child) }
            builder.end()
            builder.newline()
        }
        for entry in entries { point(entry) }
        builder.end()
        builder.newline()
        builder.end()
        builder.newline()
        return builder.bytes
    }
}
