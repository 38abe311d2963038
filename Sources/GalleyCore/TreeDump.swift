/// A compact, indented, readable dump of a tree, one node per line, used
/// as the expected output of reader fixture tests:
///
///     division chapter #ch001 src=ch1.md
///       title
///         text "第一章"
///       section 2 #ch001-s1
///         title
///           text "一、背景"
///         paragraph
///           text "中文"
///
/// Strings are quoted with invisible characters escaped (`\u{A0}`), so a
/// golden file shows exactly what the tree holds.
public enum TreeDump {
    public static func dump(_ book: Book, metadata: Bool = true) -> String {
        var out = Output()
        if metadata { dump(book.metadata, into: &out) }
        for division in book.divisions { dump(division, into: &out) }
        return out.text
    }

    public static func dump(_ division: Division) -> String {
        var out = Output()
        dump(division, into: &out)
        return out.text
    }

    public static func dump(_ blocks: [Block]) -> String {
        var out = Output()
        for block in blocks { dump(block, into: &out) }
        return out.text
    }

    struct Output {
        var text = ""
        var depth = 0
        mutating func line(_ content: String) {
            text += String(repeating: "  ", count: depth) + content + "\n"
        }
        mutating func nested(_ header: String, _ body: (inout Output) -> Void) {
            line(header)
            depth += 1
            body(&self)
            depth -= 1
        }
    }

    static func dump(_ metadata: Metadata, into out: inout Output) {
        out.nested("metadata") { out in
            out.line("title \(quoted(metadata.title))")
            if let value = metadata.subtitle { out.line("subtitle \(quoted(value))") }
            out.line("language \(metadata.language)")
            for creator in metadata.creators {
                var line = "creator \(quoted(creator.name)) role=\(creator.role)"
                if let display = creator.displayRole { line += " display=\(display)" }
                if let fileAs = creator.fileAs { line += " file-as=\(quoted(fileAs))" }
                if creator.isOrganization { line += " organization" }
                out.line(line)
            }
            if let value = metadata.publisher { out.line("publisher \(quoted(value))") }
            if let value = metadata.publisherAddress { out.line("publisher-address \(quoted(value))") }
            if let value = metadata.date { out.line("date \(value)") }
            if let value = metadata.isbn { out.line("isbn \(value)") }
            if let value = metadata.identifier { out.line("identifier \(value)") }
            for subject in metadata.subjects { out.line("subject \(quoted(subject))") }
            if let value = metadata.description { out.line("description \(quoted(value))") }
            if let value = metadata.rights { out.line("rights \(quoted(value))") }
            if let value = metadata.cover { out.line("cover \(value)") }
            if metadata.writingMode != .horizontal { out.line("writing-mode \(metadata.writingMode.rawValue)") }
            if let value = metadata.textColumns { out.line("text-columns \(value)") }
            for entry in metadata.printedContents {
                out.line("contents \(entry.level) \(quoted(entry.title))" + (entry.page.map { " p\($0)" } ?? ""))
            }
        }
    }

    static func dump(_ division: Division, into out: inout Output) {
        var header = "division \(division.role.rawValue) #\(division.id) src=\(division.sourcePath)"
        header += attributeText(division.attributes)
        if let language = division.language { header += " lang=\(language)" }
        if division.titleOrigin != .heading { header += " title-from=\(division.titleOrigin.rawValue)" }
        out.nested(header) { out in
            if !division.title.isEmpty { out.nested("title") { dump(division.title, into: &$0) } }
            for block in division.blocks { dump(block, into: &out) }
            for note in division.footnotes {
                out.nested("footnote \(note.number) \(quoted(note.label)) #\(note.id)") { out in
                    for block in note.blocks { dump(block, into: &out) }
                }
            }
        }
    }

    static func dump(_ block: Block, into out: inout Output) {
        switch block {
        case .paragraph(let content):
            out.nested("paragraph") { dump(content, into: &$0) }
        case .heading(let level, let attributes, let content):
            out.nested("heading \(level)\(attributeText(attributes))") { dump(content, into: &$0) }
        case .blockQuote(let children):
            out.nested("blockquote") { out in for child in children { dump(child, into: &out) } }
        case .list(let list):
            let kind: String
            switch list.kind {
            case .bullet: kind = "bullet"
            case .ordered(let start): kind = "ordered start=\(start)"
            }
            out.nested("list \(kind)\(list.isTight ? " tight" : " loose")") { out in
                for item in list.items {
                    let task = item.task.map { $0 ? " [x]" : " [ ]" } ?? ""
                    out.nested("item\(task)") { out in for child in item.blocks { dump(child, into: &out) } }
                }
            }
        case .codeBlock(let language, let text):
            out.line("code-block\(language.map { " \($0)" } ?? "") \(quoted(text))")
        case .thematicBreak:
            out.line("thematic-break")
        case .table(let table):
            out.nested("table \(table.alignments.map(\.rawValue).joined(separator: ","))") { out in
                out.nested("header") { out in
                    for cell in table.header { out.nested("cell") { dump(cell, into: &$0) } }
                }
                for row in table.rows {
                    out.nested("row") { out in
                        for cell in row { out.nested("cell") { dump(cell, into: &$0) } }
                    }
                }
            }
        case .div(let attributes, let children):
            out.nested("div\(attributeText(attributes))") { out in for child in children { dump(child, into: &out) } }
        case .section(let section):
            out.nested("section \(section.level)\(attributeText(section.attributes))") { out in
                out.nested("title") { dump(section.title, into: &$0) }
                for child in section.blocks { dump(child, into: &out) }
            }
        }
    }

    static func dump(_ inlines: [Inline], into out: inout Output) {
        for inline in inlines { dump(inline, into: &out) }
    }

    static func dump(_ inline: Inline, into out: inout Output) {
        switch inline {
        case .text(let text): out.line("text \(quoted(text))")
        case .emphasis(let c): out.nested("emphasis") { dump(c, into: &$0) }
        case .strong(let c): out.nested("strong") { dump(c, into: &$0) }
        case .strikethrough(let c): out.nested("strikethrough") { dump(c, into: &$0) }
        case .superscript(let c): out.nested("superscript") { dump(c, into: &$0) }
        case .subscript(let c): out.nested("subscript") { dump(c, into: &$0) }
        case .code(let text): out.line("code \(quoted(text))")
        case .link(let link):
            var header = "link \(targetText(link.target))"
            if let title = link.title { header += " title=\(quoted(title))" }
            if link.isAutolink { header += " autolink" }
            out.nested(header) { dump(link.children, into: &$0) }
        case .image(let image):
            var header = "image \(quoted(image.source))"
            if let title = image.title { header += " title=\(quoted(title))" }
            header += attributeText(image.attributes)
            out.nested(header) { dump(image.alt, into: &$0) }
        case .softBreak: out.line("soft-break")
        case .lineBreak: out.line("line-break")
        case .footnoteReference(let label): out.line("footnote-ref \(quoted(label))")
        case .ruby(let base, let text):
            out.nested("ruby \(quoted(text))") { dump(base, into: &$0) }
        case .span(let attributes, let c):
            out.nested("span\(attributeText(attributes))") { dump(c, into: &$0) }
        }
    }

    static func targetText(_ target: LinkTarget) -> String {
        switch target {
        case .external(let url): return "external=\(quoted(url))"
        case .internal(let division, let fragment): return "internal=\(division)" + (fragment.map { "#\($0)" } ?? "")
        case .unresolved(let text): return "unresolved=\(quoted(text))"
        }
    }

    static func attributeText(_ attributes: Attributes) -> String {
        var text = ""
        if let id = attributes.id { text += " #\(id)" }
        for name in attributes.classes { text += " .\(name)" }
        for pair in attributes.pairs { text += " \(pair.key)=\(quoted(pair.value))" }
        return text
    }

    /// A double-quoted string with `"`, `\` and invisible characters escaped.
    public static func quoted(_ text: String) -> String {
        var result = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": result += "\\\""
            case "\\": result += "\\\\"
            case "\n": result += "\\n"
            case "\t": result += "\\t"
            case "\u{A0}": result += "\\u{A0}"
            default:
                if scalar.value < 0x20 || scalar.value == 0x7F || (0x2000...0x200F).contains(scalar.value)
                    || scalar.value == 0x3000
                {
                    result += "\\u{\(String(scalar.value, radix: 16, uppercase: true))}"
                } else {
                    result.unicodeScalars.append(scalar)
                }
            }
        }
        return result + "\""
    }
}
