import CGalleyRegex
import Foundation

/// Resolves a definition's names into `Grammar`'s indices: contexts are
/// numbered as they are first named and compiled from a queue, so every
/// reachable context is compiled once whatever the cycles between them.
struct GrammarBuilder {
    let library: (String) -> SyntaxDefinition?
    private(set) var contexts: [Grammar.Context?] = []
    private(set) var patterns: [OpaquePointer] = []
    private(set) var branchResets: [Bool] = []
    private(set) var rejected: [String] = []
    private var indices: [ContextKey: Int] = [:]
    private var queue: [(SyntaxDefinition, RawContext, Int)] = []
    private var definitions: [String: SyntaxDefinition] = [:]
    private var patternIndices: [String: Int] = [:]
    private var keywordSets: [String: KeywordSet] = [:]
    private var expanded: [ContextKey: [(SyntaxDefinition, RawRule)]] = [:]
    private var expanding: Set<ContextKey> = []

    /// Contexts reachable from the first one; past this the grammar stops
    /// growing (switches to further contexts stay).
    static let contextLimit = 4096

    init(library: @escaping (String) -> SyntaxDefinition?) {
        self.library = library
    }

    mutating func run() {
        while let (definition, context, index) = queue.popLast() {
            contexts[index] = compile(context, of: definition)
        }
    }

    /// The index of a context, queued for compiling the first time.
    mutating func index(of key: ContextKey, in definition: SyntaxDefinition) -> Int? {
        if let index = indices[key] { return index }
        guard contexts.count < Self.contextLimit, let context = definition.context(named: key.context) else {
            return nil
        }
        let index = contexts.count
        contexts.append(nil)
        indices[key] = index
        definitions[definition.name] = definition
        queue.append((definition, context, index))
        return index
    }

    private mutating func definition(named name: String) -> SyntaxDefinition? {
        if let known = definitions[name] { return known }
        guard let found = library(name) else { return nil }
        definitions[name] = found
        return found
    }

    /// `Ctx`, `Ctx##Language` or `##Language` (its first context), seen from `definition`.
    private mutating func locate(_ reference: String, from definition: SyntaxDefinition) -> (
        SyntaxDefinition, RawContext
    )? {
        let parts = reference.components(separatedBy: "##")
        var owner = definition
        if parts.count == 2 {
            guard let other = self.definition(named: parts[1]) else { return nil }
            owner = other
        }
        let contextName = parts[0]
        if contextName.isEmpty {
            guard let first = owner.contexts.first else { return nil }
            return (owner, first)
        }
        guard let context = owner.context(named: contextName) else { return nil }
        return (owner, context)
    }

    /// `#stay`, `#pop`…, `#pop#pop!Ctx` or a context reference.
    private mutating func resolveSwitch(_ text: String?, from definition: SyntaxDefinition) -> Grammar.Switch {
        guard var rest = text?.trimmingCharacters(in: .whitespaces), !rest.isEmpty, rest != "#stay" else {
            return .stay
        }
        var pops = 0
        while rest.hasPrefix("#pop") {
            pops += 1
            rest.removeFirst(4)
        }
        if rest.hasPrefix("!") { rest.removeFirst() }
        guard !rest.isEmpty else { return Grammar.Switch(pops: pops, push: nil) }
        guard let (owner, context) = locate(rest, from: definition),
            let index = index(of: ContextKey(definition: owner.name, context: context.name), in: owner)
        else {
            return Grammar.Switch(pops: pops, push: nil)
        }
        return Grammar.Switch(pops: pops, push: index)
    }

    private func style(_ attribute: String?, in definition: SyntaxDefinition) -> HighlightStyle? {
        guard let attribute, let name = definition.itemData[attribute] else { return nil }
        return HighlightStyle.from(kdeDefaultStyle: name)
    }

    private mutating func compile(_ context: RawContext, of definition: SyntaxDefinition) -> Grammar.Context {
        let key = ContextKey(definition: definition.name, context: context.name)
        let rules = expand(key, definition, context).compactMap { owner, rule in
            compileRule(rule, of: owner)
        }
        return Grammar.Context(
            rules: rules, style: style(context.attribute, in: definition),
            lineEnd: resolveSwitch(context.lineEndContext, from: definition),
            lineEmpty: context.lineEmptyContext.map { resolveSwitch($0, from: definition) },
            fallthroughSwitch: context.fallthroughContext.map { resolveSwitch($0, from: definition) }
                .flatMap { $0.isStay ? nil : $0 },
            dynamic: context.dynamic)
    }

    /// The rules of a context with `IncludeRules` replaced by the included
    /// context's rules, each with the definition it was written in. A cycle
    /// of includes adds nothing the second time round.
    private mutating func expand(
        _ key: ContextKey, _ definition: SyntaxDefinition, _ context: RawContext
    ) -> [(SyntaxDefinition, RawRule)] {
        if let done = expanded[key] { return done }
        guard expanding.insert(key).inserted else { return [] }
        var result: [(SyntaxDefinition, RawRule)] = []
        for rule in context.rules {
            guard rule.kind == "IncludeRules" else {
                result.append((definition, rule))
                continue
            }
            guard let reference = rule["context"], let (owner, included) = locate(reference, from: definition)
            else { continue }
            result += expand(ContextKey(definition: owner.name, context: included.name), owner, included)
        }
        expanding.remove(key)
        expanded[key] = result
        return result
    }

    private static func units(_ string: String?) -> [UInt16] { Array((string ?? "").utf16) }

    private mutating func compileRule(
        _ rule: RawRule, of definition: SyntaxDefinition
    ) -> Grammar.Rule? {
        let insensitive = rule.flag("insensitive")
        let isDynamic = rule.flag("dynamic")
        let kind: Grammar.Kind
        switch rule.kind {
        case "DetectChar":
            guard let char = Self.units(rule["char"]).first else { return nil }
            if isDynamic, let digit = rule["char"].flatMap(Int.init) {
                kind = .dynamicChar(digit)
            } else {
                kind = .char(char)
            }
        case "Detect2Chars":
            let first = Self.units(rule["char"]), second = Self.units(rule["char1"])
            guard let one = first.first, let two = second.first else { return nil }
            kind = .twoChars(one, two)
        case "AnyChar":
            let set = Self.units(rule["String"])
            guard !set.isEmpty else { return nil }
            kind = .anyChar(set)
        case "StringDetect":
            let string = rule["String"] ?? ""
            guard !string.isEmpty else { return nil }
            kind =
                isDynamic
                ? .dynamicString(string, insensitive: insensitive)
                : .string(Self.units(insensitive ? string.lowercased() : string), insensitive: insensitive)
        case "WordDetect":
            let string = rule["String"] ?? ""
            guard !string.isEmpty else { return nil }
            kind = .word(Self.units(insensitive ? string.lowercased() : string), insensitive: insensitive)
        case "RegExpr":
            let pattern = rule["String"] ?? ""
            guard !pattern.isEmpty else { return nil }
            if isDynamic {
                kind = .dynamicRegex(pattern, insensitive: insensitive)
            } else {
                guard let index = compilePattern(pattern, insensitive: insensitive) else { return nil }
                kind = .regex(index)
            }
        case "keyword":
            guard let listName = rule["String"] else { return nil }
            let caseSensitive =
                rule["insensitive"] == nil ? definition.keywordsCaseSensitive : !insensitive
            kind = .keyword(keywordSet(listName, in: definition, caseSensitive: caseSensitive))
        case "Int": kind = .int
        case "Float": kind = .float
        case "HlCOct": kind = .cOctal
        case "HlCHex": kind = .cHex
        case "HlCStringChar": kind = .cStringChar
        case "HlCChar": kind = .cChar
        case "DetectSpaces": kind = .spaces
        case "DetectIdentifier": kind = .identifier
        case "RangeDetect":
            guard let one = Self.units(rule["char"]).first, let two = Self.units(rule["char1"]).first else {
                return nil
            }
            kind = .range(one, two)
        case "LineContinue":
            kind = .lineContinue(Self.units(rule["char"]).first ?? UInt16(UInt8(ascii: "\\")))
        default:
            return nil
        }
        let attribute = rule["attribute"]
        return Grammar.Rule(
            kind: kind, style: style(attribute, in: definition), inheritsStyle: attribute == nil,
            target: resolveSwitch(rule["context"], from: definition),
            lookAhead: rule.flag("lookAhead"), firstNonSpace: rule.flag("firstNonSpace"),
            column: rule["column"].flatMap(Int.init), delimiters: definition.delimiters)
    }

    private mutating func compilePattern(_ pattern: String, insensitive: Bool) -> Int? {
        let key = (insensitive ? "i:" : "s:") + pattern
        if let index = patternIndices[key] { return index }
        let translation = RegexDialect.icu(pattern)
        let units = Array(translation.pattern.utf16)
        guard let compiled = galley_regex_open(units, Int32(units.count), insensitive ? 1 : 0) else {
            rejected.append(pattern)
            return nil
        }
        patterns.append(compiled)
        branchResets.append(translation.branchReset)
        patternIndices[key] = patterns.count - 1
        return patterns.count - 1
    }

    /// A keyword list with the lists it includes (`name` or `name##Language`).
    private mutating func keywordSet(
        _ name: String, in definition: SyntaxDefinition, caseSensitive: Bool
    ) -> KeywordSet {
        let key = "\(definition.name)\u{0}\(name)\u{0}\(caseSensitive)"
        if let known = keywordSets[key] { return known }
        var words: [String] = []
        var seen: Set<String> = []
        var pending: [(SyntaxDefinition, String)] = [(definition, name)]
        while let (owner, listName) = pending.popLast() {
            guard seen.insert("\(owner.name)##\(listName)").inserted, let list = owner.lists[listName] else {
                continue
            }
            words += list.items
            for include in list.includes {
                let parts = include.components(separatedBy: "##")
                if parts.count == 2 {
                    if let other = self.definition(named: parts[1]) { pending.append((other, parts[0])) }
                } else {
                    pending.append((owner, include))
                }
            }
        }
        let set = KeywordSet(words, caseSensitive: caseSensitive)
        keywordSets[key] = set
        return set
    }
}
