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
        var text = text
        text.makeContiguousUTF8()
        let lines = text   // the same storage, read while `text` lends its buffer
        let utf8 = lines.utf8
        // Offsets into a contiguous buffer, turned into indices once per line:
        // the generic `split` over `String.UTF8View` costs several times more.
        text.withUTF8 { buffer in
            let count = buffer.count
            var start = 0
            while start <= count {
                var end = start
                while end < count, buffer[end] != 0x0A { end += 1 }
                number += 1
                var indent = 0
                while start + indent < end, buffer[start + indent] == 0x20 { indent += 1 }
                var isCode = fence != nil
                let restStart = start + indent
                if indent <= 3, restStart < end, buffer[restStart] == 0x60 || buffer[restStart] == 0x7E {
                    let first = buffer[restStart]
                    var run = 0
                    while restStart + run < end, buffer[restStart + run] == first { run += 1 }
                    if run >= 3 {
                        if let open = fence {
                            var trailingBlank = true
                            for offset in (restStart + run)..<end
                            where buffer[offset] != 0x20 && buffer[offset] != 0x09 {
                                trailingBlank = false
                                break
                            }
                            if open.byte == first, run >= open.count, trailingBlank { fence = nil }
                        } else {
                            fence = (first, run)
                            isCode = true
                        }
                    }
                }
                let lower = utf8.index(utf8.startIndex, offsetBy: start)
                let upper = utf8.index(lower, offsetBy: end - start)
                body(SourceLine(text: lines[lower..<upper], number: number, indent: indent, isCode: isCode))
                start = end + 1
            }
        }
    }
}
