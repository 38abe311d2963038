/// The report an editor reviews: every change grouped by rule, with input
/// line numbers, before and after; then findings and the line accounting.
public enum ImportReportWriter {
    public static func markdown(_ result: ImportResult) -> String {
        let log = result.log
        var out = "# Import report\n\n"
        out += "Input: \(result.inputLines.count) lines, \(result.encoding)"
        if let evidence = result.evidence, let pages = result.pageOfLine.last {
            out += ", \(pages) pages read as \(evidence.label)"
        }
        out += ".\n"
        if !result.disabledRules.isEmpty { out += "Disabled rules: \(result.disabledRules.joined(separator: ", ")).\n" }
        let fates = result.lineFates
        let removed = fates.values.filter { if case .removed = $0 { return true } else { return false } }.count
        let blank = fates.values.filter { $0 == .blank }.count
        let unaccounted = (1...max(1, result.inputLines.count)).filter {
            fates[$0] == nil && $0 <= result.inputLines.count
        }
        let kept = result.inputLines.count - removed - blank - unaccounted.count
        out += "Lines: \(kept) in the output, \(removed) removed (listed below with their rule), \(blank) blank"
        let missing = unaccounted.map(String.init).joined(separator: ", ")
        out += unaccounted.isEmpty ? ".\n" : "; NOT ACCOUNTED FOR: \(missing).\n"
        out += "\nFiles: " + result.files.map { "`Source/\($0.path)`" }.joined(separator: ", ") + ".\n"

        if !log.findings.isEmpty {
            out += "\n## Needs review\n\n"
            for finding in log.findings {
                out += "- [\(finding.rule)] \(lineLabel(finding.lines)): \(finding.message)\n"
            }
        }
        let rules = [(PrintedLayout.ruleName, PrintedLayout.summary)] + ImportRules.all.map { ($0.name, $0.summary) }
        for (name, summary) in rules {
            let changes = log.changes.filter { $0.rule == name }
            guard !changes.isEmpty else { continue }
            out += "\n## \(name) (\(changes.count))\n\n\(summary)\n\n"
            for change in changes {
                out += "- \(lineLabel(change.lines)): "
                switch change.kind {
                case .removed: out += "removed `\(inline(change.before))`\n"
                case .moved(let file): out += "`\(inline(change.before))` → \(file): \(inline(change.after))\n"
                case .changed:
                    let (before, after) = excerpt(change.before, change.after)
                    out += "`\(inline(before))` → `\(inline(after))`\n"
                }
            }
        }
        return out
    }

    /// Long texts shortened to the part that changed, with some context either side.
    /// Walked by index from both ends: a paragraph's texts are not copied to arrays for each change.
    static func excerpt(_ before: String, _ after: String, context: Int = 12) -> (String, String) {
        func isLong(_ text: String) -> Bool {
            text.index(text.startIndex, offsetBy: 61, limitedBy: text.endIndex) != nil
        }
        guard isLong(before) || isLong(after) else { return (before, after) }
        // The common prefix …
        var a = before.startIndex
        var b = after.startIndex
        while a < before.endIndex, b < after.endIndex, before[a] == after[b] {
            a = before.index(after: a)
            b = after.index(after: b)
        }
        let prefixEnd = (a, b)
        // … and the common suffix after it in both.
        a = before.endIndex
        b = after.endIndex
        while a > prefixEnd.0, b > prefixEnd.1 {
            let previousA = before.index(before: a)
            let previousB = after.index(before: b)
            guard before[previousA] == after[previousB] else { break }
            a = previousA
            b = previousB
        }
        func cut(_ text: String, prefixEnd: String.Index, suffixStart: String.Index) -> String {
            let start = text.index(prefixEnd, offsetBy: -context, limitedBy: text.startIndex) ?? text.startIndex
            let end = text.index(suffixStart, offsetBy: context, limitedBy: text.endIndex) ?? text.endIndex
            return (start > text.startIndex ? "…" : "") + String(text[start..<max(start, end)])
                + (end < text.endIndex ? "…" : "")
        }
        return (
            cut(before, prefixEnd: prefixEnd.0, suffixStart: a), cut(after, prefixEnd: prefixEnd.1, suffixStart: b)
        )
    }

    static func lineLabel(_ lines: [Int]) -> String {
        guard let first = lines.min(), let last = lines.max() else { return "(added)" }
        if first == last { return "line \(first)" }
        if lines.count == last - first + 1 { return "lines \(first)–\(last)" }
        return "lines " + lines.map(String.init).joined(separator: ", ")
    }

    /// Line breaks shown as ` ⏎ `, backquotes as `'`: one pass (two `NSString` replacements copied
    /// every change's text four times). As `NSString` compares, a mark with a combining mark after it
    /// is another character, left as it is.
    static func inline(_ text: String) -> String {
        guard text.utf8.contains(where: { $0 == 0x0A || $0 == 0x60 }) else { return text }
        var out: [UInt8] = []
        out.reserveCapacity(text.utf8.count + 16)
        let scalars = Array(text.unicodeScalars)
        for (i, scalar) in scalars.enumerated() {
            // Only a line feed or backquote is looked at: is a combining mark after it?
            let mark = scalar == "\n" || scalar == "`"
            let combined =
                mark && i + 1 < scalars.count
                && (scalars[i + 1].properties.isGraphemeExtend
                    || scalars[i + 1].properties.generalCategory == .spacingMark)
            switch scalar {
            case "\n" where !combined: out.append(contentsOf: " ⏎ ".utf8)
            case "`" where !combined: out.append(0x27)
            default: out.append(contentsOf: scalar.utf8)
            }
        }
        return String(decoding: out, as: UTF8.self)
    }
}
