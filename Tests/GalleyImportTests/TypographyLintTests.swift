import Testing

@testable import GalleyImport

/// What `galley lint` reads as prose, and its rules on single lines; the whole
/// command is checked on `Tests/Lint` by `LintCommandTests`.
@Suite struct TypographyLintTests {
    func rules(_ markdown: String) -> [String] {
        TypographyLint().lint(markdown, file: "c.md").map { "\($0.line):\($0.column) \($0.rule)" }
    }

    @Test func codeURLsHTMLEntitiesAndLinkTargetsAreNotProse() {
        let markdown = """
            使用`a,b`参数，见[链接](http://example.com/a,b)与<span title="x,y">这</span>里。

            &amp;与&lt;都是实体，https://example.com/a,b?c 是网址。

            <script>alert("中文,标点");</script>

            ~~~
            中文,代码
            ~~~
            """
        #expect(rules(markdown) == [])
    }

    @Test func aQuotationOverParagraphsOpensEachAndClosesTheLast() {
        #expect(rules("“第一段，\n\n“第二段。”\n") == [])
        #expect(rules("“第一段，\n\n第二段。\n") == ["1:1 brackets"])
        // An apostrophe is not a closing quote.
        #expect(rules("他说“don’t”这个词。\n") == [])
    }

    /// A chapter with Windows line ends is read line by line (CR LF is one
    /// Swift Character, and was not a line end: every finding was on line 1),
    /// and `--fix` keeps its line ends.
    @Test func windowsLineEndsAreLineEnds() {
        let lf = "# 标题\n\n中文,段落。\n"
        let crlf = lf.replacingOccurrences(of: "\n", with: "\r\n")
        #expect(rules(crlf) == ["3:3 punctuation"])
        #expect(rules(crlf) == rules(lf))
        let findings = TypographyLint().lint(crlf, file: "c.md")
        #expect(TypographyLint.applying(findings, to: crlf) == "# 标题\r\n\r\n中文，段落。\r\n")
    }

    @Test func silencedPerLine() {
        #expect(rules("他说,好。<!-- galley-lint-disable-line punctuation -->\n") == [])
        #expect(rules("他说,好 。<!-- galley-lint-disable-line punctuation -->\n") == ["1:5 punctuation-spacing"])
        #expect(rules("<!-- galley-lint-disable-next-line -->\n他说,好 。\n") == [])
    }

    @Test func aBookSwitchesRulesOffInBookYAML() {
        #expect(
            TypographyLint.disabledRules(bookYAML: "title: x\nlint:\n  disable: [brackets, unit-spacing]\n")
                == ["brackets", "unit-spacing"])
        #expect(TypographyLint.disabledRules(bookYAML: "lint: {disable: punctuation}") == ["punctuation"])
        #expect(TypographyLint.disabledRules(bookYAML: "title: x") == [])
    }

    @Test func fixesApplyFromTheEndOfTheLine() {
        let text = "他说,今天 ，好...\n"
        let findings = TypographyLint().lint(text, file: "c.md")
        #expect(TypographyLint.applying(findings, to: text) == "他说，今天，好……\n")
    }
}
