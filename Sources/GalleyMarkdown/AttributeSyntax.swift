import GalleyCore

/// Pandoc's attribute syntax, `{#id .class key=value key="a b"}`, used on
/// headings, images and fenced divs.
enum AttributeSyntax {
    /// Parses the text between the braces; nil when it is not attribute syntax
    /// (so a heading that merely ends in `{…}` keeps its text).
    static func parse(_ body: Substring) -> Attributes? {
        var attributes = Attributes()
        var rest = body[...]
        func skipSpaces() { rest = rest.drop(while: { $0 == " " || $0 == "\t" }) }
        skipSpaces()
        if rest.isEmpty { return nil }
        while !rest.isEmpty {
            if rest.first == "#" {
                let word = rest.dropFirst().prefix(while: { $0 != " " && $0 != "\t" })
                guard !word.isEmpty else { return nil }
                attributes.id = String(word)
                rest = rest.dropFirst(word.count + 1)
            } else if rest.first == "." {
                let word = rest.dropFirst().prefix(while: { $0 != " " && $0 != "\t" })
                guard !word.isEmpty else { return nil }
                attributes.classes.append(String(word))
                rest = rest.dropFirst(word.count + 1)
            } else if rest.first == "-" && (rest.count == 1 || rest.dropFirst().first == " ") {
                attributes.classes.append("unnumbered")
                rest = rest.dropFirst()
            } else {
                let key = rest.prefix(while: { $0 != "=" && $0 != " " && $0 != "\t" })
                guard !key.isEmpty,
                    key.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "-" || $0 == "_" || $0 == ":" })
                else {
                    return nil
                }
                rest = rest.dropFirst(key.count)
                guard rest.first == "=" else { return nil }
                rest = rest.dropFirst()
                var value: Substring
                if rest.first == "\"" {
                    rest = rest.dropFirst()
                    guard let close = rest.firstIndex(of: "\"") else { return nil }
                    value = rest[..<close]
                    rest = rest[rest.index(after: close)...]
                } else {
                    value = rest.prefix(while: { $0 != " " && $0 != "\t" })
                    rest = rest.dropFirst(value.count)
                }
                attributes[String(key)] = String(value)
            }
            skipSpaces()
        }
        return attributes
    }
}

/// `# Title {#id .class}`: attributes at the end of a heading.
enum HeadingAttributes {
    /// The heading content without its trailing `{…}` and the attributes,
    /// or nil when the heading has none.
    static func split(_ content: [Inline]) -> ([Inline], Attributes)? {
        guard case .text(let text)? = content.last else { return nil }
        var trimmed = Substring(text)
        while trimmed.last == " " || trimmed.last == "\t" { trimmed = trimmed.dropLast() }
        guard trimmed.last == "}", let open = trimmed.lastIndex(of: "{") else { return nil }
        let inner = trimmed[trimmed.index(after: open)..<trimmed.index(before: trimmed.endIndex)]
        guard let attributes = AttributeSyntax.parse(inner) else { return nil }
        var before = trimmed[..<open]
        while before.last == " " || before.last == "\t" { before = before.dropLast() }
        var result = Array(content.dropLast())
        if !before.isEmpty { result.append(.text(String(before))) }
        return (result, attributes)
    }
}

/// `![alt](a.png){#fig1 .wide width=50%}`: attributes right after an image,
/// as pandoc reads them.
enum ImageAttributes {
    /// The inlines with each image's trailing `{…}` moved onto the image.
    static func attach(_ inlines: [Inline]) -> [Inline] {
        guard inlines.contains(where: { if case .image = $0 { true } else { false } }) else { return inlines }
        var result: [Inline] = []
        result.reserveCapacity(inlines.count)
        var index = inlines.startIndex
        while index < inlines.endIndex {
            let inline = inlines[index]
            index += 1
            guard case .image(var image) = inline, index < inlines.endIndex,
                case .text(let text) = inlines[index], text.first == "{",
                let close = text.firstIndex(of: "}"),
                let attributes = AttributeSyntax.parse(text[text.index(after: text.startIndex)..<close])
            else {
                result.append(inline)
                continue
            }
            image.attributes = attributes
            result.append(.image(image))
            let rest = text[text.index(after: close)...]
            if !rest.isEmpty { result.append(.text(String(rest))) }
            index += 1
        }
        return result
    }
}
