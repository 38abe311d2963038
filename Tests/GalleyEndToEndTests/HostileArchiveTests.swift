import Foundation
import GalleyTestSupport
import Testing

/// `galley check` on hostile EPUBs (issue 10, point 3): lying size headers,
/// deflate bombs, zip-slip names, too many entries, DTD entity attacks, and
/// documents made to exhaust memory. Each must end with exit 1 and a message
/// naming the entry, never a signal, at a peak resident size ≤ 256 MB as
/// `/usr/bin/time -v` measures it. The EPUBs are written by
/// `Tests/GalleyCheckTests/Fixtures/hostile/make_epub.py` at test time.
@Suite("galley check on hostile EPUBs")
struct HostileArchiveTests {
    struct Case: CustomStringConvertible, Sendable {
        var name: String
        /// The diagnostic code expected on standard error; nil: the EPUB is valid.
        var code: String?
        /// Text the message must contain (the entry it is about).
        var mentions: String

        var description: String { name }
    }

    static let cases: [Case] = [
        Case(name: "claim-1g", code: "epub.entry-size-mismatch", mentions: "OEBPS/chapter.xhtml"),
        Case(name: "claim-3g", code: "epub.entry-size-mismatch", mentions: "claims 3221225472"),
        Case(name: "claim-2^64", code: "epub.entry-size-mismatch", mentions: "claims 18446744073709551615"),
        Case(name: "bomb-10g", code: "epub.entry-too-large", mentions: "OEBPS/zeros.png"),
        Case(name: "bomb-10g-claims-small", code: "epub.entry-size-mismatch", mentions: "OEBPS/zeros.bin"),
        Case(name: "slip-parent", code: "epub.entry-name", mentions: "../../evil"),
        Case(name: "slip-absolute", code: "epub.entry-name", mentions: "`/abs`"),
        Case(name: "slip-backslash", code: "epub.entry-name", mentions: "a\\b"),
        Case(name: "duplicate", code: "epub.duplicate-entry", mentions: "OEBPS/chapter.xhtml"),
        Case(name: "duplicate-case", code: "epub.duplicate-entry", mentions: "OEBPS/Chapter.xhtml"),
        Case(name: "entries-100000", code: "epub.too-many-entries", mentions: "100005 entries"),
        Case(name: "xxe-chapter", code: "xml.doctype", mentions: "OEBPS/chapter.xhtml:2"),
        Case(name: "laughs-chapter", code: "xml.doctype", mentions: "OEBPS/chapter.xhtml:2"),
        Case(name: "laughs-package", code: "xml.doctype", mentions: "OEBPS/content.opf:2"),
        Case(name: "xxe-container", code: "xml.doctype", mentions: "META-INF/container.xml:2"),
        Case(name: "markup-package", code: "xml.too-much-markup", mentions: "OEBPS/content.opf"),
        Case(name: "long-ids-1000001", code: "epub.too-many-ids", mentions: "600000 ids"),
        Case(name: "long-links-1000001", code: "epub.too-many-problems", mentions: "more than 1000 problems"),
        Case(name: "valid", code: nil, mentions: "valid"),
        Case(name: "paragraph-10mb", code: nil, mentions: "valid"),
        Case(name: "elements-60mb", code: nil, mentions: "valid"),
    ]

    static let peakLimitKilobytes = 256 * 1024

    /// python3 writes the EPUBs and GNU time measures; locally a missing one
    /// skips, under CI=true it fails.
    static var toolsPresent: Bool {
        Judges.isCI
            || (Judges.which("python3") != nil && FileManager.default.isExecutableFile(atPath: "/usr/bin/time"))
    }

    static let generator = Repository.root
        .appendingPathComponent("Tests/GalleyCheckTests/Fixtures/hostile/make_epub.py")

    @Test(.enabled(if: toolsPresent, "needs python3 and /usr/bin/time (GNU time)"), arguments: cases)
    func checkEndsWithAMessageInBoundedMemory(_ hostile: Case) throws {
        let directory = try Repository.temporaryDirectory("galley-hostile")
        defer { try? FileManager.default.removeItem(at: directory) }
        let epub = directory.appendingPathComponent("\(hostile.name).epub")
        let made = try runProcess("python3", [Self.generator.path, hostile.name, epub.path])
        try #require(made.status == 0, "\(made.output)")
        // The generated files stay small: the bombs are claims, not bytes.
        let size = try #require(try FileManager.default.attributesOfItem(atPath: epub.path)[.size] as? Int)
        #expect(size < 12_000_000)

        let result = try runProcess("/usr/bin/time", ["-v", Repository.galleyExecutable.path, "check", epub.path])
        let report = result.standardError
        #expect(!report.contains("Command terminated by signal"), "\(report)")
        let peak = try #require(
            report.firstMatch(of: /Maximum resident set size \(kbytes\): ([0-9]+)/)
                .flatMap { Int($0.output.1) }, "\(report)")
        #expect(peak <= Self.peakLimitKilobytes, "peak resident size \(peak) KB")
        if let code = hostile.code {
            #expect(result.status == 1, "\(result.output)")
            let line = report.split(separator: "\n").first { $0.contains("[\(code)]") }
            #expect(line?.contains(hostile.mentions) == true, "no `\(code)` line naming \(hostile.mentions): \(report)")
            #expect(line?.contains(": error: ") == true, "\(report)")
        } else {
            #expect(result.status == 0, "\(result.output)")
            #expect(result.standardOutput.contains("valid"), "\(result.output)")
        }
    }
}
