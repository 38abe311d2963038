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
        var out = "title: \(YAML.scalar(meta.title ?? "Untitled"))\n"
        if let subtitle = meta.subtitle { out += "subtitle: \(YAML.scalar(subtitle))\n" }
        out += "language: \(YAML.scalar(meta.language))\n"
        if !meta.creators.isEmpty {
            out += "creators:\n"
            for creator in meta.creators {
                out += "  - name: \(YAML.scalar(creator.name))\n"
                // The printed role (编著) is what the reader maps to a MARC code.
                out += "    role: \(YAML.scalar(creator.displayRole ?? creator.role))\n"
                if creator.isOrganization { out += "    organization: true\n" }
            }
        }
        if let publisher = meta.publisher {
            if let address = meta.publisherAddress {
                out += "publisher:\n  name: \(YAML.scalar(publisher))\n  address: \(YAML.scalar(address))\n"
            } else {
                out += "publisher: \(YAML.scalar(publisher))\n"
            }
        }
        if let date = meta.date { out += "date: \(date)\n" }
        if let isbn = meta.isbn { out += "isbn: \(isbn)\n" }
        if !meta.subjects.isEmpty {
            out += "subjects:\n" + meta.subjects.map { "  - \(YAML.scalar($0))\n" }.joined()
        }
        if !document.contents.isEmpty { out += "contents: contents.yaml\n" }
        out += "chapters:\n" + chapters.map { "  - \($0)\n" }.joined()
        return out
    }

    static func contentsYAML(_ entries: [ContentsEntry]) -> String {
        entries.map { entry in
            var item = "- title: \(YAML.quoted(entry.title))\n  level: \(entry.level)\n"
            if let page = entry.page { item += "  page: \(page)\n" }
            return item
        }.joined()
    }

    /// One chapter file: front matter, blocks, then footnote definitions.
    static func markdown(_ division: ImportDivision) -> String {
        var out = "---\nrole: \(division.role.rawValue)\n"
        if let title = division.frontMatterTitle { out += "title: \(YAML.scalar(title))\n" }
        out += "---\n"
        var notes: [String] = []
        for block in division.blocks {
            let text = block.text.split(separator: "\n", omittingEmptySubsequences: false).joined(separator: "\\\n")
            switch block.kind {
            case .heading(let level):
                out += "\n" + String(repeating: "#", count: level) + " " + text + (block.id.map { " {#\($0)}" } ?? "") + "\n"
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

/// Just enough YAML writing for `book.yaml` and `contents.yaml`.
enum YAML {
    /// Plain when unambiguous, else double-quoted.
    static func scalar(_ text: String) -> String {
        let plainSafe = !text.isEmpty && !text.matches("^[\\s\\-?:,\\[\\]{}#&*!|>'\"%@`]|:\\s|\\s#|\\s$|^(true|false|null|yes|no|~)$")
            && !text.matches("^[0-9.+\\-]+$")
        return plainSafe ? text : quoted(text)
    }

    static func quoted(_ text: String) -> String {
        "\"" + text.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"") + "\""
    }
}
