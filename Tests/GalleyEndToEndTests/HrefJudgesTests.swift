import Foundation
import GalleyCheck
import GalleyCore
import GalleyTestSupport
import Testing

/// Galley's own EPUB check and EPUBCheck, fed the same hrefs (each on its
/// own line of one XHTML document): every line EPUBCheck reports, Galley's
/// check reports too.
@Suite("Galley's EPUB check reports every href EPUBCheck reports")
struct HrefJudgesTests {
    /// Hrefs as they could stand in an EPUB: the CommonMark spec's (as cmark
    /// escapes them and as they were written unescaped), broken ones of
    /// every kind, and script URLs.
    static func hrefs() throws -> [String] {
        let escaped = try CommonMarkSpec.hrefs()
        let written = [
            "https://example.com/?search=](uri)", "https://example.com/?search=][ref]", "https://example.com/\\[\\",
            "https://example.com?find=\\*", "https://../", "https://foo.bar.`baz", "made-up-scheme://foo,bar",
            "a+b+c:d", "localhost:5001/foo", "https://user:pass@example.com/", "https://%E4%BE%8B%E5%AD%90.com/",
            "https://例子.com/", "https://example.com/例子", "https://[::1]:8080/", "https://[::1/",
            "https://example.com/a%zz", "https://example.com/a%", "https://example.com/#a#b", "http:example.com",
            "http:/example.com", "https://a:/", "https://a..b/", "https://example.com:65536/", "news://a b",
            "https://example.com/a|b", "https://example.com/a^b", "https://example.com/a{b}", "https://example.com/a`b",
            "https://example.com/?a=[b]", "https:///example.com", "ldap://[2001:db8::7]/c=GB",
            "https://ex%2Fmple.com/", "https://exa mple.com/", "https://example.com/a\\b", "foo bar.xhtml",
            "a|b.xhtml", "%zz.xhtml", "ws://example.com/", "javascript:alert(1)", " javascript:alert(1)",
            "vbscript:x", "data:text/html,x", "data:image/png;base64,iVBORw0KGgo=", "file:///etc/passwd",
        ]
        var seen = Set<String>()
        return (escaped + written).filter { seen.insert($0).inserted }
    }

    static func xmlEscaped(_ text: String) -> String {
        text.replacing("&", with: "&amp;").replacing("<", with: "&lt;").replacing(">", with: "&gt;")
            .replacing("\"", with: "&quot;")
    }

    @Test(.epubCheck) func everyLineEPUBCheckReportsGalleyReports() throws {
        let hrefs = try Self.hrefs()
        let judge = CheckCommandTests()
        var chapter = ""
        var firstLine = 0
        let epub = try judge.brokenEPUB { unpacked in
            let (url, path) = try judge.firstChapter(in: unpacked)
            chapter = path
            var xhtml = try String(contentsOf: url, encoding: .utf8)
            let close = try #require(xhtml.range(of: "</body>"))
            firstLine = xhtml[..<close.lowerBound].split(separator: "\n", omittingEmptySubsequences: false).count + 1
            let links = hrefs.enumerated().map { "<p><a href=\"\(Self.xmlEscaped($1))\">\($0)</a></p>" }
            xhtml.replaceSubrange(close, with: "\n" + links.joined(separator: "\n") + "\n</body>")
            try xhtml.write(to: url, atomically: true, encoding: .utf8)
        }
        let hrefLines = firstLine..<(firstLine + hrefs.count)
        let galley = Set(
            OutputChecks.checkEPUB(at: epub).compactMap { diagnostic -> Int? in
                guard diagnostic.location?.file.hasSuffix(chapter) == true else { return nil }
                return diagnostic.location?.line
            })
        let run = try EPUBCheck.run(epub)
        let escapedChapter = NSRegularExpression.escapedPattern(for: chapter)
        let epubCheck = Set(
            run.output.split(separator: "\n").compactMap { line -> Int? in
                guard let match = line.firstMatch(of: try! Regex("\(escapedChapter)\\(([0-9]+),")) else { return nil }
                return Int(match.output[1].substring!)
            })
        #expect(!epubCheck.isEmpty, "\(run.output)")
        for line in epubCheck.sorted() {
            let href = hrefLines.contains(line) ? hrefs[line - firstLine] : "(line \(line))"
            #expect(galley.contains(line), "EPUBCheck reports \(href), Galley's check does not")
        }
    }
}
