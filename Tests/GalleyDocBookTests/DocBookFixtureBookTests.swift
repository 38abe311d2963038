import Foundation
import GalleyBuild
import GalleyCore
import GalleyTestSupport
import Testing

/// Every book of the shared corpus (the fixture books under `Tests/Books/`
/// and the default book in `Source/`) as `galley build` writes it to
/// DocBook, judged: Galley's own check (in the build), jing (RELAX NG and
/// Schematron), DocBook XSL, and pandoc against the text writer.
@Suite struct DocBookFixtureBookTests {
    /// The corpus book's `book.xml`, written to a temporary folder for the judges.
    static func written(_ name: String) throws -> URL {
        let url = try Repository.temporaryDirectory("galley-docbook-book").appendingPathComponent("book.xml")
        try Data(try Corpus.output(name).docBook).write(to: url)
        return url
    }

    /// `Corpus.output` throws when the build (which checks its outputs) reports an error.
    @Test(arguments: Corpus.names)
    func buildsWithoutErrors(_ name: String) throws {
        #expect(!(try Corpus.output(name).docBook.isEmpty))
    }

    @Test(.judge("jing"), arguments: Corpus.names)
    func jingAccepts(_ name: String) throws {
        let file = try Self.written(name)
        defer { try? FileManager.default.removeItem(at: file.deletingLastPathComponent()) }
        #expect(try Jing.errors(Jing.docBookRNG, file) == [])
        #expect(try Jing.errors(Jing.docBookSchematron, file) == [])
    }

    @Test(.judge("xsltproc"), arguments: Corpus.names)
    func docBookXSLRendersWithoutMessages(_ name: String) throws {
        let file = try Self.written(name)
        defer { try? FileManager.default.removeItem(at: file.deletingLastPathComponent()) }
        let (status, messages) = try DocBookJudges.xsltMessages(file)
        #expect(status == 0)
        #expect(messages == "")
    }

    @Test(.judge("pandoc"), arguments: Corpus.names)
    func pandocReadsTheSameTextAsTheTextWriter(_ name: String) throws {
        let file = try Self.written(name)
        defer { try? FileManager.default.removeItem(at: file.deletingLastPathComponent()) }
        try PandocComparison.expectSameText(docBook: file, text: try Corpus.output(name).text)
    }
}
