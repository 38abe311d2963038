import Foundation
import GalleyBuild
import GalleyTestSupport
import Testing

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
                return .failure(
                    BuildFailure(description: report.diagnostics.map(\.description).joined(separator: "\n")))
            }
            let unpacked = directory.appendingPathComponent("unpacked")
            let unzip = try runProcess(
                "unzip",
                [
                    "-q", "-o", directory.appendingPathComponent("book.epub").path,
                    "-d", unpacked.path,
                ])
            guard unzip.status == 0 else { return .failure(BuildFailure(description: unzip.output)) }
            return .success(BuiltBook(directory: directory, unpacked: unpacked))
        } catch {
            return .failure(BuildFailure(description: "\(error)"))
        }
    }

    /// XHTML content documents of the EPUB in spine (reading) order.
    func xhtmlFiles() throws -> [URL] {
        let container = try String(
            contentsOf: unpacked.appendingPathComponent("META-INF/container.xml"), encoding: .utf8)
        let opfPath = try #require(container.firstMatch(of: /full-path="([^"]+)"/)).output.1
        let opfURL = unpacked.appendingPathComponent(String(opfPath))
        let opf = try String(contentsOf: opfURL, encoding: .utf8)
        var hrefs: [String: String] = [:]
        for item in opf.matches(of: /<item\s[^>]*>/) {
            let tag = item.output
            if let id = tag.firstMatch(of: /\sid="([^"]+)"/)?.output.1,
                let href = tag.firstMatch(of: /\shref="([^"]+)"/)?.output.1
            {
                hrefs[String(id)] = String(href)
            }
        }
        return opf.matches(of: /<itemref\s[^>]*idref="([^"]+)"/).compactMap { match in
            hrefs[String(match.output.1)].map { opfURL.deletingLastPathComponent().appendingPathComponent($0) }
        }
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
