import Foundation
import GalleyTestSupport
import Testing
import Yams

@testable import GalleyImport

/// The seed end to end: metadata, the known repairs, and every line accounted for.
struct SeedTests {
    @Test func metadata() throws {
        let result = try Fixture.seed()
        let meta = result.document.metadata
        #expect(meta.title == "上海基层党建的探索与创新")
        #expect(
            meta.creators == [
                ImportedCreator(
                    name: "上海市党建研究会", role: "edt", displayRole: "编著",
                    isOrganization: true)
            ])
        #expect(meta.publisher == "东方出版中心")
        #expect(meta.publisherAddress == "上海市仙霞路345号")
        #expect(meta.date == "2008-12")
        #expect(meta.isbn == "978-7-80186-921-0")
        let yaml = try #require(try Yams.load(yaml: result.file("book.yaml")!) as? [String: Any])
        #expect(yaml["title"] as? String == "上海基层党建的探索与创新")
        #expect(yaml["isbn"] as? String == "978-7-80186-921-0")
        #expect(yaml["chapters"] as? [String] == ["copyright.md", "dedication.md", "preface.md", "foreword.md"])
    }

    @Test func theFivePageBreakSplitsAreJoined() throws {
        let result = try Fixture.seed()
        let joins = result.log.changes.filter { $0.rule == "page-break-joins" }
        #expect(joins.map(\.lines) == [[111, 113], [119, 121], [131, 133], [145, 147], [159, 161]])
        let foreword = try #require(result.file("foreword.md"))
        for joined in ["深化改革开放的进程中", "活动，使党的宗旨", "新型组织格局，使党的组织", "城乡党组织的互联互动", "“公推”和“直选”环节"] {
            #expect(foreword.contains(joined), "\(joined)")
        }
    }

    @Test func runningHeadsAndHeadings() throws {
        let result = try Fixture.seed()
        let removedByRunningHeads = result.log.changes.filter { $0.rule == "running-heads" }.flatMap(\.lines)
        #expect(removedByRunningHeads == [93, 95, 97, 194, 195])   // 序 / 言 / 3 and 目 / 录
        let foreword = try #require(result.file("foreword.md"))
        #expect(foreword.contains("\n# 代前言\n"))
        #expect(foreword.contains("\n## 三、创新活动方式") && foreword.contains("\n## 四、尊重党员"))
        #expect(result.file("preface.md")!.contains("\n# 序言\n"))
    }

    @Test func footnoteIsLinked() throws {
        let foreword = try #require(try Fixture.seed().file("foreword.md"))
        #expect(foreword.contains("继续探索前进。[^1]\n"))
        #expect(foreword.hasSuffix("\n[^1]: 本文为上海市党建研究会2008年11月在全国“纪念改革开放30周年党的建设和组织工作理论研讨会”上的大会交流论文。\n"))
        #expect(!foreword.contains("<sup>"))
    }

    /// Nothing lost: each non-blank line is in an output file or removed by a named
    /// rule, and the Han text of each kept line is found, in order, in its file.
    @Test func everyInputLineIsAccountedFor() throws {
        let result = try Fixture.seed()
        let fates = result.lineFates
        #expect(result.inputLines.count == 297)
        let hanOnly: (String) -> String = { String($0.filter(CJK.isHan)) }
        let files = Dictionary(uniqueKeysWithValues: result.files.map { ($0.path, hanOnly($0.text)) })
        var removed = 0
        for (index, line) in result.inputLines.enumerated() {
            let number = index + 1
            switch fates[number] {
            case nil:
                Issue.record("line \(number) is not accounted for: \(line)")
            case .blank?:
                #expect(line.trimmingCharacters(in: .whitespaces).isEmpty)
            case .removed(let rule)?:
                removed += 1
                #expect(ImportRules.names.contains(rule))
            case .output(let file)?:
                let kept = hanOnly(line)
                if file == "book.yaml" || kept.isEmpty { continue }
                let path = file == "contents.yaml" ? "contents.yaml" : file
                #expect(files[path]?.contains(kept) == true, "line \(number) (\(line)) not found in \(path)")
            }
        }
        // 2 romanised, 4 repeated title page, 5 running heads, the 目录 heading and 13 table rules.
        #expect(removed == 25)
        #expect(!ImportReportWriter.markdown(result).contains("NOT ACCOUNTED FOR"))
    }

    /// `galley import` on the seed gives the committed Source/, apart from the
    /// hand edits listed in Source/EDITS.md: every line that differs (ignoring
    /// YAML comments) must be quoted there.
    @Test func reproducesTheCommittedSource() throws {
        let source = Repository.root.appendingPathComponent("Source")
        let edits = try String(contentsOf: source.appendingPathComponent("EDITS.md"), encoding: .utf8)
        let result = try Fixture.seed()
        let committed = try FileManager.default.contentsOfDirectory(atPath: source.path)
            .filter { $0.hasSuffix(".md") || $0.hasSuffix(".yaml") }.filter { $0 != "EDITS.md" }
        #expect(Set(committed) == Set(result.files.map(\.path)))
        for file in result.files {
            let theirs = try String(contentsOf: source.appendingPathComponent(file.path), encoding: .utf8)
            let significant: (String) -> [String] = { text in
                text.split(separator: "\n").map(String.init)
                    .filter { !$0.hasPrefix("#") || !file.path.hasSuffix(".yaml") }
            }
            let ours = significant(file.text), committedLines = significant(theirs)
            for line in Set(ours).symmetricDifference(committedLines) {
                #expect(
                    edits.contains(line.trimmingCharacters(in: .whitespaces)),
                    "\(file.path): “\(line)” differs and is not listed in Source/EDITS.md")
            }
        }
    }
}
