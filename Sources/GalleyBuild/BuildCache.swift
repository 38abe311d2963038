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

    /// Forgets everything: after a change to anything but a chapter (an
    /// image a chapter names, `book.yaml`), the next build reads it all.
    public func removeAll() {
        chapters.removeAll()
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
