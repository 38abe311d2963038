import Foundation
import GalleyTestSupport
import Testing

/// A book holding script and local-file URLs in every spelling a browser
/// would still follow: no output may carry one as an href, a source or a
/// URL printed after a link's text.
@Suite("Script URLs never reach an output")
struct ScriptURLTests {
    static let chapter = #"""
        # Script URLs

        Markdown: [m1](javascript:alert(1)) [m2](JaVaScRiPt:alert(1)) [m3](< javascript:alert(1)>)
        [m4](<	javascript:alert(1)>) [m5](&#106;avascript:alert(1)) [m6](java&#x09;script:alert(1))
        [m7](java&#10;script:alert(1)) [m8](vbscript:msgbox(1)) [m9](VBScript:msgbox(1))
        [m10](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==) [m11](DATA:text/html,x)
        [m12](file:///etc/passwd) [m13](FILE:///etc/passwd) [m14][ref] [m15](data:image/svg+xml,x)

        Autolinks: <javascript:alert('autolink')> <JAVASCRIPT:alert('autolink')> <file:///autolink>
        <vbscript:autolink> <data:text/html,autolink>

        Images: ![i1](javascript:alert(1)) ![i2](file:///etc/passwd) ![i3](data:text/html,x)

        Raw HTML: <a href="javascript:alert(1)">h1</a> <a href="&#106;avascript:alert(1)">h2</a>
        <a href="&#x6A;&#x61;vascript:alert(1)">h3</a> <a href=" javascript:alert(1)">h4</a>
        <a href="&#09;javascript:alert(1)">h5</a> <a href="java&#10;script:alert(1)">h6</a>
        <a href="JaVaScRiPt:alert(1)">h7</a> <a href="vbscript:msgbox(1)">h8</a>
        <a href="data:text/html,&lt;script&gt;alert(1)&lt;/script&gt;">h9</a> <a href="file:///etc/passwd">h10</a>
        <a href="&#x0A;&#x0D;JAVASCRIPT&#x3A;alert(1)">h11</a> <img src="javascript:alert(1)" alt="h12">

        A link that stays: [safe](https://example.com/?q=](x)).

        [ref]: javascript:alert(1)
        """#

    static let built = Result { () throws -> CommandBuild in
        let project = try Repository.temporaryDirectory("galley-script-urls")
        let source = project.appendingPathComponent("Source")
        try FileManager.default.createDirectory(at: source, withIntermediateDirectories: true)
        try "title: Script URLs\nlanguage: en\nauthor: Mallory\nchapters: [script.md]\n"
            .write(to: source.appendingPathComponent("book.yaml"), atomically: true, encoding: .utf8)
        try chapter.write(to: source.appendingPathComponent("script.md"), atomically: true, encoding: .utf8)
        return try CommandBuild.run(project)
    }

    func build() throws -> CommandBuild { try Self.built.get() }

    /// A URL value is forbidden when, read as a browser reads it (white
    /// space and controls dropped, entities decoded), it starts with one of these.
    static let forbidden = ["javascript:", "vbscript:", "data:text", "file:"]

    static func isForbidden(_ value: String) -> Bool {
        let decoded = value.replacing(/&#x([0-9A-Fa-f]+);/) { match in
            UInt32(match.output.1, radix: 16).flatMap(Unicode.Scalar.init).map { String(Character($0)) } ?? ""
        }.replacing(/&#([0-9]+);/) { match in
            UInt32(match.output.1).flatMap(Unicode.Scalar.init).map { String(Character($0)) } ?? ""
        }.replacing("&amp;", with: "&")
        let seen = String(decoded.unicodeScalars.filter { $0.value > 0x20 }.map(Character.init)).lowercased()
        return forbidden.contains { seen.hasPrefix($0) }
    }

    /// Every attribute value of a markup file.
    static func attributeValues(_ markup: String) -> [String] {
        markup.matches(of: /\s[A-Za-z:]+="([^"]*)"/).map { String($0.output.1) }
    }

    @Test func buildSucceedsAndWarnsAtEachDroppedLink() throws {
        let build = try build()
        #expect(build.result.status == 0, "\(build.result.output)")
        let warnings = build.result.output.split(separator: "\n").filter { $0.hasSuffix("[links.unsafe-url]") }
        // 15 Markdown links, 5 autolinks, 3 images, 12 raw HTML links and images.
        #expect(warnings.count == 35, "\(build.result.output)")
        #expect(warnings.allSatisfy { $0.hasPrefix("Source/script.md:") })
    }

    @Test func noXHTMLAttributeIsAScriptURL() throws {
        let documents = try build().xhtmlDocuments()
        #expect(documents.count > 1)
        for (name, text) in documents {
            for value in Self.attributeValues(text) {
                #expect(!Self.isForbidden(value), "\(name): \(value)")
            }
        }
        #expect(documents.contains { $0.text.contains("href=\"https://example.com/?q=%5D(x)\"") })
    }

    @Test func noDocBookAttributeIsAScriptURL() throws {
        let docbook = try String(contentsOf: try build().docbook, encoding: .utf8)
        for value in Self.attributeValues(docbook) {
            #expect(!Self.isForbidden(value), "\(value)")
        }
        #expect(docbook.contains("xlink:href=\"https://example.com/?q=%5D(x)\""))
    }

    /// The text output shows a URL after its link's text; only an autolink's
    /// own text (the URL as written, now plain text) may name a script URL.
    @Test func theTextNamesNoScriptURL() throws {
        let text = try String(contentsOf: try build().text, encoding: .utf8)
        for line in text.split(separator: "\n") {
            let words = line.split(separator: " ").map { $0.drop { $0 == "(" || $0 == "（" } }
            for word in words where Self.isForbidden(String(word)) {
                #expect(word.contains("autolink"), "\(line)")
            }
        }
        #expect(text.contains("https://example.com/?q=%5D(x)"))
    }

    @Test(arguments: [
        "javascript:alert(1)", "JaVaScRiPt:x", " javascript:x", "java\tscript:x", "&#106;avascript:x",
        "&#x0A;javascript:x", "vbscript:x", "data:text/html,x", "FILE:///etc/passwd",
    ])
    func theJudgeOfThisTestSeesEverySpelling(_ value: String) {
        #expect(Self.isForbidden(value))
        #expect(!Self.isForbidden("https://example.com/javascript:x"))
    }
}
