import Foundation
import GalleyCore

/// The default stylesheet (a resource of this module), then the book's own
/// `Styles/*.css` in order; a book file named `galley.css` replaces the default.
enum EPUBStylesheets {
    static let defaultName = "galley.css"

    /// The default stylesheet's text, as shipped with Galley.
    static func defaultStylesheet() throws -> [UInt8] {
        guard
            let url = Bundle.module.url(forResource: "galley", withExtension: "css", subdirectory: "Resources")
                ?? Bundle.module.url(forResource: "galley", withExtension: "css")
        else {
            throw DiagnosticsError([
                Diagnostic(
                    EPUBCode.defaultStylesheet,
                    "the default stylesheet galley.css is missing from Galley's resources")
            ])
        }
        return [UInt8](try Data(contentsOf: url))
    }

    static func resources(_ sheets: [EPUBWriter.Stylesheet]) throws -> [EPUBPublication.Resource] {
        var bookSheets: [EPUBPublication.Resource] = []
        var replacement: [UInt8]?
        var taken: Set<String> = [defaultName]
        for sheet in sheets {
            let bytes = sheet.bytes
            let name = sheet.name
            if name == defaultName {
                replacement = bytes
                continue
            }
            let stem = (name as NSString).deletingPathExtension
            var fileName = EPUBPublication.isSafeName(stem) ? "\(stem).css" : "style\(bookSheets.count + 1).css"
            var counter = bookSheets.count + 1
            while taken.contains(fileName.lowercased()) {
                counter += 1
                fileName = "style\(counter).css"
            }
            taken.insert(fileName.lowercased())
            bookSheets.append(
                .init(
                    path: "styles/\(fileName)", mediaType: "text/css",
                    manifestId: "css-\(fileName.dropLast(4))", bytes: bytes))
        }
        let first = EPUBPublication.Resource(
            path: "styles/\(defaultName)", mediaType: "text/css",
            manifestId: "css-galley", bytes: try replacement ?? defaultStylesheet())
        return [first] + bookSheets
    }
}
