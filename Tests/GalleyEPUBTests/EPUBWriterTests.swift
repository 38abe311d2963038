import Foundation
import GalleyCore
import GalleyEPUB
import GalleyTestSupport
import Testing

@Suite struct EPUBWriterTests {
    @Test(.epubCheck) func sampleBookPassesEPUBCheck() throws {
        let directory = try Repository.temporaryDirectory("epub")
        defer { try? FileManager.default.removeItem(at: directory) }
        let url = directory.appendingPathComponent("book.epub")
        _ = try EPUBWriter(options: SampleBooks.options()).writeFile(SampleBooks.chinese.normalized, to: url)
        let run = try EPUBCheck.run(url)
        #expect(run.isClean, "\(run.output)")
    }
}
