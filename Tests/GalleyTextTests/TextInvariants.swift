import Foundation
import GalleyCore

@testable import GalleyText

/// The properties issue 5 asks of a text output, measured on the text
/// itself (independently of the writer's own kinsoku tables where it can).
enum TextInvariants {
    /// clreq "basic": marks that may not start a line (plus their ASCII kin).
    static let notLineStart = Set("、，。；：？！”’）》〉」』】〕〗·,.;:?!)]}")
    /// clreq "basic": marks that may not end a line.
    static let notLineEnd = Set("“‘（《〈「『【〔〖([{")

    static func lines(_ text: String) -> [Substring] {
        var lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        if lines.last?.isEmpty == true { lines.removeLast() }
        return lines
    }

    static func content(_ line: Substring) -> Substring {
        line.drop { $0 == " " || $0 == "\u{3000}" }
    }

    /// One token the engine may not break: no space, and no wide character
    /// inside (a wide character allows a break on either side).
    static func isSingleToken(_ text: Substring) -> Bool {
        let inner = text.dropFirst().dropLast()
        return !text.contains(" ") && !text.contains("\u{3000}") && !inner.contains(where: DisplayWidth.isWide)
    }

    /// Every way `text`, wrapped at `columns`, breaks the rules; `code` holds
    /// the lines of the book's code blocks, which are never wrapped.
    static func violations(
        in text: String, columns: Int, code: Set<String>,
        measure: DisplayWidth = DisplayWidth()
    ) -> [String] {
        var found: [String] = []
        let all = lines(text)
        for (index, line) in all.enumerated() {
            let number = index + 1
            if let last = line.last, last == " " || last == "\t" || last == "\u{3000}" {
                found.append("line \(number) ends with whitespace: \(line)")
            }
            let body = content(line)
            if code.contains(String(body)) { continue }
            if measure.columns(of: line) > columns, !isSingleToken(body) {
                found.append("line \(number) is \(measure.columns(of: line)) columns wide: \(line)")
            }
            if let first = body.first, notLineStart.contains(first) {
                found.append("line \(number) starts with \(first): \(line)")
            }
            if let last = body.last, notLineEnd.contains(last) {
                found.append("line \(number) ends with \(last): \(line)")
            }
            if index + 1 < all.count, let last = body.last, last == "—" || last == "…",
                content(all[index + 1]).first == last
            {
                found.append("line \(number) splits \(last)\(last): \(line)")
            }
        }
        return found
    }

    // MARK: The tree side

    static func isHan(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x3007, 0x3400...0x4DBF, 0x4E00...0x9FFF, 0xF900...0xFAFF, 0x20000...0x3FFFF: return true
        default: return false
        }
    }

    static func han<S: StringProtocol>(_ text: S) -> String {
        String(String.UnicodeScalarView(text.unicodeScalars.filter(isHan)))
    }

    /// `imageStandIn`: the writer's stand-in for an image without alt text
    /// ([图] in CJK books, [image] otherwise), as far as its Han goes.
    static func plain(_ inlines: [Inline], imageStandIn: String = "图") -> String {
        inlines.map { inline -> String in
            switch inline {
            case .text(let value), .code(let value): return value
            case .emphasis(let c), .strong(let c), .strikethrough(let c), .superscript(let c),
                .subscript(let c), .span(_, let c):
                return plain(c, imageStandIn: imageStandIn)
            case .link(let link): return plain(link.children, imageStandIn: imageStandIn)
            // The writer's documented stand-in for an image without alt text.
            case .image(let image):
                return image.alt.isEmpty ? imageStandIn : plain(image.alt, imageStandIn: imageStandIn)
            case .ruby(let base, let reading): return plain(base, imageStandIn: imageStandIn) + reading
            case .softBreak, .lineBreak, .footnoteReference: return ""
            }
        }.joined()
    }

    /// A paragraph's plain text split at its hard line breaks.
    static func plainLines(_ inlines: [Inline]) -> [String] {
        var pieces = [""]
        for inline in inlines {
            if case .lineBreak = inline { pieces.append("") } else { pieces[pieces.count - 1] += plain([inline]) }
        }
        return pieces.map { String($0.drop { $0 == " " || $0 == "\u{3000}" }) }
    }

    /// Every paragraph of the body (not notes, not table cells), in order,
    /// with `inList` telling whether it sits in a list item or quote.
    static func paragraphs(_ blocks: [Block], nested: Bool = false) -> [(inlines: [Inline], nested: Bool)] {
        blocks.flatMap { block -> [(inlines: [Inline], nested: Bool)] in
            switch block {
            case .paragraph(let inlines): return [(inlines, nested)]
            case .blockQuote(let children), .div(_, let children): return paragraphs(children, nested: true)
            case .list(let list): return list.items.flatMap { paragraphs($0.blocks, nested: true) }
            case .section(let section): return paragraphs(section.blocks, nested: nested)
            case .heading, .codeBlock, .thematicBreak, .table: return []
            }
        }
    }

    static func codeLines(_ blocks: [Block]) -> [String] {
        blocks.flatMap { block -> [String] in
            switch block {
            case .codeBlock(_, let text):
                return text.split(separator: "\n").map {
                    String($0.drop { $0 == " " || $0 == "\u{3000}" })
                }
            case .blockQuote(let children), .div(_, let children): return codeLines(children)
            case .list(let list): return list.items.flatMap { codeLines($0.blocks) }
            case .section(let section): return codeLines(section.blocks)
            case .paragraph, .heading, .thematicBreak, .table: return []
            }
        }
    }

    static func tables(_ blocks: [Block]) -> [Table] {
        blocks.flatMap { block -> [Table] in
            switch block {
            case .table(let table): return [table]
            case .blockQuote(let children), .div(_, let children): return tables(children)
            case .list(let list): return list.items.flatMap { tables($0.blocks) }
            case .section(let section): return tables(section.blocks)
            case .paragraph, .heading, .thematicBreak, .codeBlock: return []
            }
        }
    }

    static func codeLines(of book: Book) -> Set<String> {
        Set(book.divisions.flatMap { codeLines($0.blocks) + $0.footnotes.flatMap { codeLines($0.blocks) } })
    }

    /// The Han characters of each body paragraph must appear, in order and
    /// unbroken, in the Han characters of the output. Returns the misses.
    static func missingHan(in text: String, book: Book) -> [String] {
        let output = han(text)
        var cursor = output.startIndex
        var missing: [String] = []
        for division in book.divisions {
            for paragraph in paragraphs(division.blocks) {
                let expected = han(plain(paragraph.inlines, imageStandIn: book.metadata.isCJK ? "图" : ""))
                guard !expected.isEmpty else { continue }
                if let range = output.range(of: expected, range: cursor..<output.endIndex) {
                    cursor = range.upperBound
                } else {
                    missing.append(expected)
                }
            }
        }
        return missing
    }

    // MARK: Tables

    /// Display column spans of a table's header rule (`-----  ----  ---`).
    static func ruleSpans(_ line: Substring, measure: DisplayWidth) -> [Range<Int>]? {
        let body = content(line)
        guard body.first == "-", body.allSatisfy({ $0 == "-" || $0 == " " }),
            body.contains("  -")
        else { return nil }
        var spans: [Range<Int>] = []
        var column = measure.columns(of: line) - measure.columns(of: body)
        var start: Int? = nil
        for character in body {
            if character == "-", start == nil { start = column }
            if character == " ", let s = start { spans.append(s..<column); start = nil }
            column += 1
        }
        if let start { spans.append(start..<column) }
        return spans
    }

    /// For every table rule in `text`: each line of the table (up to the
    /// blank lines around it) keeps every visible character inside a column
    /// span, so every column starts at the same display column on every row.
    static func misalignedTableLines(in text: String, measure: DisplayWidth = DisplayWidth())
        -> (tables: Int, problems: [String])
    {
        let all = lines(text)
        var tables = 0
        var problems: [String] = []
        for (index, line) in all.enumerated() {
            guard let spans = ruleSpans(line, measure: measure) else { continue }
            tables += 1
            var rows: [Int] = []
            var up = index - 1
            while up >= 0, !all[up].isEmpty { rows.append(up); up -= 1 }
            var down = index + 1
            while down < all.count, !all[down].isEmpty { rows.append(down); down += 1 }
            for row in rows {
                var column = 0
                for character in all[row] {
                    let width = measure.columns(of: character)
                    let isSpace = character == " " || character == "\u{3000}"
                    if !isSpace, width > 0,
                        !spans.contains(where: { $0.contains(column) && $0.contains(column + width - 1) })
                    {
                        problems.append(
                            "line \(row + 1): \(character) at column \(column) is outside the columns "
                                + "\(spans): \(all[row])"
                        )
                        break
                    }
                    column += width
                }
            }
        }
        return (tables, problems)
    }
}
