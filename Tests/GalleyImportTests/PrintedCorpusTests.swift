import Foundation
import GalleyImport
import GalleyTestSupport
import Testing

/// The PDF corpus (Tests/ImportCorpus, made by Scripts/make-import-corpus.sh
/// with WeasyPrint): each book's PDF, its `pdftotext` text and its
/// `pdftotext -layout` text are imported and compared with the clean
/// chapters the PDF was typeset from. `Scripts/import-benchmark.sh` prints
/// the figures (lines starting `import-benchmark:`).
struct PrintedCorpusTests {
    static let corpus = Repository.root.appendingPathComponent("Tests/ImportCorpus")
    static let books = ["luxun-zawen", "zhaohua-xishi", "yecao"]

    /// The generator's page margins (`@page { margin: 16mm 12mm 15mm 13mm }` on A6): running
    /// heads and folios are printed in the margin boxes and nothing else is.
    static let topMargin = 16 / 25.4 * 72
    static let bottomMargin = 15 / 25.4 * 72

    @Test(arguments: books)
    func pdfImportRecoversTheBook(_ name: String) throws {
        let figures = try Self.figures(name, input: "book.pdf")
        print(figures.lines(label: "\(name) pdf").joined(separator: "\n"))
        for miss in figures.misses.prefix(8) { print("import-benchmark: \(name) pdf: not recovered: \(miss)") }
        #expect(
            figures.paragraphsExact * 100 >= figures.paragraphs * 98,
            Comment(rawValue: figures.misses.joined(separator: "\n")))
        #expect(figures.headingsExact == figures.headings, Comment(rawValue: figures.misses.joined(separator: "\n")))
        #expect(figures.notesLinked == figures.notes, Comment(rawValue: figures.misses.joined(separator: "\n")))
        #expect(figures.furnitureRemoved == figures.furniture)
        #expect(figures.bodyRemoved.isEmpty, Comment(rawValue: figures.bodyRemoved.joined(separator: "\n")))
    }

    /// Text from `pdftotext`, plain and `-layout`: the same structure rules on weaker evidence.
    /// At least 95 % of paragraphs and every heading exact, every running head and folio removed.
    @Test(arguments: books)
    func extractedTextImportRecoversTheBook(_ name: String) throws {
        for (input, paragraphFloor) in [("book.txt", 95), ("book.layout.txt", 95)] {
            let figures = try Self.figures(name, input: input)
            print(figures.lines(label: "\(name) \(input)").joined(separator: "\n"))
            let misses = Comment(rawValue: figures.misses.joined(separator: "\n"))
            #expect(figures.headingsExact == figures.headings, misses)
            #expect(figures.paragraphsExact * 100 >= figures.paragraphs * paragraphFloor, misses)
            #expect(figures.notesLinked * 100 >= figures.notes * 80, misses)
            #expect(figures.furniture >= 40 && figures.furnitureRemoved == figures.furniture, misses)
            #expect(figures.bodyRemoved.isEmpty, Comment(rawValue: figures.bodyRemoved.joined(separator: "\n")))
        }
    }

    /// The three books together, per kind of input: the benchmark's summary lines.
    @Test func corpusTotals() throws {
        for input in ["book.pdf", "book.layout.txt", "book.txt"] {
            var total = Figures()
            for name in Self.books {
                let figures = try Self.figures(name, input: input)
                total.paragraphs += figures.paragraphs
                total.paragraphsExact += figures.paragraphsExact
                total.headings += figures.headings
                total.headingsExact += figures.headingsExact
                total.notes += figures.notes
                total.notesLinked += figures.notesLinked
                total.furniture += figures.furniture
                total.furnitureRemoved += figures.furnitureRemoved
                total.bodyRemoved += figures.bodyRemoved
            }
            print(total.lines(label: "total \(input)").joined(separator: "\n"))
            #expect(total.headingsExact == total.headings)
        }
    }

    @Test(.galleyExecutable, .epubCheck, .judge("jing"), arguments: books)
    func importedPDFBuildsAndValidates(_ name: String) throws {
        let galley = Repository.galleyExecutable
        let directory = try Repository.temporaryDirectory("import-pdf")
        defer { try? FileManager.default.removeItem(at: directory) }
        let pdf = Self.corpus.appendingPathComponent("\(name)/pdf/book.pdf")
        let imported = try runProcess(galley.path, ["import", pdf.path, "--output", directory.path])
        #expect(imported.status == 0, Comment(rawValue: imported.output))
        #expect(!imported.output.contains("warning"), Comment(rawValue: imported.output))
        let built = try runProcess(galley.path, ["build", directory.path])
        #expect(built.status == 0, Comment(rawValue: built.output))
        #expect(!built.output.contains("warning"), Comment(rawValue: built.output))
        let check = try EPUBCheck.run(directory.appendingPathComponent("Build/book.epub"))
        #expect(check.isClean, Comment(rawValue: check.output))
        for schema in ["rng/5.0/docbook.rng"] {
            let jing = try runProcess(
                "jing",
                ["/usr/share/xml/docbook/schema/\(schema)", directory.appendingPathComponent("Build/book.xml").path])
            #expect(jing.status == 0, Comment(rawValue: jing.output))
        }
    }

    /// The HTML report shows every page's lines with their fate; Chromium loads it and lays it out.
    @Test(.galleyExecutable, .judge("chromium"))
    func htmlReportRendersInChromium() throws {
        let directory = try Repository.temporaryDirectory("import-report")
        defer { try? FileManager.default.removeItem(at: directory) }
        let pdf = Self.corpus.appendingPathComponent("yecao/pdf/book.pdf")
        let report = directory.appendingPathComponent("report.html")
        let imported = try runProcess(
            Repository.galleyExecutable.path, ["import", pdf.path, "--output", directory.path, "--report", report.path])
        #expect(imported.status == 0, Comment(rawValue: imported.output))
        // --dump-dom prints the document after Chromium has parsed and laid it out.
        let chromium = try runProcess(
            "chromium",
            [
                "--headless", "--no-sandbox", "--disable-gpu", "--virtual-time-budget=2000", "--dump-dom",
                report.absoluteString,
            ])
        #expect(chromium.status == 0, Comment(rawValue: chromium.output))
        let dom = chromium.output
        // 42 pages, each a section; the folio of page 4 and the running head of page 5 marked as removed.
        #expect(dom.components(separatedBy: "<section class=\"page\"").count - 1 == 42)
        #expect(dom.contains("<span class=\"t\">4</span><span class=\"fate\">page number, removed"))
        #expect(dom.contains("<span class=\"t\">题辞</span><span class=\"fate\">running head, removed"))
        #expect(dom.contains("<div class=\"line heading\""))
        #expect(dom.contains("<div class=\"line note\""))
        let screenshot = directory.appendingPathComponent("report.png")
        let shot = try runProcess(
            "chromium",
            [
                "--headless", "--no-sandbox", "--disable-gpu", "--window-size=1000,1400",
                "--screenshot=\(screenshot.path)", report.absoluteString,
            ])
        #expect(shot.status == 0, Comment(rawValue: shot.output))
        let png = try Data(contentsOf: screenshot)
        // A blank page compresses to a few kilobytes; a page of CJK text does not.
        #expect(png.count > 50_000, Comment(rawValue: "screenshot is \(png.count) bytes"))
    }

    /// A damaged, truncated or encrypted-looking PDF, or one with no text layer: one line, exit 1, nothing written.
    @Test(.galleyExecutable, arguments: ["damaged", "truncated", "no-text"])
    func unreadablePDFIsOneClearError(_ kind: String) throws {
        let directory = try Repository.temporaryDirectory("import-bad-pdf")
        defer { try? FileManager.default.removeItem(at: directory) }
        let good = try Data(contentsOf: Self.corpus.appendingPathComponent("yecao/pdf/book.pdf"))
        let bytes: Data =
            switch kind {
            case "damaged": Data("%PDF-1.7\n1 0 obj << /Type /Catalog >>\ngarbage\n".utf8)
            case "truncated": good.prefix(100_000)
            default:
                // One empty page: a scan without OCR has pages and no text.
                Data(
                    ("%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj 2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>"
                        + "endobj 3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 612 792]>>endobj\n"
                        + "trailer<</Root 1 0 R>>\n%%EOF\n").utf8)
            }
        let pdf = directory.appendingPathComponent("book.pdf")
        try bytes.write(to: pdf)
        let out = directory.appendingPathComponent("out")
        let run = try runProcess(Repository.galleyExecutable.path, ["import", pdf.path, "--output", out.path])
        #expect(run.status == 1)
        let lines = run.standardError.split(separator: "\n").filter { $0.hasPrefix(pdf.path) }
        #expect(lines.count == 1, Comment(rawValue: run.standardError))
        let code = kind == "no-text" ? "[import.no-text]" : "[import.unreadable-pdf]"
        #expect(lines.first?.hasSuffix(code) == true, Comment(rawValue: run.standardError))
        #expect(!FileManager.default.fileExists(atPath: out.path))
    }

    // MARK: - Comparing

    struct Figures {
        var paragraphs = 0
        var paragraphsExact = 0
        var headings = 0
        var headingsExact = 0
        var notes = 0
        var notesLinked = 0
        var furniture = 0
        var furnitureRemoved = 0
        var bodyRemoved: [String] = []
        var misses: [String] = []

        func lines(label: String) -> [String] {
            [
                "import-benchmark: \(label): paragraphs exact \(paragraphsExact)/\(paragraphs), "
                    + "headings exact \(headingsExact)/\(headings), footnotes linked \(notesLinked)/\(notes), "
                    + (furniture > 0 ? "running heads and page numbers removed \(furnitureRemoved)/\(furniture), " : "")
                    + "body lines removed \(bodyRemoved.count)"
            ]
        }
    }

    /// A chapter's Markdown as blocks: headings (`#…`), notes (`[^n]: …`), list items, paragraphs.
    struct Chapter {
        var headings: [String] = []
        var paragraphs: [String] = []
        var notes: [String: String] = [:]

        init(markdown: String) {
            var text = markdown
            if text.hasPrefix("---\n"),
                let end = text.range(of: "\n---\n", range: text.index(text.startIndex, offsetBy: 3)..<text.endIndex)
            {
                text = String(text[end.upperBound...])
            }
            for block in text.components(separatedBy: "\n\n") {
                let block = block.trimmingCharacters(in: .whitespacesAndNewlines)
                if block.isEmpty { continue }
                if block.hasPrefix("#") {
                    headings.append(block)
                } else if block.hasPrefix("[^") {
                    for line in block.split(separator: "\n") {
                        guard let close = line.range(of: "]: ") else { continue }
                        notes[String(line[line.index(line.startIndex, offsetBy: 2)..<close.lowerBound])] =
                            String(line[close.upperBound...])
                    }
                } else if block.hasPrefix("- ") || block.range(of: "^[0-9]+\\. ", options: .regularExpression) != nil {
                    continue
                } else {
                    paragraphs.append(block)
                }
            }
        }
    }

    static func figures(_ name: String, input: String) throws -> Figures {
        let folder = corpus.appendingPathComponent(name)
        let expectedFiles = try FileManager.default.contentsOfDirectory(
            atPath: folder.appendingPathComponent("expected").path
        )
        .filter { $0.hasSuffix(".md") }.sorted()
        let expected = try expectedFiles.map {
            Chapter(markdown: try String(contentsOf: folder.appendingPathComponent("expected/\($0)"), encoding: .utf8))
        }
        let bytes = Array(try Data(contentsOf: folder.appendingPathComponent("pdf/\(input)")))
        let importer = Importer()
        let result: ImportResult
        var book: PrintedBook?
        if PDFReader.isPDF(bytes) {
            book = try PDFReader.read(bytes)
            result = importer.run(printed: book!)
        } else {
            result = try importer.run(bytes: bytes)
        }
        let chapters = result.files.filter { $0.path.hasPrefix("chapter-") }.map { Chapter(markdown: $0.text) }

        var figures = Figures()
        var found: [String: Int] = [:]
        for chapter in chapters { for paragraph in chapter.paragraphs { found[paragraph, default: 0] += 1 } }
        var headingsFound = Set(chapters.flatMap(\.headings))
        for chapter in expected {
            for paragraph in chapter.paragraphs {
                figures.paragraphs += 1
                if found[paragraph, default: 0] > 0 {
                    found[paragraph]! -= 1
                    figures.paragraphsExact += 1
                } else {
                    figures.misses.append("paragraph “\(paragraph.prefix(40))…”")
                }
            }
            for heading in chapter.headings {
                figures.headings += 1
                if headingsFound.remove(heading) != nil {
                    figures.headingsExact += 1
                } else {
                    figures.misses.append(
                        "heading “\(heading)”; headings made: \(chapters.flatMap(\.headings).joined(separator: " | "))")
                }
            }
        }
        // A note is linked when its chapter has it under its label and calls it.
        for (index, chapter) in expected.enumerated() {
            for (label, text) in chapter.notes {
                figures.notes += 1
                guard index < chapters.count, chapters[index].notes[label] == text,
                    chapters[index].paragraphs.contains(where: { $0.contains("[^\(label)]") })
                else {
                    figures.misses.append("note \(index + 1):\(label) “\(text.prefix(30))…”")
                    continue
                }
                figures.notesLinked += 1
            }
        }
        let fates = result.lineFates
        // A body line is one whose text is in the chapters (the contents page's heading is not).
        let bodyText = try expectedFiles.map {
            try String(contentsOf: folder.appendingPathComponent("expected/\($0)"), encoding: .utf8)
        }.joined().filter { !$0.isWhitespace }
        func isBody(_ text: String) -> Bool { bodyText.contains(text.filter { !$0.isWhitespace }) }
        if let book {
            // Running heads and folios sit in the page margins, and only they do.
            var number = 0
            for page in book.pages {
                for line in page.lines {
                    number += 1
                    let furniture = line.midY < topMargin || line.midY > page.height - bottomMargin
                    // The printed contents' heading goes with the contents (contents.yaml, the generated nav).
                    let removed =
                        if case .removed(let rule) = fates[number], rule != "printed-contents" { true } else { false }
                    if furniture {
                        figures.furniture += 1
                        if removed { figures.furnitureRemoved += 1 }
                    } else if removed && isBody(line.text) {
                        figures.bodyRemoved.append(line.text)
                    }
                }
            }
        } else {
            let titles = Set(expected.flatMap(\.headings).map { String($0.split(separator: "　").last ?? "") })
            // Text: a page's first line when it is a chapter's title (the running head; a chapter's
            // first page starts with its number) and its last line when it is a number (the folio):
            // the same 225 lines the PDF prints in its margins.
            var pages: [[Int]] = [[]]
            for (index, line) in result.inputLines.enumerated() {
                if line.hasPrefix("\u{0C}") { pages.append([]) }
                if !line.allSatisfy({ $0.isWhitespace || $0 == "\u{0C}" }) { pages[pages.count - 1].append(index + 1) }
            }
            func bare(_ number: Int) -> String { result.inputLines[number - 1].filter { !$0.isWhitespace } }
            // The title page may open with a chapter's title: the book is named after it.
            for page in pages.dropFirst() {
                var edges: [Int] = []
                if let first = page.first, titles.contains(bare(first)) { edges.append(first) }
                if let last = page.last, bare(last).allSatisfy(\.isNumber) { edges.append(last) }
                for number in edges {
                    figures.furniture += 1
                    if case .removed = fates[number] {
                        figures.furnitureRemoved += 1
                    } else {
                        figures.misses.append("running head or folio kept: line \(number) “\(bare(number))”")
                    }
                }
            }
            // A removed line must be a folio or a chapter's title (a running head).
            for (number, fate) in fates {
                guard case .removed(let rule) = fate, rule != "printed-contents" else { continue }
                let text = result.inputLines[number - 1].filter { !$0.isWhitespace }
                if text.allSatisfy(\.isNumber) || titles.contains(text) || !isBody(text) { continue }
                figures.bodyRemoved.append(result.inputLines[number - 1])
            }
        }
        return figures
    }
}

extension PrintedLine {
    var midY: Double { (y0 + y1) / 2 }
}
