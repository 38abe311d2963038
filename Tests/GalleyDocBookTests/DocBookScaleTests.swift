import Foundation
import Testing
import GalleyCore
import GalleyCheck
import GalleyDocBook

/// Large inputs written whole and right: every section and every note
/// arrives once with its id, and the output stays valid at the size of the
/// benchmark's book. No clock here: the benchmark and the figures in the
/// commit messages measure speed; these tests fail on a lost or doubled
/// element or an invalid file, whatever the machine.
@Suite struct DocBookScaleTests {
    /// The `xml:id` values of `text`, in order.
    static func xmlIDs(_ text: String) -> [Substring] {
        text.split(separator: "xml:id=\"", omittingEmptySubsequences: false).dropFirst().map {
            $0.prefix { $0 != "\"" }
        }
    }

    static func occurrences(of needle: String, in text: String) -> Int {
        text.split(separator: needle, omittingEmptySubsequences: false).count - 1
    }

    static func chapter(blocks: [Block], footnotes: [Footnote] = []) -> Book {
        Book(metadata: Metadata(title: "T", language: "zh-Hans"), divisions: [
            Division(role: .chapter, id: "", sourcePath: "c.md", title: [.text("章")], blocks: blocks,
                     footnotes: footnotes),
        ])
    }

    @Test func hundredThousandSectionsEachWrittenOnceWithItsID() {
        let count = 100_000
        let blocks = (0..<count).map { index in
            Block.section(Section(level: 2, title: [.text("节\(index)")],
                                  blocks: [.paragraph([.text("文\(index)")])]))
        }
        let (bytes, diagnostics) = DocBookWriter().renderNormalized(Self.chapter(blocks: blocks))
        let text = String(decoding: bytes, as: UTF8.self)
        #expect(diagnostics.isEmpty)
        #expect(Self.occurrences(of: "<section ", in: text) == count)
        let ids = Self.xmlIDs(text)
        #expect(Set(ids).count == ids.count, "an xml:id is written twice")
        #expect(ids.count == count + 1)
        let last = #"<section xml:id="ch001-s\#(count)">"#
            + "\n<title>节\(count - 1)</title>\n<para>文\(count - 1)</para>"
        #expect(text.contains(last))
    }

    @Test func hundredThousandNotesEachPlacedOnce() {
        let count = 100_000
        let calls = (0..<count).flatMap { index in [Inline.text("文"), .footnoteReference("n\(index)")] }
        let notes = (0..<count).map { index in
            Footnote(label: "n\(index)", number: 0, id: "", blocks: [.paragraph([.text("注\(index)")])])
        }
        let (bytes, diagnostics) = DocBookWriter().renderNormalized(
            Self.chapter(blocks: [.paragraph(calls)], footnotes: notes))
        let text = String(decoding: bytes, as: UTF8.self)
        #expect(diagnostics.isEmpty)
        #expect(Self.occurrences(of: "<footnote ", in: text) == count)
        let ids = Self.xmlIDs(text)
        #expect(Set(ids).count == ids.count, "an xml:id is written twice")
        let last = #"文<footnote xml:id="fn-ch001-\#(count)"><para>注\#(count - 1)</para></footnote></para>"#
        #expect(text.contains(last))
    }

    /// A book the size of the benchmark's (~100 chapters) stays valid.
    @Test func largeBookIsValid() throws {
        let template = SampleBooks.small.divisions[3]
        var divisions: [Division] = []
        for index in 0..<100 {
            var division = template
            division.id = "ch\(index)"
            division.sourcePath = "ch\(index).md"
            let sentence = Inline.text("在深化改革开放的进程中，基层党建不断创新。")
            let paragraph = Block.paragraph(Array(repeating: sentence, count: 20))
            division.blocks = Array(repeating: paragraph, count: 40) + division.blocks.map { block in
                guard case .section(var section) = block else { return block }
                section.attributes.id = section.attributes.id.map { "\($0)-\(index)" }
                return .section(section)
            }
            divisions.append(division)
        }
        let book = Book(metadata: SampleBooks.small.metadata, divisions: divisions)
        let (bytes, _) = DocBookWriter().renderNormalized(book)
        #expect(bytes.count > 2_000_000)
        let problems = DocBookValidator.validate(bytes, name: "book.xml")
        #expect(problems.isEmpty, "\(problems.prefix(5))")
    }
}
