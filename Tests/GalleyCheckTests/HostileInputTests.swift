import Foundation
import GalleyCore
import Testing

@testable import GalleyCheck

/// The pieces that make `galley check` safe on untrusted files, each on
/// inputs that break it: OCF entry names, the XML prolog (DTDs), large text
/// nodes, and the first zip header's claimed size.
@Suite struct HostileInputTests {
    @Test(arguments: [
        ("../../evil", "`..` segment"), ("/abs", "absolute"), ("a\\b", "backslash"),
        ("OEBPS//x.xhtml", "empty path segment"), ("OEBPS/./x.xhtml", "`.` segment"),
        ("OEBPS/x\u{0}.xhtml", "control character"), ("", "empty name"), ("OEBPS/../../x", "`..` segment"),
    ])
    func entryNamesThatLeaveTheContainerAreRefused(name: String, reason: String) throws {
        let problem = try #require(OCFEntryName.problem(name))
        #expect(problem.contains(reason), "\(problem)")
    }

    @Test(arguments: [
        "mimetype", "META-INF/", "META-INF/container.xml", "OEBPS/text/ch-01.xhtml", "OEBPS/图.png",
        "a..b/c.xhtml",
    ])
    func ordinaryEntryNamesPass(name: String) {
        #expect(OCFEntryName.problem(name) == nil)
    }

    @Test func duplicateNamesAreReportedExactlyAndAfterCaseFolding() {
        let problems = EPUBArchiveReader.nameProblems([
            "OEBPS/a.xhtml", "OEBPS/a.xhtml", "OEBPS/A.XHTML",
            "OEBPS/e\u{301}.xhtml", "OEBPS/\u{e9}.xhtml", "OEBPS/b.xhtml",
        ])
        #expect(problems.map(\.name) == ["OEBPS/a.xhtml", "OEBPS/A.XHTML", "OEBPS/\u{e9}.xhtml"])
        #expect(problems.allSatisfy { $0.code.rawValue == "epub.duplicate-entry" })
    }

    static let laughs = """
        <?xml version="1.0"?>
        <!-- a comment first -->
        <!DOCTYPE lolz [
          <!ENTITY lol "lol">
          <!ENTITY lol1 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
        ]>
        <lolz>&lol1;</lolz>
        """

    /// A DocBook file nested thousands deep crashed `galley check` (libxml2's
    /// RELAX NG validation recursed past the stack at 3 000 levels): past
    /// `maximumDepth` it is refused with one line; a deep but bounded one is validated.
    @Test(arguments: [(3_000, true), (DocBookValidator.maximumDepth + 1, true), (900, false)])
    func aDocBookFileNestedTooDeepIsRefused(_ depth: Int, _ refused: Bool) {
        // book > chapter > (depth - 3) blockquotes > para: `depth` levels.
        let quotes = depth - 3
        let text = """
            <?xml version="1.0" encoding="UTF-8"?>
            <book xmlns="http://docbook.org/ns/docbook" version="5.0"><info><title>T</title></info>
            <chapter><title>C</title>\(String(repeating: "<blockquote>", count: quotes))<para>x</para>\
            \(String(repeating: "</blockquote>", count: quotes))</chapter></book>
            """
        let diagnostics = DocBookValidator.validate(Array(text.utf8), name: "deep.xml")
        if refused {
            #expect(diagnostics.map(\.code) == [CheckCode.xmlTooDeep.rawValue], "\(diagnostics)")
        } else {
            #expect(diagnostics.isEmpty, "\(diagnostics)")
        }
    }

    @Test func aDoctypeWithAnInternalSubsetIsRefusedWithItsLine() throws {
        let refusal = try #require(XMLProlog.refusal(Array(Self.laughs.utf8)))
        #expect(refusal.code.rawValue == "xml.doctype")
        #expect(refusal.line == 3)
        let parsed = ParsedXMLDocument.parse(Array(Self.laughs.utf8), name: "lolz.xml")
        guard case .failure(let diagnostic) = parsed else {
            Issue.record("a billion-laughs document was parsed")
            return
        }
        #expect(diagnostic.code == "xml.doctype")
        #expect(diagnostic.location?.line == 3)
    }

    @Test(arguments: [
        "<!DOCTYPE html [<!ENTITY xxe SYSTEM \"file:///etc/passwd\">]><html>&xxe;</html>",
        "\u{FEFF}<!DOCTYPE html SYSTEM \"about:legacy-compat\" [<!ENTITY x \"y\">]><html/>",
        "<?xml version=\"1.0\"?><?pi with ?><!DOCTYPE a PUBLIC \"-//x>\" 'y]' [<!ELEMENT a ANY>]><a/>",
    ])
    func everyInternalSubsetIsRefused(xml: String) {
        #expect(XMLProlog.refusal(Array(xml.utf8))?.code.rawValue == "xml.doctype", "\(xml)")
    }

    @Test(arguments: [
        "<!DOCTYPE html>\n<html xmlns=\"http://www.w3.org/1999/xhtml\"/>",
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<!DOCTYPE html>\n<html/>",
        "<!DOCTYPE ncx PUBLIC \"-//NISO//DTD ncx 2005-1//EN\"\n"
            + " \"http://www.daisy.org/z3986/2005/ncx-2005-1.dtd\"><ncx/>",
        "<a>[<!-- ]> --></a>",
    ])
    func doctypesWithoutASubsetPass(xml: String) {
        #expect(XMLProlog.refusal(Array(xml.utf8)) == nil, "\(xml)")
        if case .failure(let diagnostic) = ParsedXMLDocument.parse(Array(xml.utf8), name: "ok.xml") {
            Issue.record("\(diagnostic)")
        }
    }

    @Test func utf16IsRefusedBeforeParsing() {
        let bytes: [UInt8] = [0xFF, 0xFE] + Array("<a/>".utf16).flatMap { [UInt8($0 & 0xFF), UInt8($0 >> 8)] }
        #expect(XMLProlog.refusal(bytes)?.code.rawValue == "xml.encoding")
    }

    @Test func anEmptyDocumentIsADiagnosticNotACrash() {
        guard case .failure(let diagnostic) = ParsedXMLDocument.parse([], name: "empty.xml") else {
            Issue.record("an empty document was parsed")
            return
        }
        #expect(diagnostic.code == "xml.not-well-formed")
    }

    /// libxml2 refuses text nodes over 10 000 000 bytes without XML_PARSE_HUGE.
    static let tenMegabyteParagraph = String(repeating: "长文。", count: 1_200_000)

    @Test func aTenMegabyteParagraphIsValidDocBook() throws {
        let xml = """
            <?xml version="1.0" encoding="UTF-8"?>
            <book xmlns="http://docbook.org/ns/docbook" version="5.0" xml:lang="zh-Hans">
            <info><title>书</title></info>
            <chapter xml:id="c1"><title>章</title><para>\(Self.tenMegabyteParagraph)</para></chapter>
            </book>
            """
        #expect(xml.utf8.count > 10_000_000)
        #expect(DocBookValidator.validate(Array(xml.utf8), name: "big.xml").map(\.description) == [])
    }

    @Test func aTenMegabyteParagraphStreams() {
        let xml = "<html xmlns=\"http://www.w3.org/1999/xhtml\"><p>\(Self.tenMegabyteParagraph)</p></html>"
        var longest = 0
        let failure = XMLStreamScanner.scan(Array(xml.utf8), name: "big.xhtml") { event in
            if case .text(let value) = event {
                longest = max(
                    longest,
                    strlen(
                        UnsafeRawPointer(value)
                            .assumingMemoryBound(to: CChar.self)))
            }
            return true
        }
        #expect(failure == nil)
        #expect(longest == Self.tenMegabyteParagraph.utf8.count)
    }

    @Test func theStreamRefusesADoctypeSubsetToo() {
        let failure = XMLStreamScanner.scan(Array(Self.laughs.utf8), name: "lolz.xml") { _ in true }
        #expect(failure?.code == "xml.doctype")
    }

    @Test func aFirstHeaderClaimingFourGigabytesReadsAtMostFourKilobytes() throws {
        var header: [UInt8] = [0x50, 0x4B, 0x03, 0x04] + [UInt8](repeating: 0, count: 26)
        header[18...21] = [0xFF, 0xFF, 0xFF, 0xFF]   // compressed size 2^32 - 1
        header[26] = 8   // name length
        var asked: [Int] = []
        let entry = try #require(
            ZipFirstEntry.parse(header: header) { count in
                asked.append(count)
                return Array("mimetypeapplication/epub+zip".utf8)
            })
        #expect(asked == [8 + 4096])
        #expect(entry.name == "mimetype")
        #expect(entry.content == Array("application/epub+zip".utf8))
    }
}
