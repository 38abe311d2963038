import Testing

@testable import GalleyHighlight

/// The definitions Galley ships: each loads, compiles, and ICU accepts
/// every regular expression once `RegexDialect` has rewritten it.
@Suite struct SyntaxLibraryTests {
    @Test(arguments: SyntaxLibrary.files.sorted { $0.key < $1.key })
    func definitionCompiles(name: String, file: String) throws {
        let definition = try #require(SyntaxLibrary.shared.shippedDefinitions()[file])
        #expect(definition.name == name)
        let grammar = try #require(SyntaxLibrary.shared.grammar(file))
        #expect(grammar.rejectedPatterns == [])
        #expect(!grammar.contexts.isEmpty)
    }

    @Test func everyAliasNamesAShippedFile() {
        let files = Set(SyntaxLibrary.files.values)
        for (alias, file) in Highlighter.aliases { #expect(files.contains(file), "\(alias) → \(file)") }
    }
}
