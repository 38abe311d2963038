import Foundation
import GalleyCore
import GalleyTestSupport
import Testing

@testable import GalleyImport

struct EncodingTests {
    func filesOf(_ bytes: [UInt8], _ encoding: ImportEncoding = .auto) throws -> [String] {
        try Importer().run(bytes: bytes, encoding: encoding).files.map { $0.path + "\n" + $0.text }
    }

    @Test func gb18030GivesTheSameOutput() throws {
        let utf8 = try filesOf(Fixture.bytes("seed.txt"))
        let gb = try Fixture.bytes("seed-gb18030.txt")
        #expect(try TextDecoding.decode(gb).encoding == "GB18030")
        #expect(try filesOf(gb) == utf8)
        #expect(try filesOf(gb, .gb18030) == utf8)
        #expect(try filesOf(gb, .gbk) == utf8)   // the seed has no characters outside GBK
    }

    @Test func byteOrderMarksAndUTF16() throws {
        let seed = try Fixture.bytes("seed.txt")
        let utf8 = try filesOf(seed)
        #expect(try filesOf([0xEF, 0xBB, 0xBF] + seed) == utf8)
        let text = String(decoding: seed, as: UTF8.self)
        let le: [UInt8] = [0xFF, 0xFE] + text.utf16.flatMap { [UInt8($0 & 0xFF), UInt8($0 >> 8)] }
        let be: [UInt8] = [0xFE, 0xFF] + text.utf16.flatMap { [UInt8($0 >> 8), UInt8($0 & 0xFF)] }
        #expect(try filesOf(le) == utf8)
        #expect(try filesOf(be) == utf8)
    }

    /// Windows (CR LF) and old Mac (CR) line ends are line breaks: the seed
    /// written either way imports as with LF (with CR LF it was one long line
    /// that no rule touched).
    @Test func carriageReturnLineEndsGiveTheSameOutput() throws {
        let seed = try Fixture.bytes("seed.txt")
        let utf8 = try filesOf(seed)
        let crlf = seed.flatMap { $0 == 0x0A ? [0x0D, 0x0A] : [$0] }
        let cr = seed.map { $0 == 0x0A ? 0x0D : $0 }
        #expect(try filesOf(crlf) == utf8)
        #expect(try filesOf(cr) == utf8)
    }

    @Test func invalidBytesAreAnErrorWithTheirOffset() throws {
        let bad: [UInt8] = Array("序言\n正文".utf8) + [0xFF, 0xFF] + Array("。".utf8)
        #expect(throws: ImportDecodingError(encoding: "UTF-8", byteOffset: 13)) {
            try TextDecoding.decode(bad, as: .utf8)
        }
        #expect(throws: ImportDecodingError(encoding: "UTF-8 or GB18030", byteOffset: 13)) {
            try TextDecoding.decode(bad)
        }
    }

    @Test func refusesToOverwriteSourceUnlessForced() throws {
        let directory = try Repository.temporaryDirectory("import")
        defer { try? FileManager.default.removeItem(at: directory) }
        let result = try Fixture.seed()
        let report = directory.appendingPathComponent("import-report.md")
        try Importer.write(result, to: directory, report: report, force: false)
        let preface = directory.appendingPathComponent("Source/preface.md")
        try Data("edited".utf8).write(to: preface)
        #expect(throws: DiagnosticsError.self) {
            try Importer.write(result, to: directory, report: report, force: false)
        }
        #expect(try String(contentsOf: preface, encoding: .utf8) == "edited")
        try Importer.write(result, to: directory, report: report, force: true)
        #expect(try String(contentsOf: preface, encoding: .utf8) == result.file("preface.md"))
        let leftovers = try FileManager.default
            .contentsOfDirectory(atPath: directory.appendingPathComponent("Source").path)
        #expect(!leftovers.contains { $0.hasSuffix(".tmp") })
    }

    /// The command: invalid bytes give a located error and write nothing.
    @Test(.galleyExecutable) func commandWritesNothingForInvalidBytes() throws {
        let galley = Repository.galleyExecutable
        let directory = try Repository.temporaryDirectory("import")
        defer { try? FileManager.default.removeItem(at: directory) }
        let raw = directory.appendingPathComponent("raw.txt")
        try Data(Array("# 序言\n\n正文".utf8) + [0x81, 0x20]).write(to: raw)
        let run = try runProcess(
            galley.path,
            ["import", raw.path, "--output", directory.appendingPathComponent("out").path])
        #expect(run.status != 0)
        #expect(run.standardError.contains("byte offset 16"))
        #expect(!FileManager.default.fileExists(atPath: directory.appendingPathComponent("out").path))
    }

    /// An input with no text is an error, not an empty book.
    @Test(.galleyExecutable, arguments: [[], Array(" \n\t\r\n\u{3000}\n".utf8), [0xEF, 0xBB, 0xBF]])
    func commandRefusesAnInputWithNoText(bytes: [UInt8]) throws {
        let directory = try Repository.temporaryDirectory("import")
        defer { try? FileManager.default.removeItem(at: directory) }
        let raw = directory.appendingPathComponent("raw.txt")
        try Data(bytes).write(to: raw)
        let out = directory.appendingPathComponent("out")
        let run = try runProcess(Repository.galleyExecutable.path, ["import", raw.path, "--output", out.path])
        #expect(run.status == 1)
        let lines = run.standardError.split(separator: "\n")
        #expect(lines.count == 1, "\(run.standardError)")
        #expect(lines.first?.hasPrefix("\(raw.path): error: \(raw.path) ") == true, "\(run.standardError)")
        #expect(lines.first?.hasSuffix("nothing was written [import.no-text]") == true, "\(run.standardError)")
        #expect(!FileManager.default.fileExists(atPath: out.path))
    }
}

/// The command's options reach the importer.
struct ImportCommandTests {
    @Test(.galleyExecutable) func optionsDisableRulesAndKeepSpacing() throws {
        let galley = Repository.galleyExecutable
        let directory = try Repository.temporaryDirectory("import")
        defer { try? FileManager.default.removeItem(at: directory) }
        let raw = directory.appendingPathComponent("raw.txt")
        try Data("# 第一章 总论\n\n改革开放 30 周年,深化改革开\n\n放的进程中。\n".utf8).write(to: raw)
        let out = directory.appendingPathComponent("book")
        let report = directory.appendingPathComponent("report.md")
        let run = try runProcess(
            galley.path,
            [
                "import", raw.path, "-o", out.path, "--report", report.path,
                "--disable", "page-break-joins", "--cjk-spacing", "keep",
            ])
        #expect(run.status == 0, "\(run.output)")
        let chapter = try String(contentsOf: out.appendingPathComponent("Source/chapter-01.md"), encoding: .utf8)
        #expect(chapter.contains("\n改革开放 30 周年，深化改革开\n\n放的进程中。\n"))
        let text = try String(contentsOf: report, encoding: .utf8)
        #expect(text.contains("Disabled rules: page-break-joins."))
        #expect(text.contains("## punctuation (1)"))
        // A second run refuses to overwrite; --force overwrites.
        #expect(try runProcess(galley.path, ["import", raw.path, "-o", out.path]).status != 0)
        #expect(try runProcess(galley.path, ["import", raw.path, "-o", out.path, "--force"]).status == 0)
        #expect(try runProcess(galley.path, ["import", raw.path, "-o", out.path, "--disable", "nonsense"]).status != 0)
    }
}
