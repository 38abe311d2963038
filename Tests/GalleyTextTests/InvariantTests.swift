import GalleyCore
import Testing

@testable import GalleyText

/// The invariants of issue 5 on the sample book, and the checker itself on
/// texts that break them (so a passing fixture test means something).
struct InvariantTests {
    @Test(arguments: [20, 40, 72], [false, true])
    func sampleBookKeepsTheRules(columns: Int, ambiguousIsWide: Bool) {
        let book = SampleBook.book
        let measure = DisplayWidth(ambiguousIsWide: ambiguousIsWide)
        let text = String(
            decoding: TextWriter(options: .init(columns: columns, ambiguousIsWide: ambiguousIsWide))
                .render(book.normalized), as: UTF8.self)
        let violations = TextInvariants.violations(
            in: text, columns: columns,
            code: TextInvariants.codeLines(of: book), measure: measure)
        #expect(violations.isEmpty, "\(violations.joined(separator: "\n"))")
        #expect(TextInvariants.missingHan(in: text, book: book).isEmpty)
        let tables = TextInvariants.misalignedTableLines(in: text, measure: measure)
        #expect(tables.tables == 1)
        #expect(tables.problems.isEmpty, "\(tables.problems.joined(separator: "\n"))")
    }

    @Test func checkerCatchesBrokenText() {
        let bad = "一二三四五六七八九十\n。开头\n结尾（\n破折—\n—号\n尾随 \n"
        let found = TextInvariants.violations(in: bad, columns: 8, code: [])
        #expect(found.count == 5, "\(found)")
        #expect(TextInvariants.violations(in: "https://example.org/long\n", columns: 8, code: []).isEmpty)
        #expect(
            TextInvariants.violations(
                in: "let x = 1 // long code\n", columns: 8,
                code: ["let x = 1 // long code"]
            ).isEmpty)
    }

    @Test func checkerCatchesLostOrMovedHan() {
        let book = Book(
            metadata: Metadata(title: "书", language: "zh"),
            divisions: [
                Division(
                    role: .chapter, id: "c", sourcePath: "c.md", title: [],
                    blocks: [.paragraph([.text("甲乙")]), .paragraph([.text("丙丁")])])
            ])
        #expect(TextInvariants.missingHan(in: "甲乙\n丙丁\n", book: book).isEmpty)
        #expect(TextInvariants.missingHan(in: "丙丁\n甲乙\n", book: book) == ["丙丁"])
        #expect(TextInvariants.missingHan(in: "甲乙\n丙\n", book: book) == ["丙丁"])
    }

    @Test func checkerCatchesMisalignedTables() {
        let good = "甲    乙\n----  --\n丙丁  戊\n"
        #expect(TextInvariants.misalignedTableLines(in: good) == (1, []))
        let bad = "甲    乙\n----  --\n丙丁戊  己\n"
        #expect(TextInvariants.misalignedTableLines(in: bad).problems.count == 1)
    }
}
