/// YAML front matter at the very start of a chapter file:
/// a `---` line, YAML, and a closing `---` (or `...`) line.
enum FrontMatter {
    /// The YAML text (nil when there is none) and the body with the front
    /// matter lines blanked, so that line numbers in the body stay true.
    static func split(_ text: String) -> (yaml: String?, body: String) {
        let bytes = text.utf8
        guard bytes.starts(with: "---\n".utf8) else { return (nil, text) }
        // Scan line by line (bytes) only as far as the closing line.
        var lineStart = bytes.index(bytes.startIndex, offsetBy: 4)
        var lineCount = 1
        while lineStart < bytes.endIndex {
            let lineEnd = bytes[lineStart...].firstIndex(of: UInt8(ascii: "\n")) ?? bytes.endIndex
            lineCount += 1
            var line = bytes[lineStart..<lineEnd]
            while let last = line.last, last == UInt8(ascii: " ") || last == UInt8(ascii: "\t") {
                line = line.dropLast()
            }
            if line.elementsEqual("---".utf8) || line.elementsEqual("...".utf8) {
                let yaml = String(Substring(bytes[bytes.index(bytes.startIndex, offsetBy: 4)..<lineStart]))
                let rest = lineEnd < bytes.endIndex ? String(Substring(bytes[lineEnd...])) : ""
                return (yaml, String(repeating: "\n", count: lineCount - 1) + rest)
            }
            guard lineEnd < bytes.endIndex else { break }
            lineStart = bytes.index(after: lineEnd)
        }
        return (nil, text)
    }
}
