import Foundation
import GalleyCore
import GalleyTestSupport
import Testing

@Suite struct URLPolicyTests {
    /// Every spelling of a script or local-file URL that a browser would
    /// still run: any case, white space and controls around or inside the
    /// scheme, `data:` with a type that is not a raster image.
    static let scriptURLs = [
        "javascript:alert(1)", "JaVaScRiPt:alert(1)", "JAVASCRIPT:alert(1)", " javascript:alert(1)",
        "   \t\n javascript:alert(1)", "\u{1}\u{1F}javascript:alert(1)", "java\tscript:alert(1)",
        "java\nscript:alert(1)", "jav\r\nascript:alert(1)", "javascript:alert(1) \n",
        "vbscript:msgbox(1)", "VBScript:msgbox(1)", " vbscript:msgbox(1)", "livescript:x",
        "data:text/html,<script>alert(1)</script>", "DATA:text/html;base64,PHNjcmlwdD4=", " data:text/html,x",
        "data:,hello", "data:application/javascript,alert(1)", "data:image/svg+xml,<svg onload=alert(1)>",
        "file:///etc/passwd", "FILE:///etc/passwd", "file:/etc/passwd", "\tfile://localhost/etc/passwd",
    ]

    @Test(arguments: scriptURLs)
    func scriptURLsAreScripts(_ url: String) {
        guard case .script = URLPolicy.classify(url) else {
            Issue.record("\(url.debugDescription) classified as \(URLPolicy.classify(url))")
            return
        }
    }

    @Test func rasterDataImagesAreNotScripts() {
        #expect(URLPolicy.classify("data:image/png;base64,iVBORw0KGgo=") == .safe("data:image/png;base64,iVBORw0KGgo="))
    }

    /// The URLs of the CommonMark spec that EPUBCheck rejected when written
    /// unescaped, and how they are written now.
    @Test(arguments: [
        ("https://example.com/?search=](uri)", "https://example.com/?search=%5D(uri)"),
        ("https://example.com/?search=][ref]", "https://example.com/?search=%5D%5Bref%5D"),
        ("https://example.com/\\[\\", "https://example.com/%5C%5B%5C"),
        ("https://example.com?find=\\*", "https://example.com?find=%5C*"),
        ("https://example.com/例子 x", "https://example.com/%E4%BE%8B%E5%AD%90%20x"),
        ("https://example.com/a%zz%", "https://example.com/a%25zz%25"),
        ("https://example.com/a%20b", "https://example.com/a%20b"),
        ("https://example.com/#a#b", "https://example.com/#a%23b"),
        ("https://example.com/a|b^c{d}`e\"f<g>", "https://example.com/a%7Cb%5Ec%7Bd%7D%60e%22f%3Cg%3E"),
        ("https://[::1]:8080/[x]", "https://[::1]:8080/%5Bx%5D"),
        ("https://foo.bar.`baz", "https://foo.bar.%60baz"),
        ("  https://example.com/\n", "https://example.com/"),
        ("MAILTO:FOO@BAR.BAZ", "MAILTO:FOO@BAR.BAZ"),
        // An empty port is dropped: libxml2's xs:anyURI refuses it (found by FuzzMarkdown).
        ("http://p:", "http://p"), ("https://u:pw@example.com:/a?b:", "https://u:pw@example.com/a?b:"),
        ("https://[::1]:#x", "https://[::1]#x"),
    ])
    func escapesWhatAURLMayNotHold(_ written: String, _ expected: String) {
        #expect(URLPolicy.classify(written) == .safe(expected))
        #expect(URLPolicy.escaped(expected) == expected, "escaping twice changes nothing")
    }

    @Test(arguments: [
        "https://../", "https://a..b/", "https:example.com", "http:/example.com", "https:///example.com",
        "https://", "https://example.com:65536/", "https://1.2.3.999/", "https://exa mple.com/",
        "https://ex%2Fmple.com/", "https://[::1/", "https://%FF/", "ldap://[2001:db8::7]/c=GB",
        "made-up-scheme://foo,bar", "a+b+c:d", "localhost:5001/foo", "ws://example.com/",
    ])
    func invalidURLsAreInvalid(_ url: String) {
        guard case .invalid = URLPolicy.classify(url) else {
            Issue.record("\(url) classified as \(URLPolicy.classify(url))")
            return
        }
    }

    /// hrefs written unescaped into an EPUB and judged by EPUBCheck 5.3.0
    /// (RSC-020): `true` where it reported the href. `problem(in:)` must
    /// report at least those.
    static let judgedByEPUBCheck: [(String, Bool)] = [
        ("https://user:pass@example.com/", false), ("https://%E4%BE%8B%E5%AD%90.com/", false),
        ("https://例子.com/", false), ("https://example.com/例子", false), ("https://[::1]:8080/", false),
        ("https://[::1/", true), ("https://example.com/a%zz", true), ("https://example.com/a%", true),
        ("https://example.com/#a#b", true), ("https://example.com/#a%23b", false), ("http:example.com", true),
        ("http:/example.com", true), ("https://a:/", false), ("https://1.2.3.4/", false), ("https://a_b.com/", false),
        ("https://example.com./", false), ("https://a..b/", true), ("https://-a.com/", false),
        ("https://example.com:65536/", true), ("https://example.com:8080/", false), ("mailto:foo@bar.baz", false),
        ("irc://foo.bar:2233/baz", false), ("tel:+1-234", false), ("news://a b", true),
        ("https://example.com/a|b", true), ("https://example.com/a^b", true), ("https://example.com/a{b}", true),
        ("https://example.com/a`b", true), ("https://example.com/?a=[b]", true), ("https://example.com/'q'", false),
        ("https://example.com/a%20b", false), ("https://example.com/%5B%5D", false), ("https://example.com", false),
        ("https:example.com", true), ("https:///example.com", true), ("ldap://[2001:db8::7]/c=GB", true),
        ("urn:isbn:0451450523", false), ("https://ex%41mple.com/", false), ("https://ex%2Fmple.com/", true),
        ("https://exa mple.com/", true), ("https://example.com/a\\b", true), ("https://foo.bar.%60baz", false),
        ("https://example.com/?search=](uri)", true), ("https://example.com/\\[\\", true), ("https://../", true),
    ]

    /// Where Galley is stricter than EPUBCheck's older URL parser: a raw
    /// backtick (Galley writes it `%60`), and hosts the WHATWG URL
    /// Standard's IPv4 parser refuses.
    static let refusedByGalleyOnly = ["https://foo.bar.`baz", "https://1.2.3.999/", "https://1.2.3/"]

    @Test func problemsIncludeEveryHrefEPUBCheckRejects() {
        for (href, rejected) in Self.judgedByEPUBCheck {
            let problem = URLPolicy.problem(in: href)
            if rejected {
                #expect(problem != nil, "EPUBCheck rejects \(href); Galley does not")
            } else {
                #expect(problem == nil, "EPUBCheck accepts \(href); Galley says \(problem ?? "")")
            }
        }
        for href in Self.refusedByGalleyOnly {
            #expect(URLPolicy.problem(in: href) != nil, "\(href)")
        }
    }

    /// Every href in the CommonMark spec's expected HTML (cmark's escaping):
    /// Galley's escaping leaves it as it is, and it is valid, but for the
    /// few that are not URLs a reader could follow.
    @Test func commonMarkSpecHrefsAreKeptAsCmarkEscapesThem() throws {
        let hrefs = try CommonMarkSpec.hrefs()
        #expect(hrefs.count > 100)
        let refused: Set = ["https://../", "a+b+c:d", "made-up-scheme://foo,bar", "localhost:5001/foo"]
        for href in Set(hrefs) {
            #expect(URLPolicy.escaped(href) == href, "\(href)")
            if URLPolicy.scheme(of: href) == nil {
                #expect(URLPolicy.problem(in: href) == nil, "\(href)")
            } else if refused.contains(href) {
                guard case .invalid = URLPolicy.classify(href) else {
                    Issue.record("\(href) should be refused")
                    continue
                }
            } else {
                #expect(URLPolicy.classify(href) == .safe(href))
            }
        }
    }

    @Test func schemesAreReadAsABrowserReadsThem() {
        #expect(URLPolicy.scheme(of: " \tJava\nScript:x") == "javascript")
        #expect(URLPolicy.scheme(of: "other.md#x") == nil)
        #expect(URLPolicy.scheme(of: "1http:x") == nil)
        #expect(URLPolicy.scheme(of: "%6Aavascript:x") == nil)
        #expect(URLPolicy.scheme(of: "./javascript:x") == nil)
    }
}
