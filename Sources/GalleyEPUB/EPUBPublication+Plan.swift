import Foundation
import GalleyCore

extension EPUBPublication {
    /// Decides file names, spine order, images and stylesheets for `book`.
    /// Throws when an image or stylesheet the book names cannot be read.
    static func plan(_ book: Book, options: EPUBWriter.Options) throws -> (EPUBPublication, [Diagnostic]) {
        var diagnostics: [Diagnostic] = []
        var errors: [Diagnostic] = []
        let language = book.metadata.language.isEmpty ? "und" : book.metadata.language
        var publication = EPUBPublication(
            book: book, labels: EPUBLabels.forLanguage(language),
            identifier: EPUBIdentifier.identifier(for: book.metadata), language: language,
            isVertical: book.metadata.writingMode == .vertical)

        // File names: the division id when it is a safe ASCII name, unique
        // even after case folding (EPUB 3.3 §6.1.6); otherwise `div003`.
        var takenNames = Set<String>()
        func claim(_ wanted: String, fallback: String) -> String {
            var name = isSafeName(wanted) && !takenNames.contains(wanted.lowercased()) ? wanted : fallback
            var suffix = 1
            while takenNames.contains(name.lowercased()) { suffix += 1; name = "\(fallback)-\(suffix)" }
            takenNames.insert(name.lowercased())
            return name
        }
        var divisionDocuments: [ContentDocument] = []
        for (index, division) in book.divisions.enumerated() {
            let name = claim(division.id, fallback: String(format: "div%03d", index + 1))
            let path = "text/\(name).xhtml"
            publication.divisionPaths[division.id] = path
            divisionDocuments.append(ContentDocument(kind: .division(index), path: path, manifestId: "x-\(name)"))
        }

        for division in book.divisions {
            for image in Walk.images(in: division) {
                addImage(
                    image, chapterPath: division.sourcePath, options: options,
                    to: &publication, diagnostics: &diagnostics, errors: &errors)
            }
        }

        // Generated pages, unless the book brings its own.
        let roles = Set(book.divisions.map(\.role))
        var spine: [ContentDocument] = []
        if !roles.contains(.cover) {
            let name = claim("cover", fallback: "cover")
            spine.append(ContentDocument(kind: .cover, path: "text/\(name).xhtml", manifestId: "x-\(name)"))
        }
        if !roles.contains(.titlepage) {
            let name = claim("titlepage", fallback: "titlepage")
            spine.append(ContentDocument(kind: .titlePage, path: "text/\(name).xhtml", manifestId: "x-\(name)"))
        }
        // The contents page stands before the body, as in Chinese print
        // books (after 序言/前言), or at the end when there is no body.
        let contentsName = claim("contents", fallback: "contents")
        let contents = ContentDocument(
            kind: .contents, path: "text/\(contentsName).xhtml", manifestId: "x-\(contentsName)")
        let firstBody = book.divisions.firstIndex { $0.role.matter != .front } ?? book.divisions.count
        spine += divisionDocuments[..<firstBody]
        spine.append(contents)
        spine += divisionDocuments[firstBody...]
        publication.documents = spine

        if let cover = book.metadata.cover, !cover.isEmpty {
            let location = SourceLocation(file: "Source/book.yaml")
            switch loadImage(cover, chapterPath: "", resources: options.resources) {
            case .success(let (path, bytes)):
                let ext = (path as NSString).pathExtension.lowercased()
                if let mediaType = imageMediaType(forExtension: ext) {
                    publication.coverImage = Resource(
                        path: "images/cover.\(ext)", mediaType: mediaType,
                        manifestId: "cover-image", bytes: bytes)
                } else {
                    errors.append(
                        Diagnostic(
                            EPUBCode.missingCover,
                            "cover image `\(cover)` is not a JPEG, PNG, GIF, SVG or WebP file", at: location))
                }
            case .failure(let reason):
                errors.append(
                    Diagnostic(
                        EPUBCode.missingCover,
                        "cover image `\(cover)`: \(reason.message)", at: location))
            }
        }

        do {
            publication.stylesheets = try EPUBStylesheets.resources(options.stylesheets)
        } catch let error as DiagnosticsError {
            errors += error.diagnostics
        }
        publication.fonts = EPUBFonts.plan(book.metadata.fonts, options: options, errors: &errors)
        if !publication.fonts.isEmpty {
            // After the default stylesheet, before the book's own: a book's CSS may still choose.
            publication.stylesheets.insert(
                EPUBFonts.stylesheet(publication.fonts), at: min(1, publication.stylesheets.count))
        }
        if !errors.isEmpty { throw DiagnosticsError(errors + diagnostics) }
        return (publication, diagnostics)
    }

    private static func addImage(
        _ image: Image, chapterPath: String, options: EPUBWriter.Options,
        to publication: inout EPUBPublication,
        diagnostics: inout [Diagnostic], errors: inout [Diagnostic]
    ) {
        if isRemote(image.source) {
            diagnostics.append(
                Diagnostic(
                    EPUBCode.remoteImage,
                    "remote image `\(image.source)` cannot go into an EPUB; its alt text is shown instead",
                    at: image.location ?? SourceLocation(file: chapterPath)))
            return
        }
        // A remote image is shown as its alt text, so only local ones count here.
        publication.imageCount += 1
        if EPUBPlainText.label(image.alt).isEmpty { publication.imagesWithoutAlt += 1 }
        let place = image.location ?? SourceLocation(file: chapterPath)
        let path: String, bytes: [UInt8]
        switch loadImage(image.source, chapterPath: chapterPath, resources: options.resources) {
        case .success(let found): (path, bytes) = found
        case .failure(let reason):
            if reason.code == EPUBCode.projectMissingFile.rawValue {
                errors.append(
                    Diagnostic(
                        EPUBCode.missingImage,
                        "the image `\(image.source)` does not exist (paths are relative to the chapter file)",
                        at: place))
            } else {
                // The project folder's own code (`project.outside`, …), located at the image.
                var refused = reason
                refused.severity = .error
                refused.message = "image `\(image.source)`: \(reason.message)"
                refused.location = place
                errors.append(refused)
            }
            return
        }
        let key = imageKey(image.source, chapterPath: chapterPath)
        if let known = publication.imagePaths[path] {
            publication.imageReferences[key] = known
            return
        }
        // By the bytes when they say (a PNG named .jpeg is written as .png), else by the name.
        let ext =
            ImageFormat(sniffing: Array(bytes.prefix(ImageFormat.sniffLength)))?.fileExtension
            ?? (path as NSString).pathExtension.lowercased()
        guard let mediaType = imageMediaType(forExtension: ext) else {
            errors.append(
                Diagnostic(
                    EPUBCode.imageType,
                    "image `\(image.source)` is not JPEG, PNG, GIF, SVG or WebP, "
                        + "the image types EPUB readers must show",
                    at: place))
            return
        }
        let number = publication.images.count + 1
        let stem = ((path as NSString).lastPathComponent as NSString).deletingPathExtension
        let taken = Set(publication.images.map { $0.path.lowercased() })
        var name =
            isSafeName(stem) && stem.lowercased() != "cover"
            ? "\(stem).\(ext)" : String(format: "image%03d.%@", number, ext)
        var counter = number
        while taken.contains("images/\(name)".lowercased()) {
            counter += 1
            name = String(format: "image%03d.%@", counter, ext)
        }
        publication.imagePaths[path] = "images/\(name)"
        publication.imageReferences[key] = "images/\(name)"
        publication.images.append(
            Resource(
                path: "images/\(name)", mediaType: mediaType,
                manifestId: String(format: "img%03d", number), bytes: bytes))
    }
}

extension EPUBPublication {
    /// Key of an image reference: the same text in two chapters may name two files.
    static func imageKey(_ source: String, chapterPath: String) -> String {
        chapterPath + "\n" + source
    }
}
