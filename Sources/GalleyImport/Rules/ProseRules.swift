import GalleyCore

/// `signature`: the short name and date lines closing a preface or
/// foreword (沈红光 / 2008年11月) become one signature block.
public struct SignatureRule: ImportRule {
    public let name = "signature"
    public let summary = "Turn the name and date lines closing a preface or foreword into a signature block."
    public init() {}

    static let roles: Set<ImportRole> = [.preface, .foreword, .introduction, .afterword, .acknowledgments]

    static func isDate(_ text: String) -> Bool {
        Segmenter.collapse(text).matches(
            "^(于.{1,8})?([0-9]{4}|[一二三四五六七八九〇零]{4})年"
                + "([0-9一二三四五六七八九十]{1,2}月)?([0-9一二三四五六七八九十]{1,3}日)?(于.{1,8})?$")
    }

    public func apply(to document: inout ImportDocument, options: ImportOptions, log: inout ImportLog) {
        for d in document.divisions.indices where Self.roles.contains(document.divisions[d].role) {
            var blocks = document.divisions[d].blocks
            if blocks.contains(where: { $0.kind == .signature }) { continue }
            var end = blocks.count
            while end > 0, blocks[end - 1].isFootnote { end -= 1 }
            var start = end
            while start > 0, end - start < 3, blocks[start - 1].kind == .paragraph,
                !blocks[start - 1].text.contains("\n")
            {
                let text = blocks[start - 1].text.trimmed
                guard text.count <= 30, !"。！？”".contains(text.last!) else { break }
                start -= 1
            }
            guard start < end,
                blocks[start..<end].contains(where: { Self.isDate($0.text) || $0.text.hasSuffix("识") })
            else { continue }
            let lines = blocks[start..<end].flatMap(\.lines)
            let text = blocks[start..<end].map { $0.text.trimmed }.joined(separator: "\n")
            log.changed(
                lines, blocks[start..<end].map(\.text).joined(separator: "\n\n"),
                "::: signature\n" + text + "\n:::")
            blocks.replaceSubrange(start..<end, with: [ImportBlock(kind: .signature, text: text, lines: lines)])
            document.divisions[d].blocks = blocks
        }
    }
}

/// `page-break-joins`: a paragraph (or list item) that does not end in
/// sentence-final punctuation, followed by a text paragraph, was cut by a
/// page break: the two are joined, with no space between Han characters.
/// Page-foot notes between the halves are stepped over; headings, list
/// items, signatures, dates and notes are never joined into.
public struct PageBreakJoinsRule: ImportRule {
    public let name = "page-break-joins"
    public let summary = "Join paragraphs cut by page breaks (no sentence-final punctuation before the break)."
    public init() {}

    /// Two pieces of one paragraph: a space between Latin text on both sides (`result,` / `and`),
    /// none next to a Han character or Chinese punctuation, none after a hyphen.
    static func join(_ a: String, _ b: String) -> String {
        guard let last = a.last, let first = b.first else { return a + b }
        func wide(_ c: Character) -> Bool {
            CJK.isWide(c) || c.unicodeScalars.first.map(EastAsianWidth.isWide) == true
        }
        let space =
            !wide(last) && !wide(first) && !last.isWhitespace && last != "-" && last != "/"
            && (last.isLetter || last.isNumber || ",.;:!?)”’".contains(last))
            && (first.isLetter || first.isNumber || "(“‘".contains(first))
        return space ? a + " " + b : a + b
    }

    /// The text's last character, ignoring trailing note references (`[^1]`, `<sup>1</sup>`, `①`)
    /// and spaces. Read back from the end, so that a long run of spaces costs its length once.
    static func lastCharacter(_ text: String) -> Character? {
        let chars = Array(text)
        var end = chars.count
        func hasSuffix(_ suffix: String, at index: Int) -> Bool {
            let suffix = Array(suffix)
            return index >= suffix.count && Array(chars[(index - suffix.count)..<index]) == suffix
        }
        while end > 0 {
            let c = chars[end - 1]
            if c.isWhitespace || c.unicodeScalars.first.map({ (0x2460...0x2473).contains($0.value) }) == true {
                end -= 1
            } else if c == ">", hasSuffix("</sup>", at: end) {
                // `<sup>[^<]*</sup>`
                // The run of non-`<` before `</sup>` starts inside the opening tag, after its `<`.
                let open = TextScanning.runStart(chars, before: end - 6) { $0 != "<" } - 1
                guard open >= 0, open + 5 <= end - 6, hasSuffix("<sup>", at: open + 5) else { break }
                end = open
            } else if c == "]" {
                // `\[\^[^\]]+\]`: the first `[^` after the previous `]` that leaves something inside.
                let stretch = TextScanning.runStart(chars, before: end - 1) { $0 != "]" }
                guard
                    let open = (stretch..<max(stretch, end - 3)).first(where: {
                        chars[$0] == "[" && chars[$0 + 1] == "^"
                    })
                else { break }
                end = open
            } else {
                break
            }
        }
        return end > 0 ? chars[end - 1] : nil
    }

    public func apply(to document: inout ImportDocument, options: ImportOptions, log: inout ImportLog) {
        for d in document.divisions.indices where document.divisions[d].role.isProse {
            var blocks = document.divisions[d].blocks
            var i = 0
            while i < blocks.count {
                guard blocks[i].kind == .paragraph || blocks[i].kind == .listItem else { i += 1; continue }
                var j = i + 1
                while j < blocks.count, blocks[j].isFootnote { j += 1 }
                guard j < blocks.count, blocks[j].kind == .paragraph, !SignatureRule.isDate(blocks[j].text),
                    !SignatureRule.isDate(blocks[i].text),
                    let last = Self.lastCharacter(blocks[i].text), let first = blocks[j].text.first
                else { i += 1; continue }
                let cut = !CJK.terminal.contains(last) || CJK.continuing.contains(first)
                guard cut else { i += 1; continue }
                let a = blocks[i].text, b = blocks[j].text
                let joined = Self.join(a, b)
                log.changed(
                    [blocks[i].lines.last!, blocks[j].lines.first!],
                    String(a.suffix(16)) + "⏎" + String(b.prefix(16)),
                    String(a.suffix(16)) + (joined.count > a.count + b.count ? " " : "") + String(b.prefix(16)))
                blocks[i].text = joined
                blocks[i].lines += blocks[j].lines
                blocks.remove(at: j)
                // stay on i: the joined paragraph may still be cut
            }
            document.divisions[d].blocks = blocks
        }
    }
}
