import Testing
import Yams

@testable import GalleyImport

/// What `galley import` writes as YAML reads back, through Yams (the
/// reader's parser, which takes every value as `Node.string`), as the same
/// strings, whatever the characters.
struct SourceYAMLTests {
    static let awkward = [
        "上海基层党建的探索与创新", "Part 1: The Beginning", "C# in Depth", "#hashtag", "say \"hi\"", "it's",
        "- leading dash", "? question", "2008", "2008-12", "2008-12-01", "978-7-80186-921-0", "9787801869210",
        "0123", "1.5", "true", "no", "null", "~", "", " padded ", "tab\there", "back\\slash", "𠮷野家",
        "a: b # c", "{braces}", "[brackets]", "*star", "&amp", "!bang", "%percent", "@at", "`tick", "|pipe", ">fold",
        "<<", "=", "line\nbreak", "---", "...", "---\nx",
    ]

    static func document(title: String) -> ImportDocument {
        var document = ImportDocument(divisions: [
            ImportDivision(
                role: .dedication, frontMatterTitle: title,
                blocks: [ImportBlock(kind: .paragraph, text: "x", lines: [1])])
        ])
        document.metadata.title = title
        document.metadata.subtitle = title
        document.metadata.creators = [
            ImportedCreator(
                name: title, role: "aut", displayRole: title,
                isOrganization: true)
        ]
        document.metadata.publisher = title
        document.metadata.publisherAddress = title
        document.metadata.date = title
        document.metadata.isbn = title
        document.metadata.subjects = [title, title]
        document.contents = [ContentsEntry(title: title, level: 2, page: title, lines: [1])]
        return document
    }

    static func load(_ text: String?) throws -> Node {
        let yaml = try #require(text)
        return try #require(try Yams.compose(yaml: yaml))
    }

    @Test(arguments: awkward) func bookYAMLReadsBack(_ value: String) throws {
        let files = SourceWriter.files(for: Self.document(title: value))
        let book = try Self.load(files.first { $0.path == "book.yaml" }?.text)
        for key in ["title", "subtitle", "date", "isbn"] {
            #expect(book[key]?.string == value, "\(key)")
        }
        #expect(book["creators"]?[0]?["name"]?.string == value)
        #expect(book["creators"]?[0]?["role"]?.string == value)
        #expect(book["creators"]?[0]?["organization"]?.bool == true)
        #expect(book["publisher"]?["name"]?.string == value)
        #expect(book["publisher"]?["address"]?.string == value)
        #expect(book["subjects"]?.array().map(\.string) == [value, value])
        #expect(book["contents"]?.string == "contents.yaml")
        #expect(book["chapters"]?.array().map(\.string) == ["dedication.md"])

        let contents = try Self.load(files.first { $0.path == "contents.yaml" }?.text)
        #expect(contents[0]?["title"]?.string == value)
        #expect(contents[0]?["level"]?.int == 2)
        #expect(contents[0]?["page"]?.string == value)

        let chapter = try #require(files.first { $0.path == "dedication.md" }?.text)
        // As the reader splits it: the first line `---`, up to the next line that is `---`.
        let lines = chapter.split(separator: "\n", omittingEmptySubsequences: false)
        let close = try #require(lines.dropFirst().firstIndex(of: "---"))
        #expect(lines[0] == "---")
        let frontMatter = try Self.load(lines[1..<close].joined(separator: "\n"))
        #expect(frontMatter["role"]?.string == "dedication")
        #expect(frontMatter["title"]?.string == value)
    }

    /// Keys in reading order, not sorted; sequences as libyaml writes them
    /// (not indented under their key); CJK as is; no folding of long lines.
    @Test func bookYAMLLayout() {
        var document = ImportDocument(divisions: [ImportDivision(role: .preface, blocks: [])])
        document.metadata.title = "上海基层党建的探索与创新"
        document.metadata.creators = [
            ImportedCreator(
                name: "上海市党建研究会", role: "edt", displayRole: "编著",
                isOrganization: true)
        ]
        document.metadata.publisher = "东方出版中心"
        document.metadata.date = "2008"
        document.metadata.isbn = "978-7-80186-921-0"
        document.contents = [
            ContentsEntry(
                title: String(repeating: "很长的标题", count: 30), level: 1, page: "12",
                lines: [1])
        ]
        let files = SourceWriter.files(for: document)
        #expect(
            files.first { $0.path == "book.yaml" }?.text == """
                title: 上海基层党建的探索与创新
                language: zh-Hans
                creators:
                - name: 上海市党建研究会
                  role: 编著
                  organization: true
                publisher: 东方出版中心
                date: "2008"
                isbn: 978-7-80186-921-0
                contents: contents.yaml
                chapters:
                - preface.md

                """)
        #expect(
            files.first { $0.path == "contents.yaml" }?.text == """
                - title: "\(String(repeating: "很长的标题", count: 30))"
                  level: 1
                  page: 12

                """)
        #expect(files.first { $0.path == "preface.md" }?.text == "---\nrole: preface\n---\n")
    }
}
