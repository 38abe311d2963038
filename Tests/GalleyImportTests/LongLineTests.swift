import Foundation
import Testing

@testable import GalleyImport

/// No input may hang galley: lines of 100,000–200,000 spaces, dots and
/// alternating Han and spaces import and lint (the regular expressions the
/// scans replaced took minutes on them). The tests look at what the rules
/// did, never at the clock.
@Suite struct LongLineTests {
    static let spaces = String(repeating: " ", count: 200_000)
    static let alternating = String(repeating: "中 ", count: 100_000)
    static let dots = String(repeating: ".", count: 100_000)

    func chapter(_ result: ImportResult) -> String {
        result.files.first { $0.path.hasPrefix("chapter-") }?.text ?? ""
    }

    @Test func aLineOfSpacesLosesThemBesideFullWidthPunctuation() {
        let result = Importer().run(text: "# 第一章 开始\n\n前文。\(Self.spaces)后文。\n")
        #expect(chapter(result).contains("前文。后文。"))
        let paged = Importer().run(text: "第一章 开始\n前文，\(Self.spaces)后文。\n\u{0C}")
        #expect(chapter(paged).contains("前文，后文。"))
    }

    @Test func alternatingHanAndSpacesKeepTheSpacesInProseAndLoseThemInHeadings() {
        let result = Importer().run(text: "# 第一章 \(Self.alternating)\n\n\(Self.alternating)\n")
        #expect(chapter(result).contains("第一章 " + String(repeating: "中", count: 100_000) + "\n"))
        #expect(chapter(result).contains(Self.alternating.trimmed))
    }

    @Test func aLineOfDotsInChineseIsAnEllipsis() {
        let result = Importer().run(text: "# 第一章\n\n他说\(Self.dots)\n")
        #expect(chapter(result).contains("他说……"))
        let paged = Importer().run(text: "第一章\n\(Self.dots)\n\u{0C}")
        #expect(chapter(paged).contains(Self.dots))
    }

    @Test func lintReportsEachRunOnce() {
        let lint = TypographyLint()
        let spaced = lint.lint("前文，\(Self.spaces)后文。\n", file: "a.md")
        #expect(spaced.map(\.rule) == ["punctuation-spacing"])
        #expect(spaced.first?.fix?.length == 200_000)
        let alternating = lint.lint(Self.alternating + "\n", file: "a.md")
        #expect(alternating.count == 99_999)
        #expect(Set(alternating.map(\.rule)) == ["han-spacing"])
        let dotted = lint.lint("他说\(Self.dots)\n", file: "a.md")
        #expect(dotted.map(\.rule) == ["ellipsis-and-dash"])
        #expect(dotted.first?.fix?.length == 100_000)
        let heading = lint.lint("# 标题\(Self.spaces){#x}\n\n\(Self.dots)\n", file: "a.md")
        #expect(heading.isEmpty)
    }

    @Test func aParagraphOfManyLinesOrManyPiecesIsJoinedOnce() {
        // Each piece its own (the same short line on many pages would be a running head).
        let lines = (0..<200_000).map { "文\($0)字" }
        let wrapped = Importer().run(text: "# 第一章 开始\n\n" + lines.joined(separator: "\n") + "\n")
        let whole = chapter(wrapped).contains(lines.joined() + "\n")
        #expect(whole)
        let pieces = lines.prefix(50_000)
        let cut = Importer().run(text: "# 第一章 开始\n\n" + pieces.joined(separator: "\n\n") + "\n")
        let joined = chapter(cut).contains(pieces.joined() + "\n")
        #expect(joined)
        #expect(cut.log.changes.filter { $0.rule == "page-break-joins" }.count == 49_999)
    }

    @Test func manyNotesFindTheirMarkers() {
        let markers = String(repeating: "中①", count: 20_000) + "。"
        let notes = (0..<20_000).map { "①注释\($0)。" }.joined(separator: "\n\n")
        let result = Importer().run(text: "# 第一章 开始\n\n\(markers)\n\n\(notes)\n")
        let definitions = result.document.divisions.flatMap(\.blocks).filter(\.isFootnote)
        #expect(definitions.count == 20_000)
        #expect(chapter(result).contains("中[^20000]中[^19999]"))
        #expect(!result.log.findings.contains { $0.rule == "footnotes" })
    }

    @Test func nestedBracketsAndCatalogueMarks() {
        let nested = "中" + String(repeating: "(", count: 50_000) + String(repeating: ")", count: 50_000)
        let converted = PunctuationRule.convert(nested)
        // The outer pair stands beside Han text and becomes full width; the inner ones hold none.
        let outer = converted.hasPrefix("中（(") && converted.hasSuffix(")）") && converted.count == nested.count
        #expect(outer)
        #expect(!TypographyLint.isCatalogueRecord(Array(String(repeating: "Ⅰ.", count: 50_000) + "Ⅱ")))
    }

    // MARK: - The scans do what the patterns they replace did

    /// Short random strings over the characters the patterns look at.
    static let samples: [String] = {
        let pieces = [
            " ", " ", "\t", "\u{3000}", ".", ".", "…", "·", "1", "2", "0", "i", "v", "x", "m", "a", "Q", "%", "中", "文",
            "，", "。", "“", "”", "（", "）", "《", "/", "-", "－", "×", "<b>", "</b>", "[^", "]", "<sup>", "</sup>",
            "①", "第", "章", "分", "{", "}", "Ⅰ", "Ⅱ", "．", ". ",
        ]
        var state: UInt64 = 0x9E37_79B9_7F4A_7C15
        func next(_ bound: Int) -> Int {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return Int((state >> 33) % UInt64(bound))
        }
        return (0..<6000).map { _ in (0..<next(14)).map { _ in pieces[next(pieces.count)] }.joined() }
    }()

    static func regexClean(_ text: String, keep: Bool) -> String {
        var text = text
        text = text.replacing("([0-9])(?:[ \\t]+[-－][ \\t]*|[ \\t]*[-－][ \\t]+)(?=[0-9])", with: "$1-")
        text = text.replacing("([0-9])[ \\t]*×[ \\t]*(?=[0-9])", with: "$1×")
        if !keep {
            text = text.replacing("(\\p{Han})[ \\t\\u3000]+(?=[A-Za-z0-9])(?![0-9]+/[0-9]+)", with: "$1")
            text = text.replacing("([A-Za-z0-9%])[ \\t\\u3000]+(?=\\p{Han})", with: "$1")
        }
        text = text.replacing("[ \\t\\u3000]+(?=[，。、；：？！）》」』”])", with: "")
        text = text.replacing("([，。、；：？！（《「『“])[ \\t\\u3000]+", with: "$1")
        text = text.replacing("([\\p{Han}，。、；：？！])[ \\t\\u3000]+(?=[“‘（《「『])", with: "$1")
        text = text.replacing("([”’）》」』])[ \\t\\u3000]+(?=[\\p{Han}“‘（《])", with: "$1")
        return text
    }

    static func regexRemoveHanSpaces(_ text: String) -> String {
        if let prefix = text.capture("^(第[一二三四五六七八九十百零〇0-9]+[章节篇部]分?[ \\t\\u3000]+)") {
            return prefix + regexRemoveHanSpaces(String(text.dropFirst(prefix.count)))
        }
        return text.replacing("(\\p{Han})[ \\t\\u3000]+(?=\\p{Han})", with: "$1")
    }

    static func regexSplit(_ text: String) -> (String, String?) {
        let pattern = "(?:\\.{2,}|…+|\\t|\\s{2,}|\\s)\\s*([0-9]{1,4}|[ivxlcdm]{1,6})$"
        guard let page = text.capture(pattern) else { return (text, nil) }
        let title = text.replacing(pattern, with: "").replacing("[\\s.…]+$", with: "")
        if !text.matches("(\\.{2,}|…+|\\t)\\s*[0-9ivxlcdm]+$") && title.isEmpty { return (text, nil) }
        return (title, page)
    }

    @Test func scansAgreeWithThePatternsTheyReplace() {
        for text in Self.samples {
            for keep in [false, true] {
                #expect(SpacingRule.clean(text, keepLatinSpacing: keep) == Self.regexClean(text, keep: keep), "\(text)")
            }
            #expect(SpacingRule.removeHanSpaces(text) == Self.regexRemoveHanSpaces(text), "\(text)")
            #expect(
                TextScanning.strippingFolio(text) == text.replacing("^[0-9]{1,4}\\s+|\\s+[0-9]{1,4}$", with: ""),
                "\(text)")
            #expect(
                TextScanning.strippingFolio(text, padded: true)
                    == text.replacing("^\\s*[0-9]{1,4}\\s+|\\s+[0-9]{1,4}\\s*$", with: ""), "\(text)")
            #expect(
                TextScanning.strippingFolio(text, roman: true, padded: true)
                    == text.replacing(
                        "^\\s*([0-9]{1,4}|[ivxlc]{1,6})\\s+|\\s+([0-9]{1,4}|[ivxlc]{1,6})\\s*$", with: ""), "\(text)")
            #expect(
                TextScanning.endsWithLeaderAndPage(text)
                    == text.matches("(\\.{4,}|…{2,}|(\\. ){3,}|·{3,})\\s*[0-9ivxlc]{1,4}\\s*$"), "\(text)")
            #expect(
                TextScanning.strippingLeaderAndPage(text) == text.replacing("[.…·\\s]+[0-9ivxlc]+\\s*$", with: ""),
                "\(text)")
            #expect(
                TextScanning.endsWithSpacedPage(text)
                    == text.matches("(\\t|\\s{2,}|…|</b>\\s*)(<b>)?[0-9ivxlc]+(</b>)?\\s*$"), "\(text)")
            let trimmed = text.trimmed
            #expect(PrintedContentsRule.split(trimmed) == Self.regexSplit(trimmed), "\(trimmed)")
            #expect(
                PageBreakJoinsRule.lastCharacter(text)
                    == text.replacing("(\\[\\^[^\\]]+\\]|<sup>[^<]*</sup>|[\\x{2460}-\\x{2473}]|\\s)+$", with: "").last,
                "\(text)")
            #expect(CopyrightPageRule.fullWidthSlashes(text) == text.replacing("\\s*/\\s*", with: "／"), "\(text)")
            #expect(
                TypographyLint.isCatalogueRecord(Array(text))
                    == (text.contains(". —") || text.matches("Ⅰ\\s*[.．].*Ⅱ\\s*[.．]")), "\(text)")
            let row = Array(text)
            let attributes = String(row).capture("(\\s*\\{[^{}]*\\}\\s*)$")?.count ?? 0
            #expect(MarkdownProse.attributesStart(row) == row.count - attributes, "\(text)")
        }
    }
}
