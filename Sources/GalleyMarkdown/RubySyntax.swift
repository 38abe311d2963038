import GalleyCore

/// Ruby in Markdown, the syntax markdown-it-ruby and several CJK tools use:
///
///     {漢字|かんじ}       group ruby: one reading over the whole base
///     {漢字|hàn|zì}       per-character ruby: one reading per character
///
/// A base of n characters with n readings is per-character ruby (a `.span`
/// classed `ruby` holding one `.ruby` per character, which the writers keep
/// together); any other count is group ruby, the readings joined by spaces.
/// Only text is read: `{a|b}` in code stays as written, and so does a brace
/// pair with an empty base or reading, a space next to a brace or bar, a
/// newline or another brace inside.
enum RubySyntax {
    static func attach(_ inlines: [Inline]) -> [Inline] {
        guard inlines.contains(where: { if case .text(let text) = $0 { has(text, "|") } else { false } }) else {
            return inlines
        }
        return inlines.flatMap { inline -> [Inline] in
            guard case .text(let text) = inline, has(text, "{"), has(text, "|") else { return [inline] }
            return split(text)
        }
    }

    /// Whether `text` holds the byte: this runs on every text of the book,
    /// and Foundation's `contains` (a Unicode-aware search) was a tenth of
    /// the reading time. A byte found inside a larger character (`|` with a
    /// combining mark) only sends the text through `split`, which compares
    /// characters and gives it back unchanged.
    private static func has(_ text: String, _ byte: Unicode.Scalar) -> Bool {
        text.containsByte(UInt8(ascii: byte))
    }

    /// `text` as text and ruby.
    static func split(_ text: String) -> [Inline] {
        var result: [Inline] = []
        var plain = ""
        var rest = Substring(text)
        while let open = rest.firstIndex(of: "{") {
            plain += rest[..<open]
            let after = rest[rest.index(after: open)...]
            guard let close = after.firstIndex(where: { $0 == "}" || $0 == "{" || $0.isNewline }),
                after[close] == "}", let ruby = ruby(after[..<close])
            else {
                plain.append("{")
                rest = after
                continue
            }
            if !plain.isEmpty { result.append(.text(plain)) }
            plain = ""
            result.append(ruby)
            rest = after[after.index(after: close)...]
        }
        plain += rest
        if !plain.isEmpty { result.append(.text(plain)) }
        return result
    }

    /// `漢字|hàn|zì` as ruby, or nil when it is not ruby syntax.
    static func ruby(_ inside: Substring) -> Inline? {
        let parts = inside.split(separator: "|", omittingEmptySubsequences: false)
        // No space next to a brace or bar: `{x | x > 0}` is set notation, not ruby.
        guard parts.count >= 2,
            parts.allSatisfy({ !$0.isEmpty && $0.first?.isWhitespace == false && $0.last?.isWhitespace == false })
        else { return nil }
        let base = String(parts[0])
        let readings = parts.dropFirst().map(String.init)
        if readings.count > 1 && readings.count == base.count {
            return .span(
                Attributes(classes: ["ruby"]),
                zip(base, readings).map { character, reading in .ruby(base: [.text(String(character))], text: reading) }
            )
        }
        return .ruby(base: [.text(base)], text: readings.joined(separator: " "))
    }
}
