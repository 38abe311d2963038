import Testing

@testable import GalleyImport

/// Import and lint stay (near) linear on the shapes a scan found slow: many
/// mixed lines, many short lines, one long line of Han text, many lint
/// paragraphs, one long lint paragraph. The tests look at what came out,
/// never at the clock.
@Suite struct ManyLinesTests {
    func paragraphs(_ result: ImportResult) -> [ImportBlock] {
        result.document.divisions.flatMap(\.blocks).filter { $0.kind == .paragraph }
    }

    @Test func mixedLinesWithChapterNumbersAndNoteMarkersImportAsOneParagraph() {
        // Every 50th line a chapter number with its title on the same line, which plain text
        // does not read as a heading; the rest body text with a note marker and no note.
        let lines = (0..<5_000).map { $0 % 50 == 0 ? "第\($0)章 标题" : "这是一行正文，有注释①和标点, 文字 text \($0)" }
        let result = Importer().run(text: lines.joined(separator: "\n") + "\n")
        #expect(result.document.divisions.count == 1)
        let headings = result.document.divisions.flatMap(\.blocks).filter(\.isHeading)
        #expect(headings.isEmpty)
        let blocks = paragraphs(result)
        #expect(blocks.count == 1)
        #expect(blocks.first?.lines.count == 5_000)
        #expect(blocks.first?.text.filter { $0 == "①" }.count == 4_900)
        #expect(result.log.changes.filter { $0.rule == "unwrap-lines" }.count == 104)
        #expect(result.log.changes.filter { $0.rule == "page-break-joins" }.count == 104)
        #expect(result.lineFates.count == 5_000)
    }

    @Test func manyShortLinesAreOneParagraphInOrder() {
        let lines = (0..<20_000).map { "短行文字\($0)" }
        let result = Importer().run(text: lines.joined(separator: "\n") + "\n")
        let blocks = paragraphs(result)
        #expect(blocks.count == 1)
        #expect(blocks.first?.text == lines.joined())
        #expect(result.log.changes.filter { $0.rule == "unwrap-lines" }.count == 51)
        #expect(result.log.changes.filter { $0.rule == "page-break-joins" }.count == 50)
        // The report shows each joined line's break.
        let report = ImportReportWriter.markdown(result)
        #expect(report.contains("## unwrap-lines (51)"))
        #expect(report.components(separatedBy: " ⏎ ").count == 19_950)
    }

    @Test func oneLongLineOfHanTextStaysAsItIs() {
        // It starts with a chapter number and repeats it: no title, running head or heading.
        let line = String(String(repeating: "第一章 测试文字，汉字中文段落。", count: 17_000).prefix(282_368))
        let result = Importer().run(text: line)
        let blocks = result.document.divisions.flatMap(\.blocks)
        #expect(blocks.count == 1)
        #expect(blocks.first?.kind == .paragraph)
        #expect(blocks.first?.text == line)
        #expect(result.log.changes.isEmpty)
    }

    @Test func lintFindsTwoProblemsInEachOfManyParagraphs() {
        let text = (0..<5_000).map { "中文,段落 text中文（\($0)\n\n" }.joined()
        var spacing = TypographyLint.LatinSpacing()
        TypographyLint.count(text, into: &spacing)
        #expect(spacing.spaced == 5_000)
        #expect(spacing.unspaced == 5_000)
        let findings = TypographyLint().lint(text, file: "a.md", spacing: spacing)
        #expect(findings.count == 10_000)
        #expect(findings.filter { $0.rule == "punctuation" }.count == 5_000)
        #expect(findings.filter { $0.rule == "brackets" }.count == 5_000)
        #expect(findings.last?.line == 9_999)
    }

    @Test func lintFindsEachSpaceBetweenHanInOneLongParagraph() {
        let text = String(repeating: "中 文 word中文 50% 10 kg ", count: 5_000) + "\n"
        var spacing = TypographyLint.LatinSpacing()
        TypographyLint.count(text, into: &spacing)
        let findings = TypographyLint().lint(text, file: "a.md", spacing: spacing)
        #expect(findings.count == 5_000)
        #expect(Set(findings.map(\.rule)) == ["han-spacing"])
        #expect(findings.last?.column == 4_999 * 21 + 2)
    }
}
