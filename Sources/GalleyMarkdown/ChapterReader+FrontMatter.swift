import GalleyCore
import Yams

/// What a chapter's front matter says.
struct FrontMatterFields {
    var role = DivisionRole.chapter
    var id: String?
    var language: String?
    var title: String?
}

extension ChapterReader {
    /// Front-matter roles under the names people also write.
    static let roleAliases: [String: DivisionRole] = [
        "copyright-page": .copyright, "acknowledgements": .acknowledgments,
        "title-page": .titlepage, "foreward": .foreword, "appendices": .appendix,
    ]

    static let frontMatterKeys: Set<String> = ["role", "id", "lang", "language", "title"]

    /// The front matter's fields and the body (front matter lines blanked).
    mutating func readFrontMatter(_ text: String, _ chapter: Chapter) -> (FrontMatterFields, String) {
        let (yaml, body) = FrontMatter.split(text)
        var fields = FrontMatterFields()
        if let invalid = invalidUTF8 {
            // The front matter spans lines 1 … (its YAML lines + 2).
            let frontMatterLines = yaml.map { $0.utf8.reduce(2) { $1 == 0x0A ? $0 + 1 : $0 } } ?? 0
            let inFrontMatter = invalid.line <= frontMatterLines
            diagnostics.append(
                Diagnostic(
                    MarkdownCode.encoding, severity: inFrontMatter ? .error : .warning,
                    inFrontMatter
                        ? "the front matter is not valid UTF-8 at byte offset \(invalid.offset)"
                        : "the file is not valid UTF-8 (first at byte offset \(invalid.offset)); "
                            + "invalid bytes became U+FFFD",
                    at: SourceLocation(file: chapter.display, line: invalid.line)))
            if inFrontMatter { return (fields, body) }
        }
        guard let yaml else { return (fields, body) }
        var yamlReader = BookYAMLReader(files: files, displayDirectory: displayDirectory)
        // A leading newline makes Yams' line numbers the file's own (the YAML starts on line 2).
        // The YAML starts after `---\n` (4 bytes), less the newline added here.
        let node = yamlReader.compose("\n" + yaml, file: chapter.display, offsetInFile: 3)
        diagnostics += yamlReader.diagnostics.map { diagnostic in
            var diagnostic = diagnostic
            if diagnostic.code == MarkdownCode.bookyamlSyntax.rawValue { diagnostic.recode(MarkdownCode.frontMatter) }
            return diagnostic
        }
        if case .mapping(let mapping)? = node {
            for (key, value) in mapping { frontMatterField(key, value, into: &fields, chapter) }
        } else if node != nil {
            diagnostics.append(
                Diagnostic(
                    MarkdownCode.frontMatter,
                    "front matter must be a mapping (`role: preface`)",
                    at: SourceLocation(file: chapter.display, line: 2)))
        }
        return (fields, body)
    }

    mutating func frontMatterField(
        _ key: Node, _ value: Node, into fields: inout FrontMatterFields,
        _ chapter: Chapter
    ) {
        let name = key.string ?? ""
        let location = SourceLocation(file: chapter.display, line: value.mark?.line)
        let string = value.string
        switch name {
        case "role":
            let raw = (string ?? "").lowercased()
            if let known = DivisionRole(rawValue: raw) ?? Self.roleAliases[raw] {
                fields.role = known
            } else {
                let roles = DivisionRole.allCases.map(\.rawValue).joined(separator: ", ")
                diagnostics.append(
                    Diagnostic(
                        MarkdownCode.unknownRole,
                        "unknown role `\(string ?? "")`; one of: \(roles)", at: location))
            }
        case "id":
            if let string, AssignIdentifiers.isValid(string) {
                fields.id = string
                idLines[chapter.path, default: [:]][string, default: []].append(value.mark?.line ?? 0)
            } else {
                diagnostics.append(
                    Diagnostic(
                        MarkdownCode.invalidId,
                        "the id `\(string ?? "")` is not an ASCII XML name; a generated id is used instead",
                        at: location))
            }
        case "lang", "language": fields.language = string
        case "title": fields.title = string
        default:
            diagnostics.append(
                Diagnostic(
                    MarkdownCode.unknownFrontMatterKey,
                    "unknown front matter key `\(name)` is ignored (known: role, id, lang, title)",
                    at: SourceLocation(file: chapter.display, line: key.mark?.line)))
        }
    }
}
