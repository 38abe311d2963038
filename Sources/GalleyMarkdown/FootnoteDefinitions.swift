import GalleyCore

/// cmark-gfm silently drops a footnote definition that nothing cites, so
/// a mistyped label would lose a note without a word. This finds the
/// definition lines in the source to warn about those.
enum FootnoteDefinitions {
    /// `[^label]:` lines outside fenced code, with their 1-based line numbers.
    static func find(in text: String) -> [(label: String, line: Int)] {
        var result: [(String, Int)] = []
        var codeFence: (character: Character, count: Int)?
        for (index, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let indent = line.prefix(while: { $0 == " " }).count
            guard indent <= 3 else { continue }
            let stripped = line.dropFirst(indent)
            if let fence = stripped.first, fence == "`" || fence == "~" {
                let count = stripped.prefix(while: { $0 == fence }).count
                if count >= 3 {
                    if let open = codeFence {
                        if open.character == fence, count >= open.count { codeFence = nil }
                    } else {
                        codeFence = (fence, count)
                    }
                    continue
                }
            }
            guard codeFence == nil, stripped.hasPrefix("[^"), let close = stripped.firstIndex(of: "]"),
                  stripped[stripped.index(after: close)...].hasPrefix(":") else { continue }
            let label = stripped[stripped.index(stripped.startIndex, offsetBy: 2)..<close]
            if !label.isEmpty { result.append((String(label), index + 1)) }
        }
        return result
    }

    /// Labels compare as cmark compares them: case-folded, spaces collapsed.
    static func normalized(_ label: String) -> String {
        label.lowercased().split(whereSeparator: \.isWhitespace).joined(separator: " ")
    }
}
