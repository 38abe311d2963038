import GalleyCore

/// Turns inline content into a `TextRun`: every text node's characters, and
/// only layout additions around them (note markers, a link's URL, a ruby
/// reading in brackets). No markup survives.
struct InlineText {
    var measure: DisplayWidth
    var isCJK: Bool
    /// Footnote label → number in the current division.
    var footnoteNumbers: [String: Int] = [:]

    /// The run for `inlines`, outer spaces trimmed.
    func run(_ inlines: [Inline]) -> TextRun {
        var run = TextRun(measure: measure)
        append(inlines, to: &run)
        run.trimSpaces()
        return run
    }

    private func append(_ inlines: [Inline], to run: inout TextRun) {
        for inline in inlines {
            switch inline {
            case .text(let text), .code(let text):
                run.append(text)
            case .span where inline.rubyGroup != nil:
                // `{漢字|hàn|zì}`: 漢字（hànzì）.
                let group = inline.rubyGroup ?? []
                append([.ruby(base: group.flatMap(\.base), text: group.map(\.reading).joined())], to: &run)
            case .emphasis(let children), .strong(let children), .strikethrough(let children),
                .superscript(let children), .subscript(let children), .span(_, let children):
                append(children, to: &run)
            case .link(let link):
                // A URL is one token: no break inside it, even between the Han
                // characters of an IRI, unless it is longer than the line.
                guard case .external(let url) = link.target else {
                    append(link.children, to: &run)
                    continue
                }
                let text = Walk.plainText(link.children)
                if link.isAutolink || Self.normalized(url) == Self.normalized(text) {
                    run.append(text, unbreakable: true)
                } else {
                    append(link.children, to: &run)
                    run.append(isCJK ? "（" : " (")
                    run.append(url, unbreakable: true)
                    run.append(isCJK ? "）" : ")")
                }
            case .image(let image):
                let alt = Walk.plainText(image.alt)
                run.append("[")
                if alt.isEmpty {
                    run.append(isCJK ? "图" : "image")
                } else {
                    append(image.alt, to: &run)
                }
                run.append("]")
            case .softBreak:
                preconditionFailure("a NormalizedBook has no soft breaks: the pipeline decides them")
            case .lineBreak:
                run.appendHardBreak()
            case .footnoteReference(let label):
                run.append(Self.noteMarker(footnoteNumbers[label], label: label), attached: true)
            case .ruby(let base, let reading):
                append(base, to: &run)
                run.append(isCJK ? "（\(reading)）" : "(\(reading))", attached: true)
            }
        }
    }

    /// ①…⑳ for the first twenty notes, then [21], [22]…
    static func noteMarker(_ number: Int?, label: String) -> String {
        guard let number else { return "[\(label)]" }
        if (1...20).contains(number), let scalar = Unicode.Scalar(0x2460 + UInt32(number - 1)) {
            return String(Character(scalar))
        }
        return "[\(number)]"
    }

    /// A URL as a reader compares it with its link text: without scheme,
    /// `mailto:`, or trailing slash.
    static func normalized(_ url: String) -> String {
        var value = Substring(url).drop { $0 == " " }
        while value.hasSuffix(" ") { value = value.dropLast() }
        for prefix in ["mailto:", "https://", "http://"] where value.lowercased().hasPrefix(prefix) {
            value = value.dropFirst(prefix.count)
        }
        while value.hasSuffix("/") { value = value.dropLast() }
        return String(value)
    }
}
