import Foundation
import GalleyCore
import GalleyTestSupport
import Testing

@testable import GalleyMarkdown

/// A project folder for one hostile case: `Source/` with `book.yaml`, and
/// an `outside/` folder beside it whose files hold a marker string that
/// must never reach a book or a message.
struct HostileProject {
    static let marker = "MARKER-7f3a-OUTSIDE-SECRET"
    /// A real PNG header followed by the marker: an image in every respect but its place.
    static let outsidePNG = Data([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]) + Data(marker.utf8)
    static let outsideSVG = Data("<svg xmlns=\"http://www.w3.org/2000/svg\"><text>\(marker)</text></svg>".utf8)

    let root: URL
    var source: URL { root.appendingPathComponent("Source") }
    var outside: URL { root.appendingPathComponent("outside") }

    init() throws {
        root = try Repository.temporaryDirectory("reader-hostile")
        try FileManager.default.createDirectory(
            at: root.appendingPathComponent("Source"),
            withIntermediateDirectories: true)
        try FileManager.default.createDirectory(
            at: root.appendingPathComponent("outside"),
            withIntermediateDirectories: true)
        try Self.outsidePNG.write(to: outside.appendingPathComponent("outside.png"))
        try Self.outsideSVG.write(to: outside.appendingPathComponent("x.svg"))
        try "# 秘密\n\n\(Self.marker)\n".write(
            to: outside.appendingPathComponent("secret.md"),
            atomically: true, encoding: .utf8)
        try "- title: \(Self.marker)\n  level: 1\n".write(
            to: outside.appendingPathComponent("x.yaml"),
            atomically: true, encoding: .utf8)
    }

    func remove() { try? FileManager.default.removeItem(at: root) }

    func write(_ text: String, to path: String) throws {
        let url = source.appendingPathComponent(path)
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try text.write(to: url, atomically: true, encoding: .utf8)
    }

    func write(_ data: Data, to path: String) throws {
        let url = source.appendingPathComponent(path)
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try data.write(to: url)
    }

    func link(_ path: String, to target: URL) throws {
        try FileManager.default.createSymbolicLink(
            atPath: source.appendingPathComponent(path).path,
            withDestinationPath: target.path)
    }

    /// `book.yaml` with these chapters and extra lines.
    func book(chapters: [String] = ["ch.md"], _ extra: String = "") throws {
        let list = chapters.map { "  - \"\($0)\"\n" }.joined()
        try write("title: T\nlanguage: zh-Hans\n\(extra)chapters:\n\(list)", to: "book.yaml")
    }

    /// The read's outcome: the book (nil when it failed) and every diagnostic.
    func read() -> (book: Book?, diagnostics: [Diagnostic]) {
        do {
            let (book, diagnostics) = try BookReader().read(sourceDirectory: source)
            return (book.book, diagnostics)
        } catch let error as DiagnosticsError {
            return (nil, error.diagnostics)
        } catch {
            Issue.record("unexpected error \(error)")
            return (nil, [])
        }
    }
}

extension Array where Element == Diagnostic {
    func with(_ code: String) -> [Diagnostic] { filter { $0.code == code } }
}

/// Nothing outside `Source/` is opened or reaches the book: each case is an
/// error located where the path is written, and the marker string of the
/// outside file appears in neither the book nor any message.
@Suite struct ConfinementTests {
    /// Reads, expects one error `code` located at `file:line`, and no marker anywhere.
    func expectRefused(
        _ project: HostileProject, code: String, at location: String,
        sourceLocation: Testing.SourceLocation = #_sourceLocation
    ) throws {
        let (book, diagnostics) = project.read()
        let errors = diagnostics.filter { $0.severity == .error && $0.code == code }
        #expect(errors.count == 1, "expected one \(code) error, got \(diagnostics)", sourceLocation: sourceLocation)
        #expect(
            errors.first?.location?.description.hasPrefix(location) == true,
            "\(errors.first?.description ?? "nothing") is not at \(location)", sourceLocation: sourceLocation)
        #expect(book == nil, "a book with an error is not returned", sourceLocation: sourceLocation)
        let everything =
            diagnostics.map(\.description).joined(separator: "\n")
            + (book.map { String(decoding: (try? JSONEncoder().encode($0)) ?? Data(), as: UTF8.self) } ?? "")
        #expect(
            !everything.contains(HostileProject.marker), "the outside file was read",
            sourceLocation: sourceLocation)
    }

    @Test func chapterSymlinkedOutside() throws {
        let project = try HostileProject()
        defer { project.remove() }
        try project.link("ch.md", to: project.outside.appendingPathComponent("secret.md"))
        try project.book()
        try expectRefused(project, code: "bookyaml.outside-source", at: "Source/book.yaml:4")
    }

    @Test func chapterInsideAFolderSymlinkedOutside() throws {
        let project = try HostileProject()
        defer { project.remove() }
        try project.link("part", to: project.outside)
        try project.book(chapters: ["part/secret.md"])
        try expectRefused(project, code: "bookyaml.outside-source", at: "Source/book.yaml:4")
    }

    @Test func imageClimbingOutOfSource() throws {
        let project = try HostileProject()
        defer { project.remove() }
        try project.write("# 章\n\n正文\n\n![图](../../outside/outside.png)\n", to: "text/ch.md")
        try project.book(chapters: ["text/ch.md"])
        try expectRefused(project, code: "markdown.image-outside-source", at: "Source/text/ch.md:5")
    }

    @Test func imageWithAnAbsolutePath() throws {
        let project = try HostileProject()
        defer { project.remove() }
        let path = project.outside.appendingPathComponent("outside.png").path
        try project.write("# 章\n\n![图](\(path))\n", to: "ch.md")
        try project.book()
        try expectRefused(project, code: "markdown.image-outside-source", at: "Source/ch.md:3")
    }

    @Test func percentEncodedImageClimbingOut() throws {
        let project = try HostileProject()
        defer { project.remove() }
        try project.write("# 章\n\n![图](%2E%2E/outside/outside.png)\n", to: "ch.md")
        try project.book()
        try expectRefused(project, code: "markdown.image-outside-source", at: "Source/ch.md:3")
    }

    @Test func rawHTMLImageWithAnAbsolutePath() throws {
        let project = try HostileProject()
        defer { project.remove() }
        let path = project.outside.appendingPathComponent("x.svg").path
        try project.write("# 章\n\n正文\n\n<p><img src=\"\(path)\" alt=\"x\"></p>\n", to: "ch.md")
        try project.book()
        try expectRefused(project, code: "markdown.image-outside-source", at: "Source/ch.md:5")
    }

    @Test func imageSymlinkedOutside() throws {
        let project = try HostileProject()
        defer { project.remove() }
        try project.link("map.png", to: project.outside.appendingPathComponent("outside.png"))
        try project.write("# 章\n\n![图](map.png)\n", to: "ch.md")
        try project.book()
        try expectRefused(project, code: "markdown.image-outside-source", at: "Source/ch.md:3")
    }

    @Test(arguments: ["https://example.org/a.png", "file:///etc/passwd", "data:image/png;base64,iVBORw0KGgo="])
    func imageURLsAreNeverFetched(_ url: String) throws {
        let project = try HostileProject()
        defer { project.remove() }
        try project.write("# 章\n\n![图](\(url))\n", to: "ch.md")
        try project.book()
        // Never fetched: a warning where it is written, and the book builds with its description.
        let (book, diagnostics) = project.read()
        let warnings = diagnostics.filter { $0.severity == .warning && $0.code == "markdown.image-url" }
        #expect(warnings.count == 1, "\(diagnostics)")
        #expect(warnings.first?.location?.description.hasPrefix("Source/ch.md:3") == true)
        #expect(book != nil)
    }

    @Test func coverWithAnAbsolutePath() throws {
        let project = try HostileProject()
        defer { project.remove() }
        try project.write("# 章\n", to: "ch.md")
        try project.book("cover: \(project.outside.appendingPathComponent("outside.png").path)\n")
        try expectRefused(project, code: "bookyaml.cover-outside-source", at: "Source/book.yaml:3")
    }

    @Test func coverSymlinkedOutside() throws {
        let project = try HostileProject()
        defer { project.remove() }
        try project.write("# 章\n", to: "ch.md")
        try project.link("cover.png", to: project.outside.appendingPathComponent("outside.png"))
        try project.book("cover: cover.png\n")
        try expectRefused(project, code: "bookyaml.cover-outside-source", at: "Source/book.yaml:3")
    }

    @Test func contentsFileOutside() throws {
        let project = try HostileProject()
        defer { project.remove() }
        try project.write("# 章\n", to: "ch.md")
        try project.book("contents: ../outside/x.yaml\n")
        try expectRefused(project, code: "bookyaml.outside-source", at: "Source/book.yaml:3")
    }

    @Test func contentsFileSymlinkedOutside() throws {
        let project = try HostileProject()
        defer { project.remove() }
        try project.write("# 章\n", to: "ch.md")
        try project.link("toc.yaml", to: project.outside.appendingPathComponent("x.yaml"))
        try project.book("contents: toc.yaml\n")
        try expectRefused(project, code: "bookyaml.outside-source", at: "Source/book.yaml:3")
    }

    @Test func bookYAMLSymlinkedOutside() throws {
        let project = try HostileProject()
        defer { project.remove() }
        try "title: \(HostileProject.marker)\nlanguage: en\nchapters: [ch.md]\n"
            .write(to: project.outside.appendingPathComponent("book.yaml"), atomically: true, encoding: .utf8)
        try project.write("# 章\n", to: "ch.md")
        try project.link("book.yaml", to: project.outside.appendingPathComponent("book.yaml"))
        try expectRefused(project, code: "bookyaml.outside-source", at: "Source/book.yaml")
    }

    /// A chapter of gigabytes (50 000 list items nested by indentation make
    /// one of 2.5 GB) or a huge book.yaml is refused at the line that lists it,
    /// before it is read into memory: no allocation failure, no crash.
    @Test func aFileTooLargeToReadIsAnError() throws {
        let project = try HostileProject()
        defer { project.remove() }
        try project.write("# 章\n", to: "ch.md")
        FileManager.default.createFile(atPath: project.source.appendingPathComponent("huge.md").path, contents: nil)
        let handle = try FileHandle(forWritingTo: project.source.appendingPathComponent("huge.md"))
        try handle.truncate(atOffset: UInt64(ProjectFiles.maximumTextSize + 1))
        try handle.close()
        try project.book(chapters: ["ch.md", "huge.md"])
        let (book, diagnostics) = project.read()
        #expect(book == nil)
        let refused = diagnostics.with("markdown.file-too-large")
        #expect(refused.map { $0.location?.description } == ["Source/book.yaml:5"], Comment(rawValue: "\(diagnostics)"))

        let yaml =
            "title: T\nlanguage: zh-Hans\nchapters: [ch.md]\n"
            + String(repeating: "#", count: ProjectFiles.maximumConfigSize) + "\n"
        try project.write(yaml, to: "book.yaml")
        let (none, yamlDiagnostics) = project.read()
        #expect(none == nil)
        #expect(yamlDiagnostics.with("markdown.file-too-large").count == 1, Comment(rawValue: "\(yamlDiagnostics)"))
    }

    /// A raster image under another raster name (docker_practice has PNGs
    /// named .jpg) is what it is: a warning, and the book still builds.
    @Test func aPNGNamedJPEGIsAWarning() throws {
        let project = try HostileProject()
        defer { project.remove() }
        try project.write(HostileProject.outsidePNG, to: "photo.jpg")
        try project.write("# 章\n\n![a](photo.jpg)\n", to: "ch.md")
        try project.book()
        let (book, diagnostics) = project.read()
        #expect(book != nil, Comment(rawValue: "\(diagnostics)"))
        #expect(diagnostics.with("markdown.image-mislabelled").map { $0.location?.line } == [3])
    }

    @Test func textNamedPNGIsNotAnImage() throws {
        let project = try HostileProject()
        defer { project.remove() }
        try project.write("just text", to: "fake.png")
        try project.write(HostileProject.outsideSVG, to: "real-svg.png")
        try project.write("# 章\n\n![a](fake.png)\n\n![b](real-svg.png)\n", to: "ch.md")
        try project.book()
        let (book, diagnostics) = project.read()
        #expect(book == nil)
        #expect(diagnostics.with("markdown.image-type").map { $0.location?.line } == [3, 5])
    }

    /// The control case: images, a cover and a contents file inside Source/
    /// (through a symbolic link that stays inside, too) read cleanly.
    @Test func filesInsideSourceAreRead() throws {
        let project = try HostileProject()
        defer { project.remove() }
        let png = Data([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 0])
        try project.write("- title: 第一章\n  level: 1\n", to: "toc.yaml")
        try project.write(png, to: "images/a.png")
        try project.write(Data([0xFF, 0xD8, 0xFF, 0xE0]), to: "images/b.jpg")
        try project.write(Data("<?xml version=\"1.0\"?>\n<!-- c -->\n<svg/>".utf8), to: "images/c.svg")
        try project.link("images/alias.png", to: project.source.appendingPathComponent("images/a.png"))
        try project.write(
            "# 章\n\n![a](images/a.png) ![b](images/b.jpg) ![c](./images/c.svg)\n"
                + "<img src=\"images/alias.png\" alt=\"d\">\n", to: "ch.md")
        try project.book("cover: images/a.png\ncontents: toc.yaml\n")
        let (book, diagnostics) = project.read()
        #expect(book != nil, "\(diagnostics)")
        #expect(!diagnostics.contains { $0.severity == .error })
        #expect(book?.metadata.printedContents.first?.title == "第一章")
    }
}

/// Nesting of any depth ends in a warning, not a signal: `galley tree`
/// (reader, transforms, JSON) runs as its own process under a 4 GB
/// address-space limit, so a stack overflow shows as a status, not as a
/// crashed test run.
@Suite struct DeepNestingTests {
    static let cases: [(String, String)] = [
        ("20 000 nested quotes", String(repeating: ">", count: 20_000) + " 深\n"),
        ("50 000 nested list items", String(repeating: "- ", count: 50_000) + "项\n"),
        ("50 000 nested ordered items", String(repeating: "1. ", count: 50_000) + "项\n"),
        (
            "50 000-deep emphasis",
            String(repeating: "*", count: 50_000) + "字" + String(repeating: "*", count: 50_000) + "\n"
        ),
        ("50 000-deep raw <em>", "文" + String(repeating: "<em>", count: 50_000) + "字\n"),
        ("50 000-deep raw <div>", String(repeating: "<div>", count: 50_000) + "\n\n字\n"),
        (
            "100 000 nested fenced divs",
            String(repeating: "::: a\n", count: 100_000) + "字\n" + String(repeating: ":::\n", count: 100_000)
        ),
        (
            "quotes under six levels of sections",
            "# 一\n\n# 二\n\n## 三\n\n### 四\n\n#### 五\n\n##### 六\n\n###### 七\n\n"
                + String(repeating: "> ", count: 100) + "字\n"
        ),
        (
            "quotes in a deep div",
            String(repeating: "::: a\n", count: 100) + String(repeating: "> ", count: 5000) + "字\n"
        ),
    ]

    @Test(arguments: cases.map(\.0))
    func treeEndsWithAWarning(_ name: String) throws {
        let markdown = try #require(Self.cases.first { $0.0 == name }?.1)
        let project = try HostileProject()
        defer { project.remove() }
        try project.write(markdown, to: "ch.md")
        try project.book()
        let galley = Repository.galleyExecutable.path
        let result = try runProcess(
            "/bin/bash",
            [
                "-c", "ulimit -v 4000000; exec \"$0\" tree \"$1\" >/dev/null",
                galley, project.root.path,
            ])
        #expect(
            result.status == 0 || result.status == 1,
            "galley tree ended with \(result.status): \(result.standardError.suffix(500))")
        #expect(result.standardError.contains("[markdown.too-deep]"), "\(result.standardError.prefix(500))")
        // One line each, located file:line (not only file, as a late flattening would be).
        let lines = result.standardError.split(separator: "\n")
        #expect(
            lines.allSatisfy { $0.hasPrefix("Source/ch.md:") && $0.dropFirst(13).first?.isNumber == true },
            "every message is one line located file:line: \(lines)")
    }
}

/// Point 3 of issue 10: each condition one clear located line.
@Suite struct ReaderMessageTests {
    func messages(_ project: HostileProject) -> [Diagnostic] {
        let diagnostics = project.read().diagnostics
        for diagnostic in diagnostics {
            #expect(
                !diagnostic.description.contains("\n") && !diagnostic.description.contains("Domain="),
                "\(diagnostic.description)")
        }
        return diagnostics
    }

    @Test func chapterThatIsAFolder() throws {
        let project = try HostileProject()
        defer { project.remove() }
        try FileManager.default.createDirectory(
            at: project.source.appendingPathComponent("ch.md"),
            withIntermediateDirectories: true)
        try project.book()
        let errors = messages(project).with("bookyaml.not-a-file")
        #expect(
            errors.map(\.description) == [
                "Source/book.yaml:4: error: the chapter `ch.md` listed in book.yaml is not a regular file "
                    + "(it is a folder) [bookyaml.not-a-file]"
            ])
    }

    /// Opening a FIFO for reading blocks until a writer comes: the reader
    /// must tell it apart without opening it (a regression hangs here).
    @Test func chapterThatIsAFIFO() throws {
        let project = try HostileProject()
        defer { project.remove() }
        #expect(mkfifo(project.source.appendingPathComponent("ch.md").path, 0o600) == 0)
        try project.book()
        let errors = messages(project).with("bookyaml.not-a-file")
        #expect(
            errors.first?.message.hasSuffix("is not a regular file (it is a named pipe (FIFO))") == true,
            "\(errors)")
    }

    @Test(arguments: [
        ("UTF-16LE", String.Encoding.utf16LittleEndian, [UInt8]([0xFF, 0xFE])),
        ("UTF-16BE", .utf16BigEndian, [0xFE, 0xFF]),
        ("UTF-32LE", .utf32LittleEndian, [0xFF, 0xFE, 0, 0]),
        ("UTF-32BE", .utf32BigEndian, [0, 0, 0xFE, 0xFF]),
    ])
    func wideChaptersAreDecodedByTheirBOM(_ name: String, _ encoding: String.Encoding, _ bom: [UInt8]) throws {
        let project = try HostileProject()
        defer { project.remove() }
        let text = "---\nrole: preface\n---\n# 前言 𠀀\n\n正文。\n"
        try project.write(Data(bom) + text.data(using: encoding)!, to: "ch.md")
        try project.book()
        let (book, diagnostics) = project.read()
        #expect(diagnostics.isEmpty, "\(name): \(diagnostics)")
        #expect(book?.divisions.first?.role == .preface)
        #expect(book?.divisions.first?.title == [.text("前言 𠀀")])
        #expect(book?.divisions.first?.blocks == [.paragraph([.text("正文。")])])
    }

    @Test func brokenUTF16IsAnError() throws {
        let project = try HostileProject()
        defer { project.remove() }
        // BOM, "a\n", then a lone high surrogate on line 2.
        try project.write(Data([0xFF, 0xFE, 0x61, 0, 0x0A, 0, 0x00, 0xD8, 0x62, 0]), to: "ch.md")
        try project.book()
        let errors = messages(project).with("markdown.encoding")
        #expect(
            errors.map(\.description) == [
                "Source/ch.md:2: error: the file is UTF-16LE (by its byte order mark) but holds an unpaired surrogate "
                    + "(byte offset 6) [markdown.encoding]"
            ])
    }

    /// Yams describes some errors over several lines, quoting the YAML.
    @Test func yamlErrorsAreOneLine() throws {
        let project = try HostileProject()
        defer { project.remove() }
        try project.write("# 章\n", to: "ch.md")
        try project.write(Data("title: a\u{01}b\nlanguage: en\nchapters: [ch.md]\n".utf8), to: "book.yaml")
        #expect(
            messages(project).map(\.description) == [
                "Source/book.yaml:1: error: YAML syntax: control characters are not allowed (byte offset 8) "
                    + "[bookyaml.syntax]"
            ])
    }

    @Test func utf16WithoutABOMIsAnError() throws {
        let project = try HostileProject()
        defer { project.remove() }
        try project.write("# 标题\n\n正文\n".data(using: .utf16LittleEndian)!, to: "ch.md")
        try project.book()
        let errors = messages(project).with("markdown.encoding")
        #expect(errors.count == 1 && errors[0].severity == .error, "\(errors)")
        #expect(errors.first?.message.contains("without a byte order mark") == true)
    }

    @Test func invalidUTF8InBookYAML() throws {
        let project = try HostileProject()
        defer { project.remove() }
        try project.write("# 章\n", to: "ch.md")
        try project.write(
            Data("title: T\nlanguage: en\nsubtitle: ab".utf8) + Data([0xC3, 0x28])
                + Data("\nchapters: [ch.md]\n".utf8), to: "book.yaml")
        let errors = messages(project).with("bookyaml.encoding")
        #expect(
            errors.map(\.description) == [
                "Source/book.yaml:3: error: the file is not valid UTF-8 at byte offset 34 [bookyaml.encoding]"
            ])
    }

    @Test func invalidUTF8InFrontMatter() throws {
        let project = try HostileProject()
        defer { project.remove() }
        try project.write(Data("---\ntitle: a".utf8) + Data([0xFF]) + Data("\n---\n# 章\n".utf8), to: "ch.md")
        try project.book()
        let errors = messages(project).with("markdown.encoding")
        #expect(
            errors.map(\.description) == [
                "Source/ch.md:2: error: the front matter is not valid UTF-8 at byte offset 12 [markdown.encoding]"
            ])
    }

    @Test(arguments: [
        ("2008-13-45", "there is no month 13"), ("2009-02-29", "month 2 of 2009 has no day 29"),
        ("2008-04-31", "month 4 of 2008 has no day 31"), ("2008-00", "there is no month 0"),
    ])
    func impossibleDates(_ date: String, _ reason: String) throws {
        let project = try HostileProject()
        defer { project.remove() }
        try project.write("# 章\n", to: "ch.md")
        try project.book("date: \(date)\n")
        let errors = messages(project).with("bookyaml.date")
        #expect(
            errors.map(\.description) == [
                "Source/book.yaml:3:7: error: `date` `\(date)` is not a real date: \(reason) [bookyaml.date]"
            ])
    }

    @Test(arguments: ["2008", "2008-12", "2008-02-29", "2000-02-29", "2008-12-31"])
    func realDates(_ date: String) throws {
        let project = try HostileProject()
        defer { project.remove() }
        try project.write("# 章\n", to: "ch.md")
        try project.book("date: \(date)\n")
        #expect(messages(project).isEmpty)
    }

    @Test func pathsWithNewlinesStayOnOneLine() throws {
        let project = try HostileProject()
        defer { project.remove() }
        try project.write("# 章\n\n![图](a\u{0B}b.png)\n", to: "ch.md")
        try project.book(chapters: ["ch.md", "a\\nb.md"])
        let descriptions = messages(project).map(\.description)
        #expect(
            descriptions.contains(
                "Source/book.yaml:5: error: the chapter `a\\nb.md` listed in book.yaml does not exist "
                    + "[bookyaml.missing-file]"
            ),
            "\(descriptions)")
    }

    /// A device (here a copy of /dev/null's) is no chapter; making one needs root.
    @Test(.enabled(if: getuid() == 0, "mknod needs root"))
    func chapterThatIsADevice() throws {
        let project = try HostileProject()
        defer { project.remove() }
        #expect(mknod(project.source.appendingPathComponent("ch.md").path, S_IFCHR | 0o600, dev_t(1 << 8 | 3)) == 0)
        try project.book()
        let errors = messages(project).with("bookyaml.not-a-file")
        #expect(
            errors.first?.message.hasSuffix("is not a regular file (it is a character device)") == true,
            "\(errors)")
    }

    @Test func duplicateChaptersAfterNormalisation() throws {
        let project = try HostileProject()
        defer { project.remove() }
        try project.write("# 章\n", to: "ch.md")
        try FileManager.default.createDirectory(
            at: project.source.appendingPathComponent("a"),
            withIntermediateDirectories: true)
        try project.link("alias.md", to: project.source.appendingPathComponent("ch.md"))
        try project.book(chapters: ["ch.md", "./ch.md", "a/../ch.md", "alias.md"])
        let errors = messages(project).with("bookyaml.duplicate-chapter")
        #expect(errors.map { $0.location?.line } == [5, 6, 7])
        #expect(errors.first?.message == "the chapter `./ch.md` is listed twice (as `ch.md`)")
    }
}

/// torture-vertical shared torture's chapters through symbolic links out of
/// its own Source/, which the reader now refuses; it holds copies instead,
/// and this keeps the copies from drifting.
@Test func tortureVerticalHoldsTortureChapters() throws {
    let torture = Repository.fixtureBook("torture").appendingPathComponent("Source")
    let vertical = Repository.fixtureBook("torture-vertical").appendingPathComponent("Source")
    for path in [
        "front/dedication.md", "front/preface.md", "chapter1.md", "chapter2.md", "chapter3.md",
        "appendix.md", "colophon.md", "images/rule.png", "images/seal.png",
    ] {
        let original = try Data(contentsOf: torture.appendingPathComponent(path))
        let copy = try Data(contentsOf: vertical.appendingPathComponent(path))
        #expect(original == copy, "torture-vertical/Source/\(path) differs from torture's")
    }
}
