/// Decides what each soft line break (a newline inside a paragraph) becomes,
/// following CSS Text 3 §4.1.2 (segment break transformation): it vanishes
/// when the characters on both sides are East Asian wide, fullwidth or
/// halfwidth and neither is Hangul, when either side is wide or fullwidth
/// punctuation and neither is Hangul (so no space stands beside `，` or `。`),
/// or when either side is U+200B; otherwise it becomes one space. So
/// `中文\n中文` and `全角标点，\nEnglish` join, `English\nword` and
/// `中文\nEnglish` get a space.
public enum SoftBreaks {
    public static func apply(_ book: Book) -> Book {
        let bookIsCJK = book.metadata.isCJK
        return Walk.rewrite(book) { division in
            let cjk = division.language.map(Language.isCJK) ?? bookIsCJK
            return Rewriter(inlines: { resolve($0, cjk: cjk) })
        }
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

    /// `text` with each newline in it decided by the same rule, for text
    /// that is not in the tree (metadata a writer prints).
    public static func resolve(_ text: String, cjk: Bool) -> String {
        guard text.contains(where: { $0 == "\n" || $0 == "\r\n" }) else { return text }
        let lines = text.split(omittingEmptySubsequences: false, whereSeparator: { $0 == "\n" || $0 == "\r\n" })
        var inlines: [Inline] = []
        for (index, line) in lines.enumerated() {
            if index > 0 { inlines.append(.softBreak) }
            inlines.append(.text(String(line)))
        }
        return Walk.plainText(resolve(inlines, cjk: cjk))
    }

    /// True when a segment break between these two characters is removed.
    public static func vanishes(between before: Unicode.Scalar?, and after: Unicode.Scalar?, cjk: Bool) -> Bool {
        guard let before, let after else { return false }
        if before == "\u{200B}" || after == "\u{200B}" { return true }
        if EastAsianWidth.isHangul(before) || EastAsianWidth.isHangul(after) { return false }
        if isWidePunctuation(before) || isWidePunctuation(after) { return true }
        return isWideForBreaks(before, cjk: cjk) && isWideForBreaks(after, cjk: cjk)
    }

    /// Punctuation that is East Asian wide or fullwidth: `，。、；：！？「」（）《》` and the like.
    static func isWidePunctuation(_ scalar: Unicode.Scalar) -> Bool {
        guard EastAsianWidth.isWide(scalar) else { return false }
        switch scalar.properties.generalCategory {
        case .connectorPunctuation, .dashPunctuation, .openPunctuation, .closePunctuation, .initialPunctuation,
            .finalPunctuation, .otherPunctuation:
            return true
        default:
            return false
        }
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

public extension Inline {
    /// The first character this inline shows, looking into its children.
    var firstScalar: Unicode.Scalar? {
        switch self {
        case .text(let text), .code(let text): return text.unicodeScalars.first
        case .image, .softBreak, .lineBreak, .footnoteReference: return nil
        default: return children.lazy.compactMap(\.firstScalar).first
        }
    }

    /// The last character this inline shows, looking into its children.
    var lastScalar: Unicode.Scalar? {
        switch self {
        case .text(let text), .code(let text): return text.unicodeScalars.last
        case .image, .softBreak, .lineBreak, .footnoteReference: return nil
        default: return children.reversed().lazy.compactMap(\.lastScalar).first
        }
    }
}
