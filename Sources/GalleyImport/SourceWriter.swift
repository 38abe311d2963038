import Yams

/// Writes the imported document as `Source/` files: `book.yaml`, one
/// Markdown file per division, `contents.yaml` for the printed contents.
public enum SourceWriter {
    /// ASCII file names from roles (`preface.md`, `chapter-01.md`), unique.
    public static func fileNames(_ divisions: [ImportDivision]) -> [String] {
        var used: [String: Int] = [:]
        var chapter = 0
        return divisions.map { division in
            var base = division.role.rawValue
            if division.role == .chapter {
                chapter += 1
                base = "chapter-" + (chapter < 10 ? "0" : "") + String(chapter)
            }
            used[base, default: 0] += 1
            let count = used[base]!
            return base + (count > 1 ? "-\(count)" : "") + ".md"
        }
    }

    public static func files(for document: ImportDocument) -> [(path: String, text: String)] {
        let names = fileNames(document.divisions)
        var files: [(String, String)] = [("book.yaml", bookYAML(document, chapters: names))]
        if !document.contents.isEmpty { files.append(("contents.yaml", contentsYAML(document.contents))) }
        for (division, name) in zip(document.divisions, names) { files.append((name, markdown(division))) }
        return files
    }

    static func bookYAML(_ document: ImportDocument, chapters: [String]) -> String {
        let meta = document.metadata
        var pairs: [(String, Node)] = [("title", SourceYAML.string(meta.title ?? "Untitled"))]
        if let subtitle = meta.subtitle { pairs.append(("subtitle", SourceYAML.string(subtitle))) }
        pairs.append(("language", SourceYAML.string(meta.language)))
        if !meta.creators.isEmpty {
            pairs.append(
                (
                    "creators",
                    Node(
                        meta.creators.map { creator in
                            // The printed role (编著) is what the reader maps to a MARC code.
                            var fields = [
                                ("name", SourceYAML.string(creator.name)),
                                ("role", SourceYAML.string(creator.displayRole ?? creator.role)),
                            ]
                            if creator.isOrganization { fields.append(("organization", SourceYAML.bool(true))) }
                            return SourceYAML.mapping(fields)
                        })
                ))
        }
        if let publisher = meta.publisher {
            if let address = meta.publisherAddress {
                pairs.append(
                    (
                        "publisher",
                        SourceYAML.mapping([
                            ("name", SourceYAML.string(publisher)),
                            ("address", SourceYAML.string(address)),
                        ])
                    ))
            } else {
                pairs.append(("publisher", SourceYAML.string(publisher)))
            }
        }
        if let date = meta.date { pairs.append(("date", SourceYAML.string(date))) }
        if let isbn = meta.isbn { pairs.append(("isbn", SourceYAML.string(isbn))) }
        if !meta.subjects.isEmpty { pairs.append(("subjects", Node(meta.subjects.map(SourceYAML.string)))) }
        if !document.contents.isEmpty { pairs.append(("contents", SourceYAML.string("contents.yaml"))) }
        pairs.append(("chapters", Node(chapters.map(SourceYAML.string))))
        return SourceYAML.document(SourceYAML.mapping(pairs))
    }

    static func contentsYAML(_ entries: [ContentsEntry]) -> String {
        SourceYAML.document(
            Node(
                entries.map { entry in
                    var fields = [("title", SourceYAML.quoted(entry.title)), ("level", SourceYAML.int(entry.level))]
                    if let page = entry.page { fields.append(("page", SourceYAML.number(page))) }
                    return SourceYAML.mapping(fields)
                }))
    }

    /// The front matter of a chapter file, between `---` lines.
    static func frontMatter(_ division: ImportDivision) -> String {
        var fields = [("role", SourceYAML.string(division.role.rawValue))]
        if let title = division.frontMatterTitle { fields.append(("title", SourceYAML.string(title))) }
        return "---\n" + SourceYAML.document(SourceYAML.mapping(fields)) + "---\n"
    }

    /// One chapter file: front matter, blocks, then footnote definitions.
    static func markdown(_ division: ImportDivision) -> String {
        var out = frontMatter(division)
        var notes: [String] = []
        for block in division.blocks {
            let text = block.text.split(separator: "\n", omittingEmptySubsequences: false).joined(separator: "\\\n")
            switch block.kind {
            case .heading(let level):
                let id = block.id.map { " {#\($0)}" } ?? ""
                out += "\n" + String(repeating: "#", count: level) + " " + text + id + "\n"
            case .paragraph:
                out += "\n" + escapeLineStart(text) + "\n"
            case .listItem:
                out += "\n- " + text + "\n"
            case .footnote(let label?):
                notes.append("[^\(label)]: " + text)
            case .footnote(nil):
                out += "\n" + escapeLineStart(text) + "\n"
            case .signature:
                out += "\n::: signature\n" + text + "\n:::\n"
            }
        }
        for note in notes { out += "\n" + note + "\n" }
        return out
    }

    /// A paragraph that would read as Markdown structure (`# `, `- `, `1. `, `>`) gets a backslash.
    static func escapeLineStart(_ text: String) -> String {
        text.matches("^(#{1,6}(\\s|$)|[-+*>]\\s|[0-9]{1,9}[.)]\\s|:::)") ? "\\" + text : text
    }
}
