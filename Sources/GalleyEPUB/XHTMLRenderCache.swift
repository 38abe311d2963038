import Foundation
import GalleyCore

/// Content documents already rendered, kept in memory between the builds of
/// one process (`galley serve`, `galley build --watch`): a division that is
/// equal to the one rendered last time, in a publication whose plan (file
/// names, images, stylesheets, language, title) is the same, keeps its bytes.
/// Navigation, contents, package document and the generated pages are
/// always written anew. Safe to share between threads.
public final class XHTMLRenderCache: @unchecked Sendable {
    /// Everything a content document reads from the publication besides its division.
    struct Context: Equatable {
        var language: String
        var isVertical: Bool
        var title: String
        var stylesheets: [String]
        var documents: [String]
        var divisionPaths: [String: String]
        var imageReferences: [String: String]

        init(_ publication: EPUBPublication) {
            language = publication.language
            isVertical = publication.isVertical
            title = publication.book.metadata.title
            stylesheets = publication.stylesheets.map(\.path)
            documents = publication.documents.map(\.path)
            divisionPaths = publication.divisionPaths
            imageReferences = publication.imageReferences
        }
    }

    private struct Entry {
        var division: Division
        var output: XHTMLContentRenderer.Output
    }

    private let lock = NSLock()
    private var context: Context?
    private var entries: [String: Entry] = [:]
    private var rendered: [String] = []
    private var documentCount = 0

    public init() {}

    /// The source paths of the divisions the last write rendered again, in
    /// book order, and how many content documents the book has.
    public var lastRendered: (rendered: [String], documents: Int) {
        lock.withLock { (rendered, documentCount) }
    }

    /// Starts one book: a changed plan empties the cache.
    func begin(_ publication: EPUBPublication) {
        let next = Context(publication)
        lock.withLock {
            if context != next { entries.removeAll() }
            context = next
            rendered.removeAll()
            documentCount = 0
        }
    }

    /// The document at `path` for `division`: kept, or rendered and kept.
    func render(
        _ division: Division, path: String, _ render: () -> XHTMLContentRenderer.Output
    ) -> XHTMLContentRenderer.Output {
        let cached: XHTMLContentRenderer.Output? = lock.withLock {
            documentCount += 1
            guard let entry = entries[path], entry.division == division else { return nil }
            return entry.output
        }
        if let cached { return cached }
        let output = render()
        lock.withLock {
            entries[path] = Entry(division: division, output: output)
            rendered.append(division.sourcePath)
        }
        return output
    }
}
