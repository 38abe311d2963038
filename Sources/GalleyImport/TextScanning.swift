/// Linear scans for the patterns that an NSRegularExpression would match in
/// quadratic time: a run (spaces, dots, digits) anchored to the end of a line
/// or to what follows it makes the regex engine retry the run from each of its
/// characters, and a line of 200,000 spaces then takes minutes.
enum TextScanning {
    /// `\s` as ICU reads it in the patterns these scans replace.
    static func isSpace(_ c: Character) -> Bool { c.isWhitespace }

    static func isDigit(_ c: Character) -> Bool { c.isASCII && c.isNumber }

    /// `CharacterSet.whitespaces`: the tab and the space separators (Unicode category Zs).
    static func isHorizontalSpace(_ s: Unicode.Scalar) -> Bool {
        switch s.value {
        case 0x20, 0x09, 0xA0, 0x1680, 0x2000...0x200A, 0x202F, 0x205F, 0x3000: return true
        default: return false
        }
    }

    /// `text.split(separator: "\n", omittingEmptySubsequences: false)` (or at a form feed) with the
    /// separators found in the bytes, not character by character. A line feed or form feed is a
    /// character of its own, except a line feed after a carriage return (`\r\n` is one character,
    /// which that split does not cut either).
    static func split(_ text: String, at separator: UInt8, omittingEmpty: Bool = false) -> [Substring] {
        var result: [Substring] = []
        let utf8 = text.utf8
        var start = utf8.startIndex
        var index = utf8.startIndex
        var previous: UInt8 = 0
        while index < utf8.endIndex {
            let byte = utf8[index]
            let next = utf8.index(after: index)
            if byte == separator && !(separator == 0x0A && previous == 0x0D) {
                if !(omittingEmpty && start == index) { result.append(text[start..<index]) }
                start = next
            }
            previous = byte
            index = next
        }
        if !(omittingEmpty && start == utf8.endIndex) { result.append(text[start..<utf8.endIndex]) }
        return result
    }

    /// Where the run of elements satisfying `test` that ends at `end` starts
    /// (characters of an array, or of a string by index).
    static func runStart<Text: BidirectionalCollection>(
        _ text: Text, before end: Text.Index, _ test: (Text.Element) -> Bool
    ) -> Text.Index {
        var start = end
        while start > text.startIndex {
            let previous = text.index(before: start)
            guard test(text[previous]) else { break }
            start = previous
        }
        return start
    }

    /// Where the run of elements satisfying `test` that starts at `start` ends.
    static func runEnd<Text: Collection>(_ text: Text, from start: Text.Index, _ test: (Text.Element) -> Bool)
        -> Text.Index
    {
        var end = start
        while end < text.endIndex, test(text[end]) { end = text.index(after: end) }
        return end
    }

    /// A folio (a page number of 1–4 digits, or a lower-case roman numeral of 1–6 letters with `roman`)
    /// before or after the text and the spaces between them removed: `12 Title`, `Title 12` → `Title`.
    /// As `^\s*N\s+|\s+N\s*$` (with `padded`) or `^N\s+|\s+N$` replaced with nothing.
    static func strippingFolio(_ text: String, roman: Bool = false, padded: Bool = false) -> String {
        // Walked from both ends by index: a long line is not copied to read its ends.
        func isRoman(_ c: Character) -> Bool { "ivxlc".contains(c) }
        func isFolio(_ run: Substring) -> Bool {
            guard !run.isEmpty else { return false }
            if run.allSatisfy(isDigit) { return run.count <= 4 }
            return roman && run.count <= 6 && run.allSatisfy(isRoman)
        }
        func isToken(_ c: Character) -> Bool { isDigit(c) || (roman && isRoman(c)) }
        // The leading folio: `^\s*N\s+`.
        var from = text.startIndex
        let lead = padded ? runEnd(text, from: text.startIndex, isSpace) : text.startIndex
        let numberEnd = runEnd(text, from: lead, isToken)
        let spaceEnd = runEnd(text, from: numberEnd, isSpace)
        if spaceEnd > numberEnd, isFolio(text[lead..<numberEnd]) { from = spaceEnd }
        // The trailing folio: `\s+N\s*$`, starting after the leading one.
        var to = text.endIndex
        let tail = padded ? runStart(text, before: text.endIndex, isSpace) : text.endIndex
        let numberStart = runStart(text, before: tail, isToken)
        let spaceStart = max(runStart(text, before: numberStart, isSpace), from)
        if spaceStart < numberStart, isFolio(text[numberStart..<tail]) { to = spaceStart }
        if from == text.startIndex && to == text.endIndex { return text }
        return from < to ? String(text[from..<to]) : ""
    }

    /// A printed contents line's leader and page: `(\.{4,}|…{2,}|(\. ){3,}|·{3,})\s*[0-9ivxlc]{1,4}\s*$`.
    static func endsWithLeaderAndPage(_ text: String) -> Bool {
        // Read from the end by index: asked of every line, a long one is not copied.
        let end = runStart(text, before: text.endIndex, isSpace)
        let pageStart = runStart(text, before: end) { isDigit($0) || "ivxlc".contains($0) }
        guard pageStart < end, text[pageStart..<end].count <= 4 else { return false }
        let leaderEnd = runStart(text, before: pageStart, isSpace)
        func count(_ mark: Character, atLeast least: Int) -> Bool {
            var start = leaderEnd
            var run = 0
            while run < least, start > text.startIndex {
                let previous = text.index(before: start)
                guard text[previous] == mark else { break }
                start = previous
                run += 1
            }
            return run >= least
        }
        if count(".", atLeast: 4) || count("…", atLeast: 2) || count("·", atLeast: 3) { return true }
        // `. . . ` : the last pair's space is among the spaces before the page.
        guard leaderEnd < pageStart, text[leaderEnd] == " " else { return false }
        var pairs = 0
        var k = leaderEnd
        while pairs < 3, k > text.startIndex, text[k] == " " {
            let dot = text.index(before: k)
            guard text[dot] == "." else { break }
            pairs += 1
            guard dot > text.startIndex else { break }
            k = text.index(before: dot)
        }
        return pairs >= 3
    }

    /// The text before a trailing leader and page number: `[.…·\s]+[0-9ivxlc]+\s*$` removed.
    static func strippingLeaderAndPage(_ text: String) -> String {
        let chars = Array(text)
        let end = runStart(chars, before: chars.count, isSpace)
        let pageStart = runStart(chars, before: end) { isDigit($0) || "ivxlc".contains($0) }
        let leaderStart = runStart(chars, before: pageStart) { isSpace($0) || ".…·".contains($0) }
        guard pageStart < end, leaderStart < pageStart else { return text }
        return String(chars[..<leaderStart])
    }

    /// A block-level contents line: `(\t|\s{2,}|…|</b>\s*)(<b>)?[0-9ivxlc]+(</b>)?\s*$`.
    static func endsWithSpacedPage(_ text: String) -> Bool {
        let chars = Array(text)
        var end = runStart(chars, before: chars.count, isSpace)
        func endsWith(_ tag: String, at index: Int) -> Bool {
            let tag = Array(tag)
            return index >= tag.count && Array(chars[(index - tag.count)..<index]) == tag
        }
        if endsWith("</b>", at: end) { end -= 4 }
        var start = runStart(chars, before: end) { isDigit($0) || "ivxlc".contains($0) }
        guard start < end else { return false }
        if endsWith("<b>", at: start) { start -= 3 }
        let spaces = runStart(chars, before: start, isSpace)
        if start - spaces >= 2 || (start - spaces == 1 && chars[spaces] == "\t") { return true }
        if start > 0 && chars[start - 1] == "…" { return true }
        return endsWith("</b>", at: spaces)
    }
}
