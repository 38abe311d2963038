import GalleyCore

/// Inline content as the one-line text of a label or title: the tree's plain
/// text (`Walk.plainText`) with white space collapsed and trimmed.
enum EPUBPlainText {
    static func label(_ inlines: [Inline]) -> String {
        normalized(Walk.plainText(inlines))
    }

    /// Collapses runs of white space and trims, for labels and titles.
    static func normalized(_ text: String) -> String {
        if !containsWhiteSpace(text) { return text }
        return text.split(whereSeparator: { $0.isWhitespace }).joined(separator: " ")
    }

    /// True when `text` holds a White_Space code point, found on its UTF-8
    /// bytes (titles are normalised thousands of times in a large book).
    private static func containsWhiteSpace(_ text: String) -> Bool {
        var copy = text
        return copy.withUTF8 { utf8 in
            let count = utf8.count
            for index in 0..<count {
                let byte = utf8[index]
                let next = index + 1 < count ? utf8[index + 1] : 0
                let third = index + 2 < count ? utf8[index + 2] : 0
                switch byte {
                case 0x09...0x0D, 0x20: return true
                case 0xC2 where next == 0x85 || next == 0xA0: return true   // U+0085, U+00A0
                case 0xE1 where next == 0x9A && third == 0x80: return true   // U+1680
                // U+2000–200A, 2028, 2029, 202F
                case 0xE2
                where next == 0x80
                    && ((0x80...0x8A).contains(third) || third == 0xA8
                        || third == 0xA9 || third == 0xAF):
                    return true
                case 0xE2 where next == 0x81 && third == 0x9F: return true   // U+205F
                case 0xE3 where next == 0x80 && third == 0x80: return true   // U+3000
                default: continue
                }
            }
            return false
        }
    }
}
