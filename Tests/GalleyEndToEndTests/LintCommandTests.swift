import Foundation
import GalleyTestSupport
import Testing

/// `galley lint` on `Tests/Lint`, a book holding each kind of problem once or
/// more (and, silenced or in code, some that must not be reported):
/// `Tests/Lint/expected.txt` lists every finding by file, line, column and
/// rule, and nothing else may be found.
@Suite(.galleyExecutable) struct LintCommandTests {
    static let book = Repository.root.appendingPathComponent("Tests/Lint")

    func lint(_ project: URL, _ arguments: [String] = []) throws -> (status: Int32, findings: [String]) {
        let result = try runProcess(Repository.galleyExecutable.path, ["lint", project.path] + arguments)
        return (result.status, result.output.split(separator: "\n").map(String.init).filter { !$0.hasPrefix("lint: ") })
    }

    func copy() throws -> URL {
        let project = try Repository.temporaryDirectory("galley-lint").appendingPathComponent("book")
        try FileManager.default.copyItem(at: Self.book, to: project)
        return project
    }

    static var expected: [String] {
        get throws {
            try String(contentsOf: book.appendingPathComponent("expected.txt"), encoding: .utf8)
                .split(separator: "\n").map(String.init)
        }
    }

    @Test func findsEveryProblemWhereItIsAndNothingElse() throws {
        let (status, findings) = try lint(Self.book)
        #expect(status != 0)
        let expected = try Self.expected
        #expect(expected.count == 35)
        #expect(Set(findings).subtracting(expected).isEmpty, "found but not expected")
        #expect(Set(expected).subtracting(findings).isEmpty, "expected but not found")
        #expect(findings == expected)
        // Every kind of problem is in the fixture.
        let rules = Set(findings.compactMap { $0.split(separator: ": ").dropFirst().first.map(String.init) })
        #expect(
            rules == [
                "punctuation", "ellipsis-and-dash", "brackets", "full-width-alphanumerics", "han-spacing",
                "punctuation-spacing", "unit-spacing", "latin-spacing",
            ])
    }

    /// `--fix` applies every fix but the brackets (a person must say where a mark is missing);
    /// the result lints clean of everything else and builds with no warning the original did not have.
    @Test func fixedSourcesLintCleanAndBuild() throws {
        let project = try copy()
        let fixed = try runProcess(Repository.galleyExecutable.path, ["lint", project.path, "--fix"])
        #expect(fixed.output.contains("lint: fixed 32 in 2 chapter files"), Comment(rawValue: fixed.output))
        let brackets = try Self.expected.filter { $0.contains(": brackets: ") }
        #expect(try lint(project).findings == brackets)
        let text = try String(
            contentsOf: project.appendingPathComponent("Source/chapter-01.md"), encoding: .utf8)
        #expect(text.contains("她说：“我们走吧。”然后离开了……"))
        #expect(text.contains("价格是123元，型号ABC。"))

        func warnings(_ project: URL) throws -> [String] {
            let output = try Repository.temporaryDirectory("galley-lint-build")
            let result = try runProcess(
                Repository.galleyExecutable.path, ["build", project.path, "--output", output.path])
            #expect(result.status == 0, Comment(rawValue: result.output))
            return result.output.split(separator: "\n").map(String.init).filter { $0.contains("warning") }
        }
        let before = try warnings(Self.book)
        let after = try warnings(project)
        #expect(Set(after).isSubset(of: Set(before)), Comment(rawValue: after.joined(separator: "\n")))
    }

    /// The default book's sources, imported and edited by hand, have nothing to report
    /// (its CIP line's single — and … and its 毫米 1/16 are the rule there, not slips).
    @Test func theDefaultBookIsClean() throws {
        let (status, findings) = try lint(Repository.defaultBook)
        #expect(status == 0)
        #expect(findings.isEmpty, Comment(rawValue: findings.joined(separator: "\n")))
    }

    /// A rule off for the book (book.yaml) or for the run (--disable) reports nothing.
    @Test func rulesSilencedPerBookAndPerRun() throws {
        let project = try copy()
        let yaml = project.appendingPathComponent("Source/book.yaml")
        let text = try String(contentsOf: yaml, encoding: .utf8)
        try (text + "lint:\n  disable: [punctuation, brackets]\n").write(to: yaml, atomically: true, encoding: .utf8)
        let others = try Self.expected.filter { !$0.contains(": punctuation: ") && !$0.contains(": brackets: ") }
        #expect(try lint(project).findings == others)
        #expect(try lint(Self.book, ["--disable", "punctuation", "--disable", "brackets"]).findings == others)
        let unknown = try runProcess(Repository.galleyExecutable.path, ["lint", Self.book.path, "--disable", "commas"])
        #expect(unknown.status != 0 && unknown.output.contains("unknown rule commas"))
    }
}
