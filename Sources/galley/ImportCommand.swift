import ArgumentParser
import Foundation
import GalleyCore
import GalleyImport

struct ImportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import",
        abstract: "Turn text extracted from a printed book (PDF/OCR) into Source/ chapter files.",
        discussion: "Rules (each can be switched off with --disable NAME):\n"
            + ImportRules.all.map { "  \($0.name): \($0.summary)" }.joined(separator: "\n"))

    @Argument(help: "The PDF, or the text extracted from it (pdftotext plain or -layout, OCR, Markdown).")
    var raw: String

    @Option(name: [.short, .long], help: "Book project folder to write Source/ into (default: .).")
    var output: String = "."

    @Option(name: .long, help: "Input encoding: auto, utf-8, utf-16, gb18030, gbk.")
    var encoding: String = "auto"

    @Option(
        name: .long,
        help: "Where to write the report: .md, or .html for a page-by-page view (default: DIR/import-report.md).")
    var report: String?

    @Option(name: .long, help: "Spaces between Han and Latin letters or digits: remove or keep.")
    var cjkSpacing: String = "remove"

    @Option(name: .long, help: "Skip a rule by name (repeatable).")
    var disable: [String] = []

    @Flag(name: .long, help: "Overwrite the files import writes in an existing Source/.")
    var force = false

    func run() throws {
        guard let encoding = ImportEncoding(name: encoding) else {
            throw ValidationError("unknown encoding \(self.encoding); use auto, utf-8, utf-16, gb18030 or gbk")
        }
        guard let spacing = ImportOptions.CJKSpacing(rawValue: cjkSpacing) else {
            throw ValidationError("--cjk-spacing takes remove or keep")
        }
        let unknown = disable.filter { !ImportRules.names.contains($0) }
        guard unknown.isEmpty else {
            throw ValidationError(
                "unknown rule \(unknown.joined(separator: ", ")); rules: \(ImportRules.names.joined(separator: ", "))")
        }
        let bytes: [UInt8]
        do {
            bytes = Array(try Data(contentsOf: URL(fileURLWithPath: raw)))
        } catch {
            throw ValidationError("cannot read \(raw): \(error.localizedDescription)")
        }
        let importer = Importer(options: ImportOptions(cjkSpacing: spacing, disabledRules: Set(disable)))
        let directory = URL(fileURLWithPath: output)
        let reportURL = report.map { URL(fileURLWithPath: $0) } ?? directory.appendingPathComponent("import-report.md")
        do {
            let result =
                PDFReader.isPDF(bytes)
                ? importer.run(printed: try PDFReader.read(bytes))
                : try importer.run(bytes: bytes, encoding: encoding)
            guard result.hasText else {
                let what =
                    bytes.isEmpty
                    ? "is empty"
                    : result.evidence == .pdf
                        ? "is a PDF with no text layer (scanned pages? run OCR first)"
                        : "holds only white space (\(bytes.count) bytes)"
                galley.report([
                    Diagnostic(
                        ImportCode.noText, "\(raw) \(what): there is no text to import; nothing was written",
                        at: SourceLocation(file: raw))
                ])
                throw ExitCode.failure
            }
            try Importer.write(result, to: directory, report: reportURL, force: force)
            galley.report(
                result.log.findings.map {
                    Diagnostic(
                        ImportCode.finding(ofRule: $0.rule), $0.message,
                        at: SourceLocation(
                            file: raw,
                            line: $0.lines.min()))
                })
            let removed = result.log.changes.filter { if case .removed = $0.kind { return true } else { return false } }
            print("wrote \(result.files.count) files to \(directory.appendingPathComponent("Source").path)")
            print(
                "report: \(reportURL.path) (\(result.log.changes.count) changes, \(removed.count) removals, "
                    + "\(result.log.findings.count) to review)"
            )
        } catch let error as PDFReadError {
            galley.report([Diagnostic(ImportCode.unreadablePDF, "\(raw): \(error)", at: SourceLocation(file: raw))])
            throw ExitCode.failure
        } catch let error as ImportDecodingError {
            galley.report([Diagnostic(ImportCode.invalidBytes, error.description, at: SourceLocation(file: raw))])
            throw ExitCode.failure
        } catch let error as DiagnosticsError {
            galley.report(error.diagnostics)
            throw ExitCode.failure
        }
    }
}
