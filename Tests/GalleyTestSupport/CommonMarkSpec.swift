import Foundation

/// The CommonMark spec shipped with the `commonmark-spec` fixture book
/// (`Tests/Books/commonmark-spec/spec.txt`, CC-BY-SA 4.0).
public enum CommonMarkSpec {
    public static var url: URL { Repository.fixtureBook("commonmark-spec").appendingPathComponent("spec.txt") }

    /// Each example's Markdown and expected HTML, in order.
    public static func examples() throws -> [(markdown: String, html: String)] {
        let fence = String(repeating: "`", count: 32)
        var examples: [(markdown: String, html: String)] = []
        var current: [Substring]?
        let spec = try String(contentsOf: url, encoding: .utf8)
        for line in spec.split(separator: "\n", omittingEmptySubsequences: false) {
            if line == "\(fence) example" {
                current = []
            } else if line == fence, let lines = current {
                let dot = lines.firstIndex(of: ".") ?? lines.endIndex
                examples.append(
                    (
                        lines[..<dot].joined(separator: "\n"),
                        lines[min(dot + 1, lines.endIndex)...].joined(separator: "\n")
                    ))
                current = nil
            } else {
                current?.append(line)
            }
        }
        return examples
    }

    /// Every `href` cmark writes for the examples' links (raw HTML, which
    /// cmark copies through, left out), HTML entities decoded.
    public static func hrefs() throws -> [String] {
        try examples().flatMap { example in
            example.html.matches(of: /href="([^"]*)"/).filter { !example.markdown.contains($0.output.0) }.map {
                String($0.output.1).replacing("&quot;", with: "\"").replacing("&lt;", with: "<")
                    .replacing("&gt;", with: ">").replacing("&#x27;", with: "'").replacing("&amp;", with: "&")
            }
        }
    }
}
