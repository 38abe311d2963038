import Foundation
import GalleyCheck
import GalleyCore
import GalleyDocBook
import GalleyEPUB
import GalleyMarkdown
import GalleyText

/// One run of the pipeline: read `Source/`, write every asked format into a
/// private folder, check them there, and publish them into the output
/// folder only when every one passed. A failed build leaves the previous
/// outputs exactly as they were.
public struct BookBuild: Sendable {
    public var projectDirectory: URL
    public var outputDirectory: URL
    public var formats: [OutputFormat]
    /// Overrides `text-columns` from `book.yaml`; 0 means one paragraph per line.
    public var textColumns: Int?
    public var ambiguousIsWide: Bool
    public var validate: Bool
    /// Chapters and content documents kept from the previous build of the
    /// same project (`galley serve`, `galley build --watch`); nil for a cold build.
    public var cache: BuildCache?

    public init(
        projectDirectory: URL, outputDirectory: URL? = nil,
        formats: [OutputFormat] = OutputFormat.allCases, textColumns: Int? = nil,
        ambiguousIsWide: Bool = false, validate: Bool = true, cache: BuildCache? = nil
    ) {
        self.projectDirectory = projectDirectory
        self.outputDirectory = outputDirectory ?? projectDirectory.appendingPathComponent("Build")
        self.formats = formats
        self.textColumns = textColumns
        self.ambiguousIsWide = ambiguousIsWide
        self.validate = validate
        self.cache = cache
    }

    /// The project as found in its folder: Galley's own, mdBook or GitBook.
    public var project: BookProject { BookProject.find(in: projectDirectory) }

    public var sourceDirectory: URL { project.sourceDirectory }

    /// Where the outputs of a build that failed its checks are kept for
    /// inspection, inside the output folder.
    public static let failedFolderName = "failed-build"
    /// Prefix of the private folder a build writes into before publishing.
    static let stagingPrefix = ".galley-staging-"

    public struct Report: Sendable {
        public var outputs: [OutputFormat: URL] = [:]
        public var diagnostics: [Diagnostic] = []
        public var succeeded: Bool { !diagnostics.hasErrors }
    }

    /// The project's files, read only inside the project folder.
    public var projectFolder: ProjectFolder {
        let project = project
        return ProjectFolder(root: project.directory, base: project.sourceDirectory, displayBase: project.displaySource)
    }

    /// Reads the book only (what `galley tree` prints).
    public func readBook() throws -> (book: NormalizedBook, diagnostics: [Diagnostic]) {
        try BookReader(cache: cache?.chapters).read(project: project)
    }

    public func run() -> Report {
        var report = Report()
        if validate && formats.contains(.docbook) {
            DispatchQueue.global().async { OutputChecks.prepareDocBookCheck() }
        }
        // What the writers need besides the book (style sheets, the date)
        // is read while the book is.
        let preparing = Prepared<Result<WriterSettings, DiagnosticsError>>()
        DispatchQueue.global().async(group: preparing.group) { [self] in preparing.value = writerSettings() }
        let book: NormalizedBook
        do {
            let result = try readBook()
            book = result.book
            report.diagnostics += result.diagnostics
        } catch let error as DiagnosticsError {
            report.diagnostics += error.diagnostics
            return report
        } catch {
            report.diagnostics.append(
                Diagnostic(
                    BuildCode.read, "\(error)",
                    at: SourceLocation(file: sourceDirectory.path)))
            return report
        }
        let settings: WriterSettings
        switch preparing.wait() {
        case .success(let found): settings = found
        case .failure(let error):
            report.diagnostics += error.diagnostics
            return report
        }
        let staging: URL
        switch Publisher(outputDirectory: outputDirectory, fileNames: formats.map(\.fileName)).prepare() {
        case .success(let folder): staging = folder
        case .failure(let error):
            report.diagnostics += error.diagnostics
            return report
        }
        // The writers share nothing but the book: run them (and their
        // checks) side by side, and report in the order the formats were asked.
        let results = formats.concurrentMap { produce($0, from: book, settings: settings, into: staging) }
        var written: [OutputFormat] = []
        var found: [Diagnostic] = []
        for (format, (wasWritten, diagnostics)) in zip(formats, results) {
            if wasWritten { written.append(format) }
            found += diagnostics
        }
        let publisher = Publisher(outputDirectory: outputDirectory, fileNames: formats.map(\.fileName))
        let complete = written.count == formats.count && !found.hasErrors
        let outcome = complete ? publisher.publish(staging) : publisher.keepFailed(staging)
        report.diagnostics += outcome.relocate(found, from: staging)
        report.diagnostics += outcome.diagnostics
        if complete && !outcome.diagnostics.hasErrors {
            for format in formats { report.outputs[format] = outputDirectory.appendingPathComponent(format.fileName) }
        }
        report.diagnostics = Self.withoutRepeats(report.diagnostics)
        return report
    }

    /// One line per problem: an image the EPUB could not find was already
    /// named by the reader, as a warning at the same place; the EPUB's
    /// error stands for both.
    static func withoutRepeats(_ diagnostics: [Diagnostic]) -> [Diagnostic] {
        let missing = Set(
            diagnostics.filter { $0.code == EPUBCode.missingImage.rawValue }.compactMap(\.location).map {
                "\($0.file):\($0.line ?? 0)"
            })
        guard !missing.isEmpty else { return diagnostics }
        return diagnostics.filter { diagnostic in
            guard diagnostic.code == MarkdownCode.missingImage.rawValue, let place = diagnostic.location else {
                return true
            }
            return !missing.contains("\(place.file):\(place.line ?? 0)")
        }
    }

    /// Writes one format into `folder` and checks it there: whether the file
    /// was written, and what was found.
    private func produce(
        _ format: OutputFormat, from book: NormalizedBook, settings: WriterSettings,
        into folder: URL
    ) -> (Bool, [Diagnostic]) {
        let url = folder.appendingPathComponent(format.fileName)
        let output = format.makeWriter(settings, book).write(book)
        var diagnostics = output.diagnostics
        guard let bytes = output.bytes, !output.diagnostics.hasErrors else { return (false, diagnostics) }
        do {
            try Data(bytes).write(to: url)
        } catch {
            return (
                false,
                diagnostics + [
                    Diagnostic(
                        BuildCode.write, "cannot write this file",
                        at: SourceLocation(file: url.path))
                ]
            )
        }
        if validate { diagnostics += format.check(url, book) }
        return (true, diagnostics)
    }

    /// What every writer may need besides the book, read once.
    func writerSettings() -> Result<WriterSettings, DiagnosticsError> {
        var errors: [Diagnostic] = []
        var sheets: [EPUBWriter.Stylesheet] = []
        let styles = ProjectFolder(
            root: projectDirectory, base: projectDirectory.appendingPathComponent("Styles"),
            displayBase: "Styles")
        for name in Self.cssFiles(in: projectDirectory.appendingPathComponent("Styles")) {
            switch styles.load(name) {
            case .success(let bytes): sheets.append(EPUBWriter.Stylesheet(name: name, bytes: bytes))
            case .failure(let reason): errors.append(reason)
            }
        }
        if !errors.isEmpty { return .failure(DiagnosticsError(errors)) }
        return .success(
            WriterSettings(
                modificationDate: modificationDate(), resources: projectFolder,
                stylesheets: sheets, textColumns: textColumns,
                ambiguousIsWide: ambiguousIsWide, renderCache: cache?.pages))
    }

    /// The names of the `.css` files in `directory`, in name order. The EPUB
    /// writer puts its default stylesheet before them (a project
    /// `galley.css` replaces it).
    static func cssFiles(in directory: URL) -> [String] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: directory.path)) ?? []
        return names.filter { $0.hasSuffix(".css") }.sorted()
    }

    /// `SOURCE_DATE_EPOCH` when set, else the newest file under `Source/`
    /// and `Styles/`, so that an unchanged project builds byte-identical files.
    public func modificationDate() -> Date {
        if let epoch = ProcessInfo.processInfo.environment["SOURCE_DATE_EPOCH"],
            let seconds = TimeInterval(epoch.trimmingCharacters(in: .whitespaces))
        {
            return Date(timeIntervalSince1970: seconds)
        }
        var newest = Date(timeIntervalSince1970: 0)
        for directory in [sourceDirectory, projectDirectory.appendingPathComponent("Styles")] {
            guard
                let enumerator = FileManager.default.enumerator(
                    at: directory, includingPropertiesForKeys: [.contentModificationDateKey])
            else { continue }
            for case let file as URL in enumerator {
                if let date = try? file.resourceValues(forKeys: [.contentModificationDateKey]).contentModificationDate,
                    date > newest
                {
                    newest = date
                }
            }
        }
        // Whole seconds: dcterms:modified has no fractions, zip times even less.
        return Date(timeIntervalSince1970: newest.timeIntervalSince1970.rounded(.down))
    }
}

/// What the registry's writers are made from: the build's options and the
/// files read for them.
public struct WriterSettings: Sendable {
    public var modificationDate: Date
    public var resources: any ResourceLoader
    public var stylesheets: [EPUBWriter.Stylesheet]
    /// `--columns`: overrides `text-columns`; 0 means one paragraph per line.
    public var textColumns: Int?
    public var ambiguousIsWide: Bool
    /// The EPUB writer's content documents kept between builds.
    public var renderCache: XHTMLRenderCache?
}

/// A value made on another thread, waited for where it is needed.
private final class Prepared<Value>: @unchecked Sendable {
    let group = DispatchGroup()
    var value: Value?

    func wait() -> Value {
        group.wait()
        return value!
    }
}
