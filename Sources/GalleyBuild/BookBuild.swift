import Foundation
import GalleyCore
import GalleyMarkdown
import GalleyEPUB
import GalleyDocBook
import GalleyText
import GalleyCheck

/// The output formats `galley build` writes.
public enum OutputFormat: String, CaseIterable, Sendable {
    case epub, docbook, text

    public var fileName: String {
        switch self {
        case .epub: return "book.epub"
        case .docbook: return "book.xml"
        case .text: return "book.txt"
        }
    }
}

/// One run of the pipeline: read `Source/`, write the outputs, check them.
public struct BookBuild: Sendable {
    public var projectDirectory: URL
    public var outputDirectory: URL
    public var formats: [OutputFormat]
    /// Overrides `text-columns` from `book.yaml`; 0 means one paragraph per line.
    public var textColumns: Int?
    public var ambiguousIsWide: Bool
    public var validate: Bool

    public init(projectDirectory: URL, outputDirectory: URL? = nil,
                formats: [OutputFormat] = OutputFormat.allCases, textColumns: Int? = nil,
                ambiguousIsWide: Bool = false, validate: Bool = true) {
        self.projectDirectory = projectDirectory
        self.outputDirectory = outputDirectory ?? projectDirectory.appendingPathComponent("Build")
        self.formats = formats
        self.textColumns = textColumns
        self.ambiguousIsWide = ambiguousIsWide
        self.validate = validate
    }

    public var sourceDirectory: URL { projectDirectory.appendingPathComponent("Source") }

    public struct Report: Sendable {
        public var outputs: [OutputFormat: URL] = [:]
        public var diagnostics: [Diagnostic] = []
        public var succeeded: Bool { !diagnostics.hasErrors }
    }

    /// Reads the book only (what `galley tree` prints).
    public func readBook() throws -> (book: Book, diagnostics: [Diagnostic]) {
        try BookReader().read(sourceDirectory: sourceDirectory)
    }

    public func run() -> Report {
        var report = Report()
        if validate && formats.contains(.docbook) {
            DispatchQueue.global().async { OutputChecks.prepareDocBookCheck() }
        }
        let book: Book
        do {
            let result = try readBook()
            book = result.book
            report.diagnostics += result.diagnostics
        } catch let error as DiagnosticsError {
            report.diagnostics += error.diagnostics
            return report
        } catch {
            report.diagnostics.append(Diagnostic(.error, "build.read", "\(error)",
                                                 at: SourceLocation(file: sourceDirectory.path)))
            return report
        }
        // The writers share nothing but the book: run them (and their
        // checks) side by side, and report in the order the formats were asked.
        let results = formats.concurrentMap { produce($0, from: book) }
        for (format, (url, diagnostics)) in zip(formats, results) {
            if let url { report.outputs[format] = url }
            report.diagnostics += diagnostics
        }
        return report
    }

    /// Writes one format and checks it: the output's URL when written, and
    /// what was found.
    private func produce(_ format: OutputFormat, from book: Book) -> (URL?, [Diagnostic]) {
        let url = outputDirectory.appendingPathComponent(format.fileName)
        var diagnostics: [Diagnostic]
        do {
            diagnostics = try write(book, as: format, to: url)
        } catch let error as DiagnosticsError {
            return (nil, error.diagnostics)
        } catch {
            return (nil, [Diagnostic(.error, "build.write", "\(error)", at: SourceLocation(file: url.path))])
        }
        if validate { diagnostics += check(format, at: url) }
        return (url, diagnostics)
    }

    private func write(_ book: Book, as format: OutputFormat, to url: URL) throws -> [Diagnostic] {
        switch format {
        case .epub:
            let options = EPUBWriter.Options(modificationDate: modificationDate(),
                                             sourceDirectory: sourceDirectory,
                                             stylesheets: stylesheets())
            return try EPUBWriter(options: options).write(book, to: url)
        case .docbook:
            let (bytes, diagnostics) = DocBookWriter().render(book)
            if diagnostics.hasErrors { throw DiagnosticsError(diagnostics) }
            try AtomicFile.write(bytes, to: url)
            return diagnostics
        case .text:
            let columns = textColumns.map { $0 > 0 ? $0 : nil } ?? book.metadata.textColumns
            let options = TextWriter.Options(columns: columns, ambiguousIsWide: ambiguousIsWide)
            try AtomicFile.write(TextWriter(options: options).render(book), to: url)
            return []
        }
    }

    private func check(_ format: OutputFormat, at url: URL) -> [Diagnostic] {
        switch format {
        case .epub: return OutputChecks.checkEPUB(at: url)
        case .docbook: return OutputChecks.checkDocBook(at: url)
        case .text: return OutputChecks.checkText(at: url)
        }
    }

    /// Every `.css` in the project's `Styles/`, in name order. The EPUB
    /// writer puts its default stylesheet before them (a project
    /// `galley.css` replaces it).
    public func stylesheets() -> [URL] {
        let projectStyles = projectDirectory.appendingPathComponent("Styles")
        return Self.cssFiles(in: projectStyles)
    }

    static func cssFiles(in directory: URL) -> [URL] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: directory.path)) ?? []
        return names.filter { $0.hasSuffix(".css") }.sorted().map { directory.appendingPathComponent($0) }
    }

    /// `SOURCE_DATE_EPOCH` when set, else the newest file under `Source/`
    /// and `Styles/`, so that an unchanged project builds byte-identical files.
    public func modificationDate() -> Date {
        if let epoch = ProcessInfo.processInfo.environment["SOURCE_DATE_EPOCH"],
           let seconds = TimeInterval(epoch.trimmingCharacters(in: .whitespaces)) {
            return Date(timeIntervalSince1970: seconds)
        }
        var newest = Date(timeIntervalSince1970: 0)
        for directory in [sourceDirectory, projectDirectory.appendingPathComponent("Styles")] {
            guard let enumerator = FileManager.default.enumerator(
                at: directory, includingPropertiesForKeys: [.contentModificationDateKey]) else { continue }
            for case let file as URL in enumerator {
                if let date = try? file.resourceValues(forKeys: [.contentModificationDateKey]).contentModificationDate,
                   date > newest {
                    newest = date
                }
            }
        }
        // Whole seconds: dcterms:modified has no fractions, zip times even less.
        return Date(timeIntervalSince1970: newest.timeIntervalSince1970.rounded(.down))
    }
}
