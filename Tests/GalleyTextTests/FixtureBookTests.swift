import Foundation
import GalleyCore
import GalleyMarkdown
import GalleyTestSupport
import Testing

@testable import GalleyText

/// Issue 5's "done when", measured on the real outputs of the fixture books
/// under `Tests/Books/` and of the default book in `Source/`.
struct FixtureBookTests {
    static var projects: [URL] {
        [Repository.defaultBook] + Repository.fixtureBookNames.map(Repository.fixtureBook)
    }

    static func read(_ project: URL) throws -> NormalizedBook {
        try BookReader().read(project: BookProject.find(in: project)).book
    }

    static func render(_ book: NormalizedBook, columns: Int?) -> String {
        String(decoding: TextWriter(options: .init(columns: columns)).render(book), as: UTF8.self)
    }

    @Test(arguments: projects, [20, 40, 72])
    func wrappedOutputKeepsTheRules(project: URL, columns: Int) throws {
        let book = try Self.read(project)
        // Both width conventions: “ ” — … as one column (default) and as two.
        for ambiguousIsWide in [false, true] {
            let options = TextWriter.Options(columns: columns, ambiguousIsWide: ambiguousIsWide)
            let text = String(decoding: TextWriter(options: options).render(book), as: UTF8.self)
            let violations = TextInvariants.violations(
                in: text, columns: columns,
                code: TextInvariants.codeLines(of: book.book),
                measure: DisplayWidth(ambiguousIsWide: ambiguousIsWide))
            #expect(
                violations.isEmpty,
                Comment(
                    rawValue: "\(project.lastPathComponent) at \(columns), ambiguous wide \(ambiguousIsWide):\n"
                        + "\(violations.joined(separator: "\n"))")
            )
        }
    }

    @Test(arguments: projects, [nil, 20, 40, 72] as [Int?])
    func nothingLostNothingReordered(project: URL, columns: Int?) throws {
        let book = try Self.read(project)
        let missing = TextInvariants.missingHan(in: Self.render(book, columns: columns), book: book.book)
        #expect(
            missing.isEmpty, "\(project.lastPathComponent): not found in order:\n\(missing.joined(separator: "\n"))")
    }

    @Test(arguments: projects, [nil, 20, 40, 72] as [Int?])
    func tablesLineUp(project: URL, columns: Int?) throws {
        let book = try Self.read(project)
        let expected = book.divisions.flatMap { TextInvariants.tables($0.blocks) }
            .filter { $0.header.contains { !$0.isEmpty } && $0.columnCount > 1 }.count
        let (found, problems) = TextInvariants.misalignedTableLines(in: Self.render(book, columns: columns))
        #expect(found == expected)
        #expect(problems.isEmpty, "\(problems.joined(separator: "\n"))")
    }

    /// Unwrapped, every body paragraph is one line (one per hard break) starting with two U+3000.
    @Test func defaultBookUnwrappedParagraphs() throws {
        let book = try Self.read(Repository.defaultBook)
        let lines = Set(TextInvariants.lines(Self.render(book, columns: nil)).map(String.init))
        var checked = 0
        for division in book.divisions {
            for paragraph in TextInvariants.paragraphs(division.blocks) where !paragraph.nested {
                let pieces = TextInvariants.plainLines(paragraph.inlines)
                for piece in pieces where !piece.isEmpty {
                    checked += 1
                    // One line holds the whole piece: its start right after the indent, and its end.
                    let start = "\u{3000}\u{3000}" + piece.prefix(8), end = String(piece.suffix(6))
                    #expect(
                        lines.contains { $0.hasPrefix(start) && $0.contains(end) },
                        "no line \"\(start)…\(end)\"")
                }
            }
        }
        #expect(checked > 20)
    }
}
