import Foundation
import GalleyCheck
import GalleyCore
import GalleyTestSupport
import GalleyText
import Testing

@testable import GalleyDocBook

/// The writer on books built in Swift: goldens read by a person, the
/// in-process validator, and the real judges (jing RELAX NG + Schematron,
/// DocBook XSL, pandoc).
@Suite struct DocBookWriterTests {
    static let samples: [(name: String, book: Book)] = [
        ("small", SampleBooks.small), ("everything", SampleBooks.everything),
    ]
    static var sampleNames: [String] { samples.map(\.name) }
    static func sample(_ name: String) -> Book { samples.first { $0.name == name }!.book }

    static let fixtures = Repository.root.appendingPathComponent("Tests/GalleyDocBookTests/Fixtures")

    /// Renders the sample into a temporary `book.xml`.
    static func written(_ name: String) throws -> (url: URL, bytes: [UInt8], diagnostics: [Diagnostic]) {
        let (bytes, diagnostics) = DocBookWriter().renderNormalized(sample(name))
        let url = try Repository.temporaryDirectory("galley-docbook").appendingPathComponent("book.xml")
        try Data(bytes).write(to: url)
        return (url, bytes, diagnostics)
    }

    @Test(arguments: sampleNames)
    func matchesGolden(_ name: String) throws {
        let (_, bytes, diagnostics) = try Self.written(name)
        let golden = Self.fixtures.appendingPathComponent("\(name).xml")
        let goldenDiagnostics = Self.fixtures.appendingPathComponent("\(name).diagnostics.txt")
        let diagnosticText = diagnostics.map { "\($0)\n" }.joined()
        Golden.check(bytes, against: golden)
        Golden.check(diagnosticText, against: goldenDiagnostics)
    }

    @Test(arguments: sampleNames)
    func passesTheInProcessValidator(_ name: String) throws {
        let (_, bytes, diagnostics) = try Self.written(name)
        #expect(!diagnostics.hasErrors)
        let problems = DocBookValidator.validate(bytes, name: "book.xml")
        #expect(problems.isEmpty, "\(problems.map(\.description).joined(separator: "\n"))")
    }

    @Test(.judge("jing"), arguments: sampleNames)
    func jingFindsNoErrors(_ name: String) throws {
        let (url, _, _) = try Self.written(name)
        #expect(try Jing.errors(Jing.docBookRNG, url) == [])
        #expect(try Jing.errors(Jing.docBookSchematron, url) == [])
    }

    @Test(.judge("xsltproc"), arguments: sampleNames)
    func docBookXSLRendersWithoutMessages(_ name: String) throws {
        let (url, _, _) = try Self.written(name)
        let (status, messages) = try DocBookJudges.xsltMessages(url)
        #expect(status == 0)
        #expect(messages == "")
    }

    /// On the small book only: `everything` carries on purpose what DocBook
    /// itself makes the writer simplify (a note inside a note, a note in a
    /// hard-broken paragraph, which pandoc reads as code), each reported by
    /// a diagnostic the golden pins down.
    @Test(.judge("pandoc")) func pandocReadsTheSameTextAsTheTextWriter() throws {
        let name = "small"
        let (url, _, _) = try Self.written(name)
        try PandocComparison.expectSameText(docBook: url, text: TextWriter().render(normalized(Self.sample(name))))
    }

    /// The comparison can fail: a text output missing one paragraph of the
    /// book is caught.
    @Test(.judge("pandoc")) func pandocComparisonCatchesALostParagraph() throws {
        let (url, _, _) = try Self.written("small")
        var shorter = SampleBooks.small
        shorter.divisions[2].blocks.removeFirst()
        withKnownIssue("the text output lacks the preface's first paragraph") {
            try PandocComparison.expectSameText(docBook: url, text: TextWriter().render(normalized(shorter)))
        }
    }

    // MARK: Specific mappings (read in the goldens too)

    @Test func defaultBookShape() throws {
        let text = String(decoding: DocBookWriter().renderNormalized(SampleBooks.small).bytes, as: UTF8.self)
        #expect(
            text.contains(
                #"<book xmlns="http://docbook.org/ns/docbook" xmlns:xlink="http://www.w3.org/1999/xlink" "#
                    + #"version="5.0" xml:lang="zh-Hans">"#
            ))
        #expect(text.contains("<editor><orgname>上海市党建研究会</orgname><contrib>编著</contrib></editor>"))
        #expect(text.contains("<publisher><publishername>东方出版中心</publishername>"))
        #expect(text.contains("<pubdate>2008-12</pubdate>"))
        #expect(text.contains(#"<biblioid class="isbn">978-7-80186-921-0</biblioid>"#))
        #expect(text.contains(#"<preface xml:id="preface">"#))
        #expect(text.contains(#"<dedication xml:id="dedication">"#))
        #expect(text.contains(#"<colophon xml:id="copyright" role="copyright">"#))
        #expect(text.contains(#"<footnote xml:id="fn-preface-1">"#))
    }

    @Test func secondReferenceIsFootnoteref() {
        let text = String(decoding: DocBookWriter().renderNormalized(SampleBooks.small).bytes, as: UTF8.self)
        #expect(text.components(separatedBy: #"<footnote xml:id="fn-ch001-1">"#).count == 2)
        #expect(text.contains(#"<footnoteref linkend="fn-ch001-1"/>"#))
    }

    @Test func nestedFootnoteIsFlattenedWithDiagnostic() {
        let (bytes, diagnostics) = DocBookWriter().renderNormalized(SampleBooks.everything)
        let text = String(decoding: bytes, as: UTF8.self)
        #expect(text.contains("<para>外注（内注）</para>"))
        #expect(diagnostics.contains { $0.code == "docbook.nested-footnote" && $0.location?.file == "ch.md" })
    }

    @Test func everyRoleHasAnElement() {
        let expected: [DivisionRole: String] = [
            .dedication: "dedication", .preface: "preface", .foreword: "preface", .chapter: "chapter",
            .part: "chapter", .appendix: "appendix", .acknowledgments: "acknowledgements",
            .colophon: "colophon", .copyright: "colophon",
        ]
        for role in DivisionRole.allCases {
            let division = Division(role: role, id: "d", sourcePath: "d.md", title: [.text("T")], blocks: [])
            let form = DocBookEmitter.componentForm(for: division)
            if let element = expected[role] { #expect(form.element == element, "\(role)") }
            // The roles DocBook has no element for keep their name as a role.
            if expected[role] == nil || role == .foreword { #expect(form.role == role.rawValue, "\(role)") }
        }
    }
}
