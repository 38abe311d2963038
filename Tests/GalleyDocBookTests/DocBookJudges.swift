import Foundation
import GalleyTestSupport

/// The external judges of a DocBook file, as the tests run them.
enum DocBookJudges {
    static let htmlStylesheet = "/usr/share/xml/docbook/stylesheet/docbook-xsl-ns/html/docbook.xsl"

    /// What DocBook XSL says on stderr while turning `file` into HTML.
    static func xsltMessages(_ file: URL) throws -> (status: Int32, messages: String) {
        let output = try Repository.temporaryDirectory("galley-xsl")
        defer { try? FileManager.default.removeItem(at: output) }
        let result = try runProcess(
            "xsltproc",
            [
                "--nonet", "-o", output.appendingPathComponent("book.html").path,
                htmlStylesheet, file.path,
            ])
        return (result.status, result.standardError)
    }

    /// pandoc's plain-text reading of `file`, split into blocks (separated
    /// by blank lines): body blocks in order, then the footnotes, which
    /// pandoc puts at the end (`[n] …`, continuation blocks unmarked).
    static func pandocBlocks(_ file: URL) throws -> (body: [String], notes: [String]) {
        let result = try runProcess("pandoc", ["-f", "docbook", "-t", "plain", "--wrap=none", file.path])
        var body: [String] = [], notes: [String] = []
        var current: [Substring] = []
        var inNote = false
        func flush() {
            let block = current.joined(separator: "\n")
            if !block.isEmpty { inNote ? notes.append(block) : body.append(block) }
            current = []
        }
        for line in result.standardOutput.split(separator: "\n", omittingEmptySubsequences: false) {
            if line.isEmpty {
                flush()
                continue
            }
            if current.isEmpty, isNoteStart(line) { inNote = true }
            current.append(line)
        }
        flush()
        return (body, notes)
    }

    /// `[12] …`: where pandoc's plain writer starts a footnote.
    static func isNoteStart(_ line: Substring) -> Bool {
        guard line.first == "[", let close = line.firstIndex(of: "]") else { return false }
        let digits = line[line.index(after: line.startIndex)..<close]
        return !digits.isEmpty && digits.allSatisfy(\.isASCII) && digits.allSatisfy(\.isNumber)
            && line[close...].hasPrefix("] ")
    }

    /// `text` without the URLs the text writer adds after a link's text
    /// (`名称（https://…）`), which pandoc's plain writer leaves out.
    static func withoutLinkTargets(_ text: String) -> String {
        var result = ""
        var rest = Substring(text)
        while let open = rest.firstIndex(where: { $0 == "（" || $0 == "(" }) {
            let close: Character = rest[open] == "（" ? "）" : ")"
            let inside = rest[rest.index(after: open)...]
            let isURL = ["http://", "https://", "mailto:", "ftp://"].contains { inside.hasPrefix($0) }
            if isURL, let end = inside.firstIndex(of: close) {
                result += rest[..<open]
                rest = inside[inside.index(after: end)...]
            } else {
                result += rest[...open]
                rest = inside
            }
        }
        return result + rest
    }

    /// The letters of `text` in order (any script: Han, kana, Latin…):
    /// whitespace, wrapping, punctuation, digits and note markers aside.
    static func letters(_ text: String) -> String {
        var result = String.UnicodeScalarView()
        for scalar in text.unicodeScalars where scalar.properties.isAlphabetic {
            result.append(scalar)
        }
        return String(result)
    }
}
