import Testing

@testable import GalleyHighlight

/// Inputs and definitions built to make the engine loop or blow up; each
/// must finish (a hang fails the run) with the code intact.
@Suite struct HighlightHostileInputTests {
    /// A definition whose rules match without advancing: a look-ahead rule
    /// that stays, a regular expression that matches empty, contexts that
    /// fall through into each other, and a rule that pushes without end.
    static let hostile = """
        <?xml version="1.0" encoding="UTF-8"?>
        <language name="Hostile" version="1" kateversion="5.0" section="Other" extensions="" license="MIT">
          <highlighting>
            <contexts>
              <context name="A" attribute="Normal" lineEndContext="#stay" fallthroughContext="B">
                <DetectChar char="x" attribute="Keyword" context="#stay" lookAhead="true"/>
                <RegExpr String="y*" attribute="Keyword" context="#stay"/>
                <DetectChar char="(" attribute="Keyword" context="A"/>
                <RegExpr String="(a+)+b" attribute="String" context="#stay"/>
              </context>
              <context name="B" attribute="Normal" lineEndContext="#pop" fallthroughContext="A">
                <DetectChar char="z" attribute="String" context="#pop!B" lookAhead="true"/>
              </context>
            </contexts>
            <itemDatas>
              <itemData name="Normal" defStyleNum="dsNormal"/>
              <itemData name="Keyword" defStyleNum="dsKeyword"/>
              <itemData name="String" defStyleNum="dsString"/>
            </itemDatas>
          </highlighting>
        </language>
        """

    static func run(_ code: String, _ grammar: Grammar) -> [HighlightedRun] {
        grammar.withMatcher { Highlighter.runs(of: code, with: $0) }
    }

    @Test func rulesThatDoNotAdvanceCannotLoop() throws {
        let definition = try #require(SyntaxDefinitionLoader.load(Array(Self.hostile.utf8)))
        let grammar = try #require(Grammar.compile(definition) { _ in nil })
        let code =
            "yy\nxxxx zzzz yyy\n" + String(repeating: "(", count: 10_000) + "\n"
            + String(repeating: "a", count: 3000) + "!"
        let runs = Self.run(code, grammar)
        #expect(runs.map(\.text).joined() == code)
        #expect(runs.first == HighlightedRun(text: "yy", style: .keyword))
    }

    @Test func hostileCodeInRealDefinitions() throws {
        let inputs = [
            String(repeating: "${`", count: 5000),
            String(repeating: "\"\\", count: 20_000),
            String(repeating: "/*", count: 10_000) + "\n" + String(repeating: "*/", count: 10_000),
            String(repeating: "<<A\n", count: 2000),
            String(repeating: "a", count: 30_000),
            String(repeating: "{[(", count: 6000) + "\n" + String(repeating: "x\\\n", count: 5000),
            String(repeating: "😀", count: 10_000),
        ]
        for language in ["js", "python", "c", "cpp", "bash", "html", "yaml", "swift", "sql", "toml", "css", "go"] {
            for input in inputs {
                let runs = try #require(Highlighter.highlight(input, language: language))
                #expect(runs.map(\.text).joined() == input, "\(language)")
            }
        }
    }

    @Test func theStackStaysShallow() throws {
        let definition = try #require(SyntaxDefinitionLoader.load(Array(Self.hostile.utf8)))
        let grammar = try #require(Grammar.compile(definition) { _ in nil })
        let matcher = LineMatcher(grammar: grammar)
        let line = Array(String(repeating: "(", count: 1000).utf16)
        _ = line.withUnsafeBufferPointer { matcher.highlight(line: $0) }
        #expect(matcher.depth <= LineMatcher.maxDepth)
    }
}
