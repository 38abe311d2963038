import Foundation
import GalleyTestSupport
import Testing

/// `![x](a.png){#fig1}` gives the image an id, and links to it from the same
/// chapter or another resolve in the EPUB and the DocBook (issue 9).
@Suite("Links to image ids")
struct ImageIDLinkTests {
    static let built = Result { () throws -> BuiltBook in
        let project = try Repository.temporaryDirectory("galley-image-ids")
        let source = project.appendingPathComponent("Source")
        try FileManager.default.createDirectory(
            at: source.appendingPathComponent("images"), withIntermediateDirectories: true)
        try FileManager.default.copyItem(
            at: Repository.root.appendingPathComponent("Tests/Books/torture/Source/images/rule.png"),
            to: source.appendingPathComponent("images/rule.png"))
        try "title: 图\nlanguage: zh-Hans\nchapters: [a.md, b.md]\n"
            .write(to: source.appendingPathComponent("book.yaml"), atomically: true, encoding: .utf8)
        try "# 甲\n\n![图一](images/rule.png){#fig1 .wide}\n\n行内 ![小图](images/rule.png){#fig2} 文字。\n"
            .write(to: source.appendingPathComponent("a.md"), atomically: true, encoding: .utf8)
        try "# 乙\n\n[见图一](a.md#fig1)，[见图二](a.md#fig2)。\n\n{#fig3} 不是属性。\n"
            .write(to: source.appendingPathComponent("b.md"), atomically: true, encoding: .utf8)
        return try BuiltBook.make(project).get()
    }

    @Test func theImagesCarryTheirIdsAndTheLinksResolveInTheEPUB() throws {
        let files = try Self.built.get().xhtmlFiles()
        let xhtml = try files.map { try String(contentsOf: $0, encoding: .utf8) }.joined()
        #expect(xhtml.contains(#"<img id="fig1" class="wide" src="../images/rule.png" alt="图一"/>"#), "\(xhtml)")
        #expect(xhtml.contains(#"<img id="fig2" src="../images/rule.png" alt="小图"/>"#))
        #expect(xhtml.contains(#"<a href="ch001.xhtml#fig1">见图一</a>"#))
        #expect(xhtml.contains(#"<a href="ch001.xhtml#fig2">见图二</a>"#))
        // Braces that follow no image stay text.
        #expect(xhtml.contains("{#fig3} 不是属性。"))
    }

    @Test func theLinksResolveInTheDocBook() throws {
        let docbook = try String(contentsOf: try Self.built.get().docbook, encoding: .utf8)
        #expect(docbook.contains(#"<mediaobject xml:id="fig1""#), "\(docbook)")
        #expect(docbook.contains(#"<inlinemediaobject xml:id="fig2">"#))
        #expect(docbook.contains(#"<link linkend="fig1">见图一</link>"#))
        #expect(docbook.contains(#"<link linkend="fig2">见图二</link>"#))
    }
}
