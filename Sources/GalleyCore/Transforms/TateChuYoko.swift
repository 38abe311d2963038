/// 縦中横 (tate-chu-yoko) in vertical books: a run of 1 to `Metadata.tateChuYoko`
/// ASCII digits or letters standing between CJK characters (`第12章`,
/// `2人`, `A型`) becomes a `.span` classed `tcy`, which the EPUB stylesheet
/// sets upright in one em (`text-combine-upright: all`). A longer run (a
/// year, a word) stays rotated, as clreq and jlreq set it; code is never
/// touched; horizontal books are left as they are.
public enum TateChuYoko {
    public static func apply(_ book: Book) -> Book {
        let limit = book.metadata.tateChuYoko
        guard book.metadata.writingMode == .vertical, limit > 0 else { return book }
        return Walk.rewrite(book) { _ in
            Rewriter(inlines: { inlines in
                inlines.flatMap { inline -> [Inline] in
                    guard case .text(let text) = inline, text.unicodeScalars.contains(where: isASCIIAlphanumeric)
                    else { return [inline] }
                    return split(text, limit: limit)
                }
            })
        }
    }

    /// `text` with each upright run in its own `tcy` span.
    static func split(_ text: String, limit: Int) -> [Inline] {
        let scalars = Array(text.unicodeScalars)
        var result: [Inline] = []
        var plain = String.UnicodeScalarView()
        var index = 0
        while index < scalars.count {
            guard isASCIIAlphanumeric(scalars[index]) else {
                plain.append(scalars[index])
                index += 1
                continue
            }
            var end = index
            while end < scalars.count, isASCIIAlphanumeric(scalars[end]) { end += 1 }
            let before = index > 0 ? scalars[index - 1] : nil
            let after = end < scalars.count ? scalars[end] : nil
            let run = String(String.UnicodeScalarView(scalars[index..<end]))
            // Between CJK characters (or a CJK character and the end of the text).
            if end - index <= limit, before.map(isCJK) ?? true, after.map(isCJK) ?? true, before != nil || after != nil
            {
                if !plain.isEmpty { result.append(.text(String(plain))) }
                plain = String.UnicodeScalarView()
                result.append(.span(Attributes(classes: ["tcy"]), [.text(run)]))
            } else {
                plain.append(contentsOf: scalars[index..<end])
            }
            index = end
        }
        if !plain.isEmpty { result.append(.text(String(plain))) }
        return result.isEmpty ? [.text(text)] : result
    }

    static func isASCIIAlphanumeric(_ scalar: Unicode.Scalar) -> Bool {
        scalar.isASCII && (scalar.properties.isAlphabetic || ("0"..."9").contains(scalar))
    }

    /// Han, kana, Hangul, CJK punctuation and full-width forms.
    static func isCJK(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x2E80...0x9FFF, 0xAC00...0xD7AF, 0xF900...0xFAFF, 0xFE30...0xFE4F, 0xFF00...0xFFEF, 0x20000...0x3FFFF:
            return true
        default:
            return false
        }
    }
}
