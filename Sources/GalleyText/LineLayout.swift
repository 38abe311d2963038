/// The one line-layout engine of the text writer. Blocks hand it their text
/// and their prefixes (indent, list marker, note marker); it breaks the text
/// into lines and returns them ready to write.
///
/// Breaking is greedy: a line takes clusters while they fit and then breaks
/// at the last opportunity `TextRun.breakOpportunities()` allows. Kinsoku is
/// part of those opportunities, so when a mark that may not start a line
/// (。，」…) would land first on the next line, the break moves back and the
/// character before it goes down with it (oikomi is never used: no line is
/// squeezed past the measure and no mark hangs in the margin). Spaces at a
/// break are dropped. A token longer than the whole measure (a long URL) is
/// split between grapheme clusters, still avoiding kinsoku where it can.
struct LineLayout {
    /// `nil`: no wrapping, one line per paragraph (hard breaks still end lines).
    var columns: Int?
    var measure: DisplayWidth

    /// Never lay text out on fewer columns than this, however deep the indent:
    /// one wide character must fit.
    static let minimumMeasure = 2

    enum Alignment {
        case left, right, center
    }

    struct Line {
        /// The line as written, prefix included, no trailing whitespace.
        var text: String
        /// Columns of the text part, without prefix or alignment padding.
        var contentWidth: Int
        /// True when a hard break (not the measure) ended the line before.
        var followsHardBreak = false
    }

    /// Columns left for text after a prefix, or nil when not wrapping.
    func available(after prefix: String) -> Int? {
        columns.map { max($0 - measure.columns(of: prefix), Self.minimumMeasure) }
    }

    /// Lays out `run`: the first line starts with `firstPrefix`, lines after
    /// a hard break with `breakPrefix` (default: `restPrefix`), the other
    /// lines with `restPrefix`. Alignment applies only when wrapping.
    func layout(
        _ run: TextRun, firstPrefix: String, restPrefix: String, breakPrefix: String? = nil,
        alignment: Alignment = .left
    ) -> [Line] {
        let breakPrefix = breakPrefix ?? restPrefix
        let firstWidth = available(after: firstPrefix)
        let restWidth = available(after: restPrefix)
        let breakWidth = available(after: breakPrefix)
        let pieces = breakLines(run, firstWidth: firstWidth, restWidth: restWidth, breakWidth: breakWidth)
        var lines: [Line] = []
        lines.reserveCapacity(pieces.count)
        for (index, piece) in pieces.enumerated() {
            let (prefix, width) =
                index == 0
                ? (firstPrefix, firstWidth)
                : piece.followsHardBreak ? (breakPrefix, breakWidth) : (restPrefix, restWidth)
            var text = prefix
            let room = width.map { $0 - piece.contentWidth } ?? 0
            switch alignment {
            case .left: break
            case .right: text += String(repeating: " ", count: max(room, 0))
            case .center: text += String(repeating: " ", count: max(room, 0) / 2)
            }
            text += piece.text
            lines.append(
                Line(
                    text: text, contentWidth: piece.contentWidth,
                    followsHardBreak: piece.followsHardBreak))
        }
        return lines
    }

    /// Breaks `run` into lines of at most `firstWidth` (first line),
    /// `breakWidth` (lines after a hard break) and `restWidth` (the others)
    /// columns; nil means unlimited.
    func breakLines(_ run: TextRun, firstWidth: Int?, restWidth: Int?, breakWidth: Int? = nil) -> [Line] {
        let clusters = run.clusters
        // Unlimited lines (one paragraph per line) need no break opportunities.
        let unlimited = firstWidth == nil && restWidth == nil && breakWidth == nil
        let breaks = unlimited ? [] : run.breakOpportunities()
        var lines: [Line] = []
        var start = 0
        var afterHardBreak = false
        while start < clusters.count {
            let limit = lines.isEmpty ? firstWidth : afterHardBreak ? (breakWidth ?? restWidth) : restWidth
            let opensAfterHardBreak = afterHardBreak
            afterHardBreak = false
            var width = 0
            var lastBreak: Int? = nil
            var end = clusters.count
            var next = clusters.count
            var index = start
            while index < clusters.count {
                let cluster = clusters[index]
                if cluster.kind == .hardBreak {
                    end = index
                    next = index + 1
                    afterHardBreak = true
                    break
                }
                if index > start, !unlimited, breaks[index] { lastBreak = index }
                if let limit, index > start, cluster.kind != .space, width + cluster.width > limit {
                    end = lastBreak ?? splitPoint(clusters, from: start, overflowingAt: index)
                    next = end
                    break
                }
                width += cluster.width
                index += 1
            }
            var piece = line(run, start..<end)
            piece.followsHardBreak = opensAfterHardBreak
            lines.append(piece)
            start = next
            while start < clusters.count, clusters[start].kind == .space { start += 1 }
        }
        return lines
    }

    /// Where to split a token that does not fit the measure at all: as late as
    /// possible, but not before a mark that may not start a line (or after one
    /// that may not end it) when an earlier cluster allows it.
    private func splitPoint(_ clusters: [TextRun.Cluster], from start: Int, overflowingAt index: Int) -> Int {
        var split = index
        while split > start + 1 {
            let before = clusters[split - 1].scalar, after = clusters[split].scalar
            if !Kinsoku.isNotLineStart(after), !Kinsoku.isNotLineEnd(before),
                !Kinsoku.isInseparablePair(before, after)
            {
                return split
            }
            split -= 1
        }
        return index
    }

    private func line(_ run: TextRun, _ range: Range<Int>) -> Line {
        var end = range.upperBound
        while end > range.lowerBound, run.clusters[end - 1].kind == .space { end -= 1 }
        var width = 0
        for index in range.lowerBound..<end { width += run.clusters[index].width }
        return Line(text: run.text(range.lowerBound..<end), contentWidth: width)
    }
}
