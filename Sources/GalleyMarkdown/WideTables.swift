import Foundation
import GalleyCore

/// Bounds the cells of a table row before cmark-gfm sees the chapter: its
/// table extension appends each cell to a linked list by walking the list,
/// so a row of n cells costs n² (50 000 columns: 9 s). On a line outside
/// code with more than `maximumCells` `|`, the ones after that are escaped
/// (`\|`): they stay in the text, and the row has at most that many cells
/// (a delimiter row cut so no longer starts a table).
enum WideTables {
    static let maximumCells = 1000

    /// `bytes` with the `|` past the limit escaped on every such line (the
    /// same lines, so positions by line still hold), and those lines' numbers.
    static func limited(_ bytes: [UInt8], text: String) -> (bytes: [UInt8], lines: [Int]) {
        let crowded = crowdedLines(bytes)
        guard !crowded.isEmpty else { return (bytes, []) }
        var code = Set<Int>()
        SourceLines.scan(text) { line in if line.isCode { code.insert(line.number) } }
        let lines = crowded.filter { !code.contains($0) }
        guard !lines.isEmpty else { return (bytes, []) }
        let escaping = Set(lines)
        var result: [UInt8] = []
        result.reserveCapacity(bytes.count + lines.count * 16)
        var line = 1
        var pipes = 0
        for byte in bytes {
            if byte == UInt8(ascii: "\n") {
                line += 1
                pipes = 0
            } else if byte == UInt8(ascii: "|"), escaping.contains(line) {
                pipes += 1
                if pipes > maximumCells { result.append(UInt8(ascii: "\\")) }
            }
            result.append(byte)
        }
        return (result, lines)
    }

    /// The numbers of the lines holding more than `maximumCells` `|`, found
    /// with `memchr` (most books have hardly any `|`).
    static func crowdedLines(_ bytes: [UInt8]) -> [Int] {
        bytes.withUnsafeBufferPointer { buffer -> [Int] in
            guard let base = buffer.baseAddress else { return [] }
            var crowded: [Int] = []
            var line = 1
            var lineStart = 0
            var pipes = 0
            var position = 0
            while position < buffer.count,
                let found = memchr(base + position, Int32(UInt8(ascii: "|")), buffer.count - position)
            {
                let pipe = base.distance(to: found.assumingMemoryBound(to: UInt8.self))
                // Newlines between the last pipe and this one start new lines.
                var scan = max(position, lineStart)
                while scan < pipe, let newline = memchr(base + scan, 0x0A, pipe - scan) {
                    line += 1
                    pipes = 0
                    lineStart = base.distance(to: newline.assumingMemoryBound(to: UInt8.self)) + 1
                    scan = lineStart
                }
                pipes += 1
                if pipes == maximumCells + 1 { crowded.append(line) }
                position = pipe + 1
            }
            return crowded
        }
    }
}
