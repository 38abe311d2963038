/// `unwrap-lines`: a paragraph taken from several consecutive input lines
/// becomes one paragraph; a line ending in two spaces or `\` stays a hard
/// line break, other line ends are joined (no space between Han characters,
/// a Latin word hyphenated at the line end whole again: `LineEndHyphens`).
public struct UnwrapLinesRule: ImportRule {
    public let name = "unwrap-lines"
    public let summary =
        "Join lines of one paragraph; keep hard line breaks (two trailing spaces or a backslash); "
        + "rejoin a Latin word hyphenated at a line end (man- / agement)."
    public init() {}

    public func apply(to document: inout ImportDocument, options: ImportOptions, log: inout ImportLog) {
        let hyphens = LineEndHyphens(document)
        for d in document.divisions.indices {
            for b in document.divisions[d].blocks.indices
            where document.divisions[d].blocks[b].text.hasLineFeed
                && document.divisions[d].blocks[b].kind != .signature
            {
                let block = document.divisions[d].blocks[b]
                var text = ""
                var soft = false
                // Asked only at a hyphen: whether the paragraph is Chinese text, where no hyphen goes.
                var latin: Bool?
                let lines = block.textLines
                for (i, line) in lines.enumerated() {
                    let hard = i < lines.count - 1 && (line.hasSuffix("  ") || line.hasSuffix("\\"))
                    let piece = String(line).replacing("\\\\$", with: "").trimmed
                    if text.isEmpty || text.hasSuffix("\n") {
                        text += piece
                    } else {
                        let whole = hyphens.joins(text, piece)
                        if whole && latin == nil { latin = !block.text.contains(where: CJK.isHan) }
                        if whole && latin == true {
                            text.removeLast()   // the hyphen
                            text += piece
                        } else {
                            PageBreakJoinsRule.append(piece, to: &text)
                        }
                        soft = true
                    }
                    if hard { text += "\n" }
                }
                if soft { log.changed(block.lines, block.text, text) }
                document.divisions[d].blocks[b].text = text
            }
        }
    }
}

/// `letter-spacing`: headings set with a space between every character
/// (`代 前 言`, `目 录`) lose the spaces.
public struct LetterSpacingRule: ImportRule {
    public let name = "letter-spacing"
    public let summary = "Collapse letter-spaced headings (代 前 言 → 代前言)."
    public init() {}

    public func apply(to document: inout ImportDocument, options: ImportOptions, log: inout ImportLog) {
        document.rewriteBlocks(log: &log) { block in
            guard block.isHeading else { return nil }
            return Self.collapsed(block.text)
        }
    }

    /// The text without spaces if every space-separated piece is one Han character.
    static func collapsed(_ text: String) -> String? {
        let pieces = text.split(whereSeparator: { $0 == " " || $0 == "\u{3000}" || $0 == "\t" })
        guard pieces.count >= 2, pieces.allSatisfy({ $0.count == 1 && CJK.isWide($0.first!) }),
            pieces.contains(where: { CJK.isHan($0.first!) })
        else { return nil }
        return pieces.joined()
    }
}

/// `heading-levels`: a division's title is level 1; below it, each
/// numbering family (第X章, 第X节, 一、, （一）, 1.) gets one level, in
/// that order, whatever the extraction wrote (##, ###, #### for siblings).
public struct HeadingLevelsRule: ImportRule {
    public let name = "heading-levels"
    public let summary =
        "Make heading levels consistent: division title 1, "
        + "then one level per numbering pattern (第X章, 第X节, 一、, （一）, 1.)."
    public init() {}

    public func apply(to document: inout ImportDocument, options: ImportOptions, log: inout ImportLog) {
        for d in document.divisions.indices where document.divisions[d].role != .copyright {
            var blocks = document.divisions[d].blocks
            guard let first = blocks.firstIndex(where: \.isHeading) else { continue }
            let families = Set(blocks[(first + 1)...].filter(\.isHeading).compactMap { Numbering.of($0.text)?.0 })
                .subtracting([.part, .chapter]).sorted()
            for b in blocks.indices where blocks[b].isHeading {
                guard case .heading(let old) = blocks[b].kind else { continue }
                let new: Int
                if b == first {
                    new = 1
                } else if let family = Numbering.of(blocks[b].text)?.0, let rank = families.firstIndex(of: family) {
                    new = min(6, 2 + rank)
                } else {
                    new = max(2, old)
                }
                if new != old {
                    log.changed(
                        blocks[b].lines, String(repeating: "#", count: old) + " " + blocks[b].text,
                        String(repeating: "#", count: new) + " " + blocks[b].text)
                    blocks[b].kind = .heading(level: new)
                }
            }
            document.divisions[d].blocks = blocks
        }
    }
}

/// `heading-ids`: numbered headings get stable ASCII ids from their
/// number (一、 → `part-1`, 第三节 → `section-3`, 第二章 → `chapter-2`),
/// so links and EPUB fragment ids do not depend on Chinese text.
public struct HeadingIDsRule: ImportRule {
    public let name = "heading-ids"
    public let summary = "Give numbered headings ASCII ids from their numbers (一、 → part-1, 第三节 → section-3)."
    public init() {}

    static let prefixes: [Numbering: String] = [
        .part: "book-part", .chapter: "chapter", .section: "section", .ordinal: "part",
        .parenthesized: "item", .arabic: "point", .arabicParenthesized: "subpoint",
    ]

    public func apply(to document: inout ImportDocument, options: ImportOptions, log: inout ImportLog) {
        for d in document.divisions.indices where document.divisions[d].role != .copyright {
            var used: Set<String> = []
            let firstHeading = document.divisions[d].blocks.firstIndex(where: \.isHeading)
            for b in document.divisions[d].blocks.indices where b != firstHeading {
                let block = document.divisions[d].blocks[b]
                guard block.isHeading, block.id == nil, let (family, number) = Numbering.of(block.text),
                    let prefix = Self.prefixes[family]
                else { continue }
                var id = "\(prefix)-\(number)"
                var suffix = 2
                while used.contains(id) { id = "\(prefix)-\(number)-\(suffix)"; suffix += 1 }
                used.insert(id)
                document.divisions[d].blocks[b].id = id
                log.changed(block.lines, block.text, block.text + " {#\(id)}")
            }
        }
    }
}

/// `two-line-headings`: a heading that is only a division's number
/// (`第一章`, `第 三 节`, `Chapter 4`, `PART ONE`) followed by a short line
/// with no sentence punctuation (`从雕版到活字`) is one heading, as printed
/// on two lines: `第一章　从雕版到活字`.
public struct TwoLineHeadingsRule: ImportRule {
    public let name = "two-line-headings"
    public let summary = "Make a chapter-number heading and the short title line after it one heading (第一章　题目)."
    public init() {}

    public func apply(to document: inout ImportDocument, options: ImportOptions, log: inout ImportLog) {
        for d in document.divisions.indices {
            var blocks = document.divisions[d].blocks
            var b = 0
            while b + 1 < blocks.count {
                defer { b += 1 }
                let heading = blocks[b]
                let next = blocks[b + 1]
                guard heading.isHeading, PrintedLayout.isDivisionNumber(heading.text), next.kind == .paragraph,
                    !next.text.hasLineFeed, next.text.trimmed.count <= 30,
                    !RunningHeads.isPageNumber(next.text),
                    !next.text.contains(where: { "。，；！？：,;".contains($0) })
                else { continue }
                let joined = PrintedLayout.joinedHeading(heading.text, next.text)
                log.changed(heading.lines + next.lines, heading.text + "\n" + next.text, joined)
                blocks[b].text = joined
                blocks[b].lines += next.lines
                blocks.remove(at: b + 1)
            }
            document.divisions[d].blocks = blocks
        }
    }
}
