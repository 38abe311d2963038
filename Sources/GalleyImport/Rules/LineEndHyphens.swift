import GalleyCore

/// A Latin word the printer broke at a line end with a hyphen (`man-` / `agement`) is one word
/// again when the lines are joined. Conservative: only a word of lower-case letters (or one
/// capital and lower-case letters) before the hyphen and a lower-case letter after it, never in
/// a paragraph with Han characters, and not a compound the book also prints whole, hyphen and
/// all, within a line (`well-known`).
struct LineEndHyphens {
    /// Hyphenated words the document prints within a line, lower-cased (`well-known`).
    let compounds: Set<String>

    init(_ document: ImportDocument) {
        var compounds: Set<String> = []
        for division in document.divisions {
            for block in division.blocks where block.text.containsByte(0x2D) {
                for line in block.textLines {
                    for token in line.split(separator: " ") where token.dropFirst().dropLast().contains("-") {
                        // The word without the punctuation around it (`(well-known,` → `well-known`).
                        let word = token.drop { !$0.isLetter }
                        let end = word.lastIndex(where: \.isLetter).map(word.index(after:)) ?? word.startIndex
                        if word[..<end].contains("-") { compounds.insert(word[..<end].lowercased()) }
                    }
                }
            }
        }
        self.compounds = compounds
    }

    /// Whether `piece`, the next line, joins `text` with the hyphen `text` ends with left out.
    func joins(_ text: String, _ piece: String) -> Bool {
        guard text.last == "-", let first = piece.first, first.isLowercase else { return false }
        var start = text.index(before: text.endIndex)
        while start > text.startIndex, text[text.index(before: start)].isLetter {
            start = text.index(before: start)
        }
        let word = text[start..<text.index(before: text.endIndex)]
        guard word.count >= 2, word.dropFirst().allSatisfy(\.isLowercase),
            word.first!.isLowercase || word.first!.isUppercase
        else { return false }
        // A word after another hyphen or a slash is part of a compound (`state-of-the-` / `art`).
        if start > text.startIndex, !" (“‘\"'[".contains(text[text.index(before: start)]) { return false }
        let next = piece.prefix { $0.isLetter }
        return !compounds.contains((word + "-" + next).lowercased())
    }
}
