/// The bytes of the text file being written: UTF-8, LF line endings, no
/// trailing whitespace on any line, blank lines only between content.
struct TextOutput {
    private(set) var bytes: [UInt8] = []
    private var pendingBlankLines = 0

    /// Asks for at least `count` blank lines before the next line written.
    /// Nothing is written before the first line or after the last.
    mutating func requestBlankLines(_ count: Int) {
        pendingBlankLines = max(pendingBlankLines, count)
    }

    /// Writes one line, without its trailing spaces, tabs or U+3000.
    mutating func line(_ text: String) {
        if !bytes.isEmpty {
            bytes.append(contentsOf: repeatElement(0x0A, count: pendingBlankLines))
        }
        pendingBlankLines = 0
        let lineStart = bytes.count
        bytes.append(contentsOf: text.utf8)
        // Trailing whitespace: U+0020, tab, U+3000 (E3 80 80 in UTF-8).
        while bytes.count > lineStart {
            let last = bytes[bytes.count - 1]
            if last == 0x20 || last == 0x09 {
                bytes.removeLast()
            } else if last == 0x80, bytes.count - lineStart >= 3,
                bytes[bytes.count - 2] == 0x80, bytes[bytes.count - 3] == 0xE3
            {
                bytes.removeLast(3)
            } else {
                break
            }
        }
        bytes.append(0x0A)
    }

    /// The finished file: every line, including the last, ends with LF.
    func finished() -> [UInt8] { bytes }
}
