import GalleyCore

/// The frame every XHTML content document shares: declaration, doctype,
/// `html` with matching `lang`/`xml:lang` (EPUBCheck requires them equal),
/// a non-empty `title`, the stylesheets, and `body` with its matter type.
enum XHTMLPage {
    static func begin(
        _ builder: inout XMLBuilder, title: String, language: String,
        publication: EPUBPublication, path: String, bodyType: String?
    ) {
        builder.raw("<!DOCTYPE html>\n")
        var htmlAttributes = [
            ("xmlns", "http://www.w3.org/1999/xhtml"),
            ("xmlns:epub", "http://www.idpf.org/2007/ops"),
            ("xml:lang", language), ("lang", language),
        ]
        if publication.isVertical { htmlAttributes.append(("class", "vertical")) }
        builder.start("html", htmlAttributes)
        builder.newline()
        builder.start("head")
        builder.newline()
        builder.element("title", text: title.isEmpty ? publication.book.metadata.title : title)
        builder.newline()
        for stylesheet in publication.stylesheets {
            builder.empty(
                "link",
                [
                    ("rel", "stylesheet"), ("type", "text/css"),
                    ("href", publication.relative(stylesheet.path, from: path)),
                ])
            builder.newline()
        }
        builder.end()
        builder.newline()
        builder.start("body", bodyType.map { [("epub:type", $0)] } ?? [])
        builder.newline()
    }

    static func end(_ builder: inout XMLBuilder) {
        builder.end()   // body
        builder.newline()
        builder.end()   // html
        builder.newline()
    }

    /// `epub:type` value of the body by where a division sits.
    static func bodyType(_ matter: DivisionRole.Matter) -> String {
        switch matter {
        case .front: return "frontmatter"
        case .body: return "bodymatter"
        case .back: return "backmatter"
        }
    }

    /// Structural semantics (EPUB SSV) and DPUB-ARIA role of a division.
    static func semantics(_ role: DivisionRole) -> (epubType: String, ariaRole: String?) {
        switch role {
        case .cover: return ("cover", nil)
        case .titlepage: return ("titlepage", nil)
        case .copyright: return ("copyright-page", nil)
        case .dedication: return ("dedication", "doc-dedication")
        case .epigraph: return ("epigraph", "doc-epigraph")
        case .preface: return ("preface", "doc-preface")
        case .foreword: return ("foreword", "doc-foreword")
        case .introduction: return ("introduction", "doc-introduction")
        case .prologue: return ("prologue", "doc-prologue")
        case .chapter: return ("chapter", "doc-chapter")
        case .part: return ("part", "doc-part")
        case .appendix: return ("appendix", "doc-appendix")
        case .afterword: return ("afterword", "doc-afterword")
        case .epilogue: return ("epilogue", "doc-epilogue")
        case .conclusion: return ("conclusion", "doc-conclusion")
        case .colophon: return ("colophon", "doc-colophon")
        case .acknowledgments: return ("acknowledgments", "doc-acknowledgments")
        case .bibliography: return ("bibliography", "doc-bibliography")
        case .glossary: return ("glossary", "doc-glossary")
        case .index: return ("index", "doc-index")
        }
    }
}
