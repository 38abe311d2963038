import Foundation
import GalleyCore

/// What became of one input line.
public enum LineFate: Hashable, Sendable {
    /// Blank: a paragraph separator, kept as layout.
    case blank
    /// In the named output file (chapter, `book.yaml` or `contents.yaml`).
    case output(file: String)
    /// Not in the output; the rule that removed it.
    case removed(rule: String)
}

/// The outcome of an import: files to write, and the report.
public struct ImportResult: Sendable {
    /// Paths relative to `Source/` and their contents, in reading order.
    public var files: [(path: String, text: String)]
    public var document: ImportDocument
    public var log: ImportLog
    public var encoding: String
    public var inputLines: [String]
    public var disabledRules: [String]
    /// For input read as pages (a PDF, `pdftotext` text): each input line's page, from 1.
    public var pageOfLine: [Int] = []
    /// What the pages were read from, when they were.
    public var evidence: PrintedBook.Evidence?

    /// False when the input is empty or only white space: there is no book
    /// to write.
    public var hasText: Bool {
        inputLines.contains { !$0.allSatisfy(\.isWhitespace) }
    }

    /// Every input line's fate; the "nothing lost" guarantee is that each
    /// non-blank line is either in an output file or removed by a named rule.
    public var lineFates: [Int: LineFate] {
        var fates: [Int: LineFate] = [:]
        // A form feed alone (pdftotext ends its last page with one) is a blank line too.
        func isBlank(_ line: String) -> Bool {
            line.unicodeScalars.allSatisfy { $0 == "\u{0C}" || TextScanning.isHorizontalSpace($0) }
        }
        for (index, line) in inputLines.enumerated() where isBlank(line) {
            fates[index + 1] = .blank
        }
        for change in log.changes {
            switch change.kind {
            case .removed: for line in change.lines { fates[line] = .removed(rule: change.rule) }
            case .moved(let file): for line in change.lines { fates[line] = .output(file: file) }
            case .changed: break
            }
        }
        for (division, file) in zip(document.divisions, SourceWriter.fileNames(document.divisions)) {
            for block in division.blocks { for line in block.lines { fates[line] = .output(file: file) } }
        }
        return fates
    }
}

/// Turns text extracted from a printed book into a Galley `Source/`:
/// decode, cut into blocks and divisions, run the rules, write Markdown.
public struct Importer: Sendable {
    public var options: ImportOptions
    public var rules: [any ImportRule]

    public init(options: ImportOptions = ImportOptions(), rules: [any ImportRule] = ImportRules.all) {
        self.options = options
        self.rules = rules
    }

    /// Imports raw bytes; throws `ImportDecodingError` for bytes that are not text.
    public func run(bytes: [UInt8], encoding: ImportEncoding = .auto) throws -> ImportResult {
        let (text, used) = try TextDecoding.decode(bytes, as: encoding)
        return run(text: text, encoding: used)
    }

    /// Imports decoded text: page by page when an extractor marked its pages.
    public func run(text: String, encoding: String = "UTF-8") -> ImportResult {
        let text = text.withLineFeeds
        if let book = PrintedText.book(from: text) {
            var lines = TextScanning.split(text, at: 0x0A).map(String.init)
            if lines.last == "" { lines.removeLast() }
            return run(printed: book, encoding: encoding, textLines: lines)
        }
        var lines = TextScanning.split(text, at: 0x0A).map(String.init)
        if lines.last == "" { lines.removeLast() }
        var document = ImportDocument(divisions: Segmenter.divisions(Segmenter.blocks(lines)))
        var log = ImportLog()
        for rule in rules where !options.disabledRules.contains(rule.name) {
            log.rule = rule.name
            rule.apply(to: &document, options: options, log: &log)
        }
        let files = SourceWriter.files(for: document)
        return ImportResult(
            files: files, document: document, log: log, encoding: encoding, inputLines: lines,
            disabledRules: rules.map(\.name).filter(options.disabledRules.contains))
    }

    /// Rules the page layout does better: furniture and page-break joins are read from the pages.
    static let replacedByLayout: Set<String> = ["running-heads", "page-break-joins"]

    /// Imports a book read as pages (from a PDF, from text with form feeds, or OCR text as one page).
    /// `textLines`: the file's lines, when the pages were read from text (line numbers are then the file's).
    public func run(printed book: PrintedBook, encoding: String = "UTF-8", textLines: [String]? = nil) -> ImportResult {
        let outcome = PrintedLayout.read(book)
        var log = ImportLog()
        log.rule = "running-heads"
        for removal in outcome.removed { log.removed(removal.lines, removal.text) }
        log.rule = PrintedLayout.ruleName
        for join in outcome.joinedHeadings { log.changed(join.lines, join.before, join.after) }
        for call in outcome.noteCalls { log.changed(call.lines, call.before, call.after) }
        var document = ImportDocument(divisions: Segmenter.divisions(outcome.blocks))
        let replaced = book.paged ? Self.replacedByLayout : []
        for rule in rules where !options.disabledRules.contains(rule.name) && !replaced.contains(rule.name) {
            log.rule = rule.name
            rule.apply(to: &document, options: options, log: &log)
        }
        var result = ImportResult(
            files: SourceWriter.files(for: document), document: document, log: log, encoding: encoding,
            inputLines: textLines ?? book.pages.flatMap { $0.lines.map(\.text) },
            disabledRules: rules.map(\.name).filter(options.disabledRules.contains))
        if textLines == nil {
            result.pageOfLine = book.pages.enumerated().flatMap { p, page in page.lines.map { _ in p + 1 } }
        } else {
            // Each file line on the page of the last printed line at or before it.
            var pages = [Int](repeating: 0, count: result.inputLines.count)
            for (p, page) in book.pages.enumerated() {
                for line in page.lines { if let n = line.sourceLine, n <= pages.count { pages[n - 1] = p + 1 } }
            }
            var current = 1
            for index in pages.indices {
                if pages[index] == 0 { pages[index] = current } else { current = pages[index] }
            }
            result.pageOfLine = pages
        }
        result.evidence = book.evidence
        return result
    }

    /// Writes `directory/Source/…` and the report. Refuses an existing
    /// `Source/` unless `force`; every file goes through a temporary file
    /// and a rename, and nothing is written if the check fails.
    public static func write(_ result: ImportResult, to directory: URL, report: URL, force: Bool) throws {
        let source = directory.appendingPathComponent("Source")
        if FileManager.default.fileExists(atPath: source.path) && !force {
            let message = "\(source.path) exists; pass --force to overwrite the files import writes"
            throw DiagnosticsError([
                Diagnostic(
                    ImportCode.sourceExists, message,
                    at: SourceLocation(file: source.path))
            ])
        }
        for file in result.files {
            try AtomicFile.write(Data(file.text.utf8), to: source.appendingPathComponent(file.path))
        }
        let html = report.pathExtension.lowercased().hasPrefix("htm")
        let text = html ? ImportReportWriter.html(result) : ImportReportWriter.markdown(result)
        try AtomicFile.write(Data(text.utf8), to: report)
    }
}
