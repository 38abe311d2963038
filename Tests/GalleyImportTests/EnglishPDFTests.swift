import CGalleyPDF
import Testing

@testable import GalleyImport

/// An English manual read from its PDF.
@Suite struct EnglishPDFTests {
    /// Poppler can hand over a contents entry's number and title with no space between them
    /// (`1Introduction`): a gap of more than half an em between Latin letters is a space.
    @Test func aWideGapInsideOnePopplerLineIsASpace() {
        func char(_ c: Character, _ x0: Float, _ x1: Float) -> GalleyPDFChar {
            GalleyPDFChar(
                scalar: c.unicodeScalars.first!.value, x0: x0, y0: 140, x1: x1, y1: 152.7, size: 14.3, bold: 0)
        }
        var chars = [char("1", 90, 98.1)]
        var x: Float = 114.2
        for c in "Intro" {
            chars.append(char(c, x, x + 7))
            x += 7
        }
        chars.append(char("d", x + 1, x + 8))   // a gap of a point is no word space
        #expect(PDFReader.lines(from: chars).map(\.text) == ["1 Introd"])
    }
}
