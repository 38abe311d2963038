import GalleyCore

/// `signature`: the short name and date lines closing a preface or
/// foreword (沈红光 / 2008年11月) become one signature block.
public struct SignatureRule: ImportRule {
    public let name = "signature"
    public let summary = "Turn the name and date lines closing a preface or foreword into a signature block."
    public init() {}

    static let roles: Set<ImportRole> = [.preface, .foreword, .introduction, .afterword, .acknowledgments]

    static func isDate(_ text: String) -> Bool {
        // A date is a short line: a long paragraph is not collapsed to find out.
        guard text.utf8.count <= 400 else { return false }
        return Segmenter.collapse(text).matches(
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
                !blocks[start - 1].text.hasLineFeed
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
        var text = a
        append(b, to: &text)
        return text
    }

    /// `join`, in place: a paragraph built from many pieces is not copied for each of them.
    /// Whether a space went between them.
    @discardableResult
    static func append(_ piece: String, to text: inout String) -> Bool {
        guard let last = text.last, let first = piece.first else {
            text += piece
            return false
        }
        func wide(_ c: Character) -> Bool {
            CJK.isWide(c) || c.unicodeScalars.first.map(EastAsianWidth.isWide) == true
        }
        let space =
            !wide(last) && !wide(first) && !last.isWhitespace && last != "-" && last != "/"
            && (last.isLetter || last.isNumber || ",.;:!?)”’".contains(last))
            && (first.isLetter || first.isNumber || "(“‘".contains(first))
        if space { text += " " }
        text += piece
        return space
    }

    /// The text's last character, ignoring trailing note references (`[^1]`, `<sup>1</sup>`, `①`)
    /// and spaces. Read back from the end, so that it costs what it skips, not the text's length.
    static func lastCharacter(_ text: String) -> Character? {
        var end = text.endIndex
        while end > text.startIndex {
            let before = text.index(before: end)
            let c = text[before]
            let head = text[..<end]
            if c.isWhitespace || c.unicodeScalars.first.map({ (0x2460...0x2473).contains($0.value) }) == true {
                end = before
            } else if c == ">", head.hasSuffix("</sup>") {
                // `<sup>[^<]*</sup>`: the `<` before `</sup>` must open `<sup>`.
                let close = text.index(end, offsetBy: -6)
                guard let open = text[..<close].lastIndex(of: "<"), text[open..<close].hasPrefix("<sup>") else {
                    break
                }
                end = open
            } else if c == "]" {
                // `\[\^[^\]]+\]`: the first `[^` after the previous `]` that leaves something inside.
                let stretch = text[..<before].lastIndex(of: "]").map { text.index(after: $0) } ?? text.startIndex
                let inside = text[stretch..<before]
                guard
                    let open = inside.indices.first(where: { index in
                        inside[index] == "[" && inside[index...].dropFirst().first == "^"
                            && inside.index(index, offsetBy: 2, limitedBy: inside.endIndex).map { $0 < inside.endIndex }
                                == true
                    })
                else { break }
                end = open
            } else {
                break
            }
        }
        return end > text.startIndex ? text[text.index(before: end)] : nil
    }

    public func apply(to document: inout ImportDocument, options: ImportOptions, log: inout ImportLog) {
        for d in document.divisions.indices where document.divisions[d].role.isProse {
            // One pass: each block joins the paragraph still open before it (notes between stepped
            // over), in place, so that a paragraph cut into many pieces costs their length once.
            var blocks: [ImportBlock] = []
            var open: Int?
            for block in document.divisions[d].blocks {
                if block.isFootnote {
                    blocks.append(block)
                    continue
                }
                if let i = open, block.kind == .paragraph, !SignatureRule.isDate(block.text),
                    !SignatureRule.isDate(blocks[i].text), let last = Self.lastCharacter(blocks[i].text),
                    let first = block.text.first,
                    !CJK.terminal.contains(last) || CJK.continuing.contains(first)
                {
                    let before = String(blocks[i].text.suffix(16))
                    let space = Self.append(block.text, to: &blocks[i].text)
                    log.changed(
                        [blocks[i].lines.last!, block.lines.first!], before + "⏎" + String(block.text.prefix(16)),
                        before + (space ? " " : "") + String(block.text.prefix(16)))
                    blocks[i].lines += block.lines
                    continue
                }
                blocks.append(block)
                open = block.kind == .paragraph || block.kind == .listItem ? blocks.count - 1 : nil
            }
            document.divisions[d].blocks = blocks
        }
    }
}
