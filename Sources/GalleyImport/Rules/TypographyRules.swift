import GalleyCore

/// `punctuation`: in Chinese context, half-width , : ; ? ! ( ) become
/// ，：；？！（）, straight quotes become paired “ ” ‘ ’, `...` and `。。。`
/// become ……, `--` becomes ——. Between digits (0,001, 10:30) and in
/// Latin context the ASCII marks stay.
public struct PunctuationRule: ImportRule {
    public let name = "punctuation"
    public let summary =
        "Full-width punctuation in Chinese context (, : ; ? ! ( ) quotes ... --); "
        + "ASCII kept in numbers and Latin text."
    public init() {}

    /// `.` `-` `"` `'` `,` `:` `;` `?` `!` `(` `)` as bytes.
    private static let convertedMarks = Set(".-\"',:;?!()".utf8)

    static let fullWidth: [Character: Character] = [",": "，", ":": "：", ";": "；", "?": "？", "!": "！"]

    public func apply(to document: inout ImportDocument, options: ImportOptions, log: inout ImportLog) {
        document.rewriteBlocks(log: &log) { block in Self.convert(block.text) }
        for division in document.divisions {
            for block in division.blocks
            where block.text.containsByte(0x22) && block.text.range(of: "\"") != nil
                && block.text.contains(where: CJK.isHan)
            {
                log.finding(block.lines, "unpaired straight quotes left as they are: “\(block.text.prefix(30))…”")
            }
        }
    }

    static func convert(_ text: String) -> String {
        // Nothing to convert without an ASCII mark the rule changes (or U+037E, canonically `;`)
        // or a run of three 。: most text, found in its bytes.
        guard
            text.utf8.contains(where: { convertedMarks.contains($0) }) || text.containsLiteral("\u{37E}")
                || text.containsLiteral("。。。")
        else { return text }
        guard text.contains(where: CJK.isHan) else { return text }
        var chars = Array(text)
        func neighbour(_ index: Int, _ step: Int) -> Character? {
            var k = index + step
            while k >= 0, k < chars.count, chars[k] == " " { k += step }
            return k >= 0 && k < chars.count ? chars[k] : nil
        }
        func wide(_ c: Character?) -> Bool { c.map(CJK.isWide) ?? false }
        func digit(_ c: Character?) -> Bool { c.map { $0.isASCII && $0.isNumber } ?? false }

        // Runs first: ... 。。。 → ……, -- → ——
        var out: [Character] = []
        var k = 0
        while k < chars.count {
            let c = chars[k]
            var run = 1
            while k + run < chars.count, chars[k + run] == c { run += 1 }
            let before = out.last(where: { $0 != " " }), after = k + run < chars.count ? chars[k + run] : nil
            // In a Chinese paragraph a run is Chinese unless it sits between Latin letters or digits.
            let latin = before.map(CJK.isASCIIAlphanumeric) ?? false || after.map(CJK.isASCIIAlphanumeric) ?? false
            if (c == "." || c == "。") && run >= 3 && (!latin || wide(before) || wide(after) || c == "。") {
                out += ["…", "…"]
            } else if c == "-" && run >= 2 && run <= 3 && (!latin || wide(before) || wide(after)) {
                out += ["—", "—"]
            } else {
                out.append(contentsOf: repeatElement(c, count: run))
            }
            k += run
        }
        chars = out

        var open: [Int] = []
        // Han characters before each index: whether a bracket holds any is known at once
        // (searching each pair's inside is quadratic on (((…))) ).
        var hanBefore = [Int](repeating: 0, count: chars.count + 1)
        for (i, c) in chars.enumerated() { hanBefore[i + 1] = hanBefore[i] + (CJK.isHan(c) ? 1 : 0) }
        // Straight quotes are paired only when they pair up; an odd count is left for a person.
        let doubles = chars.indices.filter { chars[$0] == "\"" }
        let singles = chars.indices.filter { chars[$0] == "'" && (wide(neighbour($0, -1)) || wide(neighbour($0, 1))) }
        for (n, i) in (doubles.count.isMultiple(of: 2) ? doubles : []).enumerated() {
            chars[i] = n.isMultiple(of: 2) ? "“" : "”"
        }
        for (n, i) in (singles.count.isMultiple(of: 2) ? singles : []).enumerated() {
            chars[i] = n.isMultiple(of: 2) ? "‘" : "’"
        }
        for i in chars.indices {
            let c = chars[i]
            if c.isASCII, let full = fullWidth[c] {
                let prev = neighbour(i, -1), next = neighbour(i, 1)
                if (wide(prev) || wide(next)) && !(digit(prev) && digit(next)) { chars[i] = full }
            } else if c == "(" {
                open.append(i)
            } else if c == ")", let start = open.popLast() {
                if hanBefore[i] > hanBefore[start + 1] || wide(neighbour(start, -1)) || wide(neighbour(i, 1)) {
                    chars[start] = "（"
                    chars[i] = "）"
                }
            }
        }
        return String(chars)
    }
}

/// `spacing`: removes spaces the extraction put between Han characters
/// and digits or Latin letters (`--cjk-spacing keep` leaves those),
/// between two Han characters in headings (except after 第X章/节) and in
/// letter-spaced labels (地 址：), next to full-width
/// punctuation, and inside hyphenated numbers (978 - 7 - 80186) and
/// sizes (710 × 1020). A fraction after Han text (毫米 1/16) keeps its space.
public struct SpacingRule: ImportRule {
    public let name = "spacing"
    public let summary =
        "Remove extraction spaces: Han–digit/Latin (unless --cjk-spacing keep), "
        + "Han–Han in headings and labels, around full-width punctuation, inside 978 - 7 - 80186."
    public init() {}

    public func apply(to document: inout ImportDocument, options: ImportOptions, log: inout ImportLog) {
        document.rewriteBlocks(log: &log) { block in
            var text = Self.clean(block.text, keepLatinSpacing: options.cjkSpacing == .keep)
            // Between two Han characters a space may be the author's (“序 言” quoted as an example);
            // only headings and letter-spaced labels (地 址：) lose it.
            if block.isHeading { text = Self.removeHanSpaces(text) }
            return text.split(separator: "\n", omittingEmptySubsequences: false).map { line in
                // (The pattern reads 13 characters at most: a long line is not handed to it whole.)
                guard let label = String(line.prefix(14)).capture("^([\\p{Han} \\u3000]{2,12})[：:]") else {
                    return String(line)
                }
                return Self.removeHanSpaces(label) + line.dropFirst(label.count)
            }.joined(separator: "\n")
        }
    }

    /// One pass for the numbers, one for the runs of spaces: linear on any line (the regular
    /// expressions these passes replace, `[ \\t\\u3000]+(?=，)` and the like, took minutes on a
    /// line of 200,000 spaces).
    static func clean(_ text: String, keepLatinSpacing: Bool) -> String {
        let chars = joiningNumbers(Array(text))
        var out: [Character] = []
        out.reserveCapacity(chars.count)
        var i = 0
        while i < chars.count {
            guard isSpace(chars[i]) else {
                out.append(chars[i])
                i += 1
                continue
            }
            let end = TextScanning.runEnd(chars, from: i, isSpace)
            let before = out.last
            let after = end < chars.count ? chars[end] : nil
            if !removesSpaces(
                between: before, and: after, keepLatinSpacing: keepLatinSpacing,
                fraction: {
                    TypographyLint.isFraction(chars, at: end)
                })
            {
                out += chars[i..<end]
            }
            i = end
        }
        return String(out)
    }

    static func isSpace(_ c: Character) -> Bool { c == " " || c == "\t" || c == "\u{3000}" }

    /// `978 - 7 - 80186` → `978-7-80186` (－ too), `710 × 1020` → `710×1020`.
    private static func joiningNumbers(_ chars: [Character]) -> [Character] {
        func isTab(_ c: Character) -> Bool { c == " " || c == "\t" }
        var out: [Character] = []
        out.reserveCapacity(chars.count)
        var i = 0
        while i < chars.count {
            let c = chars[i]
            out.append(c)
            i += 1
            guard TextScanning.isDigit(c) else { continue }
            let mark = TextScanning.runEnd(chars, from: i, isTab)
            guard mark < chars.count, "-－×".contains(chars[mark]) else { continue }
            let next = TextScanning.runEnd(chars, from: mark + 1, isTab)
            guard next < chars.count, TextScanning.isDigit(chars[next]) else { continue }
            let dash = chars[mark] != "×"
            // A hyphen with no space either side stays as it is (a range, 10-20).
            guard !dash || mark > i || next > mark + 1 else { continue }
            out.append(dash ? "-" : "×")
            i = next
        }
        return out
    }

    private static let closing = Set("，。、；：？！）》」』”")
    private static let opening = Set("，。、；：？！（《「『“")
    private static let stops = Set("，。、；：？！")
    private static let openingQuotes = Set("“‘（《「『")
    private static let closingQuotes = Set("”’）》」』")
    private static let quotesAfterClosing = Set("“‘（《")

    /// Whether a run of spaces between `before` and `after` goes.
    private static func removesSpaces(
        between before: Character?, and after: Character?, keepLatinSpacing: Bool, fraction: () -> Bool
    ) -> Bool {
        let han = before.map(isHan) ?? false
        let hanAfter = after.map(isHan) ?? false
        if !keepLatinSpacing {
            if han, let after, after.isASCII && (after.isLetter || after.isNumber), !fraction() { return true }
            if let before, before.isASCII && (before.isLetter || before.isNumber) || before == "%", hanAfter {
                return true
            }
        }
        if let after, closing.contains(after) { return true }
        if let before, opening.contains(before) { return true }
        // Quotes and brackets hug the Han text they stand beside.
        if let after, openingQuotes.contains(after), han || before.map(stops.contains) == true { return true }
        if let before, closingQuotes.contains(before), hanAfter || after.map(quotesAfterClosing.contains) == true {
            return true
        }
        return false
    }

    /// `\p{Han}`: the Han script, as the regular expressions read it (CJK.isHan and 々, radicals, 〡–〩).
    static func isHan(_ c: Character) -> Bool {
        if CJK.isHan(c) { return true }
        guard let s = c.unicodeScalars.first?.value else { return false }
        switch s {
        case 0x2E80...0x2E99, 0x2E9B...0x2EF3, 0x2F00...0x2FD5, 0x3005, 0x3021...0x3029, 0x3038...0x303B,
            0x30000...0x3134A:
            return true
        default: return false
        }
    }

    /// Spaces between two Han characters removed, except the ones after leading 第X章/节.
    static func removeHanSpaces(_ text: String) -> String {
        let chars = Array(text)
        var start = 0
        while let end = chapterNumberEnd(chars, from: start) { start = end }
        var out = Array(chars[..<start])
        var i = start
        while i < chars.count {
            let end = isSpace(chars[i]) ? TextScanning.runEnd(chars, from: i, isSpace) : i
            if end > i {
                if !(i > start && isHan(chars[i - 1]) && end < chars.count && isHan(chars[end])) {
                    out += chars[i..<end]
                }
                i = end
                continue
            }
            out.append(chars[i])
            i += 1
        }
        return String(out)
    }

    /// The end of `第[一二…0-9]+[章节篇部]分?[ \t\u3000]+` at `start`, spaces included.
    private static func chapterNumberEnd(_ chars: [Character], from start: Int) -> Int? {
        guard start < chars.count, chars[start] == "第" else { return nil }
        var k = TextScanning.runEnd(chars, from: start + 1) { "一二三四五六七八九十百零〇".contains($0) || TextScanning.isDigit($0) }
        guard k > start + 1, k < chars.count, "章节篇部".contains(chars[k]) else { return nil }
        k += 1
        if k < chars.count, chars[k] == "分" { k += 1 }
        let end = TextScanning.runEnd(chars, from: k, isSpace)
        return end > k ? end : nil
    }
}
