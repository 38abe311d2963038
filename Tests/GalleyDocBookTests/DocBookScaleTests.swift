import Foundation
import GalleyCheck
import GalleyCore
import GalleyDocBook
import Testing

/// A book the size of the benchmark's (~100 chapters) written and validated
/// in-process: the output stays valid at scale. How long it takes is a
/// figure, not a test: `make bench-scale` (Scripts/scale-benchmark.sh).
@Suite struct DocBookScaleTests {
    @Test func largeBookWritesAndValidates() throws {
        let template = SampleBooks.small.divisions[3]
        var divisions: [Division] = []
        for index in 0..<100 {
            var division = template
            division.id = "ch\(index)"
            division.sourcePath = "ch\(index).md"
            let sentence = Inline.text("在深化改革开放的进程中，基层党建不断创新。")
            let paragraph = Block.paragraph(Array(repeating: sentence, count: 20))
            division.blocks =
                Array(repeating: paragraph, count: 40)
                + division.blocks.map { block in
                    guard case .section(var section) = block else { return block }
                    section.attributes.id = section.attributes.id.map { "\($0)-\(index)" }
                    return .section(section)
                }
            divisions.append(division)
        }
        let book = Book(metadata: SampleBooks.small.metadata, divisions: divisions)
        let output = DocBookWriter().render(book.normalized)
        #expect(output.bytes.count > 2_000_000)
        let problems = DocBookValidator.validate(output.bytes, name: "book.xml")
        #expect(problems.isEmpty, "\(problems.prefix(5))")
    }
}
