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

    static let fullWidth: [Character: Character] = [",": "，", ":": "：", ";": "；", "?": "？", "!": "！"]

    public func apply(to document: inout ImportDocument, options: ImportOptions, log: inout ImportLog) {
        document.rewriteBlocks(log: &log) { block in Self.convert(block.text) }
        for division in document.divisions {
            for block in division.blocks where block.text.contains("\"") && block.text.contains(where: CJK.isHan) {
                log.finding(block.lines, "unpaired straight quotes left as they are: “\(block.text.prefix(30))…”")
            }
        }
    }

    static func convert(_ text: String) -> String {
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
                out += Array(repeating: c, count: run)
            }
            k += run
        }
        chars = out

        var open: [Int] = []
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
            if let full = fullWidth[c] {
                let prev = neighbour(i, -1), next = neighbour(i, 1)
                if (wide(prev) || wide(next)) && !(digit(prev) && digit(next)) { chars[i] = full }
            } else if c == "(" {
                open.append(i)
            } else if c == ")", let start = open.popLast() {
                let inner = chars[(start + 1)..<i]
                if inner.contains(where: CJK.isHan) || wide(neighbour(start, -1)) || wide(neighbour(i, 1)) {
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
                guard let label = String(line).capture("^([\\p{Han} \\u3000]{2,12})[：:]") else { return String(line) }
                return Self.removeHanSpaces(label) + line.dropFirst(label.count)
            }.joined(separator: "\n")
        }
    }

    static func clean(_ text: String, keepLatinSpacing: Bool) -> String {
        var text = text
        text = text.replacing("([0-9])(?:[ \\t]+[-－][ \\t]*|[ \\t]*[-－][ \\t]+)(?=[0-9])", with: "$1-")
        text = text.replacing("([0-9])[ \\t]*×[ \\t]*(?=[0-9])", with: "$1×")
        if !keepLatinSpacing {
            text = text.replacing("(\\p{Han})[ \\t\\u3000]+(?=[A-Za-z0-9])(?![0-9]+/[0-9]+)", with: "$1")
            text = text.replacing("([A-Za-z0-9%])[ \\t\\u3000]+(?=\\p{Han})", with: "$1")
        }
        text = text.replacing("[ \\t\\u3000]+(?=[，。、；：？！）》」』”])", with: "")
        text = text.replacing("([，。、；：？！（《「『“])[ \\t\\u3000]+", with: "$1")
        // Quotes and brackets hug the Han text they stand beside.
        text = text.replacing("([\\p{Han}，。、；：？！])[ \\t\\u3000]+(?=[“‘（《「『])", with: "$1")
        text = text.replacing("([”’）》」』])[ \\t\\u3000]+(?=[\\p{Han}“‘（《])", with: "$1")
        return text
    }

    /// Spaces between two Han characters removed, except the one after a leading 第X章/节.
    static func removeHanSpaces(_ text: String) -> String {
        if let prefix = text.capture("^(第[一二三四五六七八九十百零〇0-9]+[章节篇部]分?[ \\t\\u3000]+)") {
            return prefix + removeHanSpaces(String(text.dropFirst(prefix.count)))
        }
        return text.replacing("(\\p{Han})[ \\t\\u3000]+(?=\\p{Han})", with: "$1")
    }
}
