import Foundation
import GalleyTestSupport
import Testing

/// `galley import` on the seed, then `galley build`: the book must pass
/// EPUBCheck with no messages and the DocBook must be valid (jing).
struct ImportThenBuildTests {
    @Test(.galleyExecutable, .epubCheck, .judge("jing"))
    func importedSeedBuildsAndValidates() throws {
        let galley = Repository.galleyExecutable
        let directory = try Repository.temporaryDirectory("import-build")
        defer { try? FileManager.default.removeItem(at: directory) }
        let seed = Fixture.directory.appendingPathComponent("seed.txt")
        let imported = try runProcess(galley.path, ["import", seed.path, "--output", directory.path])
        #expect(imported.status == 0, "\(imported.output)")
        let built = try runProcess(galley.path, ["build", directory.path])
        #expect(built.status == 0, "\(built.output)")
        let check = try EPUBCheck.run(directory.appendingPathComponent("Build/book.epub"))
        #expect(check.isClean, "\(check.output)")
        let jing = try runProcess(
            "jing",
            [
                "/usr/share/xml/docbook/schema/rng/5.0/docbook.rng",
                directory.appendingPathComponent("Build/book.xml").path,
            ])
        #expect(jing.status == 0, "\(jing.output)")
    }
}
