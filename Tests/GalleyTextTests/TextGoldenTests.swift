import Foundation
import GalleyTestSupport
import Testing

/// The text writer's output for every book of the shared corpus, as
/// `galley build` writes it (`book.txt`) and wrapped at 40 columns
/// (`book-40.txt`), compared byte for byte with `Tests/Goldens/BOOK/`.
@Suite struct TextGoldenTests {
    @Test(arguments: Corpus.names)
    func asBuilt(_ book: String) throws {
        Golden.check(try Corpus.output(book).text, against: Corpus.golden(book, "book.txt"))
    }

    @Test(arguments: Corpus.names)
    func wrapped(_ book: String) throws {
        Golden.check(
            try Corpus.output(book).wrappedText,
            against: Corpus.golden(book, "book-\(Corpus.wrappedColumns).txt"))
    }
}
