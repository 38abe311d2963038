import ArgumentParser
import Foundation
import GalleyCore
import GalleyImport
import GalleyMarkdown

struct Lint: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Check the Chinese typography of a book's Markdown chapters.",
        discussion: "Rules (off for a book with `lint: {disable: [NAME…]}` in book.yaml, for a run with --disable "
            + "NAME, for a line with <!-- galley-lint-disable-line NAME --> at its end or "
            + "<!-- galley-lint-disable-next-line NAME --> above it):\n"
            + TypographyLint.rules.map { "  \($0.name): \($0.summary)" }.joined(separator: "\n"))

    @Argument(help: "The book project: a Galley, mdBook or GitBook folder.")
    var directory: String = "."

    @Flag(name: .long, help: "Apply the safe fixes to the chapter files, then report what is left.")
    var fix = false

    @Option(name: .long, help: "Skip a rule by name (repeatable).")
    var disable: [String] = []

    func run() throws {
        let unknown = disable.filter { !TypographyLint.names.contains($0) }
        guard unknown.isEmpty else {
            let names = TypographyLint.names.joined(separator: ", ")
            throw ValidationError("unknown rule \(unknown.joined(separator: ", ")); rules: \(names)")
        }
        let project = BookProject.find(in: URL(fileURLWithPath: directory))
        let chapters: [BookReader.ChapterSource]
        do {
            let read = try BookReader().chapterSources(project: project)
            report(read.diagnostics.filter { $0.severity == .error })
            chapters = read.chapters
        } catch let error as DiagnosticsError {
            report(error.diagnostics)
            throw ExitCode.failure
        }
        let bookYAML = try? String(contentsOf: project.bookYAMLURL, encoding: .utf8)
        let lint = TypographyLint(disabled: Set(disable).union(bookYAML.map(TypographyLint.disabledRules) ?? []))
        var spacing = TypographyLint.LatinSpacing()
        for chapter in chapters { TypographyLint.count(chapter.text, into: &spacing) }

        var remaining: [LintFinding] = []
        var fixed = 0
        for chapter in chapters {
            var text = chapter.text
            var findings = lint.lint(text, file: chapter.display, spacing: spacing)
            if fix {
                // Fixes that overlap wait for the next pass.
                for _ in 0..<4 where findings.contains(where: { $0.fix?.safe == true }) {
                    fixed += findings.count { $0.fix?.safe == true }
                    text = TypographyLint.applying(findings, to: text)
                    let again = lint.lint(text, file: chapter.display, spacing: spacing)
                    fixed -= again.count { $0.fix?.safe == true }
                    findings = again
                }
                if text != chapter.text { try AtomicFile.write(Data(text.utf8), to: chapter.url) }
            }
            remaining += findings
        }
        for finding in remaining { print(finding) }
        let fixable = remaining.count { $0.fix?.safe == true }
        if fix { print("lint: fixed \(fixed) in \(chapters.count) chapter files") }
        print(
            "lint: \(remaining.count) finding\(remaining.count == 1 ? "" : "s")"
                + (fixable > 0 ? " (\(fixable) fixed by --fix)" : ""))
        if !remaining.isEmpty { throw ExitCode.failure }
    }
}
