import CLibXML2
import Foundation
import GalleyCore
import Testing

@testable import GalleyCheck

/// RELAX NG validation of long sibling lists in windows (SiblingWindows):
/// errors anywhere in a long list are found once, at their line, valid
/// documents stay valid, and the document is unchanged afterwards.
@Suite struct SiblingWindowsTests {
    /// A chapter of `count` sections, one per line from line 5; `broken`
    /// sections (by index) have no title, which the schema rejects.
    static func book(sections count: Int, broken: Set<Int> = []) -> (bytes: [UInt8], lineOf: (Int) -> Int) {
        var lines = [
            #"<?xml version="1.0" encoding="UTF-8"?>"#,
            #"<book xmlns="http://docbook.org/ns/docbook" version="5.0"><info><title>T</title></info>"#,
            #"<chapter xml:id="c1">"#,
            "<title>Chapter</title>",
        ]
        for index in 0..<count {
            let title = broken.contains(index) ? "" : "<title>S\(index)</title>"
            lines.append(#"<section xml:id="s\#(index)">\#(title)<para>P</para></section>"#)
        }
        lines += ["</chapter>", "</book>"]
        return (Array(lines.joined(separator: "\n").utf8), { $0 + 5 })
    }

    /// libxml2's verdict with its windows (a build asks it only for files
    /// the derivatives do not show valid, so a valid file is put to it here).
    static func libxml2Errors(_ bytes: [UInt8]) throws -> [String] {
        let document = try ParsedXMLDocument.parse(bytes, name: "book.xml").get()
        return try DocBookValidator.schema.get().validate(document, code: CheckCode.docbookSchema).map(\.description)
    }

    @Test func aLongValidListIsValid() throws {
        let (bytes, _) = Self.book(sections: SiblingWindows.size * 4 + 3)
        let diagnostics = DocBookValidator.validate(bytes, name: "book.xml")
        #expect(diagnostics.isEmpty, Comment(rawValue: diagnostics.map(\.description).joined(separator: "\n")))
        #expect(try Self.libxml2Errors(bytes).isEmpty)
    }

    /// Long lists inside a head element (a title of many inlines, a header
    /// row of many cells) are validated in windows too, each with what must
    /// follow the head (a skeleton once held the title twice, or a thead
    /// without the tbody it needs, and a valid book failed).
    @Test func aLongListInsideAHeadIsValid() throws {
        let many = SiblingWindows.size + 44
        let cells = (0..<many).map { "<entry>c\($0)</entry>" }.joined()
        let document = """
            <?xml version="1.0" encoding="UTF-8"?>
            <book xmlns="http://docbook.org/ns/docbook" version="5.0"><info><title>T</title></info>
            <chapter><title>\((0..<many).map { "<emphasis>a\($0)</emphasis> " }.joined())</title>
            <informaltable><tgroup cols="\(many)">\((0..<many).map { "<colspec colname=\"c\($0)\"/>" }.joined())
            <thead><row>\(cells)</row></thead><tbody><row>\(cells)</row></tbody></tgroup></informaltable>
            </chapter></book>
            """
        let diagnostics = DocBookValidator.validate(Array(document.utf8), name: "book.xml")
        #expect(diagnostics.isEmpty, Comment(rawValue: diagnostics.map(\.description).joined(separator: "\n")))
        #expect(try Self.libxml2Errors(Array(document.utf8)).isEmpty)
        // A block in the title's last window is found on the title's line
        // (libxml2 adds its cascade on the table's line after it).
        let broken = document.replacingOccurrences(of: "<emphasis>a\(many - 3)</emphasis>", with: "<para>p</para>")
        let found = DocBookValidator.validate(Array(broken.utf8), name: "book.xml")
            .filter { $0.code == "docbook.schema" }
        let lines = found.compactMap(\.location?.line)
        #expect(lines.contains(3) && lines.allSatisfy { (3...4).contains($0) }, "\(found.map(\.description))")
    }

    /// In the first window, at a window's edge (validated twice: as the last
    /// of one window and the neighbour of the next), and in the last window.
    /// libxml2 names the broken section or, depending on where it stands in
    /// the list, the one or two before it (so does a validation without
    /// windows); each message comes once.
    @Test(arguments: [3, SiblingWindows.size * 2 - 1, SiblingWindows.size * 3 + 1])
    func anErrorInAnyWindowIsReportedNearItsLine(_ index: Int) {
        let (bytes, lineOf) = Self.book(sections: SiblingWindows.size * 3 + 10, broken: [index])
        let diagnostics = DocBookValidator.validate(bytes, name: "book.xml")
        let report = Comment(rawValue: diagnostics.map(\.description).joined(separator: "\n"))
        let lines = diagnostics.filter { $0.code == "docbook.schema" }.compactMap { $0.location?.line }
        #expect(!lines.isEmpty, report)
        #expect(lines.allSatisfy { (lineOf(index) - 2)...lineOf(index) ~= $0 }, report)
        let messages = diagnostics.map(\.description)
        #expect(Set(messages).count == messages.count, report)
    }

    @Test func anElementOutOfOrderAfterAWindowEdgeIsReported() throws {
        // A para after sections is invalid in a chapter; here it follows the
        // first section of the third window, so only a window pass sees it.
        let count = SiblingWindows.size * 3
        var (bytes, _) = Self.book(sections: count)
        var text = String(decoding: bytes, as: UTF8.self)
        let anchor = #"<section xml:id="s\#(SiblingWindows.size * 2)">"#
        let range = try #require(text.range(of: anchor))
        text.insert(contentsOf: "<para>late</para>\n", at: range.lowerBound)
        bytes = Array(text.utf8)
        let diagnostics = DocBookValidator.validate(bytes, name: "book.xml")
        #expect(
            diagnostics.contains { $0.code == "docbook.schema" },
            Comment(rawValue: diagnostics.map(\.description).joined(separator: "\n")))
    }

    @Test func theDocumentIsUnchangedAfterValidation() throws {
        let (bytes, _) = Self.book(sections: SiblingWindows.size * 3 + 10, broken: [600])
        let many = SiblingWindows.size * 2 + 5
        let cells = (0..<many).map { "<entry>c\($0)</entry>\n" }.joined()
        // And a table of more column specs than a skeleton holds, with text between them.
        let table = """
            <informaltable><tgroup cols="\(many)">\((0..<many).map { "<colspec colname=\"c\($0)\"/>\n" }.joined())
            <thead><row>\(cells)</row></thead><tbody><row>\(cells)</row></tbody></tgroup></informaltable>
            """
        let withTable = String(decoding: bytes, as: UTF8.self).replacingOccurrences(
            of: "<title>Chapter</title>", with: "<title>Chapter</title>" + table)
        for source in [bytes, Array(withTable.utf8)] {
            let document = try ParsedXMLDocument.parse(source, name: "book.xml").get()
            let before = Self.serialized(document)
            let schema = try DocBookValidator.schema.get()
            _ = schema.validate(document, code: CheckCode.docbookSchema)
            #expect(Self.serialized(document) == before)
        }
    }

    static func serialized(_ document: ParsedXMLDocument) -> String {
        var buffer: UnsafeMutablePointer<xmlChar>?
        var size: Int32 = 0
        xmlDocDumpMemory(document.pointer, &buffer, &size)
        defer { free(buffer) }
        return buffer.map { String(cString: $0) } ?? ""
    }
}
