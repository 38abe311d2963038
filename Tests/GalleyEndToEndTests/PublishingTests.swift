import Foundation
import GalleyTestSupport
import Testing

/// All-or-nothing publishing: a failed build leaves `Build/` exactly as it
/// was, and output folders in the way get one clear line, not a Foundation dump.
@Suite(.galleyExecutable)
struct PublishingTests {
    /// A copy of the English fixture book in a fresh folder, with one image.
    func project() throws -> URL {
        let project = try Repository.temporaryDirectory("galley-publish")
        let source = project.appendingPathComponent("Source")
        try FileManager.default.createDirectory(at: source, withIntermediateDirectories: true)
        try Data("title: Publishing\nlanguage: en\nchapters:\n  - one.md\n".utf8)
            .write(to: source.appendingPathComponent("book.yaml"))
        try Data("# One\n\nA paragraph.\n\n![A dot](dot.png)\n".utf8).write(to: source.appendingPathComponent("one.md"))
        try Data(Self.onePixelPNG).write(to: source.appendingPathComponent("dot.png"))
        return project
    }

    func build(_ project: URL, _ extra: [String] = []) throws -> ProcessResult {
        try runProcess(Repository.galleyExecutable.path, ["build", project.path] + extra)
    }

    /// Every file under `folder` (relative path → bytes).
    func snapshot(_ folder: URL) throws -> [String: Data] {
        var files: [String: Data] = [:]
        let enumerator = FileManager.default.enumerator(at: folder, includingPropertiesForKeys: nil)
        while let url = enumerator?.nextObject() as? URL {
            var isDirectory: ObjCBool = false
            FileManager.default.fileExists(atPath: url.path, isDirectory: &isDirectory)
            if !isDirectory.boolValue {
                files[String(url.path.dropFirst(folder.path.count))] = try Data(contentsOf: url)
            }
        }
        return files
    }

    /// The reader warns of a missing image and the EPUB cannot be made
    /// without it: one problem, one line, the EPUB's error.
    @Test func aMissingImageIsOneLine() throws {
        let project = try project()
        defer { try? FileManager.default.removeItem(at: project) }
        try Data("# One\n\nA paragraph.\n\n![Gone](gone.png)\n".utf8)
            .write(to: project.appendingPathComponent("Source/one.md"))
        let result = try build(project)
        #expect(result.status != 0)
        let lines = result.standardError.split(separator: "\n").filter { $0.contains("gone.png") }
        #expect(lines.count == 1, "\(result.standardError)")
        #expect(lines.first?.contains("Source/one.md:5: error:") == true, "\(lines)")
        #expect(lines.first?.contains("[epub.missing-image]") == true, "\(lines)")
    }

    @Test func aFailedBuildLeavesTheLastGoodOutputs() throws {
        let project = try project()
        let build = project.appendingPathComponent("Build")
        let first = try self.build(project)
        #expect(first.status == 0, "\(first.output)")
        let before = try snapshot(build)
        #expect(Set(before.keys) == ["/book.epub", "/book.xml", "/book.txt"])

        // The chapter changes and its image goes: the EPUB cannot be made.
        try Data("# One\n\nAnother paragraph.\n\n![A dot](dot.png)\n".utf8)
            .write(to: project.appendingPathComponent("Source/one.md"))
        try FileManager.default.removeItem(at: project.appendingPathComponent("Source/dot.png"))
        let second = try self.build(project)
        #expect(second.status != 0)
        #expect(second.standardError.contains("keeps its previous files"), "\(second.output)")
        let after = try snapshot(build).filter { !$0.key.hasPrefix("/failed-build/") }
        #expect(after == before, "Build/ changed after a failed build")
        // What could be made is kept aside for inspection, never mixed in.
        let failed = build.appendingPathComponent("failed-build")
        let kept = try snapshot(failed)
        #expect(kept["/book.txt"].map { String(decoding: $0, as: UTF8.self).contains("Another paragraph") } == true)

        // A good build publishes and clears the failed set.
        try Data(Self.onePixelPNG).write(to: project.appendingPathComponent("Source/dot.png"))
        let third = try self.build(project)
        #expect(third.status == 0, "\(third.output)")
        #expect(!FileManager.default.fileExists(atPath: failed.path))
        let published = try String(contentsOf: build.appendingPathComponent("book.txt"), encoding: .utf8)
        #expect(published.contains("Another paragraph"))
    }

    @Test func stagingLeftByAKilledBuildIsRemoved() throws {
        let project = try project()
        let stale = project.appendingPathComponent("Build/.galley-staging-999999999-deadbeef")
        try FileManager.default.createDirectory(at: stale, withIntermediateDirectories: true)
        try Data(repeating: 0, count: 1024).write(to: stale.appendingPathComponent("book.epub"))
        let oldTemporary = project.appendingPathComponent("Build/.book.epub.1234.tmp")
        try Data("x".utf8).write(to: oldTemporary)
        let result = try build(project)
        #expect(result.status == 0, "\(result.output)")
        #expect(!FileManager.default.fileExists(atPath: stale.path))
        #expect(!FileManager.default.fileExists(atPath: oldTemporary.path))
        let names = try FileManager.default.contentsOfDirectory(atPath: project.appendingPathComponent("Build").path)
        #expect(Set(names) == ["book.epub", "book.xml", "book.txt"])
    }

    @Test func outputFolderThatIsAFileIsOneClearLine() throws {
        let project = try project()
        try Data("not a folder".utf8).write(to: project.appendingPathComponent("Build"))
        let result = try build(project)
        #expect(result.status != 0)
        #expect(
            result.standardError.contains("Build: error: the output folder is a file, not a folder"),
            "\(result.output)")
        #expect(!result.output.contains("NSCocoaErrorDomain"))
    }

    @Test func outputFileThatIsAFolderIsOneClearLine() throws {
        let project = try project()
        try FileManager.default.createDirectory(
            at: project.appendingPathComponent("Build/book.epub"),
            withIntermediateDirectories: true)
        let result = try build(project)
        #expect(result.status != 0)
        #expect(result.standardError.contains("book.epub: error: the output file is a folder"), "\(result.output)")
        #expect(!result.output.contains("NSCocoaErrorDomain"))
    }

    @Test func aTenMegabyteParagraphBuildsAndPassesTheCheck() throws {
        let project = try project()
        let paragraph = String(repeating: "上海基层党建的探索与创新。", count: 270_000)   // ≈ 10.5 MB of UTF-8
        try Data("# One\n\n\(paragraph)\n".utf8).write(to: project.appendingPathComponent("Source/one.md"))
        let result = try build(project)
        #expect(result.status == 0, "\(result.output.prefix(2000))")
        for name in ["book.epub", "book.xml", "book.txt"] {
            let file = project.appendingPathComponent("Build/\(name)")
            let check = try runProcess(Repository.galleyExecutable.path, ["check", file.path])
            #expect(check.status == 0, "\(name): \(check.output.prefix(2000))")
        }
    }

    /// A 1×1 PNG.
    static let onePixelPNG: [UInt8] = [
        0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 0x0D, 0x49, 0x48, 0x44, 0x52,
        0, 0, 0, 1, 0, 0, 0, 1, 8, 6, 0, 0, 0, 0x1F, 0x15, 0xC4, 0x89, 0, 0, 0, 0x0D, 0x49,
        0x44, 0x41, 0x54, 0x78, 0x9C, 0x63, 0, 1, 0, 0, 5, 0, 1, 0x0D, 0x0A, 0x2D, 0xB4, 0, 0,
        0, 0, 0x49, 0x45, 0x4E, 0x44, 0xAE, 0x42, 0x60, 0x82,
    ]
}
