import Foundation
import GalleyCore
import Yams

/// What `book.yaml` (or an mdBook/GitBook project) says: the book's
/// metadata and its chapter files.
struct BookManifest {
    var metadata: Metadata
    /// Chapters (paths relative to the source folder) and parts, in reading
    /// order, each with the place that lists it.
    var entries: [ManifestEntry]
}

/// Reads `book.yaml`. Every problem is a diagnostic located file:line.
struct BookYAMLReader {
    /// The file as shown in messages (`Source/book.yaml`).
    let file: String
    /// Every file named in `book.yaml` (cover, contents) is reached through this.
    let files: ProjectFiles
    let displayDirectory: String
    var diagnostics: [Diagnostic] = []

    init(files: ProjectFiles, displayDirectory: String) {
        self.files = files
        self.displayDirectory = displayDirectory
        file = displayDirectory.isEmpty ? "book.yaml" : "\(displayDirectory)/book.yaml"
    }

    static let knownKeys: Set<String> = [
        "title", "subtitle", "language", "author", "creators", "publisher", "date", "isbn",
        "identifier", "subjects", "description", "rights", "cover", "writing-mode",
        "text-columns", "tate-chu-yoko", "highlight", "contents", "chapters", "lint", "fonts",
    ]

    /// The shape of a BCP 47 tag (language, then subtags of 1–8 letters or
    /// digits); whether the subtags are registered is not checked.
    static func isLanguageTag(_ tag: String) -> Bool {
        let parts = tag.split(separator: "-", omittingEmptySubsequences: false)
        guard let first = parts.first, (2...8).contains(first.count),
            first.allSatisfy({ $0.isASCII && $0.isLetter })
        else { return false }
        return parts.dropFirst().allSatisfy {
            (1...8).contains($0.count) && $0.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber) }
        }
    }

    /// `2008`, `2008-12` or `2008-12-01` (W3CDTF, as EPUB's dc:date wants).
    static func isW3CDate(_ date: String) -> Bool {
        let parts = date.split(separator: "-", omittingEmptySubsequences: false)
        guard (1...3).contains(parts.count), parts[0].count == 4 else { return false }
        guard parts.allSatisfy({ $0.allSatisfy { $0.isASCII && $0.isNumber } }) else { return false }
        return parts.dropFirst().allSatisfy { $0.count == 2 }
    }

    /// Why a date of the right shape names no day of the calendar
    /// (`2008-13-45`, `2009-02-29`), or nil when it is a real one.
    static func impossibleDate(_ date: String) -> String? {
        let parts = date.split(separator: "-").compactMap { Int($0) }
        guard parts.count >= 2 else { return nil }
        let (year, month) = (parts[0], parts[1])
        guard (1...12).contains(month) else { return "there is no month \(month)" }
        guard parts.count == 3 else { return nil }
        let leap = year % 4 == 0 && (year % 100 != 0 || year % 400 == 0)
        let days = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1]
        guard (1...days).contains(parts[2]) else { return "month \(month) of \(year) has no day \(parts[2])" }
        return nil
    }

    mutating func error(_ code: MarkdownCode, _ message: String, _ node: Node?, file: String? = nil) {
        diagnostics.append(
            Diagnostic(
                code, severity: .error, message,
                at: SourceLocation(file: file ?? self.file, line: node?.mark?.line, column: node?.mark?.column)))
    }

    mutating func warning(_ code: MarkdownCode, _ message: String, _ node: Node?) {
        diagnostics.append(
            Diagnostic(
                code, severity: .warning, message,
                at: SourceLocation(file: file, line: node?.mark?.line, column: node?.mark?.column)))
    }

    /// The manifest, or nil when the file is not YAML or not a mapping.
    mutating func read(_ text: String) -> BookManifest? {
        guard let root = compose(text, file: file) else { return nil }
        guard case .mapping(let mapping) = root else {
            error(.bookyamlType, "book.yaml must be a mapping of keys (`title: …`, `chapters: …`)", root)
            return nil
        }
        var values: [String: Node] = [:]
        for (key, value) in mapping {
            guard let name = key.string else { continue }
            if !Self.knownKeys.contains(name) {
                warning(
                    .bookyamlUnknownKey,
                    "unknown key `\(name)` is ignored (see README for the keys book.yaml accepts)", key)
                continue
            }
            values[name] = value
        }
        let metadata = metadata(values, root: root)
        let chapters = chapters(values["chapters"], root: root)
        // Returned even with errors, so the chapters' own problems are reported too.
        return BookManifest(metadata: metadata, entries: chapters)
    }

    /// Every key but `chapters`, in the order their messages appear.
    mutating func metadata(_ values: [String: Node], root: Node) -> Metadata {
        let title = requiredString("title", values, root)
        let language = requiredString("language", values, root)
        if let language, !Self.isLanguageTag(language) {
            error(
                .bookyamlValue, "`language` is a BCP 47 tag such as `zh-Hans`, `zh-CN` or `en`, not `\(language)`",
                values["language"])
        }
        var metadata = Metadata(title: title ?? "", language: language ?? "")
        metadata.subtitle = optionalString("subtitle", values)
        metadata.date = optionalString("date", values)
        if let date = metadata.date { checkDate(date, values["date"]) }
        metadata.identifier = optionalString("identifier", values)
        metadata.description = optionalString("description", values)
        metadata.rights = optionalString("rights", values)
        metadata.cover = optionalString("cover", values)
        if let cover = metadata.cover, !cover.isEmpty { checkCover(cover, values["cover"]) }
        metadata.subjects = stringList("subjects", values)
        if let node = values["author"] { metadata.creators += authors(node) }
        if let node = values["creators"] { metadata.creators += creators(node) }
        if let node = values["publisher"] { publisher(node, into: &metadata) }
        if let node = values["isbn"] { metadata.isbn = isbn(node) }
        layout(values, into: &metadata)
        if let node = values["contents"] { metadata.printedContents = contents(node) }
        if let node = values["fonts"] { metadata.fonts = fonts(node) }
        return metadata
    }

    /// A date of the wrong shape is a warning; a date no calendar has is an error.
    mutating func checkDate(_ date: String, _ node: Node?) {
        if !Self.isW3CDate(date) {
            warning(
                .bookyamlDate,
                "`date` `\(date)` is not YYYY, YYYY-MM or YYYY-MM-DD; EPUB readers may not understand it", node)
        } else if let reason = Self.impossibleDate(date) {
            error(.bookyamlDate, "`date` `\(date)` is not a real date: \(reason)", node)
        }
    }

    mutating func isbn(_ node: Node) -> String? {
        guard let raw = scalar(node, key: "isbn") else { return nil }
        do { return try ISBN.normalized(raw) } catch let problem {
            let reason: String
            switch problem {
            case .badCharacters: reason = "holds characters other than digits, X, hyphens and spaces"
            case .badLength(let n): reason = "has \(n) digits; an ISBN has 10 or 13"
            case .badCheckDigit(let expected): reason = "has a wrong check digit (it should end in \(expected))"
            }
            error(.bookyamlIsbn, "the ISBN `\(raw)` \(reason)", node)
            return nil
        }
    }

    /// `writing-mode`, `tate-chu-yoko`, `text-columns` and `highlight`.
    mutating func layout(_ values: [String: Node], into metadata: inout Metadata) {
        if let node = values["writing-mode"], let raw = scalar(node, key: "writing-mode") {
            if let mode = WritingMode(rawValue: raw) {
                metadata.writingMode = mode
            } else {
                error(.bookyamlValue, "`writing-mode` is `horizontal` or `vertical`, not `\(raw)`", node)
            }
        }
        if let node = values["tate-chu-yoko"] {
            if let length = node.int, (0...4).contains(length) {
                metadata.tateChuYoko = length
            } else {
                error(.bookyamlValue, "`tate-chu-yoko` is the longest run set upright, 0 (never) to 4", node)
            }
        }
        if let node = values["text-columns"] {
            if let columns = node.int, columns > 0 {
                metadata.textColumns = columns
            } else {
                error(.bookyamlValue, "`text-columns` is a positive whole number", node)
            }
        }
        if let node = values["highlight"] {
            if let highlight = node.bool {
                metadata.highlight = highlight
            } else {
                error(.bookyamlValue, "`highlight` is `true` (colour code in the EPUB, the default) or `false`", node)
            }
        }
    }

    /// The chapter paths as written, with their lines; `ProjectFiles` judges
    /// them. `chapters: SUMMARY.md` (a Markdown file) takes the chapters,
    /// parts and nesting of that mdBook/GitBook chapter list.
    mutating func chapters(_ node: Node?, root: Node) -> [ManifestEntry] {
        guard let node else {
            error(
                .bookyamlMissingKey,
                "book.yaml has no `chapters` (the list of chapter files in reading order)", root)
            return []
        }
        if let summary = node.string, SummaryFile.chapterPath(summary) != nil {
            var diagnostics: [Diagnostic] = []
            let entries =
                BookProject.readSummary(
                    summary, files: files, displayFolder: displayDirectory, diagnostics: &diagnostics) ?? []
            for diagnostic in diagnostics {
                var located = diagnostic
                // A SUMMARY.md that cannot be read is this line's problem.
                if located.code == MarkdownCode.projectConfig.rawValue {
                    located.location = SourceLocation(file: file, line: node.mark?.line)
                }
                self.diagnostics.append(located)
            }
            return entries
        }
        guard case .sequence(let sequence) = node else {
            error(
                .bookyamlType,
                "`chapters` is a list of chapter files relative to Source/, or the path of a SUMMARY.md", node)
            return []
        }
        var chapters: [ManifestEntry] = []
        for item in sequence {
            guard let path = item.string, !path.isEmpty else {
                error(.bookyamlType, "each entry of `chapters` is a path relative to Source/", item)
                continue
            }
            chapters.append(
                ManifestEntry(kind: .chapter(path: path), listedAt: SourceLocation(file: file, line: item.mark?.line)))
        }
        if chapters.isEmpty { error(.bookyamlValue, "`chapters` lists no chapter", node) }
        return chapters
    }

    /// Parses YAML into a node, turning Yams errors into located diagnostics.
    /// - Parameter offsetInFile: bytes of the file before `text` (front matter), for byte offsets.
    mutating func compose(_ text: String, file: String, offsetInFile: Int = 0) -> Node? {
        do {
            guard let node = try Yams.compose(yaml: text) else {
                diagnostics.append(
                    Diagnostic(
                        MarkdownCode.bookyamlEmpty, "the file is empty",
                        at: SourceLocation(file: file, line: 1)))
                return nil
            }
            return node
        } catch let yamlError as YamlError {
            let (problem, location) = Self.located(yamlError, in: text, file: file, offsetInFile: offsetInFile)
            diagnostics.append(Diagnostic(MarkdownCode.bookyamlSyntax, "YAML syntax: \(problem)", at: location))
            return nil
        } catch {
            diagnostics.append(
                Diagnostic(
                    MarkdownCode.bookyamlSyntax, "YAML: \(Self.firstLine("\(error)"))",
                    at: SourceLocation(file: file)))
            return nil
        }
    }

    /// One line for a Yams error (its descriptions quote the YAML over
    /// several lines) and where it is.
    static func located(
        _ yamlError: YamlError, in text: String, file: String,
        offsetInFile: Int
    ) -> (String, SourceLocation) {
        switch yamlError {
        case .scanner(_, let problem, let mark, _), .parser(_, let problem, let mark, _),
            .composer(_, let problem, let mark, _):
            return (firstLine(problem), SourceLocation(file: file, line: mark.line, column: mark.column))
        case .reader(let problem, let offset?, _, _):
            let line = text.utf8.prefix(offset).reduce(1) { $1 == 0x0A ? $0 + 1 : $0 }
            return (
                "\(firstLine(problem)) (byte offset \(offset + offsetInFile))",
                SourceLocation(file: file, line: line)
            )
        case .duplicatedKeysInMapping(let duplicates, let context):
            let keys = duplicates.sorted().map { "`\($0)`" }.joined(separator: ", ")
            return (
                "a key is given twice: \(keys)",
                SourceLocation(file: file, line: context.mark.line, column: context.mark.column)
            )
        default:
            return (firstLine("\(yamlError)"), SourceLocation(file: file))
        }
    }

    static func firstLine(_ text: String) -> String {
        String(text.split(separator: "\n", omittingEmptySubsequences: true).first ?? "")
    }

    mutating func scalar(_ node: Node, key: String) -> String? {
        guard case .scalar(let scalar) = node else {
            error(.bookyamlType, "`\(key)` is a single value, not a list or mapping", node)
            return nil
        }
        return scalar.string
    }

    mutating func requiredString(_ key: String, _ values: [String: Node], _ root: Node) -> String? {
        guard let node = values[key] else {
            error(.bookyamlMissingKey, "book.yaml has no `\(key)`, which every book needs", root)
            return nil
        }
        guard let value = scalar(node, key: key), !value.isEmpty else {
            if case .scalar = node { error(.bookyamlValue, "`\(key)` is empty", node) }
            return nil
        }
        return value
    }

    mutating func optionalString(_ key: String, _ values: [String: Node]) -> String? {
        guard let node = values[key] else { return nil }
        return scalar(node, key: key)
    }

    mutating func stringList(_ key: String, _ values: [String: Node]) -> [String] {
        guard let node = values[key] else { return [] }
        switch node {
        case .sequence(let sequence):
            return sequence.compactMap { scalar($0, key: key) }
        case .scalar(let scalar):
            return [scalar.string]
        default:
            error(.bookyamlType, "`\(key)` is a list of strings", node)
            return []
        }
    }
}
