import GalleyCore

/// Tables as aligned columns measured in display width. Every column starts
/// at the same display column on every line of the table; cells wrap inside
/// their column when the table is wider than the measure. Columns are set
/// apart by two spaces, and a row of hyphens under the header marks where
/// each column starts and ends.
extension TextComposer {
    static let columnGap = 2

    mutating func write(_ table: Table) {
        let hasHeader = table.header.contains { !$0.isEmpty }
        let sourceRows = (hasHeader ? [table.header] : []) + table.rows
        let columnCount = max(table.columnCount, sourceRows.map(\.count).max() ?? 0)
        guard columnCount > 0 else { return }
        let rows: [[TextRun]] = sourceRows.map { cells in
            (0..<columnCount).map { $0 < cells.count ? inlines.run(cells[$0]) : TextRun(measure: measure) }
        }
        let widths = columnWidths(rows, columnCount: columnCount)
        let alignments = (0..<columnCount).map {
            $0 < table.alignments.count ? table.alignments[$0] : .none
        }
        let gap = String(repeating: " ", count: Self.columnGap)
        for (rowIndex, row) in rows.enumerated() {
            let cellLines = row.enumerated().map { column, cell in
                layout.breakLines(cell, firstWidth: widths[column], restWidth: widths[column])
            }
            let height = max(cellLines.map(\.count).max() ?? 0, 1)
            for lineIndex in 0..<height {
                var text = ""
                for column in 0..<columnCount {
                    if column > 0 { text += gap }
                    let piece = lineIndex < cellLines[column].count ? cellLines[column][lineIndex] : nil
                    text += Self.pad(
                        piece?.text ?? "", width: piece?.contentWidth ?? 0,
                        to: widths[column], alignment: alignments[column])
                }
                writeLine(text)
            }
            if hasHeader, rowIndex == 0 {
                writeLine(widths.map { String(repeating: "-", count: $0) }.joined(separator: gap))
            }
        }
    }

    /// Natural widths when they fit (or when not wrapping). Otherwise the
    /// widest column gives up a column at a time, first down to its longest
    /// unbreakable token, then, if the table still does not fit, down to its
    /// longest kinsoku unit (words split, clreq kept). A table that does not
    /// fit even then runs past the measure rather than break kinsoku.
    private func columnWidths(_ rows: [[TextRun]], columnCount: Int) -> [Int] {
        var natural = [Int](repeating: 1, count: columnCount)
        var tokens = [Int](repeating: LineLayout.minimumMeasure, count: columnCount)
        var units = [Int](repeating: LineLayout.minimumMeasure, count: columnCount)
        for row in rows {
            for (column, cell) in row.enumerated() {
                let lines = layout.breakLines(cell, firstWidth: nil, restWidth: nil)
                natural[column] = max(natural[column], lines.map(\.contentWidth).max() ?? 0)
                tokens[column] = max(tokens[column], cell.longestUnbreakableWidth())
                units[column] = max(units[column], cell.longestKinsokuUnitWidth())
            }
        }
        guard let room = layout.available(after: pendingMarker ?? indent) else { return natural }
        let budget = room - Self.columnGap * (columnCount - 1)
        var widths = natural
        for floor in [tokens, units] {
            while widths.reduce(0, +) > budget {
                // The widest column that can still give up a column.
                guard
                    let column = widths.indices.filter({ widths[$0] > min(floor[$0], natural[$0]) })
                        .max(by: { widths[$0] < widths[$1] })
                else { break }
                widths[column] -= 1
            }
        }
        return widths
    }

    private static func pad(
        _ text: String, width: Int, to columnWidth: Int,
        alignment: Table.Alignment
    ) -> String {
        let room = max(columnWidth - width, 0)
        switch alignment {
        case .none, .left:
            return text + String(repeating: " ", count: room)
        case .right:
            return String(repeating: " ", count: room) + text
        case .center:
            return String(repeating: " ", count: room / 2) + text + String(repeating: " ", count: room - room / 2)
        }
    }
}
