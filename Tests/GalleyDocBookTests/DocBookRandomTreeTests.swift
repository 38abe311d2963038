import Foundation
import Testing
import GalleyCore
import GalleyCheck
import GalleyDocBook
import GalleyTestSupport

/// "Valid on every input": random trees of every kind, nested anyhow.
@Suite struct DocBookRandomTreeTests {
    @Test func everyRandomBookIsValidInProcess() {
        for seed in UInt64(1)...3000 {
            var generator = RandomBooks(seed: seed)
            let (bytes, diagnostics) = DocBookWriter().renderNormalized(generator.book())
            #expect(!diagnostics.hasErrors, "seed \(seed)")
            let problems = DocBookValidator.validate(bytes, name: "book.xml")
            #expect(problems.isEmpty, "seed \(seed): \(problems.prefix(3).map(\.description))")
            if !problems.isEmpty { break }
        }
    }

    /// The same claim before the reference judges, on some of them: jing
    /// (RELAX NG and Schematron) and DocBook XSL without a message.
    @Test(arguments: [UInt64(7), 16, 42, 99, 120, 151, 187])
    func judgesAcceptRandomBooks(_ seed: UInt64) throws {
        var generator = RandomBooks(seed: seed)
        let url = try Repository.temporaryDirectory("galley-random").appendingPathComponent("book.xml")
        try Data(DocBookWriter().renderNormalized(generator.book()).bytes).write(to: url)
        if try Judges.require("jing") {
            #expect(try Jing.errors(Jing.docBookRNG, url) == [])
            #expect(try Jing.errors(Jing.docBookSchematron, url) == [])
        }
        if try Judges.require("xsltproc") {
            let (status, messages) = try DocBookJudges.xsltMessages(url)
            #expect(status == 0)
            #expect(messages == "")
        }
    }
}
