import Foundation
import GalleyCore

extension ChapterReader {
    /// Every image the chapter refers to (Markdown `![](…)` and raw `<img>`)
    /// is checked while its line is known: a URL, an absolute path or a path
    /// leaving `Source/` (as written or through a symbolic link) is an error
    /// and the file is never opened; a file that is not the image its bytes
    /// show is an error; a missing file is a warning (writers report it too).
    mutating func checkImages(in blocks: [Block], _ chapter: Chapter) {
        var sources: [(String, SourceLocation?)] = []
        Walk.query(
            blocks,
            Visitor(inline: { inline in
                guard case .image(let image) = inline, !image.source.isEmpty else { return }
                sources.append((image.source, image.location))
            }))
        let folder = ProjectFiles.folder(of: chapter.path)
        for (source, location) in sources {
            let at = location ?? SourceLocation(file: chapter.display)
            if let diagnostic = Self.checkImage(source, from: folder, files: files, at: at) {
                diagnostics.append(diagnostic)
            }
        }
    }

    /// The problem with one image path, or nil when it is a confined image
    /// file. Both spellings a writer may open (as written and
    /// percent-decoded, without a `#fragment`) are checked.
    static func checkImage(
        _ source: String, from folder: String, files: ProjectFiles,
        at location: SourceLocation, what: String = "the image"
    ) -> Diagnostic? {
        var candidates = [source]
        if let decoded = source.removingPercentEncoding, decoded != source { candidates.append(decoded) }
        var found: ProjectFiles.File?
        for candidate in candidates {
            let path = candidate.split(separator: "#", omittingEmptySubsequences: false).first.map(String.init) ?? ""
            switch files.locate(path, from: folder) {
            case .success(let file): found = found ?? file
            case .failure(.missing): continue
            case .failure(.url(let scheme)):
                // Never fetched: the writers show its description instead (and the
                // pipeline drops script and file: URLs with a warning of their own).
                return Diagnostic(
                    MarkdownCode.imageUrl,
                    "\(what) `\(source)` is a `\(scheme):` URL; Galley never fetches files, so its description "
                        + "is shown instead (put the file in Source/ to include it)", at: location)
            case .failure(let refusal):
                return Diagnostic(
                    ProjectFiles.code(refusal, of: .image),
                    ProjectFiles.message(refusal, what: "\(what) `\(source)`"), at: location)
            }
        }
        guard let file = found else {
            return Diagnostic(
                MarkdownCode.missingImage,
                "\(what) `\(source)` does not exist (paths are relative to the chapter file)", at: location)
        }
        let bytes: [UInt8]
        switch files.read(file, limit: ImageFormat.sniffLength) {
        case .success(let read): bytes = read
        case .failure(let refusal):
            return Diagnostic(
                ProjectFiles.code(refusal, of: .image),
                ProjectFiles.message(refusal, what: "\(what) `\(source)`"), at: location)
        }
        let sniffed = ImageFormat(sniffing: bytes)
        let ext = ProjectFiles.pathExtension(of: file.relativePath)
        let claimed = ImageFormat(extension: ext)
        guard let sniffed else {
            return Diagnostic(
                MarkdownCode.imageType,
                "\(what) `\(source)` is not a PNG, JPEG, GIF, WebP or SVG image by its contents", at: location)
        }
        if let claimed, claimed != sniffed {
            // A raster image under another raster name (a PNG saved as .jpeg) is
            // written as what it is; SVG (markup, maybe scripted) must say so.
            guard claimed != .svg && sniffed != .svg else {
                return Diagnostic(
                    MarkdownCode.imageType,
                    "\(what) `\(source)` is named .\(ext) but its contents are \(sniffed.rawValue)", at: location)
            }
            return Diagnostic(
                MarkdownCode.imageMislabelled,
                "\(what) `\(source)` is named .\(ext) but its contents are \(sniffed.rawValue); "
                    + "it is written as \(sniffed.rawValue)", at: location)
        }
        return nil
    }

    /// cmark-gfm drops a footnote definition nothing cites: say so, with its line.
    mutating func checkFootnoteDefinitions(_ footnotes: [Footnote], source: String, _ chapter: Chapter) {
        let defined = Set(footnotes.map { FootnoteDefinitions.normalized($0.label) })
        for (label, line) in FootnoteDefinitions.find(in: source)
        where !defined.contains(FootnoteDefinitions.normalized(label)) {
            diagnostics.append(
                Diagnostic(
                    MarkdownCode.unusedFootnote,
                    "the footnote `[^\(label)]` is defined but never cited, so it is left out",
                    at: SourceLocation(file: chapter.display, line: line)))
        }
    }
}
