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
    static let maximumSize = 8 << 20

    /// `text` with every include expanded. `path` is the chapter's path
    /// relative to the project folder; `display` names it in messages.
    mutating func expand(_ text: String, path: String, display: String, depth: Int = 0) -> String {
        guard text.contains("{{#") else { return text }
        var result = ""
        var rest = Substring(text)
        while let open = rest.range(of: "{{#") {
            let before = rest[..<open.lowerBound]
            if before.last == "\\" {
                result += before.dropLast()
                result += "{{#"
                rest = rest[open.upperBound...]
                continue
            }
            result += before
            guard let close = rest[open.upperBound...].range(of: "}}") else {
                result += rest[open.lowerBound...]
                return result
            }
            let directive = rest[open.upperBound..<close.lowerBound]
            let line = result.reduce(1) { $1 == "\n" ? $0 + 1 : $0 }
            if let expanded = include(directive, from: path, display: display, line: line, depth: depth) {
                result += expanded
            } else {
                result += rest[open.lowerBound..<close.upperBound]
            }
            rest = rest[close.upperBound...]
        }
        return result + rest
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
        let bytes: [UInt8]
        let file: ProjectFiles.File
        switch files.locate(target, from: folder) {
        case .failure(let refusal):
            warn(
                ProjectFiles.message(refusal, what: "the included file `\(target)`") + "; left as written", at: location
            )
            return nil
        case .success(let located):
            file = located
        }
        switch files.read(file, limit: Self.maximumSize + 1) {
        case .failure(let refusal):
            warn(
                ProjectFiles.message(refusal, what: "the included file `\(target)`") + "; left as written", at: location
            )
            return nil
        case .success(let read):
            guard read.count <= Self.maximumSize else {
                warn(
                    "the included file `\(target)` is larger than \(Self.maximumSize) bytes; left as written",
                    at: location)
                return nil
            }
            bytes = read
        }
        let lines = String(decoding: bytes, as: UTF8.self).replacingOccurrences(of: "\r\n", with: "\n")
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
