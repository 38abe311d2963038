import Foundation
import GalleyTestSupport
import Testing

/// The DocBook writer's output for every book of the shared corpus, as
/// `galley build` writes it, compared byte for byte with
/// `Tests/Goldens/BOOK/book.xml`.
@Suite struct DocBookGoldenTests {
    @Test(arguments: Corpus.names)
    func asBuilt(_ book: String) throws {
        Golden.check(try Corpus.output(book).docBook, against: Corpus.golden(book, "book.xml"))
    }
}
