/// Recognises the page furniture that extraction leaves in the text.
enum RunningHeads {
    /// `12`, `xii`, `十二`, `— 12 —`, `- 12 -`, `·12·`, `第 12 页`.
    static func isPageNumber<S: StringProtocol>(_ line: S) -> Bool {
        let text = String(line).trimmed
        if text.isEmpty || text.count > 12 { return false }
        return text.matches("^[\\-—–·\\s]*([0-9]{1,4}|[ivxlcdm]{1,7}|[IVXLCDM]{1,7}|[一二三四五六七八九十百〇零]{1,5})[\\-—–·\\s]*$")
            || text.matches("^第\\s*[0-9]{1,4}\\s*页$")
    }

    /// A line of one or two Han characters: a piece of a running head set vertically.
    static func isVerticalPiece<S: StringProtocol>(_ line: S) -> Bool {
        let text = Segmenter.collapse(line)
        return (1...2).contains(text.count) && text.allSatisfy(CJK.isHan)
    }

    /// A block that is only page numbers and vertical running-head pieces.
    static func isArtefact(_ block: ImportBlock) -> Bool {
        guard !block.isHeading else { return false }
        let lines = block.textLines
        if lines.allSatisfy({ isPageNumber($0) }) { return true }
        return lines.count >= 2 && lines.allSatisfy { isPageNumber($0) || isVerticalPiece($0) }
    }
}

/// `running-heads`: removes page numbers, running heads spelled
/// vertically one or two characters a line (序 / 言 / 3), and running
/// titles (alone or with a page number) that repeat the book title or a
/// heading, or recur on three or more pages as a short unfinished line.
public struct RunningHeadsRule: ImportRule {
    public let name = "running-heads"
    public let summary = "Remove page numbers, vertical running heads (序 / 言 / 3) and repeated running titles."
    public init() {}

    public func apply(to document: inout ImportDocument, options: ImportOptions, log: inout ImportLog) {
        var titles: Set<String> = ["目录"]
        if let title = document.metadata.title { titles.insert(title) }
        // Running heads repeat a heading (book, chapter or section title) …
        for division in document.divisions where division.role != .contents {
            for block in division.blocks where block.isHeading { titles.insert(Segmenter.collapse(block.text)) }
        }
        // … or are any short unfinished line printed on three or more pages.
        var counts: [String: Int] = [:]
        for division in document.divisions where division.role.isProse {
            for block in division.blocks where block.kind == .paragraph && !block.text.hasLineFeed {
                let text = Segmenter.collapse(TextScanning.strippingFolio(block.text))
                if text.count <= 30, let last = text.last, !CJK.terminal.contains(last) {
                    counts[text, default: 0] += 1
                }
            }
        }
        titles.formUnion(counts.filter { $0.value >= 3 }.keys)

        for d in document.divisions.indices {
            let role = document.divisions[d].role
            guard role.isProse || role == .contents else { continue }
            let blocks = document.divisions[d].blocks
            var keep = [Bool](repeating: true, count: blocks.count)
            var index = 0
            while index < blocks.count {
                // A run of blocks made only of short Han pieces and page numbers.
                var end = index
                var pieces: [String] = []
                while end < blocks.count, !blocks[end].isHeading,
                    blocks[end].textLines.allSatisfy({
                        RunningHeads.isPageNumber($0) || RunningHeads.isVerticalPiece($0)
                    })
                {
                    for line in blocks[end].textLines where !RunningHeads.isPageNumber(line) {
                        pieces.append(Segmenter.collapse(line))
                    }
                    end += 1
                }
                if end > index {
                    // Two or more pieces spelling a title, or single characters stacked: a vertical head.
                    // One short piece is more likely the last words of a page (第四 / 5).
                    let vertical =
                        pieces.count >= 2
                        && (titles.contains(pieces.joined()) || pieces.allSatisfy { $0.count == 1 })
                    for k in index..<end {
                        let onlyNumbers = blocks[k].textLines.allSatisfy { RunningHeads.isPageNumber($0) }
                        // A short title letter-spaced on one line (`后 记`) is still a running title.
                        if vertical || onlyNumbers || isRunningTitle(blocks[k], titles: titles) { keep[k] = false }
                    }
                    index = end
                    continue
                }
                if isRunningTitle(blocks[index], titles: titles) { keep[index] = false }
                index += 1
            }
            for k in blocks.indices where !keep[k] { log.removed(blocks[k].lines, blocks[k].text) }
            document.divisions[d].blocks = blocks.indices.filter { keep[$0] }.map { blocks[$0] }
        }
    }

    /// A one-line paragraph equal to a title, possibly with a page number before or after.
    private func isRunningTitle(_ block: ImportBlock, titles: Set<String>) -> Bool {
        guard block.kind == .paragraph, !block.text.hasLineFeed else { return false }
        let text = block.text.trimmed
        if titles.contains(Segmenter.collapse(text)) { return true }
        let stripped = TextScanning.strippingFolio(text)
        return stripped != text && titles.contains(Segmenter.collapse(stripped))
    }
}
