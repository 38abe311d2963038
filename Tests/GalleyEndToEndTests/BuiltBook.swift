import Foundation
import GalleyBuild
import GalleyTestSupport

struct BuildFailure: Error, CustomStringConvertible {
    var description: String
}

/// A book project built into a temporary folder, with its EPUB unpacked.
struct BuiltBook: Sendable {
    var directory: URL
    var unpacked: URL

    var epub: URL { directory.appendingPathComponent("book.epub") }
    var docbook: URL { directory.appendingPathComponent("book.xml") }
    var text: URL { directory.appendingPathComponent("book.txt") }

    static func make(_ project: URL) -> Result<BuiltBook, BuildFailure> {
        do {
            let directory = try Repository.temporaryDirectory("galley-e2e")
            let report = BookBuild(projectDirectory: project, outputDirectory: directory).run()
            guard report.succeeded else {
                return .failure(BuildFailure(description: report.diagnostics.map(\.description).joined(separator: "\n")))
            }
            let unpacked = directory.appendingPathComponent("unpacked")
            let unzip = try runProcess("unzip", ["-q", "-o", directory.appendingPathComponent("book.epub").path,
                                                 "-d", unpacked.path])
            guard unzip.status == 0 else { return .failure(BuildFailure(description: unzip.output)) }
            return .success(BuiltBook(directory: directory, unpacked: unpacked))
        } catch {
            return .failure(BuildFailure(description: "\(error)"))
        }
    }

    /// XHTML content documents of the EPUB, sorted by path.
    func xhtmlFiles() throws -> [URL] {
        let enumerator = FileManager.default.enumerator(at: unpacked, includingPropertiesForKeys: nil)
        var files: [URL] = []
        while let url = enumerator?.nextObject() as? URL {
            if url.pathExtension == "xhtml" && url.lastPathComponent != "nav.xhtml" { files.append(url) }
        }
        return files.sorted { $0.path < $1.path }
    }

    /// The text of every `<p>` in the EPUB (tags removed, entities kept as
    /// written), optionally only in files whose text contains one of `titles`.
    func epubParagraphs(inFilesContaining titles: [String] = []) throws -> [String] {
        var paragraphs: [String] = []
        for file in try xhtmlFiles() {
            let xhtml = try String(contentsOf: file, encoding: .utf8)
            guard titles.isEmpty || titles.contains(where: { xhtml.contains("<h1") && xhtml.contains($0) })
            else { continue }
            for match in xhtml.matches(of: /<p(?:\s[^>]*)?>(.*?)<\/p>/.dotMatchesNewlines()) {
                let inner = String(match.output.1)
                paragraphs.append(inner.replacing(/<[^>]+>/, with: ""))
            }
        }
        return paragraphs
    }
}
