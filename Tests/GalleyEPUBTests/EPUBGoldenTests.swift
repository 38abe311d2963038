import Foundation
import GalleyTestSupport
import Testing

/// The EPUB writer's output for every book of the shared corpus, as
/// `galley build` writes it: each text entry (XHTML, package document,
/// NCX, container) compared with `Tests/Goldens/BOOK/epub/PATH`, and the
/// list of all entries (images and stylesheets included) with `entries.txt`.
@Suite struct EPUBGoldenTests {
    /// Entries kept as golden files; stylesheets and images are only listed.
    static let textExtensions: Set<String> = ["xhtml", "opf", "ncx", "xml"]

    static func isText(_ name: String) -> Bool {
        textExtensions.contains(URL(fileURLWithPath: name).pathExtension)
    }

    /// `dcterms:modified` comes from the newest source file's time, which a
    /// checkout sets; `GalleyEndToEndTests` checks the date, the golden does not.
    static func withoutBuildDate(_ text: String) -> String {
        text.replacing(
            /<meta property="dcterms:modified">[^<]*<\/meta>/,
            with: #"<meta property="dcterms:modified">(build date)</meta>"#)
    }

    @Test(arguments: Corpus.names)
    func entries(_ book: String) throws {
        let listing = try Corpus.output(book).epub.map { "\($0.name) \($0.bytes.count)\n" }.joined()
        Golden.check(listing, against: Corpus.golden(book, "epub/entries.txt"))
    }

    @Test(arguments: Corpus.names)
    func textEntries(_ book: String) throws {
        let directory = Corpus.golden(book, "epub")
        let entries = try Corpus.output(book).epub.filter { Self.isText($0.name) }
        if Golden.isRecording {
            // Entries the writer no longer makes must not linger as goldens.
            for stale in Self.goldenFiles(in: directory) where !entries.contains(where: { $0.name == stale }) {
                try FileManager.default.removeItem(at: directory.appendingPathComponent(stale))
            }
        }
        for entry in entries {
            let text = Self.withoutBuildDate(String(decoding: entry.bytes, as: UTF8.self))
            Golden.check(text, against: directory.appendingPathComponent(entry.name))
        }
        if !Golden.isRecording {
            #expect(
                Self.goldenFiles(in: directory) == entries.map(\.name).sorted(),
                "golden files without an entry in the built EPUB, or the reverse")
        }
    }

    /// Paths of the golden text entries under `directory`, sorted.
    static func goldenFiles(in directory: URL) -> [String] {
        guard let enumerator = FileManager.default.enumerator(at: directory, includingPropertiesForKeys: nil)
        else { return [] }
        let prefix = directory.standardizedFileURL.path.count + 1
        var names: [String] = []
        for case let url as URL in enumerator where isText(url.lastPathComponent) {
            names.append(String(url.standardizedFileURL.path.dropFirst(prefix)))
        }
        return names.sorted()
    }
}
