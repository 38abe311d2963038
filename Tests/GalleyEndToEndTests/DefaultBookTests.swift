import Foundation
import GalleyBuild
import GalleyTestSupport
import Testing

/// Builds the repository's own book (`Source/`) once and judges the result
/// the way issue 2 asks: real EPUBCheck and jing, and a reader's eye on the text.
@Suite("The default book, built end to end")
struct DefaultBookTests {
    static let built: Result<BuiltBook, BuildFailure> = BuiltBook.make(Repository.defaultBook)

    func book() throws -> BuiltBook { try Self.built.get() }

    @Test func buildSucceedsAndWritesThreeFiles() throws {
        let book = try book()
        for name in ["book.epub", "book.xml", "book.txt"] {
            #expect(FileManager.default.fileExists(atPath: book.directory.appendingPathComponent(name).path))
        }
    }

    @Test(.epubCheck) func epubCheckReportsNothing() throws {
        let result = try EPUBCheck.run(try book().epub)
        #expect(result.isClean, "\(result.output)")
    }

    @Test(.judge("jing"), arguments: [Jing.docBookRNG, Jing.docBookSchematron])
    func jingAcceptsTheDocBook(schema: String) throws {
        #expect(try Jing.errors(schema, try book().docbook) == [])
    }

    /// The five paragraphs the print page breaks cut in two are whole again.
    @Test(arguments: [
        "深化改革开放的进程中", "活动，使党的宗旨", "新型组织格局，使党的组织覆盖",
        "城乡党组织的互联互动", "“公推”和“直选”环节",
    ])
    func pageBreakSplitsAreJoined(joined: String) throws {
        let paragraphs = try book().epubParagraphs()
        #expect(paragraphs.contains { $0.contains(joined) }, "no EPUB paragraph contains \(joined)")
    }

    @Test func noWhitespaceBetweenHanInsideEPUBParagraphs() throws {
        for paragraph in try book().epubParagraphs() {
            #expect(paragraph.firstMatch(of: /\p{Han}\s+\p{Han}/) == nil, "\(paragraph)")
        }
    }

    @Test func noRunningHeadOrPageNumberIsLeftAsAParagraph() throws {
        for paragraph in try book().epubParagraphs() {
            let text = paragraph.trimmingCharacters(in: .whitespacesAndNewlines)
            #expect(text.wholeMatch(of: /[0-9ivxlcIVXLC一二三四五六七八九十—\s-]+/) == nil, "page number: \(text)")
            #expect(!["序", "言", "目", "录", "目录", "序言"].contains(text), "running head: \(text)")
        }
    }

    /// Every paragraph of 序言 and 代前言, in order, with nothing lost and no markup.
    @Test func everyPrefaceParagraphReachesTheText() throws {
        let book = try book()
        let text = try String(contentsOf: book.text, encoding: .utf8)
        for marker in ["<sup>", "**", "](", "&amp;", "<", "#"] {
            #expect(!text.contains(marker), "markup \(marker) in book.txt")
        }
        let textHan = String(text.unicodeScalars.filter { $0.properties.isIdeographic }.map(Character.init))
        var searchFrom = textHan.startIndex
        let paragraphs = try book.epubParagraphs(inFilesContaining: ["序言", "代前言"])
        #expect(paragraphs.count >= 20, "only \(paragraphs.count) paragraphs found in 序言 and 代前言")
        for paragraph in paragraphs {
            let han = String(paragraph.unicodeScalars.filter { $0.properties.isIdeographic }.map(Character.init))
            guard !han.isEmpty else { continue }
            let found = textHan[searchFrom...].range(of: han)
            #expect(found != nil, "missing or out of order in book.txt: \(paragraph)")
            if let found { searchFrom = found.upperBound }
        }
    }

    // Two builds byte-identical: ReproducibleBuildTests runs two `galley build` processes.
}
