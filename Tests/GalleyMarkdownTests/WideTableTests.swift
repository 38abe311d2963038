import Foundation
import GalleyCore
import GalleyTestSupport
import Testing

@testable import GalleyMarkdown

/// cmark-gfm's table extension is quadratic in the cells of a row; a row
/// keeps at most `WideTables.maximumCells` cells, the rest stays text.
@Suite struct WideTableTests {
    static func row(_ cells: Int, _ cell: String = "v") -> String {
        "|" + Array(repeating: cell, count: cells).joined(separator: "|") + "|"
    }

    @Test func crowdedLinesAreFoundByNumber() {
        let limit = WideTables.maximumCells
        let text = ["a | b", Self.row(limit - 1), Self.row(limit + 5), "", Self.row(limit * 3), "x|y"]
            .joined(separator: "\n")
        #expect(WideTables.crowdedLines(Array(text.utf8)) == [3, 5])
        #expect(WideTables.crowdedLines(Array("no pipes\nat all\n".utf8)).isEmpty)
    }

    @Test func onlyThePipesPastTheLimitAreEscapedAndCodeIsLeftAlone() {
        let limit = WideTables.maximumCells
        let wide = Self.row(limit + 3)
        let text = "intro\n\n\(wide)\n\n```\n\(wide)\n```\n"
        let (bytes, lines) = WideTables.limited(Array(text.utf8), text: text)
        #expect(lines == [3])
        let out = String(decoding: bytes, as: UTF8.self).split(separator: "\n", omittingEmptySubsequences: false)
        #expect(out.count == text.split(separator: "\n", omittingEmptySubsequences: false).count)
        #expect(out[2].components(separatedBy: "\\|").count - 1 == 4)   // pipes 1001…1004 of 1004
        #expect(out[2].replacingOccurrences(of: "\\|", with: "|") == wide)
        #expect(String(out[5]) == wide)   // inside the fence: untouched
    }

    /// Through the reader: a 20 000-column table is read at once, with one
    /// warning per crowded line at its line; a small table after it is a table.
    @Test func aVeryWideTableIsReadWithAWarning() throws {
        let columns = 20_000
        let chapter =
            "# Wide\n\n\(Self.row(columns, "c"))\n\(Self.row(columns, "-"))\n\(Self.row(columns))\n\n"
            + "| a | b |\n|---|---|\n| 1 | 2 |\n"
        let (book, diagnostics) = try MDBookIncludeTests.build([
            "src/SUMMARY.md": "# Summary\n\n- [Wide](wide.md)\n", "src/wide.md": chapter,
        ])
        let warnings = diagnostics.filter { $0.code == MarkdownCode.tableTooWide.rawValue }
        #expect(warnings.map { $0.location?.line } == [3, 4, 5])
        let blocks = try #require(book?.divisions.first?.blocks)
        let tables = blocks.flatMap { block -> [Table] in
            if case .section(let section) = block {
                return section.blocks.compactMap { if case .table(let table) = $0 { table } else { nil } }
            }
            if case .table(let table) = block { return [table] }
            return []
        }
        #expect(tables.count == 1)
        #expect(tables.first?.header.count == 2)
    }
}
