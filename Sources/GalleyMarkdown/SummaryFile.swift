import Foundation
import GalleyCore

/// One entry of a book's chapter list: a chapter file, or the title of a
/// part (mdBook's `# Part` lines, GitBook's headings between lists).
struct ManifestEntry: Sendable, Equatable {
    enum Kind: Sendable, Equatable {
        /// A path relative to the source folder, as written (percent-decoded).
        case chapter(path: String)
        case part
    }

    var kind: Kind
    /// The link text of a SUMMARY entry or a part's title; nil in `book.yaml`.
    var title: String?
    /// 0 for a top-level chapter; a chapter nested in a SUMMARY list sits one
    /// deeper than the one it is nested in.
    var depth: Int = 0
    /// Where the entry is listed (`book.yaml:12`, `src/SUMMARY.md:7`).
    var listedAt: SourceLocation
}

/// Reads a `SUMMARY.md`, the chapter list of mdBook and GitBook/HonKit
/// projects: bare links before and after the lists are prefix and suffix
/// chapters; list items (`-`, `*`, `+`, `1.`) are chapters, nested by
/// indentation; a heading after the first entry titles a part; a link with
/// no target (`[Draft]()`, mdBook's draft chapter) or to another site is
/// skipped; `---` separators, HTML comments and the title line are ignored.
/// An entry whose file is already listed and which points into it
/// (`chapter.md#section`, GitBook's way to list a chapter's sections) adds
/// nothing.
enum SummaryFile {
    struct Parsed {
        var entries: [ManifestEntry] = []
        var diagnostics: [Diagnostic] = []
    }

    static func parse(_ text: String, file: String) -> Parsed {
        var parsed = Parsed()
        var indents: [Int] = []
        var listed = Set<String>()
        var inComment = false
        var fence: Substring?
        for (index, rawLine) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let location = SourceLocation(file: file, line: index + 1)
            var line = Substring(rawLine.replacingOccurrences(of: "\t", with: "    "))
            while line.last?.isWhitespace == true { line.removeLast() }
            let trimmed = line.drop { $0 == " " }
            if let open = fence {
                if trimmed.hasPrefix(open) { fence = nil }
                continue
            }
            if trimmed.hasPrefix("```") || trimmed.hasPrefix("~~~") {
                fence = trimmed.prefix(3)
                continue
            }
            if inComment || trimmed.hasPrefix("<!--") {
                inComment = !trimmed.contains("-->")
                continue
            }
            if trimmed.isEmpty || trimmed.allSatisfy({ $0 == "-" || $0 == "*" || $0 == "_" || $0 == " " }) {
                continue
            }
            if let heading = headingText(trimmed) {
                // The first heading before any entry is the list's own title.
                if !parsed.entries.isEmpty || !indents.isEmpty {
                    parsed.entries.append(ManifestEntry(kind: .part, title: heading, listedAt: location))
                    indents = []
                }
                continue
            }
            let indent = line.count - trimmed.count
            var depth = 0
            var content = trimmed
            if let item = listItemContent(trimmed) {
                while let last = indents.last, indent <= last { indents.removeLast() }
                depth = indents.count
                indents.append(indent)
                content = item
            } else {
                indents = []
            }
            guard let (title, target) = link(in: content) else {
                // A list item with no link: a heading of the list in GitBook
                // books, a draft in mdBook ones; its children move up.
                if depth == 0 && !indents.isEmpty {
                    parsed.entries.append(ManifestEntry(kind: .part, title: plain(content), listedAt: location))
                }
                if !indents.isEmpty { indents.removeLast() }
                continue
            }
            guard let path = chapterPath(target) else {
                if !target.isEmpty && !target.contains("://") {
                    parsed.diagnostics.append(
                        Diagnostic(
                            MarkdownCode.summaryEntry, severity: .warning,
                            "the entry “\(title)” links to `\(target)`, not a Markdown file of the book; skipped",
                            at: location))
                }
                if !indents.isEmpty { indents.removeLast() }
                continue
            }
            if listed.contains(path) {
                if !target.contains("#") {
                    parsed.diagnostics.append(
                        Diagnostic(
                            MarkdownCode.summaryEntry, severity: .warning,
                            "`\(path)` is listed again (“\(title)”); the book holds it once", at: location))
                }
                continue
            }
            listed.insert(path)
            let previous = parsed.entries.last { if case .chapter = $0.kind { return true } else { return false } }
            let nested = min(depth, (previous?.depth ?? -1) + 1)
            parsed.entries.append(
                ManifestEntry(kind: .chapter(path: path), title: title, depth: max(0, nested), listedAt: location))
        }
        return parsed
    }

    /// `# Title` → `Title`.
    private static func headingText(_ line: Substring) -> String? {
        let hashes = line.prefix { $0 == "#" }
        guard (1...6).contains(hashes.count) else { return nil }
        let rest = line.dropFirst(hashes.count)
        guard rest.first == " " else { return nil }
        let text = plain(rest.trimmingCharacters(in: .whitespaces)[...])
        return text.isEmpty ? nil : text
    }

    /// The text after a list marker (`- `, `* `, `+ `, `1. `, `1) `).
    private static func listItemContent(_ line: Substring) -> Substring? {
        if let first = line.first, "-*+".contains(first), line.dropFirst().first == " " {
            return line.dropFirst(2).drop { $0 == " " }
        }
        let digits = line.prefix { $0.isASCII && $0.isNumber }
        guard !digits.isEmpty, digits.count <= 9 else { return nil }
        let rest = line.dropFirst(digits.count)
        guard let marker = rest.first, marker == "." || marker == ")", rest.dropFirst().first == " " else { return nil }
        return rest.dropFirst(2).drop { $0 == " " }
    }

    /// `[text](target)` at the start of `content`, brackets in the text balanced.
    private static func link(in content: Substring) -> (title: String, target: String)? {
        guard content.first == "[" else { return nil }
        var depth = 0
        var index = content.startIndex
        var close: Substring.Index?
        while index < content.endIndex {
            switch content[index] {
            case "\\": index = content.index(after: index)
            case "[": depth += 1
            case "]":
                depth -= 1
                if depth == 0 { close = index }
            default: break
            }
            if close != nil || index >= content.endIndex { break }
            index = content.index(after: index)
        }
        guard let close, content[content.index(after: close)...].first == "(" else { return nil }
        let text = content[content.index(after: content.startIndex)..<close]
        let afterParen = content.index(close, offsetBy: 2)
        guard let end = content[afterParen...].lastIndex(of: ")") else { return nil }
        var target = content[afterParen..<end].trimmingCharacters(in: .whitespaces)
        if target.hasPrefix("<"), let gt = target.firstIndex(of: ">") {
            target = String(target[target.index(after: target.startIndex)..<gt])
        } else if let space = target.firstIndex(of: " ") {
            target = String(target[..<space])   // a link title follows
        }
        return (plain(text), target)
    }

    /// The chapter file a target names: a relative `.md`/`.markdown` path,
    /// percent-decoded, without its fragment; nil for anything else.
    static func chapterPath(_ target: String) -> String? {
        guard !target.isEmpty, !target.contains("://"), !target.hasPrefix("mailto:") else { return nil }
        var path = target
        if let hash = path.firstIndex(of: "#") { path = String(path[..<hash]) }
        if let query = path.firstIndex(of: "?") { path = String(path[..<query]) }
        path = path.removingPercentEncoding ?? path
        while path.hasPrefix("./") { path.removeFirst(2) }
        if path.hasPrefix("/") { path.removeFirst() }
        let lower = path.lowercased()
        guard lower.hasSuffix(".md") || lower.hasSuffix(".markdown") else { return nil }
        return path
    }

    /// Link text without Markdown's emphasis and code marks.
    static func plain(_ text: Substring) -> String {
        var result = ""
        var previous: Character?
        for character in text {
            if previous == "\\" {
                result.append(character)
                previous = nil
                continue
            }
            if character != "`" && character != "*" && character != "\\" { result.append(character) }
            previous = character
        }
        return result.trimmingCharacters(in: .whitespaces)
    }
}
