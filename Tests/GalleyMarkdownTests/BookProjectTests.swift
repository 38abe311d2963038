import Foundation
import GalleyCore
import GalleyTestSupport
import Testing

@testable import GalleyMarkdown

/// mdBook and GitBook projects read as they are: SUMMARY.md's chapters,
/// parts and nesting; book.toml and book.json metadata.
@Suite struct BookProjectTests {
    static func chapters(_ entries: [ManifestEntry]) -> [String] {
        entries.map { entry in
            let indent = String(repeating: "  ", count: entry.depth)
            switch entry.kind {
            case .chapter(let path): return "\(indent)\(path) “\(entry.title ?? "")”"
            case .part: return "# \(entry.title ?? "")"
            }
        }
    }

    @Test func anMDBookSummaryGivesChaptersPartsAndNesting() {
        let summary = """
            # Summary

            [Introduction](README.md)

            - [Getting **started**](start.md)
                - [Install `tool`](start/install.md)
                    - [On Linux](start/install/linux%20notes.md)
                - [Draft]()
            - [Usage](./usage.md "A title")

            ---

            # Reference

            1. [Config](ref/config.md)
            2. [Same file again, a section](ref/config.md#keys)

            <!-- - [Hidden](hidden.md) -->
            [Contributors](CONTRIBUTORS.md)
            """
        let parsed = SummaryFile.parse(summary, file: "src/SUMMARY.md")
        #expect(
            Self.chapters(parsed.entries) == [
                "README.md “Introduction”",
                "start.md “Getting started”",
                "  start/install.md “Install tool”",
                "    start/install/linux notes.md “On Linux”",
                "usage.md “Usage”",
                "# Reference",
                "ref/config.md “Config”",
                "CONTRIBUTORS.md “Contributors”",
            ])
        #expect(parsed.entries.first?.listedAt == SourceLocation(file: "src/SUMMARY.md", line: 3))
        #expect(parsed.diagnostics.isEmpty, Comment(rawValue: "\(parsed.diagnostics)"))
    }

    @Test func aGitBookSummaryWithHeadingsAndUnlinkedItems() {
        let summary = """
            ## 目录

            * [前言](README.md)

            ## 第一部分

            * [第一章](ch1/README.md)
              * [1.1 小节](ch1/a.md)
            * 第二部分（没有链接的条目）
              * [第二章](ch2.md)
            * [图片](logo.png)
            * [外部](https://example.com/)
            """
        let parsed = SummaryFile.parse(summary, file: "SUMMARY.md")
        #expect(
            Self.chapters(parsed.entries) == [
                "README.md “前言”",
                "# 第一部分",
                "ch1/README.md “第一章”",
                "  ch1/a.md “1.1 小节”",
                "# 第二部分（没有链接的条目）",
                "ch2.md “第二章”",
            ])
        // The image is reported (not a chapter); the other site is not.
        #expect(parsed.diagnostics.map(\.code) == ["project.summary-entry"])
        #expect(parsed.diagnostics.first?.location?.line == 11)
    }

    @Test func aListedFileAgainIsReportedOnce() {
        let parsed = SummaryFile.parse("- [A](a.md)\n- [A again](a.md)\n", file: "SUMMARY.md")
        #expect(Self.chapters(parsed.entries) == ["a.md “A”"])
        #expect(parsed.diagnostics.map(\.code) == ["project.summary-entry"])
    }

    /// An mdBook sub-page opening with `## Hello, World!` under the entry
    /// "Hello, World!" is titled by that heading once, not twice.
    @Test func aPageOpeningWithItsListedTitleIsNotTitledTwice() throws {
        let (book, _) = try MDBookIncludeTests.build([
            "src/SUMMARY.md": "- [Hello, World!](hello.md)\n- [1.1 Other](other.md)\n",
            "src/hello.md": "## Hello, world\n\nText.\n\n### Setup\n\nMore.\n",
            "src/other.md": "## Other\n\nText.\n",
        ])
        let hello = try #require(book?.divisions.first)
        #expect(Walk.plainText(hello.title) == "Hello, world")
        let sections = hello.blocks.compactMap { block -> String? in
            guard case .section(let section) = block else { return nil }
            return "\(section.level) \(Walk.plainText(section.title))"
        }
        #expect(sections == ["2 Setup"])
        // A different listed title wins, and the heading stays a section.
        let other = try #require(book?.divisions.last)
        #expect(Walk.plainText(other.title) == "1.1 Other")
        #expect(other.blocks.contains { if case .section = $0 { true } else { false } })
    }

    @Test func projectsAreFoundByTheirFiles() throws {
        let mdBook = BookProject.find(in: Repository.fixtureBook("mdbook-rbe"))
        #expect(mdBook.kind == .mdBook)
        #expect(mdBook.displaySource == "src")
        let gitBook = BookProject.find(in: Repository.fixtureBook("gitbook-zh"))
        #expect(gitBook.kind == .gitBook)
        #expect(gitBook.displaySource == ".")
        #expect(BookProject.find(in: Repository.defaultBook).kind == .galley)
    }

    @Test func anMDBookProjectReadsWithoutABookYAML() throws {
        let (book, _) = try BookReader().read(project: BookProject.find(in: Repository.fixtureBook("mdbook-rbe")))
        #expect(book.book.metadata.title == "通过例子学 Rust 中文版")
        #expect(book.book.metadata.language == "zh-CN")
        let outline = book.book.divisions.map { "\($0.depth) \($0.role.rawValue) \(Walk.plainText($0.title))" }
        #expect(
            outline == [
                "0 chapter 通过例子学 Rust", "0 chapter Hello World", "1 chapter 注释", "1 chapter 格式化输出",
                "2 chapter 调试（Debug）", "0 part 基础", "0 chapter 原生类型", "1 chapter 元组",
            ], Comment(rawValue: outline.joined(separator: "\n")))
    }

    @Test func aGitBookProjectTakesItsTitlesFromTheSummaryWhenAChapterHasNoHeading() throws {
        let (book, _) = try BookReader().read(project: BookProject.find(in: Repository.fixtureBook("gitbook-zh")))
        #expect(book.book.metadata.title == "排版工具入门")
        #expect(book.book.metadata.creators.map(\.name) == ["Galley 测试"])
        let titles = book.book.divisions.map { Walk.plainText($0.title) }
        #expect(
            titles == ["前言", "第一部分 基础", "第一章 安装", "1.1 在 Linux 上安装", "第二章 使用", "第二部分 进阶", "第三章 配置"],
            Comment(rawValue: titles.joined(separator: "\n")))
    }
}

/// mdBook's `{{#include}}` in an mdBook project: ranges, anchors, nesting,
/// files outside the source folder but inside the project, and refusals.
@Suite struct MDBookIncludeTests {
    /// An mdBook project in a temporary folder: `files` relative to it.
    static func build(_ files: [String: String]) throws -> (book: Book?, diagnostics: [Diagnostic]) {
        let root = try Repository.temporaryDirectory("mdbook-include")
        let all = files.merging(["book.toml": "[book]\ntitle = \"T\"\nlanguage = \"en\"\n"]) { a, _ in a }
        for (path, text) in all {
            let url = root.appendingPathComponent(path)
            try FileManager.default.createDirectory(
                at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try text.write(to: url, atomically: true, encoding: .utf8)
        }
        do {
            let (book, diagnostics) = try BookReader().read(project: BookProject.find(in: root))
            return (book.book, diagnostics)
        } catch let error as DiagnosticsError {
            return (nil, error.diagnostics)
        }
    }

    static func code(_ book: Book?) -> [String] { book.map { Walk.code(in: $0) } ?? [] }

    static let source = """
        use std::fs;
        // ANCHOR: here
        fn main() {
            // ANCHOR: inner
            println!("hi");
            // ANCHOR_END: inner
        }
        // ANCHOR_END: here
        """

    @Test func rangesAnchorsAndNestedIncludesAreExpanded() throws {
        let (book, diagnostics) = try Self.build([
            "src/SUMMARY.md": "- [A](a.md)\n",
            "src/a.md": """
            # A

            ```rust
            {{#include ../listings/main.rs:here}}
            ```

            ```rust
            {{#rustdoc_include ../listings/main.rs:2:3}}
            ```

            ```rust
            {{#include ../listings/main.rs:1}}
            ```

            ```text
            \\{{#include ../listings/main.rs}}
            ```

            {{#include part.md}}
            """,
            "src/part.md": "Included *text*, which includes {{#include ../listings/main.rs:inner}} too.\n",
            "listings/main.rs": Self.source,
        ])
        #expect(diagnostics.isEmpty, Comment(rawValue: "\(diagnostics)"))
        #expect(
            Self.code(book) == [
                "fn main() {\n    println!(\"hi\");\n}\n", "fn main() {\n", "use std::fs;\n",
                "{{#include ../listings/main.rs}}\n",
            ])
        let text = Walk.plainText(book?.divisions.first?.blocks ?? [])
        #expect(text.contains("Included text, which includes     println!(\"hi\"); too."), Comment(rawValue: text))
    }

    /// An included file written on Windows (CR LF) or old Mac OS (CR) is
    /// cut by the same lines and anchors.
    @Test(arguments: ["\r\n", "\r"])
    func anIncludedFileWithOtherLineEndsIsCutTheSame(_ lineEnd: String) throws {
        let (book, diagnostics) = try Self.build([
            "src/SUMMARY.md": "- [A](a.md)\n",
            "src/a.md": "# A\n\n```rust\n{{#include ../listings/main.rs:here}}\n```\n\n```rust\n"
                + "{{#include ../listings/main.rs:2:3}}\n```\n",
            "listings/main.rs": Self.source.replacingOccurrences(of: "\n", with: lineEnd),
        ])
        #expect(diagnostics.isEmpty, Comment(rawValue: "\(diagnostics)"))
        #expect(Self.code(book) == ["fn main() {\n    println!(\"hi\");\n}\n", "fn main() {\n"])
    }

    @Test func anIncludeOutsideTheProjectOrMissingIsLeftAsWrittenWithAWarning() throws {
        let (book, diagnostics) = try Self.build([
            "src/SUMMARY.md": "- [A](a.md)\n",
            "src/a.md":
                "# A\n\n{{#include ../../../../etc/passwd}}\n\n{{#include missing.rs}}\n\n{{#include x.rs:nope}}\n",
            "src/x.rs": "fn x() {}\n",
        ])
        #expect(book != nil)
        #expect(diagnostics.map(\.code) == ["mdbook.include", "mdbook.include", "mdbook.include"])
        #expect(diagnostics.map { $0.location?.line } == [3, 5, 7])
        let text = Walk.plainText(book?.divisions.first?.blocks ?? [])
        #expect(text.contains("{{#include missing.rs}}") && !text.contains("root:"), Comment(rawValue: text))
    }

    /// Messages after an include name the chapter file's lines, not the expanded text's.
    @Test func messagesAfterAnIncludeNameTheFilesLines() throws {
        let (_, diagnostics) = try Self.build([
            "src/SUMMARY.md": "- [A](a.md)\n",
            "src/a.md": "# A\n\n```rust\n{{#include x.rs}}\n```\n\n[x](missing.md)\n\n</div>\n",
            "src/x.rs": "fn a() {}\nfn b() {}\nfn c() {}\nfn d() {}\n",
        ])
        let lines = Dictionary(diagnostics.map { ($0.code, $0.location?.line) }, uniquingKeysWith: { a, _ in a })
        #expect(lines["links.dangling"] == 7, Comment(rawValue: "\(diagnostics)"))
        #expect(lines["markdown.unbalanced-div"] == 9, Comment(rawValue: "\(diagnostics)"))
    }

    /// The Rust book's captions quote code: `caption="… Option<T> …"` is one tag.
    @Test func aListingCaptionMayHoldAngleBrackets() throws {
        let (book, diagnostics) = try Self.build([
            "src/SUMMARY.md": "- [A](a.md)\n",
            "src/a.md": """
            # A

            <Listing number="9-11" caption="Using `?` on an `Option<T>` value">

            ```rust
            fn f() {}
            ```

            </Listing>
            """,
        ])
        #expect(diagnostics.isEmpty, Comment(rawValue: "\(diagnostics)"))
        let caption = book?.divisions.first?.blocks.compactMap { block -> String? in
            guard case .div(let attributes, _) = block else { return nil }
            return attributes["caption"]
        }
        #expect(
            caption == ["Using `?` on an `Option<T>` value"],
            Comment(rawValue: "\(book?.divisions.first?.blocks ?? [])"))
    }
}
