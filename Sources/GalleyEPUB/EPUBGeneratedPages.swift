import GalleyCore

/// The pages Galley writes from the metadata and the tree when the book has
/// none of its own: cover, title page, and the inline contents page (目录).
enum EPUBGeneratedPages {
    static func render(_ document: EPUBPublication.ContentDocument, of publication: EPUBPublication) -> [UInt8] {
        switch document.kind {
        case .cover: return cover(publication, path: document.path)
        case .titlePage: return titlePage(publication, path: document.path)
        case .contents: return contents(publication, path: document.path)
        case .division: preconditionFailure("divisions are rendered by XHTMLContentRenderer")
        }
    }

    private static func cover(_ publication: EPUBPublication, path: String) -> [UInt8] {
        let metadata = publication.book.metadata
        var builder = XMLBuilder()
        XHTMLPage.begin(
            &builder, title: publication.labels.cover, language: publication.language,
            publication: publication, path: path, bodyType: "frontmatter")
        builder.start(
            "section", [("epub:type", "cover"), ("class", "cover"), ("aria-label", publication.labels.cover)])
        builder.newline()
        if let image = publication.coverImage {
            builder.empty(
                "img",
                [
                    ("role", "doc-cover"), ("src", publication.relative(image.path, from: path)),
                    ("alt", metadata.title),
                ])
        } else {
            builder.start("div", [("class", "cover-text")])
            builder.element("p", [("class", "cover-title")], text: metadata.title)
            if let subtitle = metadata.subtitle, !subtitle.isEmpty {
                builder.element("p", [("class", "cover-subtitle")], text: subtitle)
            }
            for line in creatorLines(publication) {
                renderCreator(line, className: "cover-creator", labels: publication.labels, into: &builder)
            }
            if let publisher = metadata.publisher, !publisher.isEmpty {
                builder.element("p", [("class", "cover-publisher")], text: publisher)
            }
            builder.end()
        }
        builder.newline()
        builder.end()
        builder.newline()
        XHTMLPage.end(&builder)
        return builder.bytes
    }

    private static func titlePage(_ publication: EPUBPublication, path: String) -> [UInt8] {
        let metadata = publication.book.metadata
        var builder = XMLBuilder()
        XHTMLPage.begin(
            &builder, title: publication.labels.titlePage, language: publication.language,
            publication: publication, path: path, bodyType: "frontmatter")
        builder.start("section", [("epub:type", "titlepage"), ("class", "titlepage")])
        builder.newline()
        builder.element("h1", [("class", "title")], text: metadata.title)
        builder.newline()
        if let subtitle = metadata.subtitle, !subtitle.isEmpty {
            builder.element("p", [("class", "subtitle")], text: subtitle)
            builder.newline()
        }
        for line in creatorLines(publication) {
            renderCreator(line, className: "creator", labels: publication.labels, into: &builder)
            builder.newline()
        }
        if let publisher = metadata.publisher, !publisher.isEmpty {
            builder.element("p", [("class", "publisher")], text: publisher)
            builder.newline()
        }
        builder.end()
        builder.newline()
        XHTMLPage.end(&builder)
        return builder.bytes
    }

    /// One title-page line: the names, and the role as printed (编著, Edited by).
    struct CreatorLine {
        var names: String
        var role: String?
    }

    /// `上海市党建研究会｜编著` / `Edited by Jane Doe`, one line per role.
    static func creatorLines(_ publication: EPUBPublication) -> [CreatorLine] {
        let labels = publication.labels
        var groups: [(role: String?, names: [String])] = []
        for creator in publication.book.metadata.creators {
            let role = creator.displayRole ?? labels.creatorRoles[creator.role]
            if let last = groups.indices.last, groups[last].role == role {
                groups[last].names.append(creator.name)
            } else {
                groups.append((role, [creator.name]))
            }
        }
        return groups.map {
            CreatorLine(
                names: $0.names.joined(separator: labels.nameSeparator),
                role: $0.role.flatMap { $0.isEmpty ? nil : $0 })
        }
    }

    /// In Chinese the role follows the names, set apart by CSS margin rather
    /// than a space character (clreq: spacing belongs to the stylesheet); in
    /// English it precedes them as words.
    static func renderCreator(
        _ line: CreatorLine, className: String, labels: EPUBLabels, into builder: inout XMLBuilder
    ) {
        builder.start("p", [("class", className)])
        if let role = line.role, !labels.creatorRoleAfterName {
            builder.text("\(role) \(line.names)")
        } else {
            builder.element("span", [("class", "names")], text: line.names)
            if let role = line.role { builder.element("span", [("class", "role")], text: role) }
        }
        builder.end()
    }

    /// Roles a printed contents page leaves out.
    static let unlistedRoles: Set<DivisionRole> = [.cover, .titlepage, .copyright, .dedication, .epigraph]

    private static func contents(_ publication: EPUBPublication, path: String) -> [UInt8] {
        var builder = XMLBuilder()
        let labels = publication.labels
        XHTMLPage.begin(
            &builder, title: labels.contents, language: publication.language,
            publication: publication, path: path, bodyType: "frontmatter")
        builder.start("section", [("epub:type", "toc"), ("role", "doc-toc"), ("class", "contents")])
        builder.newline()
        builder.element("h1", text: labels.contents)
        builder.newline()
        let entries = EPUBNavigation.entries(publication, depth: 2)
            .filter { !unlistedRoles.contains($0.role ?? .chapter) }
        if !entries.isEmpty {
            EPUBNavigation.renderList(entries, into: &builder, publication: publication, from: path)
        }
        builder.end()
        builder.newline()
        XHTMLPage.end(&builder)
        return builder.bytes
    }
}
