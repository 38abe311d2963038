import Foundation
import GalleyCore
import GalleyText
import Testing

/// The sample book rendered unwrapped and at 20 and 40 columns, compared
/// byte for byte with `Fixtures/sample*.txt`. `GALLEY_RECORD=1` rewrites them.
struct TextWriterGoldenTests {
    static let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .appendingPathComponent("Fixtures")

    @Test(arguments: [0, 20, 40])
    func sampleBook(columns: Int) throws {
        let options = TextWriter.Options(columns: columns == 0 ? nil : columns)
        let output = Data(TextWriter(options: options).render(SampleBook.book.normalized))
        let url = Self.fixtures.appendingPathComponent(columns == 0 ? "sample.txt" : "sample-\(columns).txt")
        if ProcessInfo.processInfo.environment["GALLEY_RECORD"] == "1" {
            try output.write(to: url)
        }
        let expected = try Data(contentsOf: url)
        #expect(output == expected, "\(url.lastPathComponent) differs:\n\(String(decoding: output, as: UTF8.self))")
    }

    @Test func renderingIsDeterministic() {
        let writer = TextWriter(options: .init(columns: 20))
        #expect(writer.render(SampleBook.book.normalized) == writer.render(SampleBook.book.normalized))
    }
}
