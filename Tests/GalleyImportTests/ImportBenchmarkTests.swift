import Foundation
import Testing

@testable import GalleyImport

/// The damage-and-recover benchmark: clean chapters (Fixtures/Benchmark,
/// written for this test) are damaged the way PDF extraction damages text,
/// imported, and compared with the originals.
/// Run `Scripts/import-benchmark.sh` to print the figures.
struct ImportBenchmarkTests {
    struct Figures: CustomStringConvertible {
        var joinsPredicted = 0, joinsTrue = 0, joinsCorrect = 0
        var artefacts = 0, artefactsRemoved = 0, bodyLinesRemoved = 0
        var punctuationTP = 0, punctuationFP = 0, punctuationFN = 0
        var blocks = 0, blocksExact = 0
        var lines = 0
        var misses: [String] = []

        func ratio(_ a: Int, _ b: Int) -> Double { b == 0 ? 1 : Double(a) / Double(b) }
        var joinPrecision: Double { ratio(joinsCorrect, joinsPredicted) }
        var joinRecall: Double { ratio(joinsCorrect, joinsTrue) }
        var removalRecall: Double { ratio(artefactsRemoved, artefacts) }
        var punctuationPrecision: Double { ratio(punctuationTP, punctuationTP + punctuationFP) }
        var punctuationRecall: Double { ratio(punctuationTP, punctuationTP + punctuationFN) }
        var exactShare: Double { ratio(blocksExact, blocks) }

        var description: String {
            func f(_ x: Double) -> String { String(format: "%.3f", x) }
            return """
                import-benchmark: damaged input \(lines) lines (\(ImportBenchmarkTests.seedCount) damaged copies \
                of \(ImportBenchmarkTests.files.count) clean chapter files)
                import-benchmark: joins precision \(f(joinPrecision)) recall \(f(joinRecall)) \
                (\(joinsCorrect) correct of \(joinsPredicted) made, \(joinsTrue) page-break cuts)
                import-benchmark: running heads/page numbers removed \(f(removalRecall)) \
                (\(artefactsRemoved) of \(artefacts)); body lines removed \(bodyLinesRemoved)
                import-benchmark: punctuation precision \(f(punctuationPrecision)) recall \(f(punctuationRecall)) \
                (\(punctuationTP) fixed, \(punctuationFP) wrong, \(punctuationFN) missed)
                import-benchmark: paragraphs recovered exactly \(f(exactShare)) (\(blocksExact) of \(blocks))
                """
        }
    }

    /// How many damaged copies (`GALLEY_IMPORT_BENCH_SEEDS`, default 20).
    static var seedCount: UInt64 {
        ProcessInfo.processInfo.environment["GALLEY_IMPORT_BENCH_SEEDS"].flatMap { UInt64($0) } ?? 20
    }

    static let files = ["chapter-01.md", "chapter-02.md", "chapter-03.md", "chapter-04.md", "afterword.md"]

    /// The corpus damaged once per seed (page breaks fall elsewhere each time); figures summed.
    static func run(seeds: ClosedRange<UInt64>, cutsAtSentenceEnds: Bool = false) throws -> Figures {
        var total = Figures()
        for seed in seeds {
            let one = try run(seed: seed, cutsAtSentenceEnds: cutsAtSentenceEnds)
            total.joinsPredicted += one.joinsPredicted; total.joinsTrue += one.joinsTrue
            total.joinsCorrect += one.joinsCorrect
            total.artefacts += one.artefacts; total.artefactsRemoved += one.artefactsRemoved
            total.bodyLinesRemoved += one.bodyLinesRemoved
            total.punctuationTP += one.punctuationTP; total.punctuationFP += one.punctuationFP
            total.punctuationFN += one.punctuationFN
            total.blocks += one.blocks; total.blocksExact += one.blocksExact; total.lines += one.lines
            total.misses += one.misses.map { "seed \(seed): \($0)" }
        }
        return total
    }

    static func run(seed: UInt64, cutsAtSentenceEnds: Bool = false) throws -> Figures {
        let directory = Fixture.directory.appendingPathComponent("Benchmark")
        var damager = Damager(seed: seed, bookTitle: "电子书制作札记")
        damager.cutsAtSentenceEnds = cutsAtSentenceEnds
        damager.titlePage(creator: "出版技术研究组 编著", publisher: "示例出版社")
        var clean: [String: [CleanBlock]] = [:]
        for file in files {
            let text = try String(contentsOf: directory.appendingPathComponent(file), encoding: .utf8)
            clean[file] = CleanBlock.parse(text).blocks
            damager.chapter(clean[file]!)
        }
        let result = Importer().run(text: damager.lines.joined(separator: "\n"))
        var figures = Figures()
        figures.lines = damager.lines.count

        let joins = Set(result.log.changes.filter { $0.rule == "page-break-joins" }.map(\.lines))
        figures.joinsPredicted = joins.count
        figures.joinsTrue = damager.cuts.count
        figures.joinsCorrect = joins.intersection(damager.cuts).count

        let removed = Set(result.log.changes.filter { $0.kind == .removed }.flatMap(\.lines))
        figures.artefacts = damager.artefacts.count
        figures.artefactsRemoved = removed.intersection(damager.artefacts).count
        figures.bodyLinesRemoved = removed.subtracting(damager.artefacts).count

        var recovered: [String: [CleanBlock]] = [:]
        for file in files { recovered[file] = result.file(file).map { CleanBlock.parse($0).blocks } ?? [] }
        for file in files {
            var pool = recovered[file]!
            for block in clean[file]! {
                figures.blocks += 1
                if let index = pool.firstIndex(of: block) {
                    figures.blocksExact += 1
                    pool.remove(at: index)
                } else {
                    figures.misses.append("\(file): \(block)")
                }
            }
        }
        // Punctuation: align clean, damaged and recovered text token by token.
        let allTexts: [String] = recovered.values.flatMap { $0 }.compactMap { block in
            switch block {
            case .paragraph(let t), .item(let t), .note(_, let t): return t
            default: return nil
            }
        }
        for (cleanText, damagedText) in damager.punctuation {
            let a = tokens(cleanText), d = tokens(damagedText)
            let han = String(cleanText.filter(CJK.isHan))
            let found = allTexts.first { String($0.filter(CJK.isHan)) == han }.map(tokens)
            for i in a.indices where i < d.count {
                let damaged = a[i] != d[i]
                guard let r = found, r.count == a.count else {
                    if damaged { figures.punctuationFN += 1 }
                    continue
                }
                if damaged && r[i] == a[i] {
                    figures.punctuationTP += 1
                } else if damaged {
                    figures.punctuationFN += 1
                } else if r[i] != a[i] {
                    figures.punctuationFP += 1
                }
            }
        }
        return figures
    }

    /// Text without spaces and note references; ……, ..., 。。。 and ——, -- are one token each.
    static func tokens(_ text: String) -> [String] {
        let plain = text.replacingOccurrences(
            of: "\\[\\^?[0-9]+\\]|<sup>[^<]*</sup>|[\\x{2460}-\\x{2473}]| ", with: "",
            options: .regularExpression)
        var out: [String] = []
        var chars = Array(plain)[...]
        while let c = chars.first {
            var run = chars.prefix(while: { $0 == c }).count
            if (c == "." || c == "…" || c == "。") && run >= 2 || (c == "-" || c == "—") && run >= 2 {
                run = c == "." || c == "。" ? max(run, 3) : run
                out.append(String(repeating: c, count: min(run, chars.count)))
                chars = chars.dropFirst(min(run, chars.count))
            } else {
                out.append(String(c))
                chars = chars.dropFirst()
            }
        }
        return out
    }

    @Test func meetsTheTargets() throws {
        let figures = try Self.run(seeds: 1...Self.seedCount)
        print(figures)
        for miss in figures.misses.prefix(10) { print("import-benchmark: not exact: \(miss)") }
        #expect(figures.joinsTrue >= 40)
        #expect(figures.joinPrecision >= 0.98)
        #expect(figures.joinRecall >= 0.98)
        #expect(figures.removalRecall >= 0.99)
        #expect(figures.bodyLinesRemoved == 0)
        #expect(figures.exactShare >= 0.95)
    }

    /// Page breaks may also fall right after 。！？ — there a cut paragraph looks finished,
    /// and no rule working on text alone can join it. Printed, not held to the targets.
    @Test func withBreaksAtSentenceEnds() throws {
        let figures = try Self.run(seeds: 1...Self.seedCount, cutsAtSentenceEnds: true)
        for line in figures.description.split(separator: "\n").dropFirst() {
            print(
                line.replacingOccurrences(
                    of: "import-benchmark: ",
                    with: "import-benchmark: [breaks also at sentence ends] "))
        }
        #expect(figures.joinPrecision >= 0.98)   // joins it makes are still right
        #expect(figures.bodyLinesRemoved == 0)
    }
}
