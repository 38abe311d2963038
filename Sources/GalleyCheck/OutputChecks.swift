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

    /// UTF-8 without BOM, LF only, final newline, no control characters,
    /// no markup (`<sup>`, `**`, `](`, `&amp;`…). Each finding names its line.
    public static func checkText(at url: URL) -> [Diagnostic] {
        let path = url.path
        guard let data = FileManager.default.contents(atPath: path) else {
            return [Diagnostic(.error, "text.unreadable", "cannot read the text output", at: SourceLocation(file: path))]
        }
        let bytes = [UInt8](data)
        var diagnostics: [Diagnostic] = []
        func report(_ code: String, _ message: String, line: Int) {
            diagnostics.append(Diagnostic(.error, code, message, at: SourceLocation(file: path, line: line)))
        }
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) {
            report("text.bom", "the file starts with a byte order mark; write UTF-8 without BOM", line: 1)
        }
        guard let text = String(validating: bytes, as: UTF8.self) else {
            // Name the line of the first invalid sequence.
            var decoder = UTF8()
            var iterator = bytes.makeIterator()
            var line = 1
            decoding: while true {
                switch decoder.decode(&iterator) {
                case .scalarValue(let scalar): if scalar == "\n" { line += 1 }
                case .emptyInput, .error: break decoding
                }
            }
            report("text.encoding", "the file is not valid UTF-8", line: line)
            return diagnostics
        }
        if bytes.last != 0x0A {
            report("text.final-newline", "the last line does not end with a line feed",
                   line: bytes.reduce(1) { $1 == 0x0A ? $0 + 1 : $0 })
        }
        // A writer that leaks its input's markup shows it in these forms.
        let markup = ["<sup>", "</sup>", "<sub>", "</sub>", "<br>", "<br/>", "<b>", "</b>", "<i>", "</i>",
                      "<span", "</span>", "<p>", "</p>", "<div", "</div>", "**", "](", "&amp;", "&lt;", "&gt;",
                      "&quot;", "&nbsp;", "&#"]
        var markupFindings = 0
        // Split on scalars: "\r\n" is a single Character and would hide the CR.
        for (index, scalars) in text.unicodeScalars.split(separator: "\n", omittingEmptySubsequences: false)
            .enumerated() {
            let number = index + 1
            let line = String(String.UnicodeScalarView(scalars))
            if scalars.contains("\r") {
                report("text.line-ending", "carriage return: lines must end with LF only", line: number)
            }
            if let control = line.unicodeScalars.first(where: { $0.value < 0x20 && $0 != "\t" && $0 != "\r" }) {
                report("text.control", "control character U+\(String(control.value, radix: 16, uppercase: true)) in the text",
                       line: number)
            }
            if markupFindings < 20, let found = markup.first(where: { line.contains($0) }) {
                markupFindings += 1
                report("text.markup", "markup `\(found)` in the plain text", line: number)
            }
        }
        return diagnostics
    }
}
