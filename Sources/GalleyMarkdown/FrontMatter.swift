/// YAML front matter at the very start of a chapter file:
/// a `---` line, YAML, and a closing `---` (or `...`) line.
enum FrontMatter {
    /// The YAML text (nil when there is none) and the body with the front
    /// matter lines blanked, so that line numbers in the body stay true.
    static func split(_ text: String) -> (yaml: String?, body: String) {
        guard text.hasPrefix("---\n") || text == "---" else { return (nil, text) }
        var lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        guard let end = lines.indices.dropFirst().first(where: {
            let line = lines[$0].trimmingTrailingSpaces
            return line == "---" || line == "..."
        }) else { return (nil, text) }
        let yaml = lines[1..<end].joined(separator: "\n")
        for index in 0...end { lines[index] = "" }
        return (yaml, lines.joined(separator: "\n"))
    }
}

extension Substring {
    var trimmingTrailingSpaces: Substring {
        var text = self
        while text.last == " " || text.last == "\t" { text = text.dropLast() }
        return text
    }
}
