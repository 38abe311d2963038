/// Decides what each soft line break (a newline inside a paragraph) becomes,
/// following CSS Text 3 §4.1.2 (segment break transformation): it vanishes
/// when the characters on both sides are East Asian wide, fullwidth or
/// halfwidth and neither is Hangul, or when either side is U+200B;
/// otherwise it becomes one space. So `中文\n中文` joins, `English\nword`
/// gets a space, and `中文\nEnglish` gets a space.
public enum SoftBreaks {
    public static func apply(_ book: Book) -> Book {
        var book = book
        let bookIsCJK = book.metadata.isCJK
        book.divisions = book.divisions.map { division in
            let cjk = division.language.map(Language.isCJK) ?? bookIsCJK
            return InlineRewriter { resolve($0, cjk: cjk) }.division(division)
        }
        return book
    }

    /// Replaces the soft breaks of one run of sibling inlines.
    /// - Parameter cjk: the text is Chinese or Japanese, so the ambiguous-width
    ///   punctuation used in it (“ ” ‘ ’ … — ·) counts as wide, as CSS Text
    ///   allows for "content language" East Asian contexts.
    public static func resolve(_ inlines: [Inline], cjk: Bool) -> [Inline] {
        guard inlines.contains(.softBreak) else { return inlines }
        var result: [Inline] = []
        result.reserveCapacity(inlines.count)
        for (index, inline) in inlines.enumerated() {
            guard inline == .softBreak else { result.append(inline); continue }
            let before = inlines[..<index].reversed().lazy.compactMap(\.lastScalar).first
            let after = inlines[(index + 1)...].lazy.compactMap(\.firstScalar).first
            if !vanishes(between: before, and: after, cjk: cjk) {
                result.append(.text(" "))
            }
        }
        return MergeText.merged(result)
    }

    /// True when a segment break between these two characters is removed.
    public static func vanishes(between before: Unicode.Scalar?, and after: Unicode.Scalar?, cjk: Bool) -> Bool {
        guard let before, let after else { return false }
        if before == "\u{200B}" || after == "\u{200B}" { return true }
        return isWideForBreaks(before, cjk: cjk) && isWideForBreaks(after, cjk: cjk)
    }

    static func isWideForBreaks(_ scalar: Unicode.Scalar, cjk: Bool) -> Bool {
        if EastAsianWidth.isHangul(scalar) { return false }
        if EastAsianWidth.isWide(scalar) { return true }
        guard cjk else { return false }
        switch scalar.value {
        case 0x00B7, 0x2014, 0x2015, 0x2018, 0x2019, 0x201C, 0x201D, 0x2025, 0x2026, 0x2030, 0x203B:
            return true
        default:
            return false
        }
    }
}
