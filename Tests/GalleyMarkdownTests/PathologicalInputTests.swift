import Foundation
import GalleyCore
import GalleyMarkdown
import GalleyTestSupport
import Testing

/// Inputs that break naive readers (cmark's own test suite has the same
/// idea): deep nesting, floods of unclosed tags and fences. Each must read
/// without crashing; how long it takes is a figure for `make bench-scale`.
@Suite struct PathologicalInputTests {
    static let cases: [(String, String)] = [
        ("nested quotes", String(repeating: ">", count: 500) + " 深\n"),
        ("nested lists", (0..<200).map { String(repeating: "  ", count: $0) + "- 项\n" }.joined()),
        ("nested emphasis", String(repeating: "*a ", count: 2000) + String(repeating: "b*", count: 2000) + "\n"),
        ("unclosed tags", String(repeating: "<b>粗", count: 3000) + "\n"),
        ("stray closing tags", String(repeating: "</sup>", count: 3000) + "\n"),
        ("fence flood", String(repeating: "::: a\n", count: 1000) + "正文\n"),
        ("closing fence flood", String(repeating: ":::\n\n", count: 1000)),
        ("heading ladder", (0..<3000).map { "\(String(repeating: "#", count: $0 % 6 + 1)) 标题\n" }.joined()),
        (
            "footnote flood",
            (1...2000).map { "注[^\($0)]" }.joined() + "\n\n" + (1...2000).map { "[^\($0)]: 注\($0)\n" }.joined()
        ),
        ("soft break flood", String(repeating: "中\n", count: 20000)),
    ]

    @Test(arguments: cases.map(\.0))
    func readsWithoutTrouble(_ name: String) throws {
        let markdown = try #require(Self.cases.first { $0.0 == name }?.1)
        let project = try Repository.temporaryDirectory("reader-pathological")
        defer { try? FileManager.default.removeItem(at: project) }
        try "title: T\nlanguage: zh-Hans\nchapters: [a.md]\n"
            .write(to: project.appendingPathComponent("book.yaml"), atomically: true, encoding: .utf8)
        try markdown.write(to: project.appendingPathComponent("a.md"), atomically: true, encoding: .utf8)
        let (book, diagnostics) = try BookReader().read(sourceDirectory: project)
        #expect(book.divisions.count == 1)
        // `galley tree` must be able to print it (JSONEncoder has a depth limit).
        _ = try JSONEncoder().encode(book)
        if ["nested quotes", "nested lists", "unclosed tags", "fence flood"].contains(name) {
            #expect(diagnostics.contains { $0.code == "markdown.too-deep" })
        }
    }
}
