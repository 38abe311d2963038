import CLibXML2
import Foundation
import GalleyCore

/// Checks Galley runs on its own outputs after writing them.
public enum OutputChecks {
    /// What `galley check` runs on a file from anyone, by its extension
    /// (`.epub`, `.xml`/`.dbk` with the DocBook limits, `.txt`); nil for
    /// any other kind.
    public static func check(fileAt url: URL) -> [Diagnostic]? {
        switch url.pathExtension.lowercased() {
        case "epub": checkEPUB(at: url)
        case "xml", "dbk": checkDocBook(at: url, limits: .standard)
        case "txt": checkText(at: url)
        default: nil
        }
    }

    /// Container → package document → manifest items in the zip → spine → nav;
    /// every XHTML/XML entry well-formed.
    public static func checkEPUB(at url: URL) -> [Diagnostic] {
        EPUBStructureCheck.check(url)
    }

    /// `checkEPUB(at:)` on an EPUB Galley just wrote with `documents` content
    /// documents: the entry and tree limits grow with the book (a book of
    /// 20,000 chapter files is not an archive bomb), the byte limits stay.
    public static func checkEPUB(at url: URL, documents: Int) -> [Diagnostic] {
        var limits = EPUBArchiveLimits.standard
        limits.maximumEntryCount = max(limits.maximumEntryCount, documents + 1_000)
        limits.maximumTreeMarkup = max(limits.maximumTreeMarkup, documents * 20 + 100_000)
        return EPUBStructureCheck.check(url, limits: limits)
    }

    /// Reads the DocBook grammar now (it takes a while), so that a build
    /// can do it while it reads the book rather than after writing.
    public static func prepareDocBookCheck() {
        xmlInitParser()   // guarded by libxml2's own init lock
        _ = DocBookValidator.grammar
    }

    /// How large a DocBook file `galley check` takes from anyone: the file is
    /// read whole and parsed into a libxml2 tree (about 250 bytes per element
    /// or attribute), so these bound its memory (about 300 MB at most).
    public struct DocBookLimits: Sendable, Hashable {
        public var maximumFileSize: Int
        /// Elements plus attributes (`<` and `=` counted).
        public var maximumMarkup: Int
        public init(maximumFileSize: Int = 64 << 20, maximumMarkup: Int = 1_000_000) {
            self.maximumFileSize = maximumFileSize
            self.maximumMarkup = maximumMarkup
        }
        public static let standard = DocBookLimits()
    }

    /// Well-formed, valid against the DocBook 5.0 RELAX NG schema, and the
    /// Schematron rules checked natively. With `limits` (a file from
    /// anyone), a larger file is refused before it is read or parsed; a
    /// build checks its own output without them.
    public static func checkDocBook(at url: URL, limits: DocBookLimits? = nil) -> [Diagnostic] {
        if let limits, let size = try? url.resourceValues(forKeys: [.fileSizeKey]).fileSize,
            size > limits.maximumFileSize
        {
            return [
                Diagnostic(
                    CheckCode.xmlTooLarge,
                    "the file has \(size) bytes; `galley check` reads DocBook files of at most "
                        + "\(limits.maximumFileSize) bytes", at: SourceLocation(file: url.path))
            ]
        }
        guard let data = FileManager.default.contents(atPath: url.path) else {
            return [
                Diagnostic(
                    CheckCode.docbookUnreadable, "cannot read the DocBook file",
                    at: SourceLocation(file: url.path))
            ]
        }
        return DocBookValidator.validate([UInt8](data), name: url.path, markupLimit: limits?.maximumMarkup)
    }

    /// Whether `line` shows the markup `form` somewhere (see `isMarkup`).
    static func holds(_ line: ArraySlice<UInt8>, _ form: [UInt8]) -> Bool {
        guard form == starStar else { return line.contains(bytes: form) }
        var start = line.startIndex
        while start + 2 <= line.endIndex {
            if line[start] == 0x2A, line[start + 1] == 0x2A, isMarkup(form, at: start, in: line) { return true }
            start += 1
        }
        return false
    }

    private static let starStar = Array("**".utf8)

    /// `**` is left Markdown only where it could open or close emphasis: not
    /// with white space (or the line's end) on both sides, as in a C
    /// declaration kept as prose (`const char ** names`). Other forms always are.
    static func isMarkup(_ form: [UInt8], at start: Int, in line: ArraySlice<UInt8>) -> Bool {
        guard form == starStar else { return true }
        func isSpace(_ index: Int) -> Bool {
            guard index >= line.startIndex, index < line.endIndex else { return true }
            return line[index] == 0x20 || line[index] == 0x09
        }
        // A longer run of stars is judged by its ends.
        var first = start
        while first > line.startIndex, line[first - 1] == 0x2A { first -= 1 }
        var end = start + 2
        while end < line.endIndex, line[end] == 0x2A { end += 1 }
        return !(isSpace(first - 1) && isSpace(end))
    }

    /// UTF-8 without BOM, LF only, final newline, no control characters,
    /// no markup (`<sup>`, `**`, `](`, `&amp;`…). Each finding names its line.
    /// - Parameter code: the book's code (inline code and the lines of code
    ///   blocks): markup inside it is the author's, so a line is searched
    ///   for markup only outside the code it holds.
    public static func checkText(at url: URL, code: [String] = []) -> [Diagnostic] {
        let path = url.path
        guard let data = FileManager.default.contents(atPath: path) else {
            return [Diagnostic(CheckCode.textUnreadable, "cannot read the text output", at: SourceLocation(file: path))]
        }
        let bytes = [UInt8](data)
        var diagnostics: [Diagnostic] = []
        func report(_ code: CheckCode, _ message: String, line: Int) {
            diagnostics.append(Diagnostic(code, severity: .error, message, at: SourceLocation(file: path, line: line)))
        }
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) {
            report(.textBom, "the file starts with a byte order mark; write UTF-8 without BOM", line: 1)
        }
        guard String(validating: bytes, as: UTF8.self) != nil else {
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
            report(.textEncoding, "the file is not valid UTF-8", line: line)
            return diagnostics
        }
        if bytes.last != 0x0A {
            report(
                .textFinalNewline, "the last line does not end with a line feed",
                line: bytes.reduce(1) { $1 == 0x0A ? $0 + 1 : $0 })
        }
        // A writer that leaks its input's markup shows it in these forms. A
        // warning, not an error: text the check cannot tell from code may hold them.
        let markup = [
            "<sup>", "</sup>", "<sub>", "</sub>", "<br>", "<br/>", "<b>", "</b>", "<i>", "</i>",
            "<span", "</span>", "<p>", "</p>", "<div", "</div>", "**", "](", "&amp;", "&lt;", "&gt;",
            "&quot;", "&nbsp;", "&#",
        ].map { Array($0.utf8) }
        // Only code that holds a markup form can hide one; most books have little.
        var snippets = CodeSnippets(
            Set(
                code.lazy.flatMap { $0.split(separator: "\n") }
                    .map { CodeSnippets.trimmed(Array($0.utf8)[...]) }
                    .filter { snippet in markup.contains { snippet.contains(bytes: $0) } }))
        var outOfBudget = false
        /// The markup form a line shows outside the code it holds, if any
        /// (nil, and `outOfBudget`, once the snippets' budget is spent).
        func leakedMarkup(_ line: ArraySlice<UInt8>) -> [UInt8]? {
            guard let found = markup.first(where: { Self.holds(line, $0) }) else { return nil }
            guard !snippets.isEmpty else { return found }
            if snippets.isCodeLine(line) { return nil }
            guard let covered = snippets.coverage(of: line) else {
                outOfBudget = true
                return nil
            }
            // A form leaks where one of its occurrences is not all code.
            return markup.first { form in
                var start = line.startIndex
                while start + form.count <= line.endIndex {
                    if line[start..<start + form.count].elementsEqual(form),
                        Self.isMarkup(form, at: start, in: line),
                        covered[(start - line.startIndex)..<(start - line.startIndex + form.count)].contains(false)
                    {
                        return true
                    }
                    start += 1
                }
                return false
            }
        }
        var markupFindings = 0
        var saidUnchecked = false
        // One pass over the bytes (this runs on every build); only a line
        // holding < * ] & is searched for markup.
        bytes.withUnsafeBufferPointer { buffer in
            var number = 1
            var hasCarriageReturn = false
            var control: UInt8?
            var markupCandidate = false
            var lineStart = 0
            for index in 0...buffer.count {
                let byte: UInt8 = index < buffer.count ? buffer[index] : 0x0A
                switch byte {
                case 0x0A:
                    if index == buffer.count && lineStart == index { break }
                    if hasCarriageReturn {
                        report(.textLineEnding, "carriage return: lines must end with LF only", line: number)
                    }
                    if let control {
                        report(
                            .textControl,
                            "control character U+\(String(control, radix: 16, uppercase: true)) in the text",
                            line: number)
                    }
                    if markupCandidate, markupFindings < 20, !outOfBudget,
                        let found = leakedMarkup(bytes[lineStart..<index])
                    {
                        markupFindings += 1
                        diagnostics.append(
                            Diagnostic(
                                CheckCode.textMarkup,
                                "markup `\(String(decoding: found, as: UTF8.self))` in the plain text",
                                at: SourceLocation(file: path, line: number)))
                    }
                    if outOfBudget, !saidUnchecked {
                        saidUnchecked = true
                        diagnostics.append(
                            Diagnostic(
                                CheckCode.textMarkupUnchecked, severity: .note,
                                "the text from here on was not searched for markup: too much of the book's code "
                                    + "holds markup-like text to tell it apart",
                                at: SourceLocation(file: path, line: number)))
                    }
                    number += 1
                    lineStart = index + 1
                    hasCarriageReturn = false
                    control = nil
                    markupCandidate = false
                case 0x0D: hasCarriageReturn = true
                case 0x3C, 0x2A, 0x5D, 0x26: markupCandidate = true
                case 0x00...0x08, 0x0B...0x0C, 0x0E...0x1F: if control == nil { control = byte }
                default: break
                }
            }
        }
        return diagnostics
    }
}

private extension ArraySlice where Element == UInt8 {
    /// True when `needle` occurs in the slice.
    func contains(bytes needle: [UInt8]) -> Bool {
        guard let first = needle.first, count >= needle.count else { return false }
        var index = startIndex
        let last = endIndex - needle.count
        while index <= last {
            if self[index] == first && self[index..<index + needle.count].elementsEqual(needle) { return true }
            index += 1
        }
        return false
    }
}
