import Foundation
import GalleyTestSupport
import Testing

/// `Tests/Books/code`: one chapter per language Galley highlights, and one
/// of code that stays plain. Built through `BookBuild`; judged by EPUBCheck
/// and jing.
@Suite("Code highlighting, built as a book")
struct CodeBookTests {
    static let project = Repository.fixtureBook("code")
    static let built = BuiltBook.make(project)

    /// The fence language of each chapter, as written in its source.
    static let languages = [
        "rust", "go", "js", "ts", "python", "c", "cpp", "java", "swift", "bash", "json", "yaml", "toml", "html",
        "css", "sql",
    ]

    func book() throws -> BuiltBook { try Self.built.get() }

    /// Each `<pre><code class="language-x">…</code></pre>` of the book, by language.
    func codeBlocks() throws -> [(language: String, markup: String)] {
        let xhtml = try book().xhtmlFiles().map { try String(contentsOf: $0, encoding: .utf8) }.joined()
        return xhtml.matches(of: /<pre><code(?: class="language-([^"]+)")?>(.*?)<\/code><\/pre>/.dotMatchesNewlines())
            .map { (String($0.output.1 ?? ""), String($0.output.2)) }
    }

    @Test(arguments: languages)
    func everyListedLanguageIsHighlighted(language: String) throws {
        let block = try #require(try codeBlocks().first { $0.language == language })
        let classes = Set(block.markup.matches(of: /<span class="(hl-[a-z]+)">/).map { String($0.output.1) })
        #expect(classes.count >= 3, "\(language): \(classes.sorted())")
        #expect(classes.contains("hl-kw") || classes.contains("hl-pp"), "\(language): \(classes.sorted())")
    }

    @Test func unknownLanguagesAndBareCodeStayPlain() throws {
        let blocks = try codeBlocks()
        let brainfuck = try #require(blocks.first { $0.language == "brainfuck" })
        #expect(!brainfuck.markup.contains("<span"))
        let bare = try #require(blocks.first { $0.language.isEmpty })
        #expect(!bare.markup.contains("<span"))
        // mdBook's `rust,ignore` is Rust.
        let mdbook = try #require(blocks.first { $0.language == "rustignore" })
        #expect(mdbook.markup.contains("<span class=\"hl-kw\">let</span>"))
    }

    @Test func theStylesheetStylesEveryClass() throws {
        let css = try String(
            contentsOf: book().unpacked.appendingPathComponent("OEBPS/styles/galley.css"), encoding: .utf8)
        for style in ["hl-kw", "hl-type", "hl-str", "hl-chr", "hl-num", "hl-const", "hl-cmt", "hl-fn", "hl-bi"] {
            #expect(css.contains(".\(style)"))
        }
        #expect(css.contains("@media print"))
    }

    @Test func docBookNamesTheLanguage() throws {
        let docbook = try String(contentsOf: book().docbook, encoding: .utf8)
        for language in Self.languages + ["brainfuck"] {
            #expect(docbook.contains("<programlisting language=\"\(language)\">"), "\(language)")
        }
        #expect(!docbook.contains("\"hl-"))
    }

    @Test func textKeepsTheCodeAsWritten() throws {
        let text = try String(contentsOf: book().text, encoding: .utf8)
        #expect(text.contains("    fn main() {"))
        #expect(text.contains("    SELECT c.title, c.pages"))
        #expect(!text.contains("<span"))
    }

    @Test(.epubCheck) func epubCheckReportsNothing() throws {
        let result = try EPUBCheck.run(try book().epub)
        #expect(result.isClean, "\(result.output)")
    }

    @Test(.judge("jing"), arguments: [Jing.docBookRNG, Jing.docBookSchematron])
    func jingAcceptsTheDocBook(schema: String) throws {
        #expect(try Jing.errors(schema, try book().docbook) == [])
    }

    /// `highlight: false` in book.yaml: the same code, no spans.
    @Test func highlightFalseTurnsItOff() throws {
        let copy = try Repository.temporaryDirectory("galley-code-plain")
        defer { try? FileManager.default.removeItem(at: copy) }
        let project = copy.appendingPathComponent("code")
        try FileManager.default.copyItem(at: Self.project, to: project)
        let yaml = project.appendingPathComponent("Source/book.yaml")
        try (String(contentsOf: yaml, encoding: .utf8) + "highlight: false\n").write(
            to: yaml, atomically: true, encoding: .utf8)
        let plain = try BuiltBook.make(project).get()
        defer { try? FileManager.default.removeItem(at: plain.directory) }
        let xhtml = try plain.xhtmlFiles().map { try String(contentsOf: $0, encoding: .utf8) }.joined()
        #expect(xhtml.contains("<code class=\"language-rust\">"))
        #expect(!xhtml.contains("<span class=\"hl-"))
    }
}
