import GalleyCore

/// Cuts the input into blocks and the blocks into divisions (title pages,
/// copyright page, dedication, named front matter, printed contents,
/// chapters). It changes no text: every line it reads is in some block.
public enum Segmenter {
    /// The text without spaces: how headings are compared (`代 前 言` = `代前言`).
    public static func collapse<S: StringProtocol>(_ text: S) -> String {
        // Most lines have nothing to remove, or only scalars that are characters of their own:
        // both found scalar by scalar (a `Character` costs a grapheme break search each), and the
        // spaces (U+3000 is E3 80 80) then left out byte by byte.
        var removes = false
        for scalar in text.unicodeScalars {
            guard isOwnCharacter(scalar) else {
                return String(text.filter { $0 != " " && $0 != "\t" && $0 != "\u{3000}" && $0 != "\n" })
            }
            if scalar == " " || scalar == "\t" || scalar == "\n" || scalar == "\u{3000}" { removes = true }
        }
        guard removes else { return String(text) }
        let utf8 = Array(text.utf8)
        var kept: [UInt8] = []
        kept.reserveCapacity(utf8.count)
        var i = 0
        while i < utf8.count {
            switch utf8[i] {
            case 0x20, 0x09, 0x0A: i += 1
            case 0xE3 where utf8[i + 1] == 0x80 && utf8[i + 2] == 0x80: i += 3
            default:
                kept.append(utf8[i])
                i += 1
            }
        }
        return String(decoding: kept, as: UTF8.self)
    }

    /// A scalar no neighbour joins into one character with it, tab and line feed included (a
    /// carriage return may join the line feed after it).
    private static func isOwnCharacter(_ scalar: Unicode.Scalar) -> Bool {
        scalar == "\t" || scalar == "\n" || scalar.standsAlone
    }

    /// Blank-line separated paragraphs; an ATX heading line is a block of its own.
    public static func blocks(_ lines: [String]) -> [ImportBlock] {
        var blocks: [ImportBlock] = []
        var open: ImportBlock?
        func close() { if let block = open { blocks.append(block); open = nil } }
        for (index, raw) in lines.enumerated() {
            let number = index + 1
            let line = raw.hasSuffix("\r") ? String(raw.dropLast()) : raw
            if line.trimmingCharacters(in: .whitespaces).isEmpty { close(); continue }
            if let level = headingLevel(line) {
                close()
                var text = line.drop(while: { $0 == "#" }).trimmingCharacters(in: .whitespaces)
                // A pandoc-style id (`{#part-1}`) is Markdown, not heading text.
                let id = text.capture("\\s\\{#([A-Za-z][A-Za-z0-9_-]*)\\}$")
                if let id { text = String(text.dropLast(id.count + 4)).trimmingCharacters(in: .whitespaces) }
                blocks.append(ImportBlock(kind: .heading(level: level), text: text, lines: [number], id: id))
                continue
            }
            if open == nil {
                open = ImportBlock(kind: .paragraph, text: line, lines: [number])
            } else {
                open!.text += "\n" + line
                open!.lines.append(number)
            }
        }
        close()
        // Already a Markdown signature block (`::: signature` … `:::`): kept as one.
        for b in blocks.indices where blocks[b].kind == .paragraph {
            let lines = blocks[b].textLines
            guard lines.count > 2, lines.first == "::: signature", lines.last == ":::" else { continue }
            blocks[b].kind = .signature
            blocks[b].text = lines.dropFirst().dropLast()
                .map(withoutLineBreakMark).joined(separator: "\n")
        }
        return blocks
    }

    /// A signature line without its Markdown line break (a final `\\` or two or more spaces).
    private static func withoutLineBreakMark(_ line: Substring) -> String {
        if line.hasSuffix("\\") { return String(line.dropLast()) }
        let spaces = line.reversed().prefix(while: \.isWhitespace).count
        return String(spaces >= 2 ? line.dropLast(spaces) : line)
    }

    static func headingLevel(_ line: String) -> Int? {
        let hashes = line.prefix(while: { $0 == "#" }).count
        guard (1...6).contains(hashes) else { return nil }
        let rest = line.dropFirst(hashes)
        return rest.isEmpty || rest.first == " " || rest.first == "\t" ? hashes : nil
    }

    /// Front and back matter names and the role they give their division.
    static let namedDivisions: [String: ImportRole] = [
        "序言": .preface, "序": .preface, "自序": .preface, "前言": .preface,
        "代前言": .foreword, "代序": .foreword, "代序言": .foreword,
        "引言": .introduction, "导言": .introduction, "绪论": .introduction, "导论": .introduction,
        "后记": .afterword, "跋": .afterword, "结束语": .afterword,
        "附录": .appendix, "致谢": .acknowledgments, "目录": .contents,
        // English books, as their headings read with the spaces removed.
        "Contents": .contents, "TableofContents": .contents, "CONTENTS": .contents,
        "Preface": .preface, "Foreword": .foreword, "Introduction": .introduction,
        "Afterword": .afterword, "Acknowledgments": .acknowledgments, "Acknowledgements": .acknowledgments,
    ]

    /// The role a heading gives the division it opens, if it opens one.
    static func divisionRole(for heading: ImportBlock) -> ImportRole? {
        guard case .heading(let level) = heading.kind else { return nil }
        let name = collapse(heading.text)
        if let role = namedDivisions[name] { return role }
        if name.hasPrefix("附录") { return .appendix }
        if let (family, _) = Numbering.of(heading.text.trimmed) ?? Numbering.of(name) {
            if family == .chapter { return .chapter }
            if family == .part { return .part }
        }
        return level == 1 ? .chapter : nil
    }

    /// Lines of a copyright or CIP page.
    static func isCopyrightLine(_ block: ImportBlock) -> Bool {
        let text = collapse(block.text)
        if text.matches("在版编目|CIP|ISBN|版权所有|书号|定价|版次|印次|出版发行|责任编辑") { return true }
        // `label：value` with a short Han label (`地 址：…`, `开 本：…`)
        return String(block.text.prefix(10)).matches("^[\\p{Han} ]{2,8}[：:]")
    }

    /// A printed-contents line: dot leaders or a tab before a page number.
    static func isContentsLike(_ block: ImportBlock) -> Bool {
        block.textLines.contains { piece in
            let line = String(piece)
            return line.containsLiteral("....") || line.containsLiteral("<b>") || line.matches("^[-\\s]+$")
                || TextScanning.endsWithSpacedPage(line)
        }
    }

    /// Groups blocks into divisions.
    public static func divisions(_ blocks: [ImportBlock]) -> [ImportDivision] {
        guard
            let bodyStart = blocks.firstIndex(where: {
                divisionRole(for: $0) != nil && $0.isHeading && !isTitleLike($0, in: blocks)
            })
        else {
            // No heading opens a division: front pages only if a copyright page marks their end.
            guard let end = blocks.lastIndex(where: isCopyrightLine), end + 1 < blocks.count else {
                return blocks.isEmpty ? [] : [ImportDivision(role: .chapter, blocks: blocks)]
            }
            return frontPages(Array(blocks[...end]))
                + [ImportDivision(role: .chapter, blocks: Array(blocks[(end + 1)...]))]
        }
        var divisions = frontPages(Array(blocks[..<bodyStart]))
        var index = bodyStart
        while index < blocks.count {
            let heading = blocks[index]
            let role = divisionRole(for: heading) ?? .chapter
            var end = index + 1
            if role == .contents {
                end = contentsEnd(blocks, from: index + 1)
            } else {
                while end < blocks.count, divisionRole(for: blocks[end]) == nil { end += 1 }
            }
            divisions.append(ImportDivision(role: role, blocks: Array(blocks[index..<end])))
            index = end
        }
        return divisions
    }

    /// A first heading that repeats the book title (title pages use `#` too).
    private static func isTitleLike(_ heading: ImportBlock, in blocks: [ImportBlock]) -> Bool {
        guard let first = blocks.first(where: \.isHeading) else { return false }
        return collapse(first.text) == collapse(heading.text) && namedDivisions[collapse(heading.text)] == nil
            && Numbering.of(heading.text) == nil
    }

    /// The contents run until a heading whose next non-heading block is prose, or, in an
    /// English book, until the prose itself (with the lines before it that are no entries).
    private static func contentsEnd(_ blocks: [ImportBlock], from start: Int) -> Int {
        var index = start
        while index < blocks.count {
            if isLatinProse(blocks[index]) {
                var end = index
                while end > start, !blocks[end - 1].isHeading, !hasContentsLine(blocks[end - 1]),
                    !blocks[end - 1].text.contains(where: CJK.isHan)
                {
                    end -= 1
                }
                return end
            }
            if blocks[index].isHeading, let role = divisionRole(for: blocks[index]), role != .contents {
                let next = blocks[(index + 1)...].first { !$0.isHeading && !RunningHeads.isArtefact($0) }
                if let next, !isContentsLike(next) { return index }
                if next == nil && !isContentsLike(blocks[index]) { return index }
            }
            index += 1
        }
        return blocks.count
    }

    /// A paragraph of English prose: three lines or more, no Han, no contents line, and ending
    /// a sentence (Chinese contents have long lines; they are left to the headings).
    static func isLatinProse(_ block: ImportBlock) -> Bool {
        guard !block.isHeading, block.lines.count >= 3, block.text.count >= 120,
            let last = block.text.trimmed.last, ".!?".contains(last)
        else { return false }
        return !block.text.contains(where: CJK.isHan) && !hasContentsLine(block)
    }

    /// A block with a line of the printed contents in it (leaders, spaced or tabbed page numbers).
    static func hasContentsLine(_ block: ImportBlock) -> Bool {
        isContentsLike(block) || block.textLines.contains { PrintedLayout.isContentsEntry(String($0)) }
    }

    /// Title pages, then the copyright page, then a dedication.
    private static func frontPages(_ blocks: [ImportBlock]) -> [ImportDivision] {
        guard !blocks.isEmpty else { return [] }
        guard let copyrightStart = blocks.firstIndex(where: isCopyrightLine) else {
            return [ImportDivision(role: .titlepage, blocks: blocks)]
        }
        // A heading just before the first copyright line is the CIP page's heading.
        var start = copyrightStart
        if start > 0, blocks[start - 1].isHeading, collapse(blocks[start - 1].text).contains("编目") { start -= 1 }
        let copyrightEnd = (blocks.lastIndex(where: isCopyrightLine) ?? start) + 1
        var divisions: [ImportDivision] = []
        if start > 0 { divisions.append(ImportDivision(role: .titlepage, blocks: Array(blocks[..<start]))) }
        divisions.append(
            ImportDivision(
                role: .copyright, frontMatterTitle: nil,
                blocks: Array(blocks[start..<copyrightEnd])))
        if copyrightEnd < blocks.count {
            divisions.append(
                ImportDivision(
                    role: .dedication, frontMatterTitle: "献词",
                    blocks: Array(blocks[copyrightEnd...])))
        }
        return divisions
    }
}
