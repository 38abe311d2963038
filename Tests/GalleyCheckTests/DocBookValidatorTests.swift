import Foundation
import GalleyCore
import GalleyTestSupport
import Testing

@testable import GalleyCheck

/// The in-process DocBook validation on deliberately broken files: each
/// must be rejected with the line a person would fix, and the valid ones
/// accepted.
@Suite struct DocBookValidatorTests {
    struct Broken: CustomStringConvertible, Sendable {
        var file: String
        var line: Int
        var code: String
        var description: String { file }
    }

    static let broken: [Broken] = [
        Broken(file: "element-out-of-place.xml", line: 8, code: "docbook.schema"),
        Broken(file: "missing-version.xml", line: 2, code: "docbook.version"),
        Broken(file: "nested-footnote.xml", line: 6, code: "docbook.exclusion"),
        Broken(file: "dangling-linkend.xml", line: 7, code: "docbook.dangling-reference"),
        Broken(file: "duplicate-id.xml", line: 8, code: "docbook.duplicate-id"),
        Broken(file: "ill-formed.xml", line: 6, code: "docbook.not-well-formed"),
        Broken(file: "wrong-namespace.xml", line: 2, code: "docbook.namespace"),
        Broken(file: "unknown-element.xml", line: 6, code: "docbook.unknown-element"),
        Broken(file: "para-in-para.xml", line: 6, code: "docbook.schema"),
        Broken(file: "footnoteref-to-section.xml", line: 7, code: "docbook.reference-type"),
        Broken(file: "chapter-without-title.xml", line: 5, code: "docbook.schema"),
        Broken(file: "table-in-footnote.xml", line: 7, code: "docbook.exclusion"),
        Broken(file: "nested-admonition.xml", line: 7, code: "docbook.exclusion"),
        Broken(file: "bad-attribute-value.xml", line: 6, code: "docbook.schema"),
        Broken(file: "empty-section.xml", line: 6, code: "docbook.schema"),
        Broken(file: "termdef-without-firstterm.xml", line: 6, code: "docbook.termdef"),
        Broken(file: "segments-mismatch.xml", line: 8, code: "docbook.seglistitem"),
        Broken(file: "glossterm-to-para.xml", line: 6, code: "docbook.reference-type"),
    ]

    static func fixture(_ name: String) throws -> (url: URL, bytes: [UInt8]) {
        let url = try #require(
            Bundle.module.url(forResource: name, withExtension: nil, subdirectory: "Fixtures/docbook"))
        return (url, [UInt8](try Data(contentsOf: url)))
    }

    @Test(arguments: broken)
    func rejectsBrokenFile(_ expected: Broken) throws {
        let (_, bytes) = try Self.fixture(expected.file)
        let diagnostics = DocBookValidator.validate(bytes, name: "book.xml")
        #expect(diagnostics.hasErrors)
        let match = diagnostics.first { $0.code == expected.code && $0.location?.line == expected.line }
        #expect(
            match != nil,
            Comment(
                rawValue: "expected \(expected.code) on line \(expected.line), got:\n"
                    + "\(diagnostics.map(\.description).joined(separator: "\n"))")
        )
        for diagnostic in diagnostics {
            #expect(diagnostic.location?.file == "book.xml")
            #expect((diagnostic.location?.line ?? 0) > 0, "\(diagnostic) has no line")
            #expect(diagnostic.description.hasPrefix("book.xml:"))
        }
    }

    @Test(arguments: ["valid-minimal.xml", "valid-complete.xml"])
    func acceptsValidFile(_ name: String) throws {
        let (_, bytes) = try Self.fixture(name)
        let diagnostics = DocBookValidator.validate(bytes, name: name)
        #expect(diagnostics.isEmpty, "\(diagnostics)")
    }

    /// The fixtures mean what they say: jing, the reference judge, agrees
    /// on which are valid (RELAX NG + Schematron).
    @Test(.judge("jing")) func jingAgreesOnTheFixtures() throws {
        for expected in Self.broken {
            let (url, _) = try Self.fixture(expected.file)
            let rng = try runProcess("jing", ["/usr/share/xml/docbook/schema/rng/5.0/docbook.rng", url.path])
            let sch = try runProcess("jing", ["/usr/share/xml/docbook/schema/schematron/5.0/docbook.sch", url.path])
            #expect(rng.status != 0 || sch.status != 0, "jing accepts \(expected.file)")
        }
        for name in ["valid-minimal.xml", "valid-complete.xml"] {
            let (url, _) = try Self.fixture(name)
            #expect(
                try runProcess("jing", ["/usr/share/xml/docbook/schema/rng/5.0/docbook.rng", url.path]).status == 0)
            #expect(
                try runProcess("jing", ["/usr/share/xml/docbook/schema/schematron/5.0/docbook.sch", url.path]).status
                    == 0)
        }
    }

    @Test func checkDocBookReadsTheFileAndNamesIt() throws {
        let (url, _) = try Self.fixture("missing-version.xml")
        let diagnostics = OutputChecks.checkDocBook(at: url)
        #expect(diagnostics.contains { $0.code == "docbook.version" && $0.location?.file == url.path })
        let missing = OutputChecks.checkDocBook(
            at: url.deletingLastPathComponent().appendingPathComponent("absent.xml"))
        #expect(missing.map(\.code) == ["docbook.unreadable"])
    }
}
