import Foundation
import GalleyCheck
import GalleyFonts
import GalleyTestSupport
import Testing

/// `fonts:` in book.yaml: the default book with Noto Serif CJK SC (Debian
/// `fonts-noto-cjk`, found through fontconfig) embedded, subset to its
/// characters.
@Suite(.galleyExecutable) struct FontEmbeddingTests {
    /// The default book in a temporary folder, `fonts:` appended to its book.yaml.
    func project(fonts: String) throws -> URL {
        let project = try Repository.temporaryDirectory("galley-fonts").appendingPathComponent("book")
        try FileManager.default.createDirectory(at: project, withIntermediateDirectories: true)
        for folder in ["Source", "Styles"] {
            try FileManager.default.copyItem(
                at: Repository.defaultBook.appendingPathComponent(folder), to: project.appendingPathComponent(folder))
        }
        let yaml = project.appendingPathComponent("Source/book.yaml")
        try (String(contentsOf: yaml, encoding: .utf8) + fonts).write(to: yaml, atomically: true, encoding: .utf8)
        return project
    }

    func build(_ project: URL) throws -> (status: Int32, output: String, epub: URL) {
        let output = project.appendingPathComponent("Build")
        let result = try runProcess(
            Repository.galleyExecutable.path, ["build", project.path, "--output", output.path],
            environment: ["SOURCE_DATE_EPOCH": "1700000000"])
        return (result.status, result.output, output.appendingPathComponent("book.epub"))
    }

    /// Every character of the pages' text, as a reader's font must draw it.
    static func pageCharacters(_ archive: EPUBArchiveReader) -> Set<Unicode.Scalar> {
        var characters: Set<Unicode.Scalar> = []
        for name in archive.names where name.hasSuffix(".xhtml") {
            var text = String(decoding: archive.read(name) ?? [], as: UTF8.self)
            text = text.replacing(/<[^>]*>/, with: " ")
            characters.formUnion(text.unicodeScalars.filter { !$0.properties.isWhitespace && $0 != "&" && $0 != ";" })
        }
        return characters
    }

    @Test(.judge("epubcheck"), .judge("fc-list"))
    func theSubsetHoldsEveryCharacterOfTheBookAndPassesEPUBCheck() throws {
        let project = try project(fonts: "fonts:\n  - family: Noto Serif CJK SC\n")
        let (status, output, epub) = try build(project)
        #expect(status == 0, Comment(rawValue: output))
        #expect(!output.contains("warning"), Comment(rawValue: output))
        let archive = try EPUBArchiveReader.open(epub).get()
        let fontName = try #require(archive.names.first { $0.hasPrefix("OEBPS/fonts/") && $0.hasSuffix(".otf") })
        let font = try #require(archive.read(fontName))
        // Read back with HarfBuzz: the subset maps every character the pages show.
        let mapped = FontSubsetter.characters(of: font)
        let needed = Self.pageCharacters(archive)
        #expect(needed.count > 500)
        let lacking = needed.subtracting(mapped).filter { $0.value > 0x7F }
        #expect(lacking.isEmpty, Comment(rawValue: String(String.UnicodeScalarView(lacking))))
        // A subset, not the 26 MB collection: at most 3 MB (issue 14), and far fewer glyphs than the font.
        #expect(font.count <= 3_000_000 && font.count > 10_000, "\(font.count) bytes")
        #expect(mapped.count < 2 * needed.count + 500)
        let css = String(decoding: archive.read("OEBPS/styles/fonts.css") ?? [], as: UTF8.self)
        #expect(css.contains("@font-face") && css.contains("font-family: \"Noto Serif CJK SC\""))
        let opf = String(decoding: archive.read("OEBPS/content.opf") ?? [], as: UTF8.self)
        #expect(opf.contains("media-type=\"font/otf\""))
        let check = try EPUBCheck.run(epub)
        #expect(check.isClean, Comment(rawValue: check.output))
        print("font-embedding: \(needed.count) characters in the pages, subset \(font.count) bytes")
    }

    @Test(.judge("epubcheck"), .judge("fc-list"))
    func obfuscatedFontsAreListedAndRestoreByTheIDPFAlgorithm() throws {
        let project = try project(fonts: "fonts:\n  - family: Noto Serif CJK SC\n    obfuscate: true\n")
        let (status, output, epub) = try build(project)
        #expect(status == 0, Comment(rawValue: output))
        let archive = try EPUBArchiveReader.open(epub).get()
        let encryption = String(decoding: archive.read("META-INF/encryption.xml") ?? [], as: UTF8.self)
        #expect(encryption.contains("http://www.idpf.org/2008/embedding"))
        let fontName = try #require(archive.names.first { $0.hasPrefix("OEBPS/fonts/") })
        #expect(encryption.contains("URI=\"\(fontName)\""))
        let stored = try #require(archive.read(fontName))
        // Not an OpenType file as stored ("OTTO" is XORed away) …
        #expect(Array(stored.prefix(4)) != Array("OTTO".utf8))
        // … and one again after the XOR with the SHA-1 of the identifier (computed here by sha1sum).
        let opf = String(decoding: archive.read("OEBPS/content.opf") ?? [], as: UTF8.self)
        let identifier = try #require(opf.firstMatch(of: /<dc:identifier id="[^"]*">([^<]*)</)?.output.1)
        let keyFile = project.appendingPathComponent("identifier.txt")
        try Data(identifier.filter { !$0.isWhitespace }.utf8).write(to: keyFile)
        let sha = try runProcess("sha1sum", [keyFile.path])
        let hex = Array(sha.standardOutput.prefix(40))
        let key = stride(from: 0, to: 40, by: 2).map { UInt8(String(hex[$0...$0 + 1]), radix: 16)! }
        var font = stored
        for i in 0..<min(1040, font.count) { font[i] ^= key[i % 20] }
        #expect(Array(font.prefix(4)) == Array("OTTO".utf8))
        #expect(FontSubsetter.characters(of: font).contains("党"))
        let check = try EPUBCheck.run(epub)
        #expect(check.isClean, Comment(rawValue: check.output))
    }

    @Test func aFontThatIsNotInstalledIsAnErrorAndNothingIsPublished() throws {
        let project = try project(fonts: "fonts:\n  - family: No Such Font Family 12345\n")
        let (status, output, epub) = try build(project)
        #expect(status != 0)
        #expect(
            output.contains("No Such Font Family 12345") && output.contains("[epub.font]"), Comment(rawValue: output))
        #expect(!FileManager.default.fileExists(atPath: epub.path))
    }

    @Test(.judge("fc-list"))
    func charactersTheFontLacksAreNamed() throws {
        let project = try project(fonts: "fonts:\n  - family: Noto Serif CJK SC\n")
        let chapter = project.appendingPathComponent("Source/preface.md")
        let text = try String(contentsOf: chapter, encoding: .utf8)
        // Two Tangut characters: no CJK font has them.
        try (text + "\n西夏文：\u{17000}\u{17001}。\n").write(to: chapter, atomically: true, encoding: .utf8)
        let (status, output, _) = try build(project)
        #expect(status == 0, Comment(rawValue: output))
        #expect(
            output.contains("[epub.font-missing-characters]") && output.contains("U+17000"), Comment(rawValue: output))
    }

    /// Chromium loads the embedded face for a page of the book (document.fonts reports it loaded).
    @Test(.judge("chromium"), .judge("fc-list"))
    func chromiumRendersWithTheEmbeddedFont() throws {
        let project = try project(fonts: "fonts:\n  - family: Noto Serif CJK SC\n")
        let (status, output, epub) = try build(project)
        #expect(status == 0, Comment(rawValue: output))
        let archive = try EPUBArchiveReader.open(epub).get()
        let folder = project.appendingPathComponent("unzipped")
        for name in archive.names where !name.hasSuffix("/") {
            let url = folder.appendingPathComponent(name)
            try FileManager.default.createDirectory(
                at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try Data(archive.read(name) ?? []).write(to: url)
        }
        let page = folder.appendingPathComponent("OEBPS/text/font-probe.html")
        try """
        <!DOCTYPE html><html lang="zh-Hans"><head><meta charset="utf-8"/>
        <link rel="stylesheet" href="../styles/galley.css"/><link rel="stylesheet" href="../styles/fonts.css"/></head>
        <body><p id="p">上海基层党建的探索与创新</p><p id="status">pending</p>
        <script>
        document.fonts.load('16px "Noto Serif CJK SC"', '党').then(faces => {
          document.getElementById('status').textContent =
            'faces ' + faces.length + ' ' + [...document.fonts].map(f => f.family + ':' + f.status).join(',');
        });
        </script></body></html>
        """.write(to: page, atomically: true, encoding: .utf8)
        let chromium = try runProcess(
            "chromium",
            [
                "--headless", "--no-sandbox", "--disable-gpu", "--allow-file-access-from-files",
                "--virtual-time-budget=5000", "--dump-dom", page.absoluteString,
            ])
        #expect(chromium.status == 0, Comment(rawValue: chromium.output))
        #expect(chromium.output.contains("faces 1 Noto Serif CJK SC:loaded"), Comment(rawValue: chromium.output))
    }
}
