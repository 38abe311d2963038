import Foundation
import Testing
import GalleyCore
import GalleyDocBook
import GalleyTestSupport

@Suite struct DocBookWriterTests {
    @Test func dumpEverything() throws {
        let (bytes, diagnostics) = DocBookWriter().render(SampleBooks.everything)
        try Data(bytes).write(to: URL(fileURLWithPath: "/tmp/dbk/everything.xml"))
        try Data(DocBookWriter().render(SampleBooks.small).bytes).write(to: URL(fileURLWithPath: "/tmp/dbk/small.xml"))
        for d in diagnostics { print(d) }
    }
}
