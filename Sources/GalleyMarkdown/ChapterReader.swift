import Foundation
import GalleyCore
import Yams

/// Reads one chapter file (front matter + Markdown) into a `Division`
/// whose ids, footnote numbers and links the book-wide transforms finish.
struct ChapterReader {
    let sourceDirectory: URL
    let displayDirectory: String
    private(set) var diagnostics: [Diagnostic] = []
    /// Lines of each explicit id by chapter path, in the order written.
    private(set) var idLines: [String: [String: [Int]]] = [:]

    init(sourceDirectory: URL, displayDirectory: String) {
        self.sourceDirectory = sourceDirectory
        self.displayDirectory = displayDirectory
    }

    /// Front-matter roles under the names people also write.
    static let roleAliases: [String: DivisionRole] = [
        "copyright-page": .copyright, "acknowledgements": .acknowledgments,
        "title-page": .titlepage, "foreward": .foreword, "appendices": .appendix,
    ]

    static let frontMatterKeys: Set<String> = ["role", "id", "lang", "language", "title"]

    func displayPath(_ path: String) -> String {
        displayDirectory.isEmpty ? path : "\(displayDirectory)/\(path)"
    }

    /// - Parameter listedAt: where `book.yaml` lists the file, for "missing file".
    mutating func read(_ path: String, listedAt: SourceLocation) -> Division? {
        let first = diagnostics.count
        defer { sortByLine(from: first) }
        let file = displayPath(path)
        guard let data = FileManager.default.contents(atPath: sourceDirectory.appendingPathComponent(path).path) else {
            diagnostics.append(Diagnostic(.error, "bookyaml.missing-file",
                "the chapter `\(path)` listed in book.yaml does not exist in \(displayDirectory.isEmpty ? "the source folder" : displayDirectory + "/")",
                at: listedAt))
            return nil
        }
        var text: String
        if let valid = String(validating: data, as: UTF8.self) {
            text = valid
        } else {
            text = String(decoding: data, as: UTF8.self)
            let before = text.unicodeScalars.prefix(while: { $0 != "\u{FFFD}" })
            let line = before.reduce(1) { $1 == "\n" ? $0 + 1 : $0 }
            diagnostics.append(Diagnostic(.warning, "markdown.encoding",
                "the file is not valid UTF-8; invalid bytes became U+FFFD", at: SourceLocation(file: file, line: line)))
        }
        if text.hasPrefix("\u{FEFF}") { text.removeFirst() }
        if text.utf8.contains(UInt8(ascii: "\r")) {
            text = text.replacingOccurrences(of: "\r\n", with: "\n").replacingOccurrences(of: "\r", with: "\n")
        }

        let (yaml, body) = FrontMatter.split(text)
        var role = DivisionRole.chapter
        var explicitID: String?
        var language: String?
        var frontTitle: String?
        if let yaml {
            var yamlReader = BookYAMLReader(sourceDirectory: sourceDirectory, displayDirectory: displayDirectory)
            // A leading newline makes Yams' line numbers the file's own (the YAML starts on line 2).
            let node = yamlReader.compose("\n" + yaml, file: file)
            diagnostics += yamlReader.diagnostics.map { diagnostic in
                var diagnostic = diagnostic
                if diagnostic.code == "bookyaml.syntax" { diagnostic.code = "markdown.front-matter" }
                return diagnostic
            }
            if case .mapping(let mapping)? = node {
                for (key, value) in mapping {
                    let name = key.string ?? ""
                    let location = SourceLocation(file: file, line: value.mark?.line)
                    let string = value.string
                    switch name {
                    case "role":
                        let raw = (string ?? "").lowercased()
                        if let known = DivisionRole(rawValue: raw) ?? Self.roleAliases[raw] {
                            role = known
                        } else {
                            diagnostics.append(Diagnostic(.error, "markdown.unknown-role",
                                "unknown role `\(string ?? "")`; one of: \(DivisionRole.allCases.map(\.rawValue).joined(separator: ", "))",
                                at: location))
                        }
                    case "id":
                        if let string, AssignIdentifiers.isValid(string) {
                            explicitID = string
                            idLines[path, default: [:]][string, default: []].append(value.mark?.line ?? 0)
                        } else {
                            diagnostics.append(Diagnostic(.warning, "markdown.invalid-id",
                                "the id `\(string ?? "")` is not an ASCII XML name; a generated id is used instead", at: location))
                        }
                    case "lang", "language": language = string
                    case "title": frontTitle = string
                    default:
                        diagnostics.append(Diagnostic(.warning, "markdown.unknown-front-matter-key",
                            "unknown front matter key `\(name)` is ignored (known: role, id, lang, title)",
                            at: SourceLocation(file: file, line: key.mark?.line)))
                    }
                }
            } else if node != nil {
                diagnostics.append(Diagnostic(.error, "markdown.front-matter",
                    "front matter must be a mapping (`role: preface`)", at: SourceLocation(file: file, line: 2)))
            }
        }

        let marked = FencedDivs.mark(body)
        for (message, line) in marked.problems {
            diagnostics.append(Diagnostic(.warning, "markdown.unbalanced-div", message, at: SourceLocation(file: file, line: line)))
        }
        let bytes = Array(marked.text.utf8)
        var converter = MarkdownConverter(file: file, source: bytes, divAttributes: marked.attributes)
        let document = CmarkDocument(markdown: bytes)
        let converted = converter.convert(CmarkNode(pointer: document.root))
        diagnostics += converter.diagnostics
        for (id, lines) in converter.idLines { idLines[path, default: [:]][id, default: []] += lines }

        reportMissingImages(in: converted.blocks + converted.footnotes.flatMap(\.blocks), chapter: path)
        let defined = Set(converted.footnotes.map { FootnoteDefinitions.normalized($0.label) })
        for (label, line) in FootnoteDefinitions.find(in: marked.text) where !defined.contains(FootnoteDefinitions.normalized(label)) {
            diagnostics.append(Diagnostic(.warning, "markdown.unused-footnote",
                "the footnote `[^\(label)]` is defined but never cited, so it is left out", at: SourceLocation(file: file, line: line)))
        }

        let sections = Sectioning.build(converted.blocks)
        var attributes = sections.titleAttributes
        let headingID = attributes.id
        attributes.id = nil
        var title = sections.title ?? []
        if title.isEmpty, let frontTitle { title = [.text(frontTitle)] }
        return Division(role: role, id: explicitID ?? headingID ?? "", sourcePath: path, title: title,
                        attributes: attributes, language: language, blocks: sections.blocks,
                        footnotes: converted.footnotes)
    }

    /// Warns about images whose file is not beside the chapter, while the
    /// line is still known; writers would otherwise fail later without it.
    mutating func reportMissingImages(in blocks: [Block], chapter: String) {
        let chapterDirectory = sourceDirectory.appendingPathComponent(chapter).deletingLastPathComponent()
        var missing: [(String, SourceLocation?)] = []
        InlineVisitor { inline in
            guard case .image(let image) = inline, !image.source.isEmpty,
                  case .unresolved = MarkdownConverter.target(image.source) else { return }
            let path = image.source.removingPercentEncoding ?? image.source
            if !FileManager.default.fileExists(atPath: chapterDirectory.appendingPathComponent(path).path) {
                missing.append((image.source, image.location))
            }
        }.blocks(blocks)
        for (source, location) in missing {
            diagnostics.append(Diagnostic(.warning, "markdown.missing-image",
                "the image `\(source)` does not exist (paths are relative to the chapter file)", at: location))
        }
    }

    /// One chapter's messages in line order (they are found in several passes).
    mutating func sortByLine(from start: Int) {
        let sorted = diagnostics[start...].enumerated().sorted {
            let a = $0.element.location?.line ?? 0, b = $1.element.location?.line ?? 0
            return a != b ? a < b : $0.offset < $1.offset
        }.map(\.element)
        diagnostics.replaceSubrange(start..., with: sorted)
    }
}
