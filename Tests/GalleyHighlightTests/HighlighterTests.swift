import Testing

@testable import GalleyHighlight

/// The engine on small pieces of real languages: what gets which style.
@Suite struct HighlighterTests {
    /// The text of every run with `style`, in order.
    static func texts(_ code: String, _ language: String, _ style: HighlightStyle) -> [String] {
        (Highlighter.highlight(code, language: language) ?? []).filter { $0.style == style }.map(\.text)
    }

    @Test func keywordsStringsAndComments() {
        let code = "fn main() {\n    let x = \"hi\"; // note\n}\n"
        #expect(Self.texts(code, "rust", .keyword) == ["fn", "let"])
        #expect(Self.texts(code, "rust", .string) == ["\"hi\""])
        #expect(Self.texts(code, "rust", .comment) == ["// note"])
    }

    @Test func runsJoinIntoTheCode() throws {
        let samples = [
            ("python", "s = '汉字 😀 \\u00e9'  # 注释 😀\nprint(s)\n"),
            ("c", "/* 😀 */ int x = 1;\r\nchar *s = \"\\x41\";"),
            ("bash", "echo \"$HOME\" 'a b' # c\n\n\n"),
            ("html", "<p class=\"x\">&amp; <b>é</b></p>"),
            ("json", "{\"a\": [1, 2.5e3, true, null]}"),
            ("yaml", ""),
        ]
        for (language, code) in samples {
            let runs = try #require(Highlighter.highlight(code, language: language))
            #expect(runs.map(\.text).joined() == code, "\(language)")
            #expect(!runs.contains { $0.text.isEmpty })
        }
    }

    @Test func blockCommentSpansLines() {
        let code = "int a; /* one\ntwo\nthree */ int b;"
        #expect(Self.texts(code, "c", .comment) == ["/* one", "two", "three */"])
        #expect(Self.texts(code, "c", .type) == ["int", "int"])
    }

    /// A template literal's substitution is code again, inside a string.
    @Test func nestedContexts() {
        let code = "const s = `a ${f(\"b\") + 1} c`;"
        let strings = Self.texts(code, "js", .string)
        #expect(strings.first == "`a ")
        #expect(strings.contains("\"b\""))
        #expect(Self.texts(code, "js", .number) == ["1"])
        // JavaScript and CSS inside HTML.
        let page = "<style>p { color: red; }</style><script>let x = 1;</script>"
        #expect(Self.texts(page, "html", .keyword).joined().contains("let"))
        #expect(Self.texts(page, "html", .keyword).contains("color"))
    }

    /// A backslash at the end of a line continues the preprocessor line.
    @Test func lineContinuation() {
        let code = "#define TWICE(x) \\\n    ((x) * 2)\nint y;"
        let preprocessor = Self.texts(code, "c", .preprocessor).joined()
        #expect(preprocessor.contains("#define"))
        #expect(Self.texts(code, "c", .type) == ["int"])
        // The second line is still the macro's: its `x` is coloured as the definition is.
        let runs = Highlighter.highlight(code, language: "c") ?? []
        let continued = runs.drop { !$0.text.contains("\n") }.dropFirst().prefix { !$0.text.contains("\n") }
        #expect(continued.contains { $0.text == "x" && $0.style == .preprocessor })
    }

    /// A here-document ends at its own delimiter (a dynamic rule: `%1`).
    @Test func dynamicRules() {
        let code = "cat <<END\nnot $code here\nEND\nexit 0\n"
        let strings = Self.texts(code, "sh", .string)
        #expect(strings.joined().contains("not "))
        #expect(Self.texts(code, "sh", .builtin).contains("exit"))
    }

    @Test func unknownLanguagesStayPlain() {
        #expect(Highlighter.highlight("++[>+<-]", language: "brainfuck") == nil)
        #expect(Highlighter.highlight("x", language: "") == nil)
        #expect(Highlighter.definition(for: "text") == nil)
    }

    @Test(arguments: [
        ("rust", "rust"), ("rust,ignore", "rust"), ("RS", "rust"), ("C++", "isocpp"), ("{.python}", "python"),
        ("language-js", "javascript"), ("ts", "typescript"), ("sh", "zsh"), ("bash", "zsh"), ("shell", "zsh"),
        ("yml", "yaml"), ("golang", "go"), ("xhtml", "html"), ("json", "javascript"), ("cc", "isocpp"),
    ])
    func aliases(info: String, file: String) {
        #expect(Highlighter.definition(for: info) == file)
    }

    @Test func regexDialect() {
        #expect(RegexDialect.icu("[^][()]").pattern == "[^\\]\\[()]")
        #expect(RegexDialect.icu("[[:alpha:]_]").pattern == "[[:alpha:]_]")
        #expect(RegexDialect.icu("[\\w[:^ascii:]]").pattern == "[\\w[:^ascii:]]")
        #expect(RegexDialect.icu("a{2,3}{x}").pattern == "a{2,3}\\{x\\}")
        #expect(RegexDialect.icu("[&&$]").pattern == "[\\&\\&\\$]")
        #expect(RegexDialect.icu("(?|\"(a)\"|'(b)')") == .init(pattern: "(?:\"(a)\"|'(b)')", branchReset: true))
        #expect(RegexDialect.icu("\\((?1)\\)|(?R)?+").pattern == "\\((?:(?!))\\)|(?:(?!))?+")
        #expect(RegexDialect.icu("(?i)x(?=y)").pattern == "(?i)x(?=y)")
        #expect(RegexDialect.icu("(?:a*+(?:b)?+)*+c").pattern == "(?>(?:a*+(?>(?:b)?))*)c")
        #expect(RegexDialect.icu("(a){2,3}+(b)+").pattern == "(?>(a){2,3})(b)+")
    }
}
