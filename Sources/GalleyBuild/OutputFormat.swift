import Foundation
import GalleyCheck
import GalleyCore
import GalleyDocBook
import GalleyEPUB
import GalleyText

/// An output format `galley build` writes: its name on the command line, the
/// writer that makes it and the check that validates it. Adding a format is
/// one module with a `BookWriter`, and one line in `registry`.
public struct OutputFormat: Hashable, Sendable, CustomStringConvertible {
    /// The name on the command line (`--format epub`).
    public let name: String
    /// The file written into the output folder.
    public let fileName: String
    let makeWriter: @Sendable (WriterSettings, NormalizedBook) -> any BookWriter
    /// Validates the written file; the book is there for what the file cannot tell (where code is).
    let check: @Sendable (URL, NormalizedBook) -> [Diagnostic]

    public static let epub = OutputFormat(
        name: "epub", fileName: "book.epub",
        makeWriter: { settings, _ in
            EPUBWriter(
                options: .init(
                    modificationDate: settings.modificationDate, resources: settings.resources,
                    stylesheets: settings.stylesheets, fontServices: FontServices.system,
                    renderCache: settings.renderCache))
        }, check: { url, book in OutputChecks.checkEPUB(at: url, documents: book.book.divisions.count) })

    public static let docbook = OutputFormat(
        name: "docbook", fileName: "book.xml",
        makeWriter: { _, _ in
            DocBookWriter()
        }, check: { url, _ in OutputChecks.checkDocBook(at: url) })

    public static let text = OutputFormat(
        name: "text", fileName: "book.txt",
        makeWriter: { settings, book in
            let columns = settings.textColumns.map { $0 > 0 ? $0 : nil } ?? book.metadata.textColumns
            return TextWriter(options: .init(columns: columns, ambiguousIsWide: settings.ambiguousIsWide))
        }, check: { url, book in OutputChecks.checkText(at: url, code: Walk.code(in: book.book)) })

    /// Every format, in the order they are written and reported.
    public static let registry: [OutputFormat] = [.epub, .docbook, .text]
    public static var allCases: [OutputFormat] { registry }

    /// The registered format called `name`.
    public init?(name: String) {
        guard let format = Self.registry.first(where: { $0.name == name }) else { return nil }
        self = format
    }

    init(
        name: String, fileName: String,
        makeWriter: @escaping @Sendable (WriterSettings, NormalizedBook) -> any BookWriter,
        check: @escaping @Sendable (URL, NormalizedBook) -> [Diagnostic]
    ) {
        self.name = name
        self.fileName = fileName
        self.makeWriter = makeWriter
        self.check = check
    }

    public var description: String { name }
    public static func == (a: OutputFormat, b: OutputFormat) -> Bool { a.name == b.name }
    public func hash(into hasher: inout Hasher) { hasher.combine(name) }
}
