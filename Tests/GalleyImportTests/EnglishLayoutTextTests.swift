import Foundation
import Testing

@testable import GalleyImport

/// An English book as `pdftotext -layout` writes it: justified lines keep their
/// columns, paragraphs start indented, a definition's body is set at an indent.
/// Lines are measured by their columns, so they join into paragraphs again.
@Suite struct EnglishLayoutTextTests {
    func paragraphs() throws -> [String] {
        let text = String(decoding: try Fixture.bytes("english-layout.txt"), as: UTF8.self)
        let result = Importer().run(text: text)
        #expect(result.evidence == .layoutText)
        let chapter = try #require(result.file("chapter-01.md"))
        return chapter.components(separatedBy: "\n\n").map { $0.trimmingCharacters(in: .newlines) }
    }

    @Test func justifiedLinesJoinIntoParagraphs() throws {
        let paragraphs = try paragraphs()
        #expect(paragraphs.contains("# 1 Introduction"))
        #expect(
            paragraphs.contains(
                "This manual describes the sample library, which does a great many things for the people who use "
                    + "it, and it is free software that anybody can copy and change for good."))
        // Over the page break, past the running head and the page numbers.
        #expect(
            paragraphs.contains(
                "A second paragraph starts indented, as Texinfo sets them, and its lines go on to the end of the "
                    + "measure like the first one does, and this one goes on over the page break and ends here, "
                    + "on the second page, after a line of the first page and one of its own."))
    }

    @Test func anIndentedBlockGoesOnFromAFullLine() throws {
        let paragraphs = try paragraphs()
        #expect(
            paragraphs.contains(
                "name: the file to open. It has to be a path that the library can read, and this line is shorter."))
        #expect(paragraphs.contains("Returns: zero."))
        #expect(!paragraphs.contains { $0.contains("Chapter 1: Introduction") })
    }
}
