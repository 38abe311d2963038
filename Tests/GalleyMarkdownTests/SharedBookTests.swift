import Foundation
import GalleyCore
import GalleyMarkdown
import GalleyTestSupport
import Testing

/// The reader on the books every other target uses: the shared torture
/// book (against a golden dump) and the default book in `Source/`.
@Suite struct SharedBookTests {
    @Test func tortureBook() throws {
        let source = Repository.fixtureBook("torture").appendingPathComponent("Source")
        let actual = ReaderFixtures.dump(sourceDirectory: source, metadata: true)
        try ReaderFixtures.check(actual, against: ReaderFixtures.directory.appendingPathComponent("torture.tree"))
    }

    @Test func defaultBook() throws {
        let source = Repository.defaultBook.appendingPathComponent("Source")
        try #require(
            FileManager.default.fileExists(atPath: source.appendingPathComponent("book.yaml").path),
            "the default book's Source/book.yaml is missing")
        let (book, diagnostics) = try BookReader().read(sourceDirectory: source)
        #expect(diagnostics.isEmpty, "\(diagnostics)")
        #expect(book.metadata.title == "上海基层党建的探索与创新")
        #expect(book.metadata.isbn == "978-7-80186-921-0")
        #expect(book.metadata.creators.first?.role == "edt")
        #expect(book.metadata.creators.first?.displayRole == "编著")
        #expect(!book.metadata.printedContents.isEmpty)
        #expect(book.divisions.map(\.role) == [.copyright, .dedication, .preface, .foreword])
        // Every id an EPUB file name or fragment could use is ASCII and unique.
        var ids: [String] = book.divisions.map(\.id)
        for division in book.divisions {
            func walk(_ blocks: [Block]) {
                for case .section(let section) in blocks {
                    ids.append(section.attributes.id ?? "")
                    walk(section.blocks)
                }
            }
            walk(division.blocks)
            ids += division.footnotes.map(\.id)
        }
        #expect(ids.allSatisfy(AssignIdentifiers.isValid), "\(ids)")
        #expect(Set(ids).count == ids.count)
        // 代前言 cites its note ① as a real footnote.
        let foreword = try #require(book.divisions.first { $0.role == .foreword })
        #expect(!foreword.footnotes.isEmpty)
        #expect(foreword.footnotes.allSatisfy { $0.number > 0 && $0.id.hasPrefix("fn-") })
        // No soft break survives, and no whitespace is left between two Han characters.
        let text = TreeDump.dump(book.book, metadata: false)
        #expect(!text.contains("soft-break"))
        let han = try Regex("\\p{Han}[ \\t\\n\\u3000]+\\p{Han}")
        for division in book.divisions {
            let dump = TreeDump.dump(division)
            for line in dump.split(separator: "\n") where line.contains("text \"") {
                #expect(line.firstMatch(of: han) == nil, "\(division.sourcePath): \(line)")
            }
        }
    }
}

@Suite struct ReaderStabilityTests {
    /// `galley build` twice must give identical files: the tree must not
    /// depend on dictionary order or anything else that varies by run.
    @Test func readingTwiceGivesTheSameJSON() throws {
        let source = Repository.fixtureBook("torture").appendingPathComponent("Source")
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        let first = try encoder.encode(BookReader().read(sourceDirectory: source).book)
        let second = try encoder.encode(BookReader().read(sourceDirectory: source).book)
        #expect(first == second)
        // `galley tree` prints this JSON; it must read back to the same tree.
        let decoded = try JSONDecoder().decode(Book.self, from: first)
        #expect(decoded == (try BookReader().read(sourceDirectory: source).book.book))
    }

    @Test func missingBookYAMLIsALocatedError() throws {
        let empty = try Repository.temporaryDirectory("reader-empty")
        defer { try? FileManager.default.removeItem(at: empty) }
        #expect {
            try BookReader().read(sourceDirectory: empty)
        } throws: { error in
            let diagnostics = (error as? DiagnosticsError)?.diagnostics ?? []
            return diagnostics.map(\.code) == ["bookyaml.missing-file"]
                && diagnostics[0].location?.file.hasSuffix("book.yaml") == true
        }
    }
}
