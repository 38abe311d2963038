import Foundation
import GalleyBuild
import GalleyCheck
import GalleyCore
import GalleyDocBook
import GalleyEPUB
import GalleyImport
import GalleyMarkdown
import GalleyTestSupport
import Testing

/// The README's table of diagnostic codes is generated from every module's
/// code enum: it fails when the table is stale, and `GALLEY_RECORD=1`
/// rewrites it (and fails saying "recorded").
@Suite struct DiagnosticCodeTableTests {
    /// Every module's codes: a new module's enum is added here.
    static let allCodes: [[any DiagnosticCode]] = [
        CoreCode.allCases, MarkdownCode.allCases, EPUBCode.allCases, DocBookCode.allCases,
        CheckCode.allCases, BuildCode.allCases, ImportCode.allCases,
    ]

    static let begin = "<!-- diagnostic-codes:begin -->"
    static let end = "<!-- diagnostic-codes:end -->"

    /// `| code | severity | meaning |`, sorted by code; a code two modules
    /// emit (GalleyEPUB writes `epub.duplicate-id`, GalleyCheck finds it) is one row.
    static func table() -> String {
        var rows: [String: (severities: Set<String>, summary: String)] = [:]
        for code in allCodes.joined() {
            rows[code.rawValue, default: ([], code.summary)].severities.insert(code.severity.rawValue)
        }
        let order = ["error", "warning", "note"]
        var lines = ["| code | severity | meaning |", "| --- | --- | --- |"]
        for (code, row) in rows.sorted(by: { $0.key < $1.key }) {
            let severity = order.filter(row.severities.contains).joined(separator: ", ")
            lines.append("| `\(code)` | \(severity) | \(row.summary.replacingOccurrences(of: "|", with: "\\|")) |")
        }
        return lines.joined(separator: "\n")
    }

    @Test func codesAreUniquePerModule() {
        for codes in Self.allCodes {
            let raw = codes.map { $0.rawValue }
            #expect(Set(raw).count == raw.count)
            #expect(raw.allSatisfy { $0.wholeMatch(of: /[a-z]+\.[a-z0-9-]+/) != nil })
        }
    }

    @Test func readmeTableIsCurrent() throws {
        let url = Repository.root.appendingPathComponent("README.md")
        let readme = try String(contentsOf: url, encoding: .utf8)
        let table = Self.table()
        guard let start = readme.range(of: Self.begin), let stop = readme.range(of: Self.end),
            start.upperBound <= stop.lowerBound
        else {
            Issue.record("README.md has no \(Self.begin) … \(Self.end) section")
            return
        }
        let current = readme[start.upperBound..<stop.lowerBound].trimmingCharacters(in: .whitespacesAndNewlines)
        if Golden.isRecording {
            let updated = readme[..<start.upperBound] + "\n" + table + "\n" + readme[stop.lowerBound...]
            try Data(updated.utf8).write(to: url)
            Issue.record("recorded the diagnostic codes table in README.md; run again without GALLEY_RECORD")
            return
        }
        #expect(
            current == table,
            """
            README.md's table of diagnostic codes is stale (GALLEY_RECORD=1 rewrites it); expected:
            \(table)
            """)
    }
}
