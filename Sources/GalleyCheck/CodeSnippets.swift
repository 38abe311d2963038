/// The book's lines of code that hold a markup form (`**`, `](`, `&amp;`…),
/// indexed so that the text check can tell which bytes of a line are code in
/// time linear in the line, however much code the book has.
///
/// A code block's line stands alone in the text output (behind an indent or
/// a quote's `>`) and is found by one lookup. Inline code sits inside prose:
/// each position of the line is looked up among the snippets by its first
/// bytes. The bytes compared are bounded (`budget`): a book made to defeat
/// the index gets a note instead of a check that never ends.
struct CodeSnippets {
    /// Snippets at least this long are found by their first `keyLength` bytes.
    static let keyLength = 8

    private let whole: Set<ArraySlice<UInt8>>
    private let short: Set<ArraySlice<UInt8>>
    private let shortLengths: [Int]
    private let long: [UInt64: [ArraySlice<UInt8>]]
    /// Bytes that may still be compared.
    private(set) var budget: Int

    init(_ snippets: Set<ArraySlice<UInt8>>, budget: Int = 50_000_000) {
        whole = snippets
        short = snippets.filter { !$0.isEmpty && $0.count < Self.keyLength }
        shortLengths = Set(short.map(\.count)).sorted()
        long = Dictionary(grouping: snippets.filter { $0.count >= Self.keyLength }) { Self.key($0, at: $0.startIndex) }
        self.budget = budget
    }

    var isEmpty: Bool { whole.isEmpty }

    /// True when `line` is one of the snippets, as a code block's line is written.
    func isCodeLine(_ line: ArraySlice<UInt8>) -> Bool { whole.contains(Self.trimmed(line)) }

    /// For each byte of `line` (by offset from its start), whether an
    /// occurrence of a snippet covers it; nil once the budget is spent.
    mutating func coverage(of line: ArraySlice<UInt8>) -> [Bool]? {
        var covered = [Bool](repeating: false, count: line.count)
        func cover(_ start: Int, _ count: Int) {
            let offset = start - line.startIndex
            for index in offset..<offset + count { covered[index] = true }
        }
        for start in line.indices {
            let left = line.endIndex - start
            for length in shortLengths where length <= left {
                budget -= length
                if short.contains(line[start..<start + length]) { cover(start, length) }
            }
            guard left >= Self.keyLength, let candidates = long[Self.key(line, at: start)] else { continue }
            for snippet in candidates where snippet.count <= left {
                budget -= snippet.count
                if line[start..<start + snippet.count].elementsEqual(snippet) { cover(start, snippet.count) }
            }
            if budget < 0 { return nil }
        }
        return covered
    }

    /// A line of code as the text output may show it: without the indent,
    /// quote marks (`>`) or ideographic spaces before it, or spaces after it.
    static func trimmed(_ line: ArraySlice<UInt8>) -> ArraySlice<UInt8> {
        var rest = line
        while true {
            if let first = rest.first, first == 0x20 || first == 0x09 || first == 0x3E {
                rest = rest.dropFirst()
            } else if rest.starts(with: [0xE3, 0x80, 0x80]) {   // U+3000
                rest = rest.dropFirst(3)
            } else {
                break
            }
        }
        while let last = rest.last, last == 0x20 || last == 0x09 { rest = rest.dropLast() }
        return rest
    }

    private static func key(_ bytes: ArraySlice<UInt8>, at start: Int) -> UInt64 {
        var key: UInt64 = 0
        for index in start..<start + keyLength { key = key << 8 | UInt64(bytes[index]) }
        return key
    }
}
