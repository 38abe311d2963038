import Foundation
import Testing
import GalleyCore
import GalleyBuild
import GalleyText
import GalleyTestSupport

/// Every Markdown book of the repository (the default book in `Source/` and
/// each fixture book under `Tests/Books/`) built to DocBook through the
/// whole pipeline, then judged: Galley's own check, jing (RELAX NG and
/// Schematron), DocBook XSL, and pandoc against the text writer.
@Suite struct DocBookFixtureBookTests {
    static var books: [URL] {
        var books = Repository.fixtureBookNames.map(Repository.fixtureBook)
        let defaultBook = Repository.defaultBook
        if FileManager.default.fileExists(atPath: defaultBook.appendingPathComponent("Source/book.yaml").path) {
            books.insert(defaultBook, at: 0)
        }
        return books
    }

    @Test(arguments: books)
    func buildsAValidDocBookFile(_ project: URL) throws {
        let output = try Repository.temporaryDirectory("galley-docbook-book")
        defer { try? FileManager.default.removeItem(at: output) }
        let build = BookBuild(projectDirectory: project, outputDirectory: output, formats: [.docbook])
        let report = build.run()
        #expect(report.succeeded, "\(report.diagnostics.map(\.description).joined(separator: "\n"))")
        let file = try #require(report.outputs[.docbook])

        if try Judges.require("jing") {
            #expect(try Jing.errors(Jing.docBookRNG, file) == [])
            #expect(try Jing.errors(Jing.docBookSchematron, file) == [])
        }
        if try Judges.require("xsltproc") {
            let (status, messages) = try DocBookJudges.xsltMessages(file)
            #expect(status == 0)
            #expect(messages == "")
        }
        if try Judges.require("pandoc") {
            let book = try build.readBook().book
            try PandocComparison.expectSameText(docBook: file, text: TextWriter().render(book))
        }
    }
}
