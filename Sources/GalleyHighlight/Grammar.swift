import CGalleyRegex

/// A syntax definition compiled for matching: every context reachable from
/// the first one (in this and the definitions it names with `##`) in one
/// array, `IncludeRules` inlined, context switches and styles resolved,
/// regular expressions compiled once. Immutable; matching state lives in
/// `LineMatcher`.
final class Grammar: @unchecked Sendable {
    struct Switch: Hashable, Sendable {
        var pops: Int
        var push: Int?
        static let stay = Switch(pops: 0, push: nil)
        var isStay: Bool { pops == 0 && push == nil }
    }

    struct Context: Sendable {
        var rules: [Rule]
        var style: HighlightStyle?
        var lineEnd: Switch
        var lineEmpty: Switch?
        var fallthroughSwitch: Switch?
        var dynamic: Bool
    }

    enum Kind: Sendable {
        case char(UInt16)
        /// `DetectChar` in a dynamic context: the first character of capture N.
        case dynamicChar(Int)
        case twoChars(UInt16, UInt16)
        case anyChar([UInt16])
        case string([UInt16], insensitive: Bool)
        /// `StringDetect` in a dynamic context: `%N` replaced by capture N.
        case dynamicString(String, insensitive: Bool)
        case word([UInt16], insensitive: Bool)
        case regex(Int)
        /// `RegExpr` in a dynamic context: `%N` replaced by capture N (escaped).
        case dynamicRegex(String, insensitive: Bool)
        case keyword(KeywordSet)
        case int
        case float
        case cOctal
        case cHex
        case cStringChar
        case cChar
        case spaces
        case identifier
        case range(UInt16, UInt16)
        case lineContinue(UInt16)
    }

    struct Rule: Sendable {
        var kind: Kind
        /// nil with `inheritsStyle`: the style of the context the rule switches to.
        var style: HighlightStyle?
        var inheritsStyle: Bool
        var target: Switch
        var lookAhead: Bool
        var firstNonSpace: Bool
        var column: Int?
        var delimiters: WordDelimiters
    }

    let contexts: [Context]
    /// Compiled patterns; each `LineMatcher` clones the ones it uses.
    let patterns: [OpaquePointer]
    /// The number of regular expressions ICU refused (those rules never match).
    /// Per pattern: it had a branch reset group, so its captures are renumbered.
    let branchResets: [Bool]
    let rejectedPatterns: [String]
    let pool = MatcherPool()

    init(contexts: [Context], patterns: [OpaquePointer], branchResets: [Bool], rejectedPatterns: [String]) {
        self.contexts = contexts
        self.patterns = patterns
        self.branchResets = branchResets
        self.rejectedPatterns = rejectedPatterns
    }

    deinit {
        for pattern in patterns { galley_regex_close(pattern) }
    }

    /// Compiles `root` and what it names; `library` finds a definition by its
    /// `name` (nil for a definition Galley does not ship: rules that include
    /// it match nothing, switches into it stay).
    static func compile(_ root: SyntaxDefinition, library: @escaping (String) -> SyntaxDefinition?) -> Grammar? {
        var builder = GrammarBuilder(library: library)
        guard let first = root.contexts.first else { return nil }
        _ = builder.index(of: ContextKey(definition: root.name, context: first.name), in: root)
        builder.run()
        return Grammar(
            contexts: builder.contexts.map { $0 ?? Context(rules: [], style: nil, lineEnd: .stay, dynamic: false) },
            patterns: builder.patterns, branchResets: builder.branchResets, rejectedPatterns: builder.rejected)
    }
}

struct ContextKey: Hashable {
    var definition: String
    var context: String
}

/// A keyword list as a hash table over UTF-16 words, so a lookup allocates nothing.
final class KeywordSet: @unchecked Sendable {
    private var buckets: [UInt64: [[UInt16]]] = [:]
    let caseSensitive: Bool

    init(_ words: [String], caseSensitive: Bool) {
        self.caseSensitive = caseSensitive
        for word in words {
            let units = Array((caseSensitive ? word : word.lowercased()).utf16)
            let hash = units.withUnsafeBufferPointer { Self.hash($0, caseSensitive: true) }
            if buckets[hash]?.contains(units) == true { continue }
            buckets[hash, default: []].append(units)
        }
    }

    func contains(_ word: UnsafeBufferPointer<UInt16>) -> Bool {
        let hash = Self.hash(word, caseSensitive: caseSensitive)
        guard let candidates = buckets[hash] else { return false }
        return candidates.contains { candidate in
            guard candidate.count == word.count else { return false }
            for index in 0..<word.count
            where candidate[index] != (caseSensitive ? word[index] : Self.lower(word[index])) {
                return false
            }
            return true
        }
    }

    static func lower(_ unit: UInt16) -> UInt16 {
        unit >= 65 && unit <= 90 ? unit + 32 : unit
    }

    private static func hash(_ word: UnsafeBufferPointer<UInt16>, caseSensitive: Bool) -> UInt64 {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for unit in word {
            hash = (hash ^ UInt64(caseSensitive ? unit : lower(unit))) &* 0x100_0000_01b3
        }
        return hash
    }
}
