import Foundation

/// Turns relative link targets (`other.md#id`, `#id`, `other.md`) into
/// `.internal(division:fragment:)`. A target that names no chapter of the
/// book or no id in it is dangling: its text stays, the link goes (it
/// becomes a plain `.span`), and a warning says where, so no output ever
/// carries a broken href. Run after `AssignIdentifiers`.
public enum ResolveLinks {
    public static func apply(_ book: Book) -> (book: Book, diagnostics: [Diagnostic]) {
        let index = BookIndex(book)
        var diagnostics: [Diagnostic] = []
        var book = book
        book.divisions = book.divisions.map { division in
            Walk.rewrite(
                division,
                Rewriter.eachInline { inline in
                    guard case .link(var link) = inline, case .unresolved(let target) = link.target else {
                        return inline
                    }
                    if let resolved = index.resolve(target, from: division) {
                        link.target = resolved
                        return .link(link)
                    }
                    diagnostics.append(
                        Diagnostic(
                            CoreCode.linksDangling,
                            "the link target `\(target)` names no chapter or id in this book; "
                                + "the link is dropped, its text kept",
                            at: link.location ?? SourceLocation(file: division.sourcePath)))
                    return .span(.empty, link.children)
                })
        }
        return (book, diagnostics)
    }

    /// Which ids each division holds, and which division each file is.
    struct BookIndex {
        var divisionByPath: [String: String] = [:]
        var divisionIDs: Set<String> = []
        /// Element id → the division holding it.
        var owner: [String: String] = [:]

        init(_ book: Book) {
            for division in book.divisions {
                divisionByPath[division.sourcePath] = division.id
                divisionIDs.insert(division.id)
                // Every id a writer writes is a target: sections, headings,
                // divs, spans, images and notes. The first holder keeps it.
                for id in Walk.ids(in: division) where owner[id] == nil { owner[id] = division.id }
            }
        }

        func resolve(_ target: String, from division: Division) -> LinkTarget? {
            let parts = target.split(separator: "#", maxSplits: 1, omittingEmptySubsequences: false)
            let path = String(parts[0]).removingPercentEncoding ?? String(parts[0])
            let fragment = parts.count > 1 ? (String(parts[1]).removingPercentEncoding ?? String(parts[1])) : nil
            let divisionID: String
            if path.isEmpty {
                divisionID = division.id
            } else {
                let joined = Self.normalized(path, relativeTo: division.sourcePath)
                guard let found = divisionByPath[joined] else { return nil }
                divisionID = found
            }
            guard let fragment, !fragment.isEmpty else {
                return .internal(division: divisionID, fragment: nil)
            }
            if divisionIDs.contains(fragment) {
                // `#ch002` or `other.md#ch002`: the start of that division.
                return path.isEmpty || fragment == divisionID ? .internal(division: fragment, fragment: nil) : nil
            }
            guard let holder = owner[fragment] else { return nil }
            // `#id` alone may name an id anywhere in the book (ids are book-unique);
            // `other.md#id` must name one inside other.md.
            if !path.isEmpty && holder != divisionID { return nil }
            return .internal(division: holder, fragment: fragment)
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
