import Foundation
import GalleyCore
import GalleyMarkdown
import GalleyTestSupport
import Testing

/// Where a chapter's title comes from: its leading `#` heading, its front
/// matter, its first heading of any level (the rest moving up under it), or,
/// with a warning, its file name; never a placeholder.
@Suite struct ChapterTitleTests {
    func read(_ chapters: [(String, String)]) throws -> (book: Book?, diagnostics: [Diagnostic]) {
        let project = try HostileProject()
        defer { project.remove() }
        for (path, text) in chapters { try project.write(text, to: path) }
        try project.book(chapters: chapters.map(\.0))
        return project.read()
    }

    /// `(level, title)` of every section, depth-first.
    func outline(_ blocks: [Block]) -> [String] {
        blocks.flatMap { block -> [String] in
            guard case .section(let section) = block else { return [] }
            return ["\(section.level) \(Walk.plainText(section.title))"] + outline(section.blocks)
        }
    }

    @Test func theFirstHeadingOfAnyLevelIsTheTitleAndTheRestMoveUpUnderIt() throws {
        let (book, diagnostics) = try read([
            ("sub.md", "Intro text.\n\n## Ownership\n\nx\n\n### Moves\n\ny\n\n## Borrowing\n\nz\n\n#### Deep\n"),
            ("titled.md", "# Titled\n\n## A\n"),
        ])
        let sub = try #require(book?.divisions.first)
        #expect(Walk.plainText(sub.title) == "Ownership")
        #expect(sub.titleOrigin == .heading)
        #expect(outline(sub.blocks) == ["2 Moves", "2 Borrowing", "3 Deep"])
        #expect(sub.blocks.first == .paragraph([.text("Intro text.")]))
        #expect(outline(book!.divisions[1].blocks) == ["2 A"], "a level-1 title shifts nothing")
        #expect(diagnostics.isEmpty, "\(diagnostics)")
    }

    @Test func aFrontMatterTitleWinsOverTheFirstHeadingButNotOverALevelOneHeading() throws {
        let (book, _) = try read([
            ("given.md", "---\ntitle: 所有权\n---\n\n## 移动\n"),
            ("both.md", "---\ntitle: Ignored\n---\n\n# 借用\n"),
        ])
        let divisions = try #require(book?.divisions)
        #expect(Walk.plainText(divisions[0].title) == "所有权" && divisions[0].titleOrigin == .given)
        #expect(outline(divisions[0].blocks) == ["2 移动"])
        #expect(Walk.plainText(divisions[1].title) == "借用" && divisions[1].titleOrigin == .heading)
    }

    @Test func aChapterWithoutAnyHeadingIsNamedAfterItsFileWithAWarning() throws {
        let (book, diagnostics) = try read([
            ("guide/getting-started.md", "Just text.\n"),
            ("dedication.md", "---\nrole: dedication\n---\n\n献给读者。\n"),
        ])
        let divisions = try #require(book?.divisions)
        #expect(Walk.plainText(divisions[0].title) == "getting started")
        #expect(divisions[0].titleOrigin == .fileName)
        #expect(divisions[1].title.isEmpty, "a dedication is labelled by its role")
        #expect(diagnostics.map(\.code) == ["markdown.untitled-chapter"])
        #expect(diagnostics.first?.location?.description == "Source/guide/getting-started.md:1")
        #expect(diagnostics.first?.message.contains("“getting started”") == true)
    }
}
