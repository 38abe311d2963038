import CGalleyPDF
import GalleyCore

/// A PDF poppler could not open.
public struct PDFReadError: Error, CustomStringConvertible, Sendable {
    public var description: String
}

/// Reads a PDF's pages with poppler (through CGalleyPDF): each line's text,
/// position, font size and weight. Lines are rebuilt from characters, so a
/// line poppler cut in two (a superscript, a change of font) is one line
/// again; a raised, smaller run of digits becomes `<sup>…</sup>`, which is
/// how a note call reaches the `footnotes` rule.
public enum PDFReader {
    /// The `%PDF-` signature within the first kilobyte, as readers accept it.
    public static func isPDF(_ bytes: [UInt8]) -> Bool {
        let signature: [UInt8] = Array("%PDF-".utf8)
        let head = bytes.prefix(1024)
        guard head.count >= signature.count else { return false }
        for start in head.startIndex...(head.endIndex - signature.count)
        where Array(head[start..<(start + signature.count)]) == signature {
            return true
        }
        return false
    }

    public static func read(_ bytes: [UInt8]) throws -> PrintedBook {
        var failure: UnsafeMutablePointer<CChar>?
        guard let document = bytes.withUnsafeBytes({ galley_pdf_open($0.baseAddress, $0.count, &failure) }) else {
            let message = failure.map { String(cString: $0) } ?? "not a PDF"
            galley_pdf_free(failure)
            throw PDFReadError(description: message)
        }
        defer { galley_pdf_close(document) }
        var pages: [PrintedPage] = []
        for index in 0..<max(0, galley_pdf_page_count(document)) {
            var width = 0.0
            var height = 0.0
            guard galley_pdf_page_size(document, Int32(index), &width, &height) != 0 else { continue }
            var pointer: UnsafeMutablePointer<GalleyPDFChar>?
            let count = galley_pdf_page_chars(document, Int32(index), &pointer)
            defer { galley_pdf_free(pointer) }
            let chars = count > 0 && pointer != nil ? Array(UnsafeBufferPointer(start: pointer, count: count)) : []
            pages.append(PrintedPage(width: width, height: height, lines: lines(from: chars)))
        }
        return PrintedBook(evidence: .pdf, pages: pages)
    }

    /// A run of characters poppler put on one line.
    private struct Piece {
        var chars: [GalleyPDFChar]
        /// The box of its main-size characters (a superscript does not widen it).
        var y0: Double
        var y1: Double
        var x0: Double { Double(chars.first?.x0 ?? 0) }
    }

    /// Rows of characters, top to bottom, rebuilt from poppler's lines.
    static func lines(from chars: [GalleyPDFChar]) -> [PrintedLine] {
        var pieces: [Piece] = []
        var current: [GalleyPDFChar] = []
        func close() {
            let visible = current.filter { !isSpace($0.scalar) }
            if let largest = visible.map(\.size).max() {
                let main = visible.filter { $0.size >= largest * 0.85 }
                pieces.append(
                    Piece(
                        chars: current, y0: Double(main.map(\.y0).min() ?? 0),
                        y1: Double(main.map(\.y1).max() ?? 0)))
            }
            current = []
        }
        for char in chars where char.scalar != 0 {
            if char.scalar == 10 { close() } else { current.append(char) }
        }
        close()
        pieces.sort { ($0.y0 + $0.y1) < ($1.y0 + $1.y1) }
        // Sorted by height on the page, a piece can only share a row with the last rows made.
        var rows: [(pieces: [Piece], top: Double, bottom: Double)] = []
        for piece in pieces {
            let height = piece.y1 - piece.y0
            if let r = rows.indices.suffix(2).last(where: { index in
                let row = rows[index]
                let overlap = min(row.bottom, piece.y1) - max(row.top, piece.y0)
                return overlap >= 0.5 * min(height, row.bottom - row.top)
            }) {
                rows[r].pieces.append(piece)
                rows[r].top = min(rows[r].top, piece.y0)
                rows[r].bottom = max(rows[r].bottom, piece.y1)
            } else {
                rows.append(([piece], piece.y0, piece.y1))
            }
        }
        return rows.compactMap { line(from: $0.pieces) }
    }

    private static func isSpace(_ scalar: UInt32) -> Bool {
        scalar == 32 || scalar == 9 || scalar == 0xA0 || scalar == 0x3000
    }

    private static func isWide(_ scalar: UInt32) -> Bool {
        Unicode.Scalar(scalar).map { EastAsianWidth.isWide($0) } ?? false
    }

    /// One row's text: pieces left to right, a space where a gap parts two
    /// Latin words (between pieces, or within one poppler left unspaced),
    /// small raised digits as `<sup>`.
    private static func line(from row: [Piece]) -> PrintedLine? {
        let pieces = row.sorted { $0.x0 < $1.x0 }
        var chars: [GalleyPDFChar] = []
        for piece in pieces {
            var run = piece.chars
            while let first = run.first, isSpace(first.scalar) { run.removeFirst() }
            while let last = run.last, isSpace(last.scalar) { run.removeLast() }
            guard let first = run.first else { continue }
            if let previous = chars.last, !isWide(previous.scalar), !isWide(first.scalar),
                Double(first.x0 - previous.x1) > 0.15 * Double(max(first.size, 1))
            {
                chars.append(GalleyPDFChar(scalar: 32, x0: previous.x1, y0: 0, x1: first.x0, y1: 0, size: 0, bold: 0))
            }
            for char in run {
                // Poppler may join two Latin words a wide gap parts with no space between them
                // (a Texinfo contents entry's number and title: `1Introduction`).
                if let previous = chars.last, !isSpace(previous.scalar), !isSpace(char.scalar),
                    !isWide(previous.scalar), !isWide(char.scalar),
                    Double(char.x0 - previous.x1) > 0.5 * Double(max(char.size, 1))
                {
                    chars.append(
                        GalleyPDFChar(scalar: 32, x0: previous.x1, y0: 0, x1: char.x0, y1: 0, size: 0, bold: 0))
                }
                chars.append(char)
            }
        }
        let visible = chars.filter { !isSpace($0.scalar) }
        guard !visible.isEmpty else { return nil }
        var sizes: [Float: Int] = [:]
        for char in visible { sizes[(char.size * 10).rounded() / 10, default: 0] += 1 }
        let size = Double(sizes.max { $0.value < $1.value || ($0.value == $1.value && $0.key < $1.key) }!.key)
        let main = visible.filter { Double($0.size) >= size * 0.85 }
        let bottom = Double(main.map(\.y1).max() ?? 0)
        var text = ""
        var sup = ""
        func flushSup() {
            guard !sup.isEmpty else { return }
            text += sup.allSatisfy(\.isNumber) || sup.allSatisfy({ "*†‡".contains($0) }) ? "<sup>\(sup)</sup>" : sup
            sup = ""
        }
        for char in chars {
            guard let scalar = Unicode.Scalar(char.scalar) else { continue }
            let raised = Double(char.size) < size * 0.8 && Double(char.y1) < bottom - 0.2 * size
            if raised && !isSpace(char.scalar) {
                sup.unicodeScalars.append(scalar)
            } else {
                flushSup()
                text.unicodeScalars.append(scalar)
            }
        }
        flushSup()
        return PrintedLine(
            text: text, x0: Double(visible.first!.x0), x1: Double(visible.map(\.x1).max()!),
            y0: Double(main.map(\.y0).min() ?? 0), y1: bottom, size: size,
            bold: visible.filter { $0.bold != 0 }.count * 2 > visible.count)
    }
}
