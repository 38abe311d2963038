import GalleyCore

/// Tables as CALS `informaltable`s (the tree's tables have no caption; and
/// the Schematron forbids `table`, not `informaltable`, inside a footnote).
extension DocBookEmitter {
    mutating func emitTable(_ table: Table, _ context: DocBookContext) {
        let columns = max(table.alignments.count, table.header.count, table.rows.map(\.count).max() ?? 0)
        guard columns > 0 else {
            note(.emptyTable, "a table without cells was left out")
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
        blockBreak(context)
        xml.start("tgroup", [("cols", String(columns))])
        blockBreak(context)
        for column in 0..<columns {
            let alignment = column < table.alignments.count ? table.alignments[column] : .none
            xml.empty(
                "colspec",
                Self.attributes([
                    ("colname", "c\(column + 1)"),
                    ("align", alignment == .none ? nil : alignment.rawValue),
                ]))
            blockBreak(context)
        }
        if !header.isEmpty && header.contains(where: { !$0.isEmpty }) {
            xml.start("thead")
            emitRow(header, columns: columns, context)
            xml.end()
            blockBreak(context)
        }
        xml.start("tbody")
        blockBreak(context)
        for row in rows { emitRow(row, columns: columns, context) }
        xml.end()
        blockBreak(context)
        xml.end()
        blockBreak(context)
        xml.end()
        blockBreak(context)
    }

    /// One `row`, padded with empty entries to the column count.
    private mutating func emitRow(_ cells: [Table.Cell], columns: Int, _ context: DocBookContext) {
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
                emitInlineContent(cell, context.with(\.verbatim, true))
                xml.end()
                xml.end()
            } else {
                xml.start("entry")
                emitInlineContent(cell, context)
                xml.end()
            }
        }
        xml.end()
        blockBreak(context)
    }
}
