/// Line scanning shared by the passes that run on the chapter text before
/// cmark does (fenced divs, footnote definitions). Works on UTF-8 bytes:
/// splitting a 2 MB book by `Character` costs grapheme breaking on all of
/// it, and every marker looked for here is ASCII.
struct SourceLine {
    /// The line without its newline.
    let text: Substring
    /// 1-based line number.
    let number: Int
    /// Leading spaces.
    let indent: Int
    /// True inside a fenced code block, its fence lines included.
    let isCode: Bool

    /// The line after its indentation.
    var stripped: Substring { text.dropFirst(indent) }

    /// True when the stripped line starts with these ASCII bytes.
    func startsWith(_ prefix: StaticString) -> Bool {
        let bytes = stripped.utf8
        guard bytes.count >= prefix.utf8CodeUnitCount else { return false }
        return prefix.withUTF8Buffer { zip($0, bytes).allSatisfy { $0 == $1 } }
    }
}

enum SourceLines {
    /// Calls `body` for each line of `text`, tracking fenced code blocks as
    /// CommonMark does (a run of 3+ backticks or tildes, indented at most
    /// 3 spaces, closed by a run of the same character at least as long).
    static func scan(_ text: String, _ body: (SourceLine) -> Void) {
        var fence: (byte: UInt8, count: Int)?
        var number = 0
        for lineBytes in text.utf8.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false) {
            number += 1
            let line = Substring(lineBytes)
            let indent = lineBytes.prefix(while: { $0 == UInt8(ascii: " ") }).count
            var isCode = fence != nil
            let rest = lineBytes.dropFirst(indent)
            if indent <= 3, let first = rest.first, first == UInt8(ascii: "`") || first == UInt8(ascii: "~") {
                let count = rest.prefix(while: { $0 == first }).count
                if count >= 3 {
                    if let open = fence {
                        let trailing = rest.dropFirst(count)
                        if open.byte == first, count >= open.count,
                           trailing.allSatisfy({ $0 == UInt8(ascii: " ") || $0 == UInt8(ascii: "\t") }) {
                            fence = nil
                        }
                    } else {
                        fence = (first, count)
                        isCode = true
                    }
                }
            }
            body(SourceLine(text: line, number: number, indent: indent, isCode: isCode))
        }
    }
}
