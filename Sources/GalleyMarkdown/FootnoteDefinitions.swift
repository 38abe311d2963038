import GalleyCore

/// cmark-gfm silently drops a footnote definition that nothing cites, so
/// a mistyped label would lose a note without a word. This finds the
/// definition lines in the source to warn about those.
enum FootnoteDefinitions {
    /// `[^label]:` lines outside fenced code, with their 1-based line numbers.
    static func find(in text: String) -> [(label: String, line: Int)] {
        var result: [(String, Int)] = []
        SourceLines.scan(text) { line in
            guard !line.isCode, line.indent <= 3, line.startsWith("[^") else { return }
            let bytes = line.stripped.utf8
            guard let close = bytes.firstIndex(of: UInt8(ascii: "]")),
                bytes.index(after: close) < bytes.endIndex,
                bytes[bytes.index(after: close)] == UInt8(ascii: ":")
            else { return }
            let label = Substring(bytes[bytes.index(bytes.startIndex, offsetBy: 2)..<close])
            if !label.isEmpty { result.append((String(label), line.number)) }
        }
        return result
    }

    /// Labels compare as cmark compares them: case-folded, spaces collapsed.
    static func normalized(_ label: String) -> String {
        label.lowercased().split(whereSeparator: \.isWhitespace).joined(separator: " ")
    }
}
