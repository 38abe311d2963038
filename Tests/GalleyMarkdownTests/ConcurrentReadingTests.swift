import Foundation
import GalleyCore
import GalleyMarkdown
import GalleyTestSupport
import Testing

/// cmark-gfm edits one global table of special characters whenever a parser
/// attaches an extension or is freed; reading on several threads once lost
/// autolinks at random. Reading the torture book many times at once must
/// give the same tree every time.
@Test func readingOnManyThreadsGivesTheSameTree() throws {
    let source = Repository.fixtureBook("torture").appendingPathComponent("Source")
    let reference = try BookReader().read(sourceDirectory: source).book
    let books = Array(repeating: source, count: 200).concurrentMap { source in
        try? BookReader().read(sourceDirectory: source).book
    }
    for book in books {
        #expect(book == reference)
    }
}
