import Foundation

/// A run of highlighted code: its text and its style (nil: plain).
public struct HighlightedRun: Hashable, Sendable {
    public var text: String
    public var style: HighlightStyle?

    public init(text: String, style: HighlightStyle?) {
        self.text = text
        self.style = style
    }
}

/// Highlights code with the KDE syntax definitions Galley ships
/// (`Sources/GalleyHighlight/Syntax/`, see the README there).
public enum Highlighter {
    /// The definition (file name without `.xml`) for a fenced code block's
    /// language, or nil when Galley has none: such code stays plain. Reads
    /// the first word of an info string as writers spell it (`rust`,
    /// `rust,ignore`, `{.python}`, `language-js`, `C++`).
    public static func definition(for language: String) -> String? {
        var name = language.trimmingCharacters(in: .whitespaces).lowercased()
        if name.hasPrefix("{") { name.removeFirst() }
        if name.hasPrefix(".") { name.removeFirst() }
        if name.hasPrefix("language-") { name.removeFirst("language-".count) }
        let word = name.prefix { $0.isASCII && ($0.isLetter || $0.isNumber || "+#-_".contains($0)) }
        return aliases[String(word)]
    }

    /// The runs of `code` highlighted as `language`, nil when the language is
    /// unknown. Joined, the runs' texts are `code` exactly.
    public static func highlight(_ code: String, language: String) -> [HighlightedRun]? {
        guard let name = definition(for: language), let grammar = SyntaxLibrary.shared.grammar(name) else {
            return nil
        }
        return grammar.withMatcher { matcher in runs(of: code, with: matcher) }
    }

    /// Fence languages → definition files. JSON is read with the JavaScript
    /// definition (MIT) rather than KDE's json.xml (GPL); shell with Zsh's
    /// (MIT) rather than Bash's (LGPL): see the README beside the files.
    static let aliases: [String: String] = {
        let table: [String: [String]] = [
            "rust": ["rust", "rs"],
            "go": ["go", "golang"],
            "javascript": ["javascript", "js", "mjs", "cjs", "node", "json", "jsonc", "json5", "jsonl"],
            "typescript": ["typescript", "ts", "mts", "cts"],
            "python": ["python", "py", "python3", "py3", "pyi"],
            "c": ["c", "h"],
            "isocpp": ["cpp", "c++", "cc", "cxx", "hpp", "hxx", "hh", "h++"],
            "java": ["java"],
            "swift": ["swift"],
            "zsh": ["sh", "bash", "shell", "zsh", "ksh", "shellscript"],
            "yaml": ["yaml", "yml"],
            "toml": ["toml"],
            "html": ["html", "xhtml", "htm"],
            "css": ["css"],
            "sql": ["sql", "mysql", "postgresql", "postgres", "sqlite", "plsql"],
        ]
        var aliases: [String: String] = [:]
        for (file, names) in table { for name in names { aliases[name] = file } }
        return aliases
    }()

    /// Every line through the matcher; spans become runs, line breaks plain.
    static func runs(of code: String, with matcher: LineMatcher) -> [HighlightedRun] {
        let units = Array(code.utf16)
        var spans: [LineMatcher.Span] = []
        var lineStart = 0
        while lineStart <= units.count {
            let lineEnd = units[lineStart...].firstIndex(of: 0x0A) ?? units.count
            let lineSpans = units.withUnsafeBufferPointer {
                matcher.highlight(line: UnsafeBufferPointer(rebasing: $0[lineStart..<lineEnd]))
            }
            for span in lineSpans {
                append(
                    &spans,
                    LineMatcher.Span(start: lineStart + span.start, end: lineStart + span.end, style: span.style))
            }
            if lineEnd < units.count { append(&spans, LineMatcher.Span(start: lineEnd, end: lineEnd + 1, style: nil)) }
            lineStart = lineEnd + 1
        }
        return spans.compactMap { span in
            var start = span.start, end = span.end
            // Never cut a surrogate pair: the runs must join into the code.
            if start > 0, start < units.count, UTF16.isTrailSurrogate(units[start]) { start += 1 }
            if end > 0, end < units.count, UTF16.isTrailSurrogate(units[end]) { end += 1 }
            guard end > start else { return nil }
            return HighlightedRun(text: String(decoding: units[start..<end], as: UTF16.self), style: span.style)
        }
    }

    private static func append(_ spans: inout [LineMatcher.Span], _ span: LineMatcher.Span) {
        guard span.end > span.start else { return }
        if let last = spans.last, last.style == span.style, last.end == span.start {
            spans[spans.count - 1].end = span.end
        } else {
            spans.append(span)
        }
    }
}

/// The definitions in this module's resources, each read once, and the
/// grammars compiled from them, each compiled once per process.
final class SyntaxLibrary: @unchecked Sendable {
    static let shared = SyntaxLibrary()

    /// Definition `name` attributes → file names, for `##Language` references.
    static let files: [String: String] = [
        "Rust": "rust", "Go": "go", "JavaScript": "javascript", "TypeScript": "typescript",
        "Python": "python", "C": "c", "ISO C++": "isocpp", "Java": "java", "Swift": "swift",
        "Zsh": "zsh", "YAML": "yaml", "TOML": "toml", "HTML": "html", "CSS": "css", "SQL": "sql",
    ]

    private let lock = NSLock()
    private var definitions: [String: SyntaxDefinition?] = [:]
    private var grammars: [String: Grammar?] = [:]

    /// The grammar of a definition file (without `.xml`), nil when it cannot be read.
    func grammar(_ file: String) -> Grammar? {
        lock.lock()
        defer { lock.unlock() }
        if let known = grammars[file] { return known }
        let grammar = loadDefinition(file).flatMap { root in
            Grammar.compile(root) { name in Self.files[name].flatMap { self.loadDefinition($0) } }
        }
        grammars[file] = grammar
        return grammar
    }

    /// The definition in a file (without `.xml`); the lock must be held.
    func loadDefinition(_ file: String) -> SyntaxDefinition? {
        if let known = definitions[file] { return known }
        let url =
            Bundle.module.url(forResource: file, withExtension: "xml", subdirectory: "Syntax")
            ?? Bundle.module.url(forResource: file, withExtension: "xml")
        let definition = url.flatMap { try? Data(contentsOf: $0) }.flatMap { SyntaxDefinitionLoader.load([UInt8]($0)) }
        definitions[file] = definition
        return definition
    }

    /// The definitions Galley ships, by file name (for tests and the licence table).
    func shippedDefinitions() -> [String: SyntaxDefinition] {
        lock.lock()
        defer { lock.unlock() }
        var result: [String: SyntaxDefinition] = [:]
        for file in Self.files.values { result[file] = loadDefinition(file) }
        return result
    }
}

extension Grammar {
    /// Runs `body` with a matcher of this grammar that no other thread uses;
    /// matchers are kept for reuse (their regular expressions are cloned once).
    func withMatcher<T>(_ body: (LineMatcher) -> T) -> T {
        let matcher = pool.take() ?? LineMatcher(grammar: self)
        matcher.reset()
        defer { pool.give(matcher) }
        return body(matcher)
    }
}

/// Idle matchers of one grammar.
final class MatcherPool: @unchecked Sendable {
    private let lock = NSLock()
    private var idle: [LineMatcher] = []

    func take() -> LineMatcher? {
        lock.lock()
        defer { lock.unlock() }
        return idle.popLast()
    }

    func give(_ matcher: LineMatcher) {
        lock.lock()
        defer { lock.unlock() }
        if idle.count < 8 { idle.append(matcher) }
    }
}
