import CGalleyRegex

/// Runs a `Grammar` over a code block line by line, as KDE's
/// `AbstractHighlighter` does: at each position the rules of the context on
/// top of the stack are tried in order; the first that matches colours its
/// text and switches context; where none matches, the fallthrough context
/// is entered or one character takes the context's style. The stack carries
/// over from line to line.
///
/// Work is bounded so no input can hang a build: the stack is at most
/// `maxDepth` deep; switches that consume nothing (look-ahead rules,
/// fallthrough) may repeat at most `maxStuck` times before a character is
/// consumed regardless; every line has a budget of rule attempts and
/// scanned characters proportional to its length, past which the rest of
/// the line keeps the current context's style; a line longer than
/// `maxLineLength` is left plain; ICU stops any one regular expression
/// after its time limit.
final class LineMatcher {
    struct Frame {
        var context: Int
        var captures: [[UInt16]]
    }

    struct Span {
        var start: Int
        var end: Int
        var style: HighlightStyle?
    }

    static let maxDepth = 64
    static let maxStuck = 64
    static let maxLineLength = 20_000
    static let budgetPerCharacter = 512
    static let maxDynamicPatterns = 256

    let grammar: Grammar
    private var stack: [Frame] = []
    private var clones: [OpaquePointer?]
    private var textSerial: [Int]
    private var found: [(serial: Int, from: Int, start: Int, end: Int)]
    private var dynamicPatterns: [String: OpaquePointer] = [:]
    private var buffer: UnsafeMutablePointer<UInt16>
    private var capacity = 256
    private var length = 0
    private var serial = 0
    private var budget = 0

    init(grammar: Grammar) {
        self.grammar = grammar
        clones = Array(repeating: nil, count: grammar.patterns.count)
        textSerial = Array(repeating: -1, count: grammar.patterns.count)
        found = Array(repeating: (-1, 0, -1, 0), count: grammar.patterns.count)
        buffer = .allocate(capacity: capacity)
        reset()
    }

    deinit {
        for clone in clones { galley_regex_close(clone) }
        for pattern in dynamicPatterns.values { galley_regex_close(pattern) }
        buffer.deallocate()
    }

    /// Back to the first context, for a new code block.
    func reset() {
        stack = [Frame(context: 0, captures: [])]
    }

    private var top: Int { stack[stack.count - 1].context }

    /// How many contexts are on the stack.
    var depth: Int { stack.count }

    /// The spans of one line (without its line break), offsets in UTF-16 units.
    func highlight(line units: UnsafeBufferPointer<UInt16>) -> [Span] {
        serial += 1
        length = units.count
        if length > capacity {
            buffer.deallocate()
            capacity = max(length, capacity * 2)
            buffer = .allocate(capacity: capacity)
        }
        if let base = units.baseAddress { buffer.update(from: base, count: length) }
        guard length <= Self.maxLineLength else { return [Span(start: 0, end: length, style: nil)] }
        budget = Self.budgetPerCharacter * length + 8192
        var spans: [Span] = []
        func emit(_ start: Int, _ end: Int, _ style: HighlightStyle?) {
            if let last = spans.last, last.style == style, last.end == start {
                spans[spans.count - 1].end = end
            } else {
                spans.append(Span(start: start, end: end, style: style))
            }
        }
        var continued = false
        if length == 0 {
            for _ in 0..<8 {
                guard let empty = grammar.contexts[top].lineEmpty, apply(empty, captures: []) else { break }
            }
        } else {
            var firstNonSpace = 0
            while firstNonSpace < length, isSpace(buffer[firstNonSpace]) { firstNonSpace += 1 }
            var offset = 0
            var stuck = 0
            lineLoop: while offset < length {
                let context = grammar.contexts[top]
                if budget <= 0 {
                    emit(offset, length, context.style)
                    break lineLoop
                }
                if stuck <= Self.maxStuck {
                    let rules = context.rules
                    // Indices, not `for rule in`: a rule is copied only when it matches.
                    for index in rules.indices {
                        budget -= 1
                        if rules[index].firstNonSpace, offset != firstNonSpace { continue }
                        if let column = rules[index].column, column != offset { continue }
                        let end = match(rules[index], at: offset)
                        guard end > offset else { continue }
                        let rule = rules[index]
                        if case .lineContinue = rule.kind { continued = true }
                        let captures = capturesFor(rule, at: offset)
                        if rule.lookAhead {
                            _ = apply(rule.target, captures: captures)
                            stuck += 1
                            continue lineLoop
                        }
                        _ = apply(rule.target, captures: captures)
                        emit(offset, end, rule.inheritsStyle ? grammar.contexts[top].style : rule.style)
                        offset = end
                        stuck = 0
                        continue lineLoop
                    }
                    if let fallthroughSwitch = context.fallthroughSwitch, apply(fallthroughSwitch, captures: []) {
                        stuck += 1
                        continue lineLoop
                    }
                }
                var next = offset + 1
                if next < length, isHighSurrogate(buffer[offset]), isLowSurrogate(buffer[next]) { next += 1 }
                emit(offset, next, context.style)
                offset = next
                stuck = 0
            }
        }
        if !continued {
            for _ in 0..<(Self.maxDepth + 8) {
                let lineEnd = grammar.contexts[top].lineEnd
                guard !lineEnd.isStay, apply(lineEnd, captures: []) else { break }
            }
        }
        return spans
    }

    /// Pops, then pushes; false when nothing changed (a `#pop` of the last
    /// context, which always stays).
    private func apply(_ change: Grammar.Switch, captures: [[UInt16]]) -> Bool {
        guard !change.isStay else { return false }
        var changed = false
        for _ in 0..<change.pops where stack.count > 1 {
            stack.removeLast()
            changed = true
        }
        if let push = change.push, stack.count < Self.maxDepth {
            stack.append(Frame(context: push, captures: grammar.contexts[push].dynamic ? captures : []))
            changed = true
        }
        return changed
    }

    /// The groups of a regular expression's match, for a dynamic context it enters.
    private func capturesFor(_ rule: Grammar.Rule, at offset: Int) -> [[UInt16]] {
        guard let push = rule.target.push, grammar.contexts[push].dynamic, case .regex(let index) = rule.kind,
            let regex = matcher(index), galley_regex_match_at(regex, Int32(offset)) >= 0
        else { return [] }
        let count = min(9, Int(galley_regex_group_count(regex)))
        var captures: [[UInt16]] = [Array(UnsafeBufferPointer(start: buffer + offset, count: 0))]
        for group in stride(from: 1, through: count, by: 1) {
            let start = Int(galley_regex_group_start(regex, Int32(group)))
            let end = Int(galley_regex_group_end(regex, Int32(group)))
            let text =
                start >= 0 && end >= start ? Array(UnsafeBufferPointer(start: buffer + start, count: end - start)) : []
            // After a branch reset, each alternative's group was numbered alike:
            // the groups that took part keep their order.
            if grammar.branchResets[index], text.isEmpty { continue }
            captures.append(text)
        }
        return captures
    }

    // MARK: - Rules

    /// The end of the rule's match at `offset`, or `offset` when it does not match.
    private func match(_ rule: Grammar.Rule, at offset: Int) -> Int {
        let unit = buffer[offset]
        switch rule.kind {
        case .char(let char):
            return unit == char ? offset + 1 : offset
        case .dynamicChar(let group):
            guard let char = capture(group).first else { return offset }
            return unit == char ? offset + 1 : offset
        case .twoChars(let first, let second):
            return unit == first && offset + 1 < length && buffer[offset + 1] == second ? offset + 2 : offset
        case .anyChar(let set):
            return set.contains(unit) ? offset + 1 : offset
        case .string(let string, let insensitive):
            return matchString(string, insensitive: insensitive, at: offset)
        case .dynamicString(let template, let insensitive):
            let string = Array(substitute(template, escaping: false).utf16)
            guard !string.isEmpty else { return offset }
            return matchString(
                insensitive ? string.map(KeywordSet.lower) : string, insensitive: insensitive, at: offset)
        case .word(let string, let insensitive):
            guard atWordStart(offset, rule.delimiters) else { return offset }
            let end = matchString(string, insensitive: insensitive, at: offset)
            guard end > offset, end == length || rule.delimiters.contains(buffer[end]) else { return offset }
            return end
        case .regex(let index):
            return matchRegex(index, at: offset)
        case .dynamicRegex(let template, let insensitive):
            return matchDynamicRegex(substitute(template, escaping: true), insensitive: insensitive, at: offset)
        case .keyword(let set):
            guard atWordStart(offset, rule.delimiters) else { return offset }
            var end = offset
            while end < length, !rule.delimiters.contains(buffer[end]) { end += 1 }
            budget -= end - offset
            guard end > offset else { return offset }
            return set.contains(UnsafeBufferPointer(start: buffer + offset, count: end - offset)) ? end : offset
        case .int:
            guard atWordStart(offset, rule.delimiters) else { return offset }
            return digits(from: offset, isDigit)
        case .float:
            guard atWordStart(offset, rule.delimiters) else { return offset }
            return matchFloat(at: offset)
        case .cOctal:
            guard atWordStart(offset, rule.delimiters), unit == 0x30 else { return offset }
            let end = digits(from: offset + 1) { $0 >= 0x30 && $0 <= 0x37 }
            guard end > offset + 1 else { return offset }
            return suffix(from: end)
        case .cHex:
            guard atWordStart(offset, rule.delimiters), unit == 0x30, offset + 1 < length,
                buffer[offset + 1] | 0x20 == 0x78
            else { return offset }
            let end = digits(from: offset + 2, isHexDigit)
            guard end > offset + 2 else { return offset }
            return suffix(from: end)
        case .cStringChar:
            return matchEscape(at: offset)
        case .cChar:
            guard unit == 0x27, offset + 2 < length else { return offset }
            var end = matchEscape(at: offset + 1)
            if end == offset + 1 {
                guard buffer[offset + 1] != 0x27, buffer[offset + 1] != 0x5C else { return offset }
                end = offset + 2
            }
            return end < length && buffer[end] == 0x27 ? end + 1 : offset
        case .spaces:
            var end = offset
            while end < length, isSpace(buffer[end]) { end += 1 }
            return end
        case .identifier:
            guard isLetter(unit) else { return offset }
            var end = offset + 1
            while end < length, isLetter(buffer[end]) || isDigit(buffer[end]) { end += 1 }
            return end
        case .range(let open, let close):
            guard unit == open else { return offset }
            var end = offset + 1
            while end < length, buffer[end] != close { end += 1 }
            budget -= end - offset
            return end < length ? end + 1 : offset
        case .lineContinue(let char):
            return unit == char && offset == length - 1 ? offset + 1 : offset
        }
    }

    private func matchString(_ string: [UInt16], insensitive: Bool, at offset: Int) -> Int {
        guard offset + string.count <= length else { return offset }
        for (index, char) in string.enumerated() {
            let unit = buffer[offset + index]
            if (insensitive ? KeywordSet.lower(unit) : unit) != char { return offset }
        }
        return offset + string.count
    }

    private func atWordStart(_ offset: Int, _ delimiters: WordDelimiters) -> Bool {
        offset == 0 || delimiters.contains(buffer[offset - 1])
    }

    private func digits(from start: Int, _ accept: (UInt16) -> Bool) -> Int {
        var end = start
        while end < length, accept(buffer[end]) { end += 1 }
        return end
    }

    /// C's integer suffixes (`u`, `l`, `ul`, `ll`…).
    private func suffix(from start: Int) -> Int {
        digits(from: start) { [0x6C, 0x4C, 0x75, 0x55].contains($0) }
    }

    /// `1.5`, `.5`, `1.`, `1e10`, `1.5e-3`: a period or an exponent is required.
    private func matchFloat(at offset: Int) -> Int {
        var end = digits(from: offset, isDigit)
        var hadDigit = end > offset
        var hadPeriod = false
        if end < length, buffer[end] == 0x2E {
            hadPeriod = true
            let afterPeriod = end + 1
            end = digits(from: afterPeriod, isDigit)
            hadDigit = hadDigit || end > afterPeriod
        }
        guard hadDigit else { return offset }
        if end < length, buffer[end] | 0x20 == 0x65 {
            var exponent = end + 1
            if exponent < length, buffer[exponent] == 0x2B || buffer[exponent] == 0x2D { exponent += 1 }
            let afterExponent = digits(from: exponent, isDigit)
            if afterExponent > exponent { return afterExponent }
        }
        return hadPeriod ? end : offset
    }

    /// C escapes: `\n` and the other single letters, `\x41`, `\101`.
    private func matchEscape(at offset: Int) -> Int {
        guard buffer[offset] == 0x5C, offset + 1 < length else { return offset }
        let next = buffer[offset + 1]
        if let scalar = Unicode.Scalar(next), "abefnrtv\"'?\\".unicodeScalars.contains(scalar) { return offset + 2 }
        if next == 0x78 {
            let end = digits(from: offset + 2, isHexDigit)
            return end > offset + 2 ? end : offset
        }
        if next >= 0x30, next <= 0x37 {
            var end = offset + 2
            while end < length, end < offset + 4, buffer[end] >= 0x30, buffer[end] <= 0x37 { end += 1 }
            return end
        }
        return offset
    }

    // MARK: - Regular expressions

    private func matcher(_ index: Int) -> OpaquePointer? {
        if clones[index] == nil { clones[index] = galley_regex_clone(grammar.patterns[index]) }
        guard let regex = clones[index] else { return nil }
        if textSerial[index] != serial {
            galley_regex_set_text(regex, buffer, Int32(length))
            textSerial[index] = serial
        }
        return regex
    }

    /// A search from `offset` finds the next match; until the position
    /// passes its start, the rule is answered from that search.
    private func matchRegex(_ index: Int, at offset: Int) -> Int {
        let last = found[index]
        if last.serial == serial, last.from <= offset, last.start == -1 || last.start >= offset {
            return last.start == offset ? last.end : offset
        }
        guard let regex = matcher(index) else { return offset }
        var end: Int32 = 0
        let start = Int(galley_regex_find(regex, Int32(offset), &end))
        budget -= (start >= 0 ? Int(end) : length) - offset
        found[index] = (serial, offset, start, Int(end))
        return start == offset ? Int(end) : offset
    }

    private func matchDynamicRegex(_ pattern: String, insensitive: Bool, at offset: Int) -> Int {
        let key = (insensitive ? "i:" : "s:") + pattern
        var regex = dynamicPatterns[key]
        if regex == nil, dynamicPatterns.count < Self.maxDynamicPatterns {
            let units = Array(RegexDialect.icu(pattern).pattern.utf16)
            regex = galley_regex_open(units, Int32(units.count), insensitive ? 1 : 0)
            if let regex { dynamicPatterns[key] = regex }
        }
        guard let regex else { return offset }
        galley_regex_set_text(regex, buffer, Int32(length))
        budget -= length - offset
        let end = Int(galley_regex_match_at(regex, Int32(offset)))
        return end > offset ? end : offset
    }

    private func capture(_ group: Int) -> [UInt16] {
        let captures = stack[stack.count - 1].captures
        return group >= 0 && group < captures.count ? captures[group] : []
    }

    /// `%1`…`%9` replaced by the captures of the rule that entered this
    /// context; escaped for a regular expression when `escaping`.
    private func substitute(_ template: String, escaping: Bool) -> String {
        var result = ""
        var iterator = template.unicodeScalars.makeIterator()
        while let scalar = iterator.next() {
            guard scalar == "%" else {
                result.unicodeScalars.append(scalar)
                continue
            }
            guard let digit = iterator.next() else {
                result.unicodeScalars.append(scalar)
                break
            }
            guard let group = Int(String(digit)) else {
                result.unicodeScalars.append(scalar)
                result.unicodeScalars.append(digit)
                continue
            }
            let text = String(decoding: capture(group), as: UTF16.self)
            if escaping {
                for character in text.unicodeScalars {
                    if character.isASCII, !character.properties.isAlphabetic, !("0"..."9").contains(character) {
                        result.unicodeScalars.append("\\")
                    }
                    result.unicodeScalars.append(character)
                }
            } else {
                result += text
            }
        }
        return result
    }
}

private func isDigit(_ unit: UInt16) -> Bool { unit >= 0x30 && unit <= 0x39 }
private func isHexDigit(_ unit: UInt16) -> Bool { isDigit(unit) || (unit | 0x20 >= 0x61 && unit | 0x20 <= 0x66) }
private func isLetter(_ unit: UInt16) -> Bool {
    (unit | 0x20 >= 0x61 && unit | 0x20 <= 0x7A) || unit == 0x5F || unit >= 0xC0
}
private func isSpace(_ unit: UInt16) -> Bool { unit == 0x20 || unit == 0x09 || unit == 0x0B || unit == 0x0C }
private func isHighSurrogate(_ unit: UInt16) -> Bool { unit >= 0xD800 && unit <= 0xDBFF }
private func isLowSurrogate(_ unit: UInt16) -> Bool { unit >= 0xDC00 && unit <= 0xDFFF }
