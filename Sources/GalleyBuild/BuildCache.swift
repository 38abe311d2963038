import GalleyCore
import GalleyEPUB
import GalleyMarkdown

/// What one process keeps between builds of the same project (`galley
/// serve`, `galley build --watch`): chapters read, by content, and EPUB
/// content documents rendered, by division. The book-wide steps (the
/// transforms, navigation, contents, package document) run on every build,
/// so a build with a cache writes the same bytes as a cold one.
public final class BuildCache: Sendable {
    public let chapters = ChapterCache()
    public let pages = XHTMLRenderCache()

    public init() {}

    /// Forgets every chapter: the next build reads them all.
    public func removeAll() {
        chapters.removeAll()
    }

    /// Forgets what `paths` may have changed: a chapter's own change is seen
    /// by its bytes and a stylesheet's needs nothing, but anything else (an
    /// image a chapter names, `book.yaml`, a folder) makes every chapter be read again.
    public func invalidate(after paths: [String]) {
        if paths.contains(where: { !$0.hasSuffix(".md") && !$0.hasSuffix(".css") }) { removeAll() }
    }

    /// What the last build did again: `rebuilt 1 of 100 chapters: ch007.md`.
    public var summary: String {
        let (reread, chapters) = chapters.lastRead
        let (rendered, _) = pages.lastRendered
        var names: [String] = []
        for name in reread + rendered where !name.isEmpty && !names.contains(name) { names.append(name) }
        var line = "rebuilt \(names.count) of \(chapters) chapters"
        if !names.isEmpty {
            let shown = names.prefix(5).joined(separator: ", ")
            line += ": " + shown + (names.count > 5 ? ", …" : "")
        }
        return line
    }
}
