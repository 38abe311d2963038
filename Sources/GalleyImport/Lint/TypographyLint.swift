import GalleyCore
import Yams

/// One problem `galley lint` found, where it is, and how to fix it.
public struct LintFinding: Sendable, Equatable, CustomStringConvertible {
    public var file: String
    public var line: Int
    /// 1-based, in characters.
    public var column: Int
    public var rule: String
    public var message: String
    /// The characters to replace (from `column`) and their replacement; nil when a person must decide.
    public var fix: Fix?

    public struct Fix: Sendable, Equatable {
        public var length: Int
        public var replacement: String
        /// Applied by `--fix`: the change cannot alter what the text says.
        public var safe: Bool
    }

    public var description: String { "\(file):\(line):\(column): \(rule): \(message)" }
}

/// A CJK typography lint on Markdown sources: the import rules (punctuation,
/// spacing) run on the author's text, each change they would make reported
/// as a finding, plus the checks only an author's text needs (brackets that
/// do not pair, full-width letters and digits, dash and ellipsis forms,
/// unit spacing, the book's Han–Latin spacing). One rule set, two uses.
public struct TypographyLint: Sendable {
    public static let rules: [(name: String, summary: String)] = [
        ("punctuation", "ASCII , : ; ? ! ( ) and straight quotes in Chinese text (the import's punctuation rule)"),
        ("ellipsis-and-dash", "…… and —— as two marks: ... 。。。 … -- — ―― become …… or ——"),
        ("brackets", "「」『』“”‘’《》（）【】〈〉 that do not pair within a paragraph"),
        ("full-width-alphanumerics", "full-width letters and digits (ＡＢＣ１２３) in place of ASCII ones"),
        ("han-spacing", "spaces between two Han characters (the space after 第一章 in a title is kept)"),
        ("punctuation-spacing", "spaces next to full-width punctuation and inside 978 - 7 (the import's spacing rule)"),
        ("unit-spacing", "a space before %, ‰, °, none before kg, MB, Hz… (GB 3100: value, space, unit symbol)"),
        ("latin-spacing", "Han–Latin spacing unlike the rest of the book (the book's own majority is its rule)"),
    ]
    public static let names = rules.map(\.name)

    /// Rules switched off (`lint: {disable: […]}` in book.yaml, `--disable`).
    public var disabled: Set<String>

    public init(disabled: Set<String> = []) {
        self.disabled = disabled
    }

    /// Han–Latin boundaries in a book: typed with a space, or not.
    public struct LatinSpacing: Sendable {
        public var spaced = 0
        public var unspaced = 0
        public init() {}

        /// The book's own rule, when one way outnumbers the other four to one.
        var preferSpace: Bool? {
            if spaced >= 4 * unspaced && spaced > 0 { return true }
            if unspaced >= 4 * spaced && unspaced > 0 { return false }
            return nil
        }
    }

    /// Counts a chapter's Han–Latin boundaries (first pass over the book).
    public static func count(_ text: String, into spacing: inout LatinSpacing) {
        for line in MarkdownProse(text).lines {
            for run in line.runs {
                for boundary in latinBoundaries(run.text) {
                    if boundary.spaces > 0 { spacing.spaced += 1 } else { spacing.unspaced += 1 }
                }
            }
        }
    }

    /// The findings in one chapter, in order of position.
    public func lint(_ text: String, file: String, spacing: LatinSpacing = LatinSpacing()) -> [LintFinding] {
        let prose = MarkdownProse(text)
        var findings: [LintFinding] = []
        func add(
            _ line: MarkdownProse.Line, _ run: MarkdownProse.Run, at index: Int, _ rule: String,
            _ message: String, _ fix: LintFinding.Fix?
        ) {
            guard !disabled.contains(rule), !line.silenced.contains(rule), !line.silenced.contains("*") else { return }
            findings.append(
                LintFinding(
                    file: file, line: line.number, column: run.columns[index] + 1, rule: rule, message: message,
                    fix: fix))
        }
        for line in prose.lines {
            for run in line.runs {
                for (index, rule, message, fix) in Self.runFindings(run.text, preferSpace: spacing.preferSpace) {
                    add(line, run, at: index, rule, message, fix)
                }
            }
        }
        for (line, run, index, rule, message, fix) in Self.unpaired(prose) {
            add(line, run, at: index, rule, message, fix)
        }
        return findings.sorted { ($0.line, $0.column) < ($1.line, $1.column) }
    }

    // MARK: - Checks on one run of prose

    typealias RunFinding = (index: Int, rule: String, message: String, fix: LintFinding.Fix)

    static func runFindings(_ text: [Character], preferSpace: Bool?) -> [RunFinding] {
        var found: [RunFinding] = []
        found += punctuation(text)
        found += dashesAndEllipses(text)
        found += fullWidthAlphanumerics(text)
        found += hanSpacing(text)
        found += punctuationSpacing(text)
        found += unitSpacing(text)
        if let preferSpace { found += latinSpacing(text, preferSpace: preferSpace) }
        return found
    }

    /// What the import's punctuation rule would change, one finding per mark; and a
    /// full stop typed as `.` after a Han character, which the import leaves (it cannot
    /// tell 3.14 and abbreviations from sentence ends in extracted text; an author's can).
    static func punctuation(_ text: [Character]) -> [RunFinding] {
        var found: [RunFinding] = []
        let catalogue = isCatalogueRecord(text)
        for i in text.indices where text[i] == "." && i > 0 && CJK.isHan(text[i - 1]) && !catalogue {
            let after = i + 1 < text.count ? text[i + 1] : " "
            if after != "." && !CJK.isASCIIAlphanumeric(after) {
                found.append(
                    (i, "punctuation", "ASCII . after Chinese text: 。", .init(length: 1, replacement: "。", safe: true)))
            }
        }
        let converted = Array(PunctuationRule.convert(String(text)))
        guard converted != text else { return found }
        var i = 0
        var j = 0
        while i < text.count, j < converted.count {
            if text[i] == converted[j] {
                i += 1
                j += 1
                continue
            }
            if converted[j] == "…" || converted[j] == "—" {
                // Only a run of . 。 or - becomes two marks: measured here, not for every mark.
                let run = text[i...].prefix { $0 == text[i] }.count
                let mark = converted[j] == "…" ? "……" : "——"
                found.append(
                    (
                        i, "ellipsis-and-dash", "\(String(repeating: text[i], count: run)) in Chinese text: \(mark)",
                        .init(length: run, replacement: mark, safe: true)
                    ))
                i += run
                j += 2
            } else {
                found.append(
                    (
                        i, "punctuation", "ASCII \(text[i]) in Chinese text: \(converted[j])",
                        .init(length: 1, replacement: String(converted[j]), safe: true)
                    ))
                i += 1
                j += 1
            }
        }
        return found
    }

    /// One … or one — where Chinese sets two; ―― (U+2015) and －－ for ——. Not in CIP
    /// data, where GB/T 12451 sets one of each.
    static func dashesAndEllipses(_ text: [Character]) -> [RunFinding] {
        if isCatalogueRecord(text) { return [] }
        var found: [RunFinding] = []
        var i = 0
        while i < text.count {
            let c = text[i]
            let run = text[i...].prefix { $0 == c }.count
            defer { i += run }
            let before = i > 0 ? text[i - 1] : nil
            let after = i + run < text.count ? text[i + run] : nil
            let chinese = before.map(CJK.isWide) ?? false || after.map(CJK.isWide) ?? false
            if c == "…" && run == 1 && chinese {
                found.append(
                    (
                        i, "ellipsis-and-dash", "one … in Chinese text: ……",
                        .init(length: 1, replacement: "……", safe: true)
                    ))
            } else if c == "—" && run == 1 && (before.map(CJK.isWide) ?? false) && (after.map(CJK.isWide) ?? false) {
                found.append(
                    (
                        i, "ellipsis-and-dash", "one — in Chinese text: ——",
                        .init(length: 1, replacement: "——", safe: true)
                    ))
            } else if (c == "―" || c == "－") && run == 2 && chinese {
                let name = c == "―" ? "―― (U+2015)" : "－－"
                found.append(
                    (
                        i, "ellipsis-and-dash", "\(name) for the dash: ——",
                        .init(length: 2, replacement: "——", safe: true)
                    ))
            }
        }
        return found
    }

    /// A line of CIP data (GB/T 12451), punctuated by ISBD, not by Chinese prose rules:
    /// `编著. —上海：东方出版中心，2008.12`, `Ⅰ.上… Ⅱ.中国共产党—基层组织`.
    static func isCatalogueRecord(_ text: [Character]) -> Bool {
        // `. —` looked for in the characters, not in a copy of them for each run.
        let record: [Character] = [".", " ", "—"]
        for i in text.indices where text[i] == "." && text[i...].starts(with: record) { return true }
        // `Ⅰ .` and, after it, `Ⅱ .` (`Ⅰ\\s*[.．].*Ⅱ\\s*[.．]`, found in one pass).
        func field(_ mark: Character, at index: Int) -> Bool {
            guard text[index] == mark else { return false }
            let dot = TextScanning.runEnd(text, from: index + 1, TextScanning.isSpace)
            return dot < text.count && (text[dot] == "." || text[dot] == "．")
        }
        guard let first = text.indices.first(where: { field("Ⅰ", at: $0) }) else { return false }
        return text[(first + 1)...].indices.contains { field("Ⅱ", at: $0) }
    }

    /// ＡＢＣ１２３ → ABC123.
    static func fullWidthAlphanumerics(_ text: [Character]) -> [RunFinding] {
        var found: [RunFinding] = []
        var i = 0
        while i < text.count {
            guard isFullWidthAlphanumeric(text[i]) else {
                i += 1
                continue
            }
            let run = text[i...].prefix(while: isFullWidthAlphanumeric)
            let ascii = String(run.map { Character(Unicode.Scalar($0.unicodeScalars.first!.value - 0xFEE0)!) })
            found.append(
                (
                    i, "full-width-alphanumerics", "full-width \(String(run)): \(ascii)",
                    .init(length: run.count, replacement: ascii, safe: true)
                ))
            i += run.count
        }
        return found
    }

    static func isFullWidthAlphanumeric(_ c: Character) -> Bool {
        guard let value = c.unicodeScalars.first?.value, c.unicodeScalars.count == 1 else { return false }
        return (0xFF10...0xFF19).contains(value) || (0xFF21...0xFF3A).contains(value)
            || (0xFF41...0xFF5A).contains(value)
    }

    /// Spaces between Han characters, except the one after a leading 第X章 (节, 篇, 部).
    static func hanSpacing(_ text: [Character]) -> [RunFinding] {
        var found: [RunFinding] = []
        let keep = text.first != "第" ? nil : String(text).capture("^(第[一二三四五六七八九十百零〇0-9]+[章节篇部]分?)[ \\t\\u3000]")?.count
        var i = 1
        while i < text.count {
            guard isSpace(text[i]), CJK.isHan(text[i - 1]) else {
                i += 1
                continue
            }
            let run = text[i...].prefix(while: isSpace).count
            if i + run < text.count, CJK.isHan(text[i + run]), i != keep {
                found.append(
                    (
                        i, "han-spacing", "space between \(text[i - 1]) and \(text[i + run])",
                        .init(length: run, replacement: "", safe: true)
                    ))
            }
            i += run
        }
        return found
    }

    static func isSpace(_ c: Character) -> Bool { c == " " || c == "\t" || c == "\u{3000}" }

    /// What the import's spacing rule would remove next to punctuation and in numbers
    /// (Han–Latin spacing is the book's choice: `latin-spacing`).
    static func punctuationSpacing(_ text: [Character]) -> [RunFinding] {
        let cleaned = Array(SpacingRule.clean(String(text), keepLatinSpacing: true))
        guard cleaned != text else { return [] }
        var found: [RunFinding] = []
        var i = 0
        var j = 0
        while i < text.count {
            if j < cleaned.count, text[i] == cleaned[j] {
                i += 1
                j += 1
                continue
            }
            let run = text[i...].prefix(while: isSpace).count
            guard run > 0 else { break }
            defer { i += run }
            // Only where the space sits in Chinese text: `“> ”` quotes Markdown, and its space is meant.
            guard i > 0, i + run < text.count, CJK.isWide(text[i - 1]) || CJK.isWide(text[i + run]),
                !isASCIISymbol(text[i - 1]), !isASCIISymbol(text[i + run])
            else { continue }
            found.append(
                (
                    i, "punctuation-spacing", "space between \(text[i - 1]) and \(text[i + run])",
                    .init(length: run, replacement: "", safe: true)
                ))
        }
        return found
    }

    static func isASCIISymbol(_ c: Character) -> Bool { c.isASCII && !c.isLetter && !c.isNumber && !c.isWhitespace }

    static let unitSymbols: Set<String> = [
        "km", "cm", "mm", "nm", "kg", "mg", "mL", "ml", "ms", "Hz", "kHz", "MHz", "GHz", "kW", "MW", "mA", "mAh",
        "KB", "kB", "MB", "GB", "TB", "PB", "Mbps", "Gbps", "kbps", "dB", "kcal", "kJ", "kPa", "MPa",
    ]

    /// `5 %` → `5%`; `10kg` → `10 kg` (GB 3100 and SI: a space between a value and its unit
    /// symbol, none before %, ‰ and the degree of angle).
    static func unitSpacing(_ text: [Character]) -> [RunFinding] {
        var found: [RunFinding] = []
        var i = 0
        while i < text.count {
            guard text[i].isASCII, text[i].isNumber, i == 0 || !(text[i - 1].isASCII && text[i - 1].isLetter) else {
                i += 1
                continue
            }
            var end = i
            while end < text.count, text[end].isASCII, text[end].isNumber || text[end] == "." { end += 1 }
            let spaces = text[end...].prefix { $0 == " " }.count
            let after = end + spaces
            if spaces > 0, after < text.count, "%‰°".contains(text[after]),
                !(text[after] == "°" && after + 1 < text.count && "CF".contains(text[after + 1]))
            {
                found.append(
                    (
                        end, "unit-spacing", "no space before \(text[after])",
                        .init(length: spaces, replacement: "", safe: true)
                    ))
            } else if spaces == 0 {
                let letters = text[end...].prefix { $0.isASCII && $0.isLetter }
                let next = end + letters.count
                if unitSymbols.contains(String(letters)),
                    next == text.count || !(text[next].isASCII && (text[next].isLetter || text[next].isNumber))
                {
                    found.append(
                        (
                            end, "unit-spacing", "a space between \(String(text[i..<end])) and \(String(letters))",
                            .init(length: 0, replacement: " ", safe: true)
                        ))
                }
            }
            i = max(end, i + 1)
        }
        return found
    }

    /// Han next to an ASCII letter or digit: where the boundary is and how many spaces it has.
    static func latinBoundaries(_ text: [Character]) -> [(index: Int, spaces: Int)] {
        var found: [(Int, Int)] = []
        var i = 0
        while i < text.count - 1 {
            // At most two looked at: a longer run of spaces is not a boundary (and stays linear).
            let spaces = text[(i + 1)...].prefix(2).prefix { $0 == " " }.count
            let next = i + 1 + spaces
            guard spaces <= 1, next < text.count else { break }
            let a = text[i]
            let b = text[next]
            // A fraction after Han text keeps its space (开本 毫米 1/16), as the import's spacing rule does.
            let fraction = spaces == 1 && isFraction(text, at: next)
            if (CJK.isHan(a) && CJK.isASCIIAlphanumeric(b) && !fraction) || (CJK.isASCIIAlphanumeric(a) && CJK.isHan(b))
            {
                found.append((i + 1, spaces))
            }
            i += 1
        }
        return found
    }

    /// `1/16` at `index`.
    static func isFraction(_ text: [Character], at index: Int) -> Bool {
        let slash = TextScanning.runEnd(text, from: index, TextScanning.isDigit)
        return slash > index && slash + 1 < text.count && text[slash] == "/" && TextScanning.isDigit(text[slash + 1])
    }

    static func latinSpacing(_ text: [Character], preferSpace: Bool) -> [RunFinding] {
        latinBoundaries(text).compactMap { boundary in
            let a = text[boundary.index - 1]
            let b = text[boundary.index + boundary.spaces]
            if preferSpace && boundary.spaces == 0 {
                return (
                    boundary.index, "latin-spacing",
                    "no space between \(a) and \(b); the book spaces Han and Latin text",
                    .init(length: 0, replacement: " ", safe: true)
                )
            }
            if !preferSpace && boundary.spaces == 1 {
                return (
                    boundary.index, "latin-spacing",
                    "space between \(a) and \(b); the book sets Han and Latin text without one",
                    .init(length: 1, replacement: "", safe: true)
                )
            }
            return nil
        }
    }

    // MARK: - Brackets across a paragraph

    static let pairs: [Character: Character] = [
        "“": "”", "‘": "’", "「": "」", "『": "』", "《": "》", "（": "）", "【": "】", "〈": "〉",
    ]
    static let closers: [Character: Character] = Dictionary(uniqueKeysWithValues: pairs.map { ($1, $0) })

    /// Openers never closed and closers never opened, paragraph by paragraph. A
    /// quotation running over several paragraphs opens each and closes only the
    /// last, as Chinese does: an opener left at a paragraph's end is fine when the
    /// next paragraph opens with the same mark.
    /// A full-width bracket closed by an ASCII one, or the other way round (`（这里)`),
    /// is a `punctuation` finding with its fix.
    static func unpaired(
        _ prose: MarkdownProse
    ) -> [(MarkdownProse.Line, MarkdownProse.Run, Int, String, String, LintFinding.Fix?)] {
        typealias Place = (line: MarkdownProse.Line, run: MarkdownProse.Run, index: Int)
        var found: [(MarkdownProse.Line, MarkdownProse.Run, Int, String, String, LintFinding.Fix?)] = []
        var stack: [(mark: Character, place: Place)] = []
        // How many of each opener the stack holds: a closer with none open is not searched for.
        var openCount: [Character: Int] = [:]
        func push(_ mark: Character, _ place: Place) {
            stack.append((mark, place))
            openCount[mark, default: 0] += 1
        }
        func drop(from depth: Int) {
            for open in stack[depth...] { openCount[open.mark, default: 0] -= 1 }
            stack.removeSubrange(depth...)
        }
        func depth(of mark: Character) -> Int? {
            openCount[mark, default: 0] > 0 ? stack.lastIndex { $0.mark == mark } : nil
        }
        func unclosed(_ open: (mark: Character, place: Place)) {
            guard open.mark != "(" else { return }
            found.append(
                (open.place.line, open.place.run, open.place.index, "brackets", "\(open.mark) is never closed", nil))
        }
        func firstMark(_ line: MarkdownProse.Line) -> Character? {
            line.runs.first?.text.first { !$0.isWhitespace }
        }
        func endParagraph(next: MarkdownProse.Line?) {
            if !(stack.count == 1 && next.map(firstMark) == stack[0].mark) { stack.forEach(unclosed) }
            drop(from: 0)
        }
        for (n, line) in prose.lines.enumerated() {
            if n > 0 && line.startsBlock { endParagraph(next: line) }
            for run in line.runs {
                for (index, c) in run.text.enumerated() {
                    if c == "(" {
                        push(c, (line, run, index))
                    } else if c == ")" || c == "）", let top = stack.last, top.mark == (c == ")" ? "（" : "(") {
                        // One of the pair is ASCII, the other full width: both become full width.
                        let ascii = c == ")"
                        let place: Place = ascii ? (line, run, index) : top.place
                        let fixed = ascii ? "）" : "（"
                        let fix = LintFinding.Fix(length: 1, replacement: fixed, safe: true)
                        let message = "ASCII \(ascii ? ")" : "(") paired with a full-width bracket: \(fixed)"
                        found.append((place.line, place.run, place.index, "punctuation", message, fix))
                        drop(from: stack.count - 1)
                    } else if c == ")" {
                        if let depth = depth(of: "(") { drop(from: depth) }
                    } else if pairs[c] != nil {
                        if c == "‘" && isApostropheContext(run.text, index) { continue }
                        push(c, (line, run, index))
                    } else if let opener = closers[c] {
                        if c == "’" && isApostropheContext(run.text, index) { continue }
                        if let depth = depth(of: opener) {
                            stack[(depth + 1)...].forEach(unclosed)
                            drop(from: depth)
                        } else {
                            found.append(
                                (line, run, index, "brackets", "\(c) closes nothing: no \(opener) before it", nil))
                        }
                    }
                }
            }
        }
        endParagraph(next: nil)
        return found
    }

    /// ’ between Latin letters is an apostrophe (don’t), not a closing quote.
    static func isApostropheContext(_ text: [Character], _ index: Int) -> Bool {
        let before = index > 0 ? text[index - 1] : " "
        let after = index + 1 < text.count ? text[index + 1] : " "
        return (before.isASCII && before.isLetter) || (after.isASCII && after.isLetter && before != " ")
    }

    // MARK: - Fixing

    /// The text with the safe fixes applied; overlapping fixes after the first are left for the next pass.
    public static func applying(_ findings: [LintFinding], to text: String) -> String {
        var rows = text.split(omittingEmptySubsequences: false) { $0 == "\n" || $0 == "\r\n" }.map { Array($0) }
        // A file with Windows line ends keeps them.
        let lineEnd = text.firstIndex { $0 == "\n" || $0 == "\r\n" }.map { String(text[$0]) } ?? "\n"
        let byLine = Dictionary(grouping: findings.filter { $0.fix?.safe == true }, by: \.line)
        for (line, fixes) in byLine where line - 1 < rows.count {
            var row = rows[line - 1]
            var limit = Int.max
            for finding in fixes.sorted(by: { $0.column > $1.column }) {
                let fix = finding.fix!
                let start = finding.column - 1
                guard start + fix.length <= limit, start + fix.length <= row.count else { continue }
                row.replaceSubrange(start..<(start + fix.length), with: Array(fix.replacement))
                limit = start
            }
            rows[line - 1] = row
        }
        return rows.map { String($0) }.joined(separator: lineEnd)
    }
}

extension TypographyLint {
    /// The rules a book switches off: `lint: {disable: [punctuation, …]}` in its book.yaml.
    public static func disabledRules(bookYAML text: String) -> Set<String> {
        guard let root = (try? Yams.load(yaml: text)) as? [String: Any], let lint = root["lint"] as? [String: Any]
        else { return [] }
        if let names = lint["disable"] as? [String] { return Set(names) }
        if let name = lint["disable"] as? String { return [name] }
        return []
    }
}
