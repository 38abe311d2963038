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
    static func excerpt(_ before: String, _ after: String, context: Int = 12) -> (String, String) {
        guard before.count > 60 || after.count > 60 else { return (before, after) }
        let a = Array(before), b = Array(after)
        var prefix = 0
        while prefix < min(a.count, b.count), a[prefix] == b[prefix] { prefix += 1 }
        var suffix = 0
        while suffix < min(a.count, b.count) - prefix, a[a.count - 1 - suffix] == b[b.count - 1 - suffix] {
            suffix += 1
        }
        let start = max(0, prefix - context)
        func cut(_ chars: [Character]) -> String {
            let end = min(chars.count, chars.count - suffix + context)
            return (start > 0 ? "…" : "") + String(chars[start..<max(start, end)]) + (end < chars.count ? "…" : "")
        }
        return (cut(a), cut(b))
    }

    static func lineLabel(_ lines: [Int]) -> String {
        guard let first = lines.min(), let last = lines.max() else { return "(added)" }
        if first == last { return "line \(first)" }
        if lines.count == last - first + 1 { return "lines \(first)–\(last)" }
        return "lines " + lines.map(String.init).joined(separator: ", ")
    }

    static func inline(_ text: String) -> String {
        text.replacingOccurrences(of: "\n", with: " ⏎ ").replacingOccurrences(of: "`", with: "'")
    }
}
