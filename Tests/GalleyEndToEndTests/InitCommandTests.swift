import Foundation
import GalleyTestSupport
import Testing

/// `galley init` on an mdBook and a GitBook project: the book.yaml it
/// writes builds the same outputs as the project did without it, and it
/// never overwrites a book.yaml.
@Suite(.galleyExecutable) struct InitCommandTests {
    static let epoch = ["SOURCE_DATE_EPOCH": "1700000000"]

    func build(_ project: URL) throws -> URL {
        let output = try Repository.temporaryDirectory("galley-init-build")
        let result = try runProcess(
            Repository.galleyExecutable.path, ["build", project.path, "--output", output.path],
            environment: Self.epoch)
        #expect(result.status == 0, Comment(rawValue: result.output))
        return output
    }

    @Test(arguments: ["mdbook-rbe", "gitbook-zh"])
    func theWrittenBookYAMLBuildsTheSameOutputs(_ name: String) throws {
        let project = try Repository.temporaryDirectory("galley-init").appendingPathComponent(name)
        try FileManager.default.copyItem(at: Repository.fixtureBook(name), to: project)
        let before = try build(project)
        let initialised = try runProcess(Repository.galleyExecutable.path, ["init", project.path])
        #expect(initialised.status == 0, Comment(rawValue: initialised.output))
        let source = name == "mdbook-rbe" ? project.appendingPathComponent("src") : project
        let yaml = try String(contentsOf: source.appendingPathComponent("book.yaml"), encoding: .utf8)
        #expect(yaml.contains("chapters: SUMMARY.md"), Comment(rawValue: yaml))
        let after = try build(project)
        for file in ["book.epub", "book.xml", "book.txt"] {
            let a = try Data(contentsOf: before.appendingPathComponent(file))
            let b = try Data(contentsOf: after.appendingPathComponent(file))
            #expect(a == b, Comment(rawValue: "\(name)/\(file) differs after galley init"))
        }
        let again = try runProcess(Repository.galleyExecutable.path, ["init", project.path])
        #expect(again.status != 0)
        #expect(again.output.contains("already exists"), Comment(rawValue: again.output))
    }
}
