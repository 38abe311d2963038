import Foundation
import GalleyCheck
import GalleyCore
import GalleyTestSupport
import GalleyText
import Testing

/// `OutputChecks.checkText` on the writer's output and on broken files.
struct TextCheckTests {
    func check(_ bytes: [UInt8]) throws -> [Diagnostic] {
        let url = try Repository.temporaryDirectory("text-check").appendingPathComponent("book.txt")
        try Data(bytes).write(to: url)
        return OutputChecks.checkText(at: url)
    }

    @Test(arguments: [nil, 20] as [Int?])
    func writerOutputPasses(columns: Int?) throws {
        let diagnostics = try check(TextWriter(options: .init(columns: columns)).render(SampleBook.book.normalized))
        #expect(diagnostics.isEmpty, "\(diagnostics)")
    }

    /// Markup forms inside the author's code are not reported; the same
    /// forms outside it are (issue 11: every warning in four real books
    /// pointed at code).
    @Test func markupInsideCodeIsNotReported() throws {
        let book = Book(
            metadata: Metadata(title: "代码", language: "zh-Hans"),
            divisions: [
                Division(
                    role: .chapter, id: "ch001", sourcePath: "a.md", title: [.text("代码")],
                    blocks: [
                        .paragraph([.text("幂 "), .code("10 ** 12"), .text("，调用 "), .code("a[6]()"), .text("。")]),
                        .codeBlock(language: "js", text: "el.innerHTML = \"<b>Hello!</b>\";\nx = a &amp;&amp; b;\n"),
                    ])
            ]
        ).normalized
        let bytes = TextWriter().render(book)
        let url = try Repository.temporaryDirectory("text-check").appendingPathComponent("book.txt")
        try Data(bytes).write(to: url)
        #expect(OutputChecks.checkText(at: url, code: Walk.code(in: book.book)).isEmpty)
        // Without the book's code the same file gives three warnings, one per line holding code.
        #expect(OutputChecks.checkText(at: url).map(\.code) == ["text.markup", "text.markup", "text.markup"])
        // Markup outside the code on a line that also holds code is still found.
        try Data("幂 10 ** 12 与 **粗**\n".utf8).write(to: url)
        #expect(OutputChecks.checkText(at: url, code: ["10 ** 12"]).map(\.code) == ["text.markup"])
    }

    /// `**` with white space on both sides cannot open or close emphasis: a
    /// C declaration kept as prose is not markup; `**粗**` and `a**b` are.
    @Test(arguments: [
        ("int asn1_read(const unsigned char ** str, int * len);\n", false),
        ("a *** b\n", false),
        ("句末 **\n", false),
        ("这是 **粗** 字\n", true),
        ("a**b\n", true),
        ("**start of a line\n", true),
    ])
    func starsBetweenSpacesAreNotMarkup(_ text: String, _ isMarkup: Bool) throws {
        let url = try Repository.temporaryDirectory("text-check").appendingPathComponent("book.txt")
        try Data(text.utf8).write(to: url)
        #expect(OutputChecks.checkText(at: url).map(\.code) == (isMarkup ? ["text.markup"] : []))
    }

    /// A book with much code holding markup forms: 20,000 code lines with
    /// `**` and 20,000 paragraphs with inline code holding `**` (this took
    /// 193 s when every line was compared with every snippet). Code is not
    /// reported, the one leak among it is, on its line.
    @Test func muchCodeHoldingMarkupIsTold() throws {
        let count = 20_000
        let program = (0..<count).map { "x\($0) = y ** \($0)\n" }.joined()
        var blocks: [Block] = [.codeBlock(language: "python", text: program)]
        for index in 0..<count { blocks.append(.paragraph([.text("计算 "), .code("x\(index) ** 2"), .text("。")])) }
        blocks.append(.paragraph([.text("泄漏 &amp;lt; 在此")]))
        let book = Book(
            metadata: Metadata(title: "代码", language: "zh-Hans"),
            divisions: [
                Division(role: .chapter, id: "ch001", sourcePath: "a.md", title: [.text("代码")], blocks: blocks)
            ]
        ).normalized
        let bytes = TextWriter().render(book)
        let url = try Repository.temporaryDirectory("text-check").appendingPathComponent("book.txt")
        try Data(bytes).write(to: url)
        let diagnostics = OutputChecks.checkText(at: url, code: Walk.code(in: book.book))
        let lines = String(decoding: bytes, as: UTF8.self).split(separator: "\n", omittingEmptySubsequences: false)
        let leak = try #require(lines.firstIndex { $0.contains("泄漏") }) + 1
        #expect(diagnostics.map(\.code) == ["text.markup"], "\(diagnostics)")
        #expect(diagnostics.first?.location?.line == leak)
    }

    /// Snippets made to defeat the index (all alike in their first bytes)
    /// spend the comparison budget: the check says where it stopped searching.
    @Test func snippetsAlikeSpendTheBudget() throws {
        let code = (0..<20_000).map { "xxxxxxxxxxxxxxxx\($0)**2" }
        let text = code.map { "计算 \($0) 。\n" }.joined() + "泄漏 <sup>2</sup>\n"
        let url = try Repository.temporaryDirectory("text-check").appendingPathComponent("book.txt")
        try Data(text.utf8).write(to: url)
        let diagnostics = OutputChecks.checkText(at: url, code: code)
        #expect(diagnostics.map(\.code) == ["text.markup-unchecked"], "\(diagnostics)")
        #expect(diagnostics.first?.severity == .note)
        // With a few such snippets, every line is searched and the leak found.
        let few = Array(code.prefix(50))
        try Data((few.map { "计算 \($0) 。\n" }.joined() + "泄漏 <sup>2</sup>\n").utf8).write(to: url)
        #expect(OutputChecks.checkText(at: url, code: few).map(\.location?.line) == [51])
    }

    @Test(
        arguments: [
            ([0xEF, 0xBB, 0xBF] + Array("一\n".utf8), "text.bom", 1),
            (Array("一\r\n二\n".utf8), "text.line-ending", 1),
            (Array("一\n二".utf8), "text.final-newline", 2),
            (Array("一\n二<sup>2</sup>\n".utf8), "text.markup", 2),
            (Array("一\n\n**粗**\n".utf8), "text.markup", 3),
            (Array("[链接](https://x)\n".utf8), "text.markup", 1),
            (Array("A &amp; B\n".utf8), "text.markup", 1),
            (Array("一\n二\u{7}\n".utf8), "text.control", 2),
            (Array("一\n".utf8) + [0xE4, 0xB8] + Array("\n".utf8), "text.encoding", 2),
        ] as [([UInt8], String, Int)])
    func brokenFileIsReportedWithItsLine(bytes: [UInt8], code: String, line: Int) throws {
        let diagnostics = try check(bytes)
        #expect(diagnostics.count == 1, "\(diagnostics)")
        #expect(diagnostics.first?.code == code)
        #expect(diagnostics.first?.location?.line == line)
        // Markup is a warning: a code block may hold it legitimately.
        #expect(diagnostics.first?.severity == (code == "text.markup" ? .warning : .error))
    }

    @Test func angleBracketsAndAmpersandsInTextAreNotMarkup() throws {
        #expect(try check(Array("A & B，<尖括号>，2 * 3\n".utf8)).isEmpty)
    }
}
