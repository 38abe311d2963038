import CLibXML2
import GalleyCore

/// Judges a URL found in an output the way EPUBCheck (RSC-020, RSC-029,
/// HTM-025) and jing (`xlink:href` is an `anyURI`) do, with the same
/// `URLPolicy` the reader's `SanitizeURLs` uses, so Galley's own check
/// reports every href those tools report, plus script URLs.
enum HrefCheck {
    struct Finding {
        enum Kind { case scriptURL, dataURL, invalidURL, unregisteredScheme }
        var severity: Diagnostic.Severity
        var kind: Kind
        var message: String

        /// The code in an EPUB (`epub.script-url`) or a DocBook file (`docbook.script-url`).
        func code(inEPUB: Bool) -> CheckCode {
            switch kind {
            case .scriptURL: inEPUB ? .epubScriptUrl : .docbookScriptUrl
            case .dataURL: inEPUB ? .epubDataUrl : .docbookDataUrl
            case .invalidURL: inEPUB ? .epubInvalidUrl : .docbookInvalidUrl
            case .unregisteredScheme: inEPUB ? .epubUnregisteredScheme : .docbookUnregisteredScheme
            }
        }
    }

    /// What is wrong with `href`, or nil. `isHyperlink`: it is followed when
    /// clicked (`a`, `area`, `xlink:href`), not loaded (`img src`).
    static func findings(_ href: String, isHyperlink: Bool) -> Finding? {
        if isPlainRelative(href) { return nil }
        let scheme = URLPolicy.scheme(of: href)
        if let scheme, URLPolicy.scriptSchemes.contains(scheme) {
            return Finding(
                severity: .error, kind: .scriptURL,
                message: "`\(shown(href))` is a \(scheme): URL, which no book may contain")
        }
        if scheme == "data" {
            if isHyperlink {
                return Finding(
                    severity: .error, kind: .dataURL,
                    message: "`\(shown(href))`: a link may not be a data: URL (EPUB 3.3, RSC-029)")
            }
            if case .script = URLPolicy.classify(href) {
                return Finding(
                    severity: .error, kind: .scriptURL,
                    message: "`\(shown(href))` is a data: URL that is not a raster image")
            }
            return nil
        }
        if let problem = URLPolicy.problem(in: href) {
            return Finding(
                severity: .error, kind: .invalidURL,
                message: "`\(shown(href))` is not a valid URL: \(problem)")
        }
        if let scheme, !URLPolicy.registeredSchemes.contains(scheme) {
            return Finding(
                severity: .warning, kind: .unregisteredScheme,
                message: "`\(shown(href))` has the scheme `\(scheme):`, which is not a registered one")
        }
        return nil
    }

    static func shown(_ href: String) -> String { URLPolicy.shown(href) }

    /// A relative reference of letters, digits, `-._~/` and one `#` (most
    /// links of a book: `ch01.xhtml#fn3`): no scheme, nothing to escape,
    /// nothing `findings` could object to.
    static func isPlainRelative(_ href: String) -> Bool {
        var sawHash = false
        for byte in href.utf8 {
            switch byte {
            case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
                UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "-"), UInt8(ascii: "."), UInt8(ascii: "_"),
                UInt8(ascii: "~"), UInt8(ascii: "/"):
                continue
            case UInt8(ascii: "#") where !sawHash:
                sawHash = true
            default:
                return false
            }
        }
        return true
    }

    static let xlink = "http://www.w3.org/1999/xlink"

    /// Every `xlink:href` of a DocBook document.
    static func checkDocBook(_ document: ParsedXMLDocument) -> [Diagnostic] {
        guard let root = document.root else { return [] }
        var diagnostics: [Diagnostic] = []
        for element in XMLNodes.descendants(root) {
            guard let href = XMLNodes.attribute(element, "href", namespace: xlink),
                let finding = findings(href, isHyperlink: true)
            else { continue }
            diagnostics.append(
                Diagnostic(
                    finding.code(inEPUB: false), severity: finding.severity,
                    finding.message,
                    at: SourceLocation(file: document.name, line: XMLNodes.line(element))))
        }
        return diagnostics
    }
}

extension EPUBStructureCheck {
    /// One URL of an XHTML document (`a href`, `img src`…), judged by `HrefCheck`.
    mutating func checkHref(_ href: String, isHyperlink: Bool, path: String, line: Int) {
        guard let finding = HrefCheck.findings(href, isHyperlink: isHyperlink) else { return }
        let code = finding.code(inEPUB: true)
        if finding.severity == .error {
            error(code, finding.message, path, line: line)
        } else {
            warning(code, finding.message, path, line: line)
        }
    }
}
