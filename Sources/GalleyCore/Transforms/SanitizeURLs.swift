/// Makes every external link target safe to write: escaped and valid
/// (`URLPolicy`). A link to a script, `data:` or `file:` URL, or to one that
/// no escaping makes valid, is dropped with a warning at the link and its
/// text kept; so is an image whose source is such a URL (its description
/// kept). A relative target that a browser would read as absolute
/// (` javascript:…`, `java\nscript:…`) is judged as the absolute URL it is.
/// Run before `ResolveLinks`.
public enum SanitizeURLs {
    public static func apply(_ book: Book) -> (book: Book, diagnostics: [Diagnostic]) {
        var book = book
        // Chapters are independent: sanitized side by side.
        let sanitized = book.divisions.concurrentMap { division -> (Division, [Diagnostic]) in
            var diagnostics: [Diagnostic] = []
            let fallback = SourceLocation(file: division.sourcePath)
            let rewritten = Walk.rewrite(
                division,
                Rewriter(inlines: { inlines in
                    inlines.flatMap { inline -> [Inline] in
                        switch inline {
                        case .link(var link):
                            let written: String
                            switch link.target {
                            case .external(let url): written = url
                            case .unresolved(let url) where URLPolicy.scheme(of: url) != nil: written = url
                            case .unresolved, .internal: return [inline]
                            }
                            let verdict = verdict(written, isLink: true)
                            guard case .safe(let url) = verdict else {
                                diagnostics.append(dropped("link", written, verdict, at: link.location ?? fallback))
                                return link.children
                            }
                            link.target = .external(url)
                            return [.link(link)]
                        case .image(let image):
                            guard URLPolicy.scheme(of: image.source) != nil else { return [inline] }
                            let verdict = verdict(image.source, isLink: false)
                            guard case .safe = verdict else {
                                diagnostics.append(
                                    dropped("image", image.source, verdict, at: image.location ?? fallback))
                                return image.alt
                            }
                            return [inline]
                        default:
                            return [inline]
                        }
                    }
                }))
            return (rewritten, diagnostics)
        }
        book.divisions = sanitized.map(\.0)
        return (book, sanitized.flatMap(\.1))
    }

    /// A link may not be a `data:` URL at all (EPUB 3.3 forbids them in
    /// `a href`, EPUBCheck RSC-029); an image may be a raster `data:` image.
    static func verdict(_ url: String, isLink: Bool) -> URLPolicy.Verdict {
        let verdict = URLPolicy.classify(url)
        if isLink, case .safe = verdict, URLPolicy.scheme(of: url) == "data" { return .script(scheme: "data") }
        return verdict
    }

    static func dropped(
        _ kind: String, _ url: String, _ verdict: URLPolicy.Verdict,
        at location: SourceLocation
    ) -> Diagnostic {
        let shown = URLPolicy.shown(url)
        let keeps = kind == "link" ? "its text is kept" : "its description is kept"
        if case .script(let scheme) = verdict {
            return Diagnostic(
                CoreCode.linksUnsafeUrl,
                "the \(kind) to `\(shown)` is dropped: \(scheme): URLs are never written into a book; "
                    + keeps,
                at: location)
        }
        var reason = "it cannot be made a valid URL"
        if case .invalid(let why) = verdict { reason = why }
        return Diagnostic(
            CoreCode.linksInvalidUrl, "the \(kind) to `\(shown)` is dropped: \(reason); \(keeps)",
            at: location)
    }
}
