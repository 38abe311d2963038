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
        var dangling: [String: (location: SourceLocation, message: String, count: Int)] = [:]
        var order: [String] = []
        var book = book
        book.divisions = book.divisions.map { division in
            Walk.rewrite(
                division,
                Rewriter.eachInline { inline in
                    guard case .link(var link) = inline, case .unresolved(let target) = link.target else {
                        return inline
                    }
                    switch index.resolve(target, from: division) {
                    case .success(let resolved):
                        link.target = resolved
                        return .link(link)
                    case .failure(let failure):
                        if dangling[failure.key] == nil {
                            order.append(failure.key)
                            dangling[failure.key] = (
                                link.location ?? SourceLocation(file: division.sourcePath), failure.message, 0
                            )
                        }
                        dangling[failure.key]!.count += 1
                        return .span(.empty, link.children)
                    }
                })
        }
        let diagnostics = order.map { key in
            let (location, message, count) = dangling[key]!
            let times = count > 1 ? " (\(count) links; the first is here)" : ""
            return Diagnostic(
                CoreCode.linksDangling, "\(message)\(times); the link is dropped, its text kept", at: location)
        }
        return (book, diagnostics)
    }

    /// Why a target does not resolve; links with the same `key` share one warning.
    struct Failure: Error {
        var key: String
        var message: String
    }

    /// Which ids each division holds, and which division each file is.
    struct BookIndex {
        var divisionByPath: [String: String] = [:]
        var divisionIDs: Set<String> = []
        /// Element id → the division holding it.
        var owner: [String: String] = [:]
        /// Division id → its anchors (slug or id as written → id in the book).
        var anchors: [String: [String: String]] = [:]

        init(_ book: Book) {
            for division in book.divisions {
                divisionByPath[division.sourcePath] = division.id
                divisionIDs.insert(division.id)
                anchors[division.id] = division.anchors
                // Every id a writer writes is a target: sections, headings,
                // divs, spans, images and notes. The first holder keeps it.
                for id in Walk.ids(in: division) where owner[id] == nil { owner[id] = division.id }
            }
        }

        func resolve(_ target: String, from division: Division) -> Result<LinkTarget, Failure> {
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
                guard let found = chapter(joined, written: path) else {
                    return .failure(
                        Failure(
                            key: joined.isEmpty ? path : joined,
                            message: "the link target `\(path)` names no chapter of this book"))
                }
                divisionID = found
            }
            guard let fragment, !fragment.isEmpty else {
                return .success(.internal(division: divisionID, fragment: nil))
            }
            if let id = anchors[divisionID]?[fragment] {
                return .success(.internal(division: divisionID, fragment: id == divisionID ? nil : id))
            }
            let missing = Failure(
                key: "\(divisionID)#\(fragment)",
                message: "the link target `\(target)` names no heading or id "
                    + (path.isEmpty ? "in this book" : "in `\(path)`"))
            if divisionIDs.contains(fragment) {
                // `#ch002` or `other.md#ch002`: the start of that division.
                return path.isEmpty || fragment == divisionID
                    ? .success(.internal(division: fragment, fragment: nil)) : .failure(missing)
            }
            guard let holder = owner[fragment] else { return .failure(missing) }
            // `#id` alone may name an id anywhere in the book (ids are book-unique);
            // `other.md#id` must name one inside other.md.
            if !path.isEmpty && holder != divisionID { return .failure(missing) }
            return .success(.internal(division: holder, fragment: fragment))
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
