import Foundation

/// `footnotes`: links note markers (①–⑳, `<sup>①</sup>`, `<sup>1</sup>`,
/// `[1]`) to the note paragraph that starts with the same marker after
/// them, and writes both as a Markdown footnote (`[^1]`). A marker
/// without a note, or a note without a marker, is reported and kept.
public struct FootnotesRule: ImportRule {
    public let name = "footnotes"
    public let summary =
        "Link note markers (①, <sup>①</sup>, [1]) to their note paragraphs as Markdown footnotes; "
        + "report the unmatched."
    public init() {}

    /// Notes are numbered from 1: `[0]` (an index, `str[0]`, in a manual's
    /// code kept as prose) is never a marker.
    static let marker = try! NSRegularExpression(
        pattern: "<sup>\\s*([\\x{2460}-\\x{2473}]|[1-9][0-9]?)\\s*</sup>"
            + "|([\\x{2460}-\\x{2473}])|\\[([1-9][0-9]?)\\](?!:)")

    /// The marker's number and its length, if `text` starts with a note marker followed by text.
    static func noteMarker(_ text: String) -> (Int, Int)? {
        let ns = text as NSString
        let whole = NSRange(location: 0, length: ns.length)
        guard let match = marker.firstMatch(in: text, options: .anchored, range: whole),
            let number = number(in: match, of: ns)
        else { return nil }
        let rest = ns.substring(from: match.range.upperBound).trimmed
        return rest.isEmpty ? nil : (number, match.range.length)
    }

    /// The marker's number, offset by its style (circled 1–20, `<sup>n</sup>` 101…,
    /// `[n]` 201…) so that ① and [1] are different markers.
    static func number(in match: NSTextCheckingResult, of text: NSString) -> Int? {
        for group in 1...3 where match.range(at: group).location != NSNotFound {
            let value = text.substring(with: match.range(at: group))
            if let scalar = value.unicodeScalars.first, (0x2460...0x2473).contains(scalar.value) {
                return Int(scalar.value - 0x2460) + 1
            }
            return Int(value).map { $0 + (group == 1 ? 100 : 200) }
        }
        return nil
    }

    private struct Reference { var block: Int; var range: NSRange; var number: Int; var label: String? }

    public func apply(to document: inout ImportDocument, options: ImportOptions, log: inout ImportLog) {
        for d in document.divisions.indices where document.divisions[d].role.isProse {
            var blocks = document.divisions[d].blocks
            var references: [Reference] = []
            var notes: [(block: Int, number: Int, length: Int)] = []
            var next = 1
            for b in blocks.indices where !blocks[b].isHeading {
                // Already a Markdown footnote definition: keep its label.
                if blocks[b].kind == .paragraph, let label = blocks[b].text.capture("^\\[\\^([^\\]\\s]+)\\]:") {
                    blocks[b].kind = .footnote(label: label)
                    blocks[b].text = String(blocks[b].text.dropFirst(label.count + 4)).trimmed
                    next = max(next, (Int(label) ?? 0) + 1)
                    continue
                }
                if blocks[b].kind == .paragraph, let (number, length) = Self.noteMarker(blocks[b].text) {
                    notes.append((b, number, length))
                    blocks[b].kind = .footnote(label: nil)
                    continue
                }
                let ns = blocks[b].text as NSString
                for match in Self.marker.matches(in: blocks[b].text, range: NSRange(location: 0, length: ns.length)) {
                    if let number = Self.number(in: match, of: ns) {
                        references.append(Reference(block: b, range: match.range, number: number))
                    }
                }
            }
            // The unclaimed references of each number, in reading order: a note claims the last one
            // before it (found by halving, so that many notes and markers stay fast).
            var unclaimed: [[Int]] = []
            var listOfNumber: [Int: Int] = [:]
            for (r, reference) in references.enumerated() {
                let list = listOfNumber[reference.number] ?? unclaimed.count
                if list == unclaimed.count {
                    listOfNumber[reference.number] = list
                    unclaimed.append([])
                }
                unclaimed[list].append(r)
            }
            func claim(before block: Int, number: Int) -> Int? {
                guard let list = listOfNumber[number] else { return nil }
                var low = 0
                var high = unclaimed[list].count
                while low < high {
                    let middle = (low + high) / 2
                    if references[unclaimed[list][middle]].block < block { low = middle + 1 } else { high = middle }
                }
                return low > 0 ? unclaimed[list].remove(at: low - 1) : nil
            }
            for note in notes {
                guard let r = claim(before: note.block, number: note.number) else {
                    let start = blocks[note.block].text.prefix(30)
                    log.finding(
                        blocks[note.block].lines,
                        "note “\(start)” has no marker before it; kept as a paragraph")
                    continue
                }
                let label = String(next)
                next += 1
                references[r].label = label
                let noteBlock = blocks[note.block]
                let noteText = (noteBlock.text as NSString).substring(from: note.length).trimmed
                blocks[note.block].kind = .footnote(label: label)
                blocks[note.block].text = noteText
                let markerText = (blocks[references[r].block].text as NSString).substring(with: references[r].range)
                log.changed(
                    blocks[references[r].block].lines + noteBlock.lines,
                    markerText + " … " + noteBlock.text,
                    "[^\(label)] … [^\(label)]: " + noteText)
            }
            // Markers without a note, from the last; then each block's markers rewritten in one pass
            // (one replacement at a time copied the block for each of its markers).
            var texts: [Int: NSString] = [:]
            func text(_ block: Int) -> NSString {
                if let text = texts[block] { return text }
                let text = blocks[block].text as NSString
                texts[block] = text
                return text
            }
            for reference in references.reversed() where reference.label == nil {
                let markerText = text(reference.block).substring(with: reference.range)
                log.finding(blocks[reference.block].lines, "note marker \(markerText) has no note; kept as it is")
            }
            var start = 0
            while start < references.count {
                let block = references[start].block
                var end = start
                while end < references.count, references[end].block == block { end += 1 }
                if references[start..<end].contains(where: { $0.label != nil }) {
                    let original = text(block)
                    var rewritten = ""
                    var cursor = 0
                    for reference in references[start..<end] {
                        guard let label = reference.label else { continue }
                        rewritten += original.substring(
                            with: NSRange(location: cursor, length: reference.range.location - cursor))
                        rewritten += "[^\(label)]"
                        cursor = NSMaxRange(reference.range)
                    }
                    blocks[block].text = rewritten + original.substring(from: cursor)
                }
                start = end
            }
            document.divisions[d].blocks = blocks
        }
    }
}

/// `lists`: paragraphs starting with a bullet (● ○ ■ ◆ • · -) become list items.
public struct ListsRule: ImportRule {
    public let name = "lists"
    public let summary = "Turn paragraphs starting with a bullet (● ○ ■ ◆ • · -) into list items."
    public init() {}

    static let bullet = "^([●○■□◆◇•▪►◎]\\s*|[-*·]\\s+)"

    public func apply(to document: inout ImportDocument, options: ImportOptions, log: inout ImportLog) {
        for d in document.divisions.indices where document.divisions[d].role.isProse {
            for b in document.divisions[d].blocks.indices where document.divisions[d].blocks[b].kind == .paragraph {
                let block = document.divisions[d].blocks[b]
                guard let bullet = block.text.capture(Self.bullet) else { continue }
                let text = String(block.text.dropFirst(bullet.count))
                document.divisions[d].blocks[b].kind = .listItem
                document.divisions[d].blocks[b].text = text
                if bullet.trimmed != "-" { log.changed(block.lines, block.text, "- " + text) }
            }
        }
    }
}
