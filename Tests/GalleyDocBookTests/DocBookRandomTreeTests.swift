import Foundation
import GalleyCheck
import GalleyCore
import GalleyDocBook
import GalleyTestSupport
import Testing

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

    static let judgedSeeds: [UInt64] = [7, 16, 42, 99, 120, 151, 187]

    static func written(_ seed: UInt64) throws -> URL {
        var generator = RandomBooks(seed: seed)
        let url = try Repository.temporaryDirectory("galley-random").appendingPathComponent("book.xml")
        try Data(DocBookWriter().render(generator.book().normalized).bytes).write(to: url)
        return url
    }

    /// The same claim before the reference judges, on some of them: jing
    /// (RELAX NG and Schematron) and DocBook XSL without a message.
    @Test(.judge("jing"), arguments: judgedSeeds)
    func jingAcceptsRandomBooks(_ seed: UInt64) throws {
        let url = try Self.written(seed)
        #expect(try Jing.errors(Jing.docBookRNG, url) == [])
        #expect(try Jing.errors(Jing.docBookSchematron, url) == [])
    }

    @Test(.judge("xsltproc"), arguments: judgedSeeds)
    func docBookXSLAcceptsRandomBooks(_ seed: UInt64) throws {
        let (status, messages) = try DocBookJudges.xsltMessages(try Self.written(seed))
        #expect(status == 0)
        #expect(messages == "")
    }
}
