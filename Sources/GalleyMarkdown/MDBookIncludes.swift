import Foundation
import GalleyCore

/// mdBook's include directives, expanded in a chapter of an mdBook project
/// before it is read, as mdBook's `links` preprocessor does:
///
///     {{#include file.rs}}            the whole file
///     {{#include file.rs:2}}          line 2
///     {{#include file.rs::10}}        lines 1–10
///     {{#include file.rs:2:}}         line 2 to the end
///     {{#include file.rs:2:10}}       lines 2–10
///     {{#include file.rs:name}}       between `ANCHOR: name` and `ANCHOR_END: name`
///     {{#rustdoc_include …}}          the same part (the lines mdBook hides are left out)
///
/// `ANCHOR` lines never reach the book. Paths are relative to the chapter and
/// must stay inside the project folder (`ProjectFiles` judges them);
/// includes nest up to 10 deep. `\{{#include …}}` is written as it stands.
/// Other directives (`{{#playground}}`, `{{#title}}`) are left as written.
struct MDBookIncludes {
    /// The project folder (where `book.toml` is).
    let files: ProjectFiles
    var diagnostics: [Diagnostic] = []

    static let maximumDepth = 10

    /// For each line of the last chapter expanded, the line of the chapter
    /// file it comes from (an included line: its directive's), so messages
    /// name the lines the author wrote. Empty when nothing was included.
    private(set) var lineMap: [Int] = []

    /// The chapter-file line of line `line` of the expanded text.
    func originalLine(_ line: Int) -> Int {
        lineMap.indices.contains(line - 1) ? lineMap[line - 1] : line
    }

    /// `text` with every include expanded. `path` is the chapter's path
    /// relative to the project folder; `display` names it in messages.
    mutating func expand(_ text: String, path: String, display: String, depth: Int = 0) -> String {
        if depth == 0 { lineMap = [] }
        guard text.contains("{{#") else { return text }
        var result = ""
        var map: [Int] = []
        var line = 1
        // Text of the chapter itself: its lines are the file's.
        func keep(_ piece: Substring) {
            result += piece
            if depth == 0 {
                for character in piece where character == "\n" {
                    map.append(line)
                    line += 1
                }
            }
        }
        var rest = Substring(text)
        while let open = rest.range(of: "{{#") {
            let before = rest[..<open.lowerBound]
            if before.last == "\\" {
                keep(before.dropLast())
                keep("{{#")
                rest = rest[open.upperBound...]
                continue
            }
            keep(before)
            guard let close = rest[open.upperBound...].range(of: "}}") else { break }
            let directive = rest[open.upperBound..<close.lowerBound]
            if let expanded = include(directive, from: path, display: display, line: line, depth: depth) {
                result += expanded
                if depth == 0 {
                    // Included lines belong to the directive's line.
                    for character in expanded where character == "\n" { map.append(line) }
                    line += directive.filter { $0 == "\n" }.count
                }
            } else {
                keep(rest[open.lowerBound..<close.upperBound])
            }
            rest = rest[close.upperBound...]
        }
        keep(rest)
        if depth == 0 {
            map.append(line)
            lineMap = map
        }
        return result
    }

    private mutating func include(
        _ directive: Substring, from path: String, display: String, line: Int, depth: Int
    ) -> String? {
        let parts = directive.split(separator: " ", maxSplits: 1, omittingEmptySubsequences: true)
        guard let name = parts.first, name == "include" || name == "rustdoc_include", parts.count == 2 else {
            return nil
        }
        let argument = parts[1].trimmingCharacters(in: .whitespaces)
        let location = SourceLocation(file: display, line: line)
        guard depth < Self.maximumDepth else {
            warn("includes nest deeper than \(Self.maximumDepth); `\(argument)` is left as written", at: location)
            return nil
        }
        var pieces = argument.split(separator: ":", omittingEmptySubsequences: false).map(String.init)
        let target = pieces.removeFirst()
        let folder = (path as NSString).deletingLastPathComponent
        let file: ProjectFiles.File
        let bytes: [UInt8]
        switch files.locate(target, from: folder).flatMap({ located in
            files.read(located, atMost: ProjectFiles.maximumTextSize).map { (located, $0) }
        }) {
        case .failure(let refusal):
            warn(
                ProjectFiles.message(refusal, what: "the included file `\(target)`") + "; left as written", at: location
            )
            return nil
        case .success(let (located, read)):
            (file, bytes) = (located, read)
        }
        // CR LF and lone CR end lines too, as in a chapter.
        let lines = String(decoding: bytes, as: UTF8.self).withLineFeeds
            .split(separator: "\n", omittingEmptySubsequences: false)
        guard let selected = Self.select(lines, pieces) else {
            warn("the anchor `\(pieces.joined(separator: ":"))` is not in `\(target)`; left as written", at: location)
            return nil
        }
        var text = selected.filter { !Self.isAnchorLine($0) }.joined(separator: "\n")
        if text.hasSuffix("\n") { text.removeLast() }
        return expand(text, path: file.relativePath, display: file.relativePath, depth: depth + 1)
    }

    /// The lines a range (`2`, `:10`, `2:`, `2:10`) or an anchor name picks.
    static func select(_ lines: [Substring], _ pieces: [String]) -> [Substring]? {
        guard let first = pieces.first else { return lines }
        if pieces.count == 1, !first.isEmpty, Int(first) == nil {
            guard let start = lines.firstIndex(where: { anchorName($0, "ANCHOR:") == first }) else { return nil }
            let end = lines[(start + 1)...].firstIndex { anchorName($0, "ANCHOR_END:") == first } ?? lines.endIndex
            return Array(lines[(start + 1)..<end])
        }
        let from = max(1, Int(first) ?? 1)
        let to: Int
        if pieces.count == 1 {
            to = from   // `file:2` is line 2 alone
        } else {
            to = Int(pieces[1]) ?? lines.count
        }
        let lower = min(from - 1, lines.count)
        let upper = max(lower, min(to, lines.count))
        return Array(lines[lower..<upper])
    }

    private static func anchorName(_ line: Substring, _ keyword: String) -> String? {
        guard let range = line.range(of: keyword) else { return nil }
        let name = line[range.upperBound...].trimmingCharacters(in: .whitespaces)
        return String(name.prefix { $0.isLetter || $0.isNumber || $0 == "_" || $0 == "-" })
    }

    private static func isAnchorLine(_ line: Substring) -> Bool {
        line.contains("ANCHOR:") || line.contains("ANCHOR_END:")
    }

    private mutating func warn(_ message: String, at location: SourceLocation) {
        diagnostics.append(Diagnostic(MarkdownCode.mdbookInclude, message, at: location))
    }
}
