import Foundation
import GalleyTestSupport
import Testing

/// `galley check` (the validator `galley build` runs) on outputs broken on
/// purpose: each is reported `file:line` and the exit status is non-zero.
@Suite("galley check on broken outputs")
struct CheckCommandTests {
    func builtBook() throws -> BuiltBook { try DefaultBookTests.built.get() }

    func runCheck(_ file: URL) throws -> ProcessResult {
        try runProcess(Repository.galleyExecutable.path, ["check", file.path])
    }

    /// Copies the unpacked EPUB, lets `edit` break it, and zips it again
    /// the OCF way (mimetype first and stored).
    func brokenEPUB(_ edit: (URL) throws -> Void) throws -> URL {
        let book = try builtBook()
        let work = try Repository.temporaryDirectory("galley-broken")
        let copy = work.appendingPathComponent("unpacked")
        try FileManager.default.copyItem(at: book.unpacked, to: copy)
        try edit(copy)
        let epub = work.appendingPathComponent("broken.epub")
        let zip = try runProcess(
            "python3",
            [
                "-c",
                """
                import os, sys, zipfile
                root, out = sys.argv[1], sys.argv[2]
                with zipfile.ZipFile(out, 'w') as z:
                    z.write(os.path.join(root, 'mimetype'), 'mimetype', zipfile.ZIP_STORED)
                    for folder, _, files in sorted(os.walk(root)):
                        for name in sorted(files):
                            path = os.path.join(folder, name)
                            arc = os.path.relpath(path, root)
                            if arc != 'mimetype':
                                z.write(path, arc, zipfile.ZIP_DEFLATED)
                """, copy.path, epub.path,
            ])
        #expect(zip.status == 0, "\(zip.output)")
        return epub
    }

    func firstChapter(in unpacked: URL) throws -> (url: URL, path: String) {
        let enumerator = FileManager.default.enumerator(at: unpacked, includingPropertiesForKeys: nil)
        var candidates: [URL] = []
        while let url = enumerator?.nextObject() as? URL {
            if url.pathExtension == "xhtml" && url.lastPathComponent != "nav.xhtml" { candidates.append(url) }
        }
        let url = try #require(candidates.sorted { $0.path < $1.path }.first)
        return (url, String(url.path.dropFirst(unpacked.path.count + 1)))
    }

    @Test func theIntactOutputsPass() throws {
        let book = try builtBook()
        for file in [book.epub, book.docbook, book.text] {
            let result = try runCheck(file)
            #expect(result.status == 0, "\(file.lastPathComponent): \(result.output)")
        }
    }

    @Test func illFormedXHTMLIsReportedWithItsLine() throws {
        var brokenPath = ""
        let epub = try brokenEPUB { unpacked in
            let (url, path) = try firstChapter(in: unpacked)
            brokenPath = path
            var xhtml = try String(contentsOf: url, encoding: .utf8)
            let close = try #require(xhtml.range(of: "</body>"))
            xhtml.replaceSubrange(close, with: "<p>unclosed</body>")
            try xhtml.write(to: url, atomically: true, encoding: .utf8)
        }
        let result = try runCheck(epub)
        #expect(result.status != 0)
        #expect(
            result.standardError.firstMatch(
                of: try Regex("\(NSRegularExpression.escapedPattern(for: brokenPath)):[0-9]+")) != nil,
            "\(result.standardError)")
    }

    @Test func aManifestItemMissingFromTheZipIsReported() throws {
        var removed = ""
        let epub = try brokenEPUB { unpacked in
            let (url, path) = try firstChapter(in: unpacked)
            removed = url.lastPathComponent
            _ = path
            try FileManager.default.removeItem(at: url)
        }
        let result = try runCheck(epub)
        #expect(result.status != 0)
        // Reported at the package document's manifest line that names the item.
        #expect(result.standardError.firstMatch(of: try Regex("\\.opf:[0-9]+")) != nil, "\(result.standardError)")
        #expect(result.standardError.contains(removed), "\(result.standardError)")
    }

    @Test func aDocBookElementOutOfPlaceIsReportedWithItsLine() throws {
        let book = try builtBook()
        var xml = try String(contentsOf: book.docbook, encoding: .utf8)
        // A <para> directly inside <book> is not allowed by the DocBook 5 schema.
        let info = try #require(xml.range(of: "<info>"))
        xml.insert(contentsOf: "<para>out of place</para>\n", at: info.lowerBound)
        let broken = try Repository.temporaryDirectory("galley-broken").appendingPathComponent("book.xml")
        try xml.write(to: broken, atomically: true, encoding: .utf8)
        let result = try runCheck(broken)
        #expect(result.status != 0)
        #expect(result.standardError.firstMatch(of: /book\.xml:[0-9]+/) != nil, "\(result.standardError)")
    }

    /// `galley check` reads a DocBook file whole into a tree: past 64 MB or a
    /// million elements and attributes it refuses the file, before reading
    /// it in the first case, so its memory stays bounded.
    @Test func aDocBookFileTooLargeToCheckIsRefused() throws {
        let folder = try Repository.temporaryDirectory("galley-large-docbook")
        let sparse = folder.appendingPathComponent("large.xml")
        FileManager.default.createFile(atPath: sparse.path, contents: nil)
        let handle = try FileHandle(forWritingTo: sparse)
        try handle.truncate(atOffset: 64 << 20 + 1)
        try handle.close()
        let large = try runCheck(sparse)
        #expect(large.status == 1)
        #expect(large.standardError.contains("large.xml: error:"), "\(large.standardError)")
        #expect(large.standardError.contains("[xml.too-large]"), "\(large.standardError)")

        let busy = folder.appendingPathComponent("busy.xml")
        let body = String(repeating: "<para/>", count: 1_000_001)
        try Data((#"<book xmlns="http://docbook.org/ns/docbook" version="5.0">"# + body + "</book>\n").utf8)
            .write(to: busy)
        let refused = try runCheck(busy)
        #expect(refused.status == 1)
        #expect(refused.standardError.contains("[xml.too-much-markup]"), "\(refused.standardError)")
    }
}
