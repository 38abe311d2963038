/// The prose of a Markdown chapter, line by line: what a reader reads,
/// without code, URLs, raw HTML, link targets, note labels and the marks of
/// Markdown itself. Each line is a list of runs of characters with their
/// columns, so a finding can name `line:column` in the file as written.
struct MarkdownProse {
    struct Run {
        /// Columns (0-based, in characters) of each character of `text`.
        var columns: [Int]
        var text: [Character]
    }

    struct Line {
        /// 1-based line number in the file.
        var number: Int
        var runs: [Run]
        /// A paragraph starts here (after a blank line, a heading, a list item's marker…).
        var startsBlock: Bool
        /// Rules silenced on this line (`<!-- galley-lint-disable-line rule -->`, or
        /// `…-disable-next-line` on the line before); empty set with `all` = every rule.
        var silenced: Set<String> = []
    }

    var lines: [Line] = []

    static let disableLine = "galley-lint-disable-line"
    static let disableNextLine = "galley-lint-disable-next-line"

    init(_ text: String) {
        // "\r\n" is one Character: a Windows line end is split on as a whole.
        let rows = text.split(omittingEmptySubsequences: false) { $0 == "\n" || $0 == "\r\n" }.map { Array($0) }
        var index = 0
        // Front matter: a first line of ---, up to the next --- or ...
        if rows.first.map({ String($0) == "---" }) == true {
            index = 1
            while index < rows.count, !["---", "..."].contains(String(rows[index])) { index += 1 }
            index += 1
        }
        var fence: (mark: Character, count: Int)?
        var inComment = false
        var raw: String?
        var previousBlank = true
        var previousCode = false
        var silenceNext: Set<String>?
        while index < rows.count {
            defer { index += 1 }
            let row = rows[index]
            let trimmed = String(row).trimmed
            let indent = row.prefix { $0 == " " }.count
            if let open = fence {
                let marks = trimmed.prefix { $0 == open.mark }.count
                if marks >= open.count && trimmed.dropFirst(marks).allSatisfy(\.isWhitespace) { fence = nil }
                continue
            }
            if indent < 4, let mark = trimmed.first, mark == "`" || mark == "~" {
                let count = trimmed.prefix { $0 == mark }.count
                if count >= 3 {
                    fence = (mark, count)
                    previousBlank = false
                    continue
                }
            }
            if inComment {
                if trimmed.contains("-->") { inComment = false }
                continue
            }
            // Raw HTML whose content is not Markdown: skipped to its closing tag.
            if trimmed.first == "<", let tag = trimmed.capture("^<(script|style|pre|textarea)[\\s>]") {
                if !trimmed.contains("</\(tag)>") { raw = "</\(tag)>" }
                continue
            }
            if let closing = raw {
                if trimmed.contains(closing) { raw = nil }
                continue
            }
            if trimmed.hasPrefix("<!--") {
                if let directive = Self.directive(trimmed, Self.disableNextLine) { silenceNext = directive }
                if !trimmed.contains("-->") { inComment = true }
                continue
            }
            if trimmed.isEmpty {
                previousBlank = true
                previousCode = false
                continue
            }
            // Indented code: four spaces or a tab after a blank line (or more such code).
            if (indent >= 4 || row.first == "\t") && (previousBlank || previousCode) {
                previousCode = true
                previousBlank = false
                continue
            }
            previousCode = false
            // Fenced-div markers, table rulers and link reference definitions hold no prose.
            // (The patterns only for a line that starts as they do: asked of every line.)
            let first = trimmed.first ?? " "
            if trimmed.hasPrefix(":::")
                || ("|:-".contains(first) || first.isWhitespace)
                    && trimmed.matches("^\\|?\\s*:?-{3,}:?\\s*(\\|\\s*:?-{3,}:?\\s*)*\\|?$")
                || first == "[" && trimmed.matches("^\\[[^\\]^][^\\]]*\\]:\\s")
            {
                previousBlank = false
                continue
            }
            var line = Line(number: index + 1, runs: [], startsBlock: previousBlank)
            var characters = row
            var start = 0
            // Block marks: block quotes, headings, list markers, note labels.
            if let lead = row.first, lead.isWhitespace || ">#-*+[".contains(lead) || lead.isASCII && lead.isNumber,
                let mark = String(row).capture(
                    "^((?:\\s*>)*\\s*(?:#{1,6}\\s+|[-*+]\\s+|[0-9]{1,9}[.)]\\s+|\\[\\^[^\\]]+\\]:\\s*)?)"),
                !mark.isEmpty
            {
                start = mark.count
                if mark.contains("#") || mark.contains(where: { "-*+.)]".contains($0) }) { line.startsBlock = true }
            }
            if trimmed.hasPrefix("#") {
                // A heading's attributes: `{#id .class}` at its end.
                characters = Array(row[..<Self.attributesStart(row)])
            }
            if trimmed.containsLiteral("<!--"), let directive = Self.directive(trimmed, Self.disableLine) {
                line.silenced.formUnion(directive)
            }
            if let next = silenceNext {
                line.silenced.formUnion(next)
                silenceNext = nil
            }
            line.runs = Self.runs(characters, from: start)
            lines.append(line)
            previousBlank = false
        }
    }

    /// Where a heading's trailing `{#id .class}` and the spaces around it start (`\\s*\\{[^{}]*\\}\\s*$`),
    /// or the row's end.
    static func attributesStart(_ row: [Character]) -> Int {
        let end = TextScanning.runStart(row, before: row.count, TextScanning.isSpace)
        guard end > 0, row[end - 1] == "}" else { return row.count }
        let open = TextScanning.runStart(row, before: end - 1) { $0 != "{" && $0 != "}" }
        guard open > 0, row[open - 1] == "{" else { return row.count }
        return TextScanning.runStart(row, before: open - 1, TextScanning.isSpace)
    }

    /// The rules a directive comment names (`<!-- galley-lint-disable-line punctuation spacing -->`);
    /// `["*"]` when it names none.
    static func directive(_ text: String, _ name: String) -> Set<String>? {
        guard let rules = text.capture("<!--\\s*\(name)((?:\\s+[a-z-]+)*)\\s*-->") else { return nil }
        let names = rules.split(separator: " ").map(String.init)
        return names.isEmpty ? ["*"] : Set(names)
    }

    /// The line's prose runs: code spans, autolinks, URLs, raw HTML, link
    /// destinations, note calls and emphasis marks cut out.
    static func runs(_ characters: [Character], from start: Int) -> [Run] {
        var runs: [Run] = []
        var current = Run(columns: [], text: [])
        func cut() {
            if !current.text.isEmpty { runs.append(current) }
            current = Run(columns: [], text: [])
        }
        var i = start
        // Closers known to be missing from the rest of the line: each is looked for once, so a
        // line of unclosed marks stays linear.
        var unclosedTicks: Set<Int> = []
        var noGreaterThan = false
        var noBracket = false
        func skip(to end: Int) {
            cut()
            i = end
        }
        while i < characters.count {
            let c = characters[i]
            if c == "\\", i + 1 < characters.count, characters[i + 1].isASCII, characters[i + 1].isPunctuation {
                current.columns.append(i + 1)
                current.text.append(characters[i + 1])
                i += 2
                continue
            }
            if c == "`" {
                let count = characters[i...].prefix { $0 == "`" }.count
                var k = unclosedTicks.contains(count) ? characters.count : i + count
                var close: Int?
                while k < characters.count {
                    if characters[k] == "`" {
                        let run = characters[k...].prefix { $0 == "`" }.count
                        if run == count {
                            close = k + run
                            break
                        }
                        k += run
                    } else {
                        k += 1
                    }
                }
                if close == nil { unclosedTicks.insert(count) }
                skip(to: close ?? i + count)
                continue
            }
            if c == "<", !noGreaterThan, i + 1 < characters.count,
                characters[i + 1].isLetter || "/!?".contains(characters[i + 1])
            {
                if let end = characters[i...].firstIndex(of: ">") {
                    skip(to: end + 1)
                    continue
                }
                noGreaterThan = true
            }
            if c == "&",
                let entity = String(characters[i...].prefix(34)).capture(
                    "^(&(?:[A-Za-z][A-Za-z0-9]{1,31}|#[0-9]{1,7}|#[xX][0-9A-Fa-f]{1,6});)")
            {
                skip(to: i + entity.count)
                continue
            }
            if c == "]", i + 1 < characters.count, characters[i + 1] == "(" || characters[i + 1] == "[" {
                let closer: Character = characters[i + 1] == "(" ? ")" : "]"
                var depth = 0
                var k = i + 1
                while k < characters.count {
                    if characters[k] == characters[i + 1] { depth += 1 }
                    if characters[k] == closer {
                        depth -= 1
                        if depth == 0 { break }
                    }
                    k += 1
                }
                skip(to: min(k + 1, characters.count))
                continue
            }
            if c == "[", !noBracket, i + 1 < characters.count, characters[i + 1] == "^" {
                if let end = characters[i...].firstIndex(of: "]") {
                    skip(to: end + 1)
                    continue
                }
                noBracket = true
            }
            if c == "h" || c == "w", Self.startsURL(characters[i...]) {
                skip(to: characters[i...].firstIndex { $0.isWhitespace || CJK.isWide($0) } ?? characters.count)
                continue
            }
            if c == "[" || c == "]" || c == "*" || (c == "_" && isEmphasisUnderscore(characters, i))
                || c == "!"
                    && i + 1 < characters.count && characters[i + 1] == "["
            {
                // Markdown's own marks: invisible to the reader, no context for the rules.
                i += 1
                continue
            }
            current.columns.append(i)
            current.text.append(c)
            i += 1
        }
        cut()
        // Trailing spaces are a Markdown line break, not text.
        if var last = runs.popLast() {
            while last.text.last?.isWhitespace == true {
                last.text.removeLast()
                last.columns.removeLast()
            }
            if !last.text.isEmpty { runs.append(last) }
        }
        return runs
    }

    /// `https?://|www\\.` at the start.
    private static func startsURL(_ characters: ArraySlice<Character>) -> Bool {
        characters.starts(with: ["h", "t", "t", "p", ":", "/", "/"])
            || characters.starts(with: ["h", "t", "t", "p", "s", ":", "/", "/"])
            || characters.starts(with: ["w", "w", "w", "."])
    }

    /// `_` opening or closing emphasis, not inside a word (snake_case stays text).
    private static func isEmphasisUnderscore(_ characters: [Character], _ i: Int) -> Bool {
        let before = i > 0 ? characters[i - 1] : " "
        let after = i + 1 < characters.count ? characters[i + 1] : " "
        return !(before.isLetter || before.isNumber) || !(after.isLetter || after.isNumber)
    }
}
