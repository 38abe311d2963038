import GalleyCore

/// Tables as CALS `informaltable`s (the tree's tables have no caption; and
/// the Schematron forbids `table`, not `informaltable`, inside a footnote).
extension DocBookEmitter {
    mutating func emitTable(_ table: Table) {
        let columns = max(table.alignments.count, table.header.count, table.rows.map(\.count).max() ?? 0)
        guard columns > 0 else {
            note("docbook.empty-table", "a table without cells was left out")
            return
        }
        var header = table.header
        var rows = table.rows
        if rows.isEmpty {
            // CALS wants at least one body row: a lone header row becomes it.
            rows = [header]
            header = []
        }
        xml.start("informaltable")
        blockBreak()
        xml.start("tgroup", [("cols", String(columns))])
        blockBreak()
        for column in 0..<columns {
            let alignment = column < table.alignments.count ? table.alignments[column] : .none
            xml.empty("colspec", Self.attributes([
                ("colname", "c\(column + 1)"),
                ("align", alignment == .none ? nil : alignment.rawValue),
            ]))
            blockBreak()
        }
        if !header.isEmpty && header.contains(where: { !$0.isEmpty }) {
            xml.start("thead")
            emitRow(header, columns: columns)
            xml.end()
            blockBreak()
        }
        xml.start("tbody")
        blockBreak()
        for row in rows { emitRow(row, columns: columns) }
        xml.end()
        blockBreak()
        xml.end()
        blockBreak()
        xml.end()
        blockBreak()
    }

    /// One `row`, padded with empty entries to the column count.
    private mutating func emitRow(_ cells: [Table.Cell], columns: Int) {
        xml.start("row")
        for column in 0..<columns {
            let cell = column < cells.count ? cells[column] : []
            if cell.isEmpty {
                xml.empty("entry")
            } else if Self.containsLineBreak(cell) {
                // An entry holds inlines or blocks, not both: a cell with
                // forced breaks holds one literallayout.
                xml.start("entry")
                xml.start("literallayout")
                let wasVerbatim = verbatim
                verbatim = true
                emitInlineContent(cell, lineBreaks: .newline)
                verbatim = wasVerbatim
                xml.end()
                xml.end()
            } else {
                xml.start("entry")
                emitInlineContent(cell, lineBreaks: .newline)
                xml.end()
            }
        }
        xml.end()
        blockBreak()
    }
}
