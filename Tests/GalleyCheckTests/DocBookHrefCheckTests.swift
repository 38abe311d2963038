import GalleyCheck
import GalleyCore
import Testing

/// The DocBook check judges every `xlink:href` with `URLPolicy`, and names
/// the line of the link (libxml2's RELAX NG errors for a bad `anyURI` name
/// another element, or none).
@Suite struct DocBookHrefCheckTests {
    static func document(_ hrefs: [String]) -> [UInt8] {
        let links = hrefs.map { "<para><link xlink:href=\"\($0)\">x</link></para>" }
        return Array(
            ("""
            <?xml version="1.0" encoding="UTF-8"?>
            <book xmlns="http://docbook.org/ns/docbook" xmlns:xlink="http://www.w3.org/1999/xlink" version="5.0">
            <info><title>T</title></info>
            <chapter xml:id="c1"><title>C</title>

            """ + links.joined(separator: "\n") + "\n</chapter>\n</book>\n").utf8)
    }

    @Test func badAndScriptHrefsAreReportedAtTheirLines() {
        let diagnostics = DocBookValidator.validate(
            Self.document([
                "https://example.com/?search=%5D(uri)", "https://example.com/?search=](uri)", "javascript:alert(1)",
                "https://../", "data:text/html,x",
            ]), name: "book.xml")
        let hrefDiagnostics = diagnostics.filter { $0.code.hasSuffix("-url") }
        #expect(
            hrefDiagnostics.map(\.code) == [
                "docbook.invalid-url", "docbook.script-url", "docbook.invalid-url",
                "docbook.data-url",
            ], "\(diagnostics)")
        #expect(hrefDiagnostics.map { $0.location?.line } == [6, 7, 8, 9])
    }

    @Test func escapedHrefsPass() {
        let diagnostics = DocBookValidator.validate(
            Self.document([
                "https://example.com/?search=%5D(uri)", "https://example.com/%5C%5B%5C", "mailto:a@b.example",
            ]), name: "book.xml")
        #expect(diagnostics.isEmpty, "\(diagnostics)")
    }
}
