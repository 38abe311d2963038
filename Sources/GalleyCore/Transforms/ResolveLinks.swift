import Foundation

/// Turns relative link targets (`other.md#id`, `#slug`, `other.html`,
/// `../dir/`) into `.internal(division:fragment:)`. A target that names no
/// chapter of the book or no id in it is dangling: its text stays, the link
/// goes (it becomes a plain `.span`), and one warning per target says where
/// it was first written and how many links name it, so no output ever
/// carries a broken href. Run after `AssignIdentifiers`, whose `anchors`
/// let a link name a heading by the slug its author wrote.
public enum ResolveLinks {
    public static func apply(_ book: Book) -> (book: Book, diagnostics: [Diagnostic]) {
        let index = BookIndex(book)
        // Chapters side by side, each noting its dangling targets in the
        // order met; merged in reading order, so a warning names the first.
        let resolved = book.divisions.concurrentMap { division -> (Division, [Dangling]) in
            var dangling: [Dangling] = []
            var position: [String: Int] = [:]
            let rewritten = Walk.rewrite(
                division,
                Rewriter.eachInline { inline in
                    guard case .link(var link) = inline, case .unresolved(let target) = link.target else {
                        return inline
                    }
                    func note(_ failure: Failure) {
                        if let known = position[failure.key] {
                            dangling[known].count += 1
                            return
                        }
                        position[failure.key] = dangling.count
                        dangling.append(
                            Dangling(
                                failure: failure, location: link.location ?? SourceLocation(file: division.sourcePath),
                                count: 1))
                    }
                    switch index.resolve(target, from: division) {
                    case .success(let resolved):
                        link.target = resolved.target
                        if let loose = resolved.loose { note(loose) }
                        return .link(link)
                    case .failure(let failure):
                        note(failure)
                        return .span(.empty, link.children)
                    }
                })
            return (rewritten, dangling)
        }
        var book = book
        book.divisions = resolved.map(\.0)
        var merged: [Dangling] = []
        var position: [String: Int] = [:]
        for dangling in resolved.map(\.1).joined() {
            if let known = position[dangling.failure.key] {
                merged[known].count += dangling.count
            } else {
                position[dangling.failure.key] = merged.count
                merged.append(dangling)
            }
        }
        let diagnostics = merged.map { dangling in
            let times = dangling.count > 1 ? " (\(dangling.count) links; the first is here)" : ""
            let code = dangling.failure.code
            let outcome = code == .linksLooseAnchor ? "linked there" : "the link is dropped, its text kept"
            return Diagnostic(code, "\(dangling.failure.message)\(times); \(outcome)", at: dangling.location)
        }
        return (book, diagnostics)
    }

    /// A target that did not resolve (or resolved loosely): where it was
    /// first written and how many links name it.
    struct Dangling {
        var failure: Failure
        var location: SourceLocation
        var count: Int
    }

    /// Why a target does not resolve; links with the same `key` share one warning.
    struct Failure: Error {
        var key: String
        var message: String
        var code = CoreCode.linksDangling
    }

    /// A resolved link; `loose` when its fragment matched only loosely (said once per target).
    struct Resolved {
        var target: LinkTarget
        var loose: Failure?
    }

    /// Which ids each division holds, and which division each file is.
    struct BookIndex {
        var divisionByPath: [String: String] = [:]
        var divisionIDs: Set<String> = []
        /// Element id → the division holding it.
        var owner: [String: String] = [:]
        /// Division id → its anchors (slug or id as written → id in the book).
        var anchors: [String: [String: String]] = [:]
        /// Division id → its anchors by `HeadingSlugger.loose` (the first of a key wins).
        var looseAnchors: [String: [String: (anchor: String, id: String)]] = [:]

        init(_ book: Book) {
            for division in book.divisions {
                divisionByPath[division.sourcePath] = division.id
                divisionIDs.insert(division.id)
                anchors[division.id] = division.anchors
                var loose: [String: (anchor: String, id: String)] = [:]
                for (anchor, id) in division.anchors.sorted(by: { $0.key < $1.key }) {
                    let key = HeadingSlugger.loose(anchor)
                    if !key.isEmpty && loose[key] == nil { loose[key] = (anchor, id) }
                }
                looseAnchors[division.id] = loose
                // Every id a writer writes is a target: sections, headings,
                // divs, spans, images and notes. The first holder keeps it.
                for id in Walk.ids(in: division) where owner[id] == nil { owner[id] = division.id }
            }
        }

        func resolve(_ target: String, from division: Division) -> Result<Resolved, Failure> {
            let parts = target.split(separator: "#", maxSplits: 1, omittingEmptySubsequences: false)
            var rawPath = Substring(parts[0])
            if let query = rawPath.firstIndex(of: "?") { rawPath = rawPath[..<query] }
            let path = String(rawPath).removingPercentEncoding ?? String(rawPath)
            let fragment = parts.count > 1 ? (String(parts[1]).removingPercentEncoding ?? String(parts[1])) : nil
            let divisionID: String
            if path.isEmpty {
                divisionID = division.id
            } else {
                let joined = Self.normalized(path, relativeTo: division.sourcePath)
                if Self.leavesBook(path, relativeTo: division.sourcePath) {
                    return .failure(
                        Failure(
                            key: joined.isEmpty ? path : joined,
                            message: "the link target `\(path)` leads out of the book's folder", code: .linksOutsideBook
                        ))
                }
                guard let chapterID = chapter(joined, written: path) else {
                    return .failure(
                        Failure(
                            key: joined.isEmpty ? path : joined,
                            message: "the link target `\(path)` names no chapter of this book"))
                }
                divisionID = chapterID
            }
            /// A division's start is the division itself, not a fragment of it.
            func linkTarget(_ division: String, _ fragment: String?) -> LinkTarget {
                .internal(division: division, fragment: fragment == division ? nil : fragment)
            }
            func found(_ division: String, _ fragment: String?) -> Result<Resolved, Failure> {
                .success(Resolved(target: linkTarget(division, fragment)))
            }
            guard let fragment, !fragment.isEmpty else { return found(divisionID, nil) }
            if let id = anchors[divisionID]?[fragment] { return found(divisionID, id) }
            // Not found as written: `#SQL客户端` for the heading whose slug is
            // `sql客户端` is linked there, with a warning; anything else dangles.
            func missing() -> Result<Resolved, Failure> {
                let key = "\(divisionID)#\(fragment)"
                guard let match = looseAnchors[divisionID]?[HeadingSlugger.loose(fragment)] else {
                    return .failure(
                        Failure(
                            key: key,
                            message: "the link target `\(target)` names no heading or id "
                                + (path.isEmpty ? "in this book" : "in `\(path)`")))
                }
                let loose = Failure(
                    key: key,
                    message: "the fragment `#\(fragment)` matches the heading anchor `\(match.anchor)` only when "
                        + "case, spaces and punctuation are ignored (a browser would not find it)",
                    code: .linksLooseAnchor)
                return .success(Resolved(target: linkTarget(divisionID, match.id), loose: loose))
            }
            if divisionIDs.contains(fragment) {
                // `#ch002` or `other.md#ch002`: the start of that division.
                return path.isEmpty || fragment == divisionID ? found(fragment, nil) : missing()
            }
            guard let holder = owner[fragment] else { return missing() }
            // `#id` alone may name an id anywhere in the book (ids are book-unique);
            // `other.md#id` must name one inside other.md.
            if !path.isEmpty && holder != divisionID { return missing() }
            return found(holder, fragment)
        }

        /// The division a `Source/`-relative path names: the chapter file
        /// itself; `page.html` for `page.md` (mdBook's links between pages,
        /// `index.html` for `README.md`); a folder (`dir/`, `dir`) for its
        /// `README.md` or `index.md`.
        func chapter(_ joined: String, written: String) -> String? {
            if let found = divisionByPath[joined] { return found }
            var stem = joined
            for suffix in [".html", ".htm", ".xhtml"] where stem.lowercased().hasSuffix(suffix) {
                stem.removeLast(suffix.count)
                let folder = stem.split(separator: "/").dropLast().joined(separator: "/")
                let readme = folder.isEmpty ? "README.md" : folder + "/README.md"
                if stem.split(separator: "/").last == "index", let found = divisionByPath[readme] { return found }
                return divisionByPath[stem + ".md"] ?? divisionByPath[stem + ".markdown"]
            }
            let folder = joined.isEmpty ? "" : joined + "/"
            for name in ["README.md", "index.md", "readme.md"] {
                if let found = divisionByPath[folder + name] { return found }
            }
            return written.hasSuffix("/") ? nil : divisionByPath[joined + ".md"]
        }

        /// True when `..` in `path` climbs above the source folder (mdBook books
        /// link the Rust standard library's pages as `../std/…`).
        static func leavesBook(_ path: String, relativeTo base: String) -> Bool {
            var depth = base.split(separator: "/").count - 1
            for component in path.split(separator: "/") {
                switch component {
                case ".": continue
                case "..":
                    depth -= 1
                    if depth < 0 { return true }
                default: depth += 1
                }
            }
            return false
        }

        /// `path` as a `Source/`-relative path, read from the chapter at `base`.
        static func normalized(_ path: String, relativeTo base: String) -> String {
            var components = base.split(separator: "/").dropLast().map(String.init)
            if path.hasPrefix("/") { components = [] }
            for component in path.split(separator: "/") {
                switch component {
                case ".": continue
                case "..": if !components.isEmpty { components.removeLast() }
                default: components.append(String(component))
                }
            }
            return components.joined(separator: "/")
        }
    }
}
