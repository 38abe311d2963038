import CLibXML2
import Foundation
import GalleyCore

/// A RELAX NG validator by derivatives (James Clark, "An algorithm for
/// RELAX NG validation", 2002), for deciding quickly that a document is
/// valid. Patterns are interned, so a derivative by an element name is
/// computed once per pattern and then looked up: the content models act as
/// automata built lazily, and validation is linear in the document.
///
/// It only ever answers "valid" when the document is: where it is unsure
/// (a datatype it does not know, a value it cannot judge, a document too
/// deep, a grammar too large to expand) it answers "not shown valid", and
/// the caller asks libxml2, whose messages it reports. Datatypes are judged
/// conservatively for the same reason; ID uniqueness and IDREF targets are
/// left to the native checks, as they are for libxml2.
final class RelaxNGDerivatives: @unchecked Sendable {
    /// A name class of an element or attribute pattern.
    indirect enum NameClass: Hashable {
        case name(namespace: String, local: String)
        case anyName(except: NameClass?)
        case namespaceName(String, except: NameClass?)
        case choice(NameClass, NameClass)

        func contains(_ namespace: String, _ local: String) -> Bool {
            switch self {
            case .name(let ns, let name): ns == namespace && name == local
            case .anyName(let except): !(except?.contains(namespace, local) ?? false)
            case .namespaceName(let ns, let except): ns == namespace && !(except?.contains(namespace, local) ?? false)
            case .choice(let a, let b): a.contains(namespace, local) || b.contains(namespace, local)
            }
        }
    }

    /// A datatype of a `data` or `value` pattern.
    struct Datatype: Hashable {
        var library: String
        var name: String
        /// `param` elements: none is understood, so any makes the type refuse every value.
        var hasParameters = false
    }

    /// An interned pattern; children are indexes into `patterns`.
    enum Pattern: Hashable {
        case empty, notAllowed, text
        case choice(Int, Int)
        case interleave(Int, Int)
        case group(Int, Int)
        case oneOrMore(Int)
        case after(Int, Int)
        /// The content is `contents[slot]` (elements may refer to themselves).
        case element(NameClass, slot: Int)
        case attribute(NameClass, Int)
        case data(Datatype, except: Int?)
        case value(Datatype, String)
    }

    private(set) var patterns: [Pattern] = []
    private var index: [Pattern: Int] = [:]
    private var nullable: [Bool] = []
    /// Whether a text derivative may depend on the text (a `data` or `value` can be reached).
    private var textMatters: [Bool] = []
    private var contents: [Int] = []
    private var start = 0

    /// Element and attribute names met so far, interned: derivatives are
    /// memoized by pattern and name number.
    private var names: [(namespace: String, local: String)] = []
    private var nameNumbers: [String: Int] = [:]
    private var containsMemo: [Int: Bool] = [:]
    private var openMemo: [Int: Int] = [:]
    private var closeMemo: [Int: Int] = [:]
    private var endMemo: [Int: Int] = [:]
    private var textMemo: [Int: Int] = [:]
    private var attributeContentsMemo: [Int: [Int]] = [:]
    private var attributeMemo: [AttributeKey: Int] = [:]
    /// Name numbers by the addresses of a document's name strings (one document at a time).
    private var documentNames: [NameAddress: Int] = [:]
    private let lock = NSLock()

    private struct NameAddress: Hashable {
        var name: UInt
        var namespace: UInt
    }

    /// An attribute derivative: the pattern, the name, and which of the
    /// attribute patterns of that name accept the value.
    private struct AttributeKey: Hashable {
        var pattern: Int
        var name: Int
        var accepted: [Int]
    }

    /// Past this many interned patterns a document is "not shown valid":
    /// memory stays bounded on any document.
    static let maximumPatterns = 200_000
    /// Elements nested deeper are "not shown valid" (the walk recurses).
    static let maximumDepth = 200

    static let empty = 0
    static let notAllowed = 1
    static let text = 2

    // MARK: - Reading the grammar

    /// The grammar's tree, kept: an element's content is read when a
    /// document first reaches it (Galley's outputs use a few dozen of
    /// DocBook's 380 elements).
    private let grammar: ParsedXMLDocument
    private var reader: GrammarReader?
    /// The unread content of each element slot.
    private var unread: [Int: [xmlNodePtr]] = [:]
    /// Set when an element's content could not be read: nothing is shown valid.
    private var isBroken = false

    /// The grammar of `grammar` (a RELAX NG schema in the XML syntax, one
    /// file, without `include` or `externalRef`); nil when it uses
    /// anything this validator does not implement.
    init?(grammar: ParsedXMLDocument) {
        self.grammar = grammar
        _ = intern(.empty)
        _ = intern(.notAllowed)
        _ = intern(.text)
        guard let root = grammar.root, Self.isPattern(root, "grammar") else { return nil }
        var reader = GrammarReader(owner: self)
        reader.collectDefines(root)
        guard !reader.failed, let startNode = reader.startNode, let start = reader.pattern(ofChildren: startNode) else {
            return nil
        }
        self.start = start
        self.reader = reader
    }

    /// The content pattern of element slot `slot`, read on first use.
    private func content(_ slot: Int) -> Int {
        if let nodes = unread.removeValue(forKey: slot) {
            if let content = reader?.group(nodes) {
                contents[slot] = content
            } else {
                isBroken = true
            }
        }
        return isBroken ? Self.notAllowed : contents[slot]
    }

    /// Reads the XML syntax of a grammar into interned patterns.
    private struct GrammarReader {
        unowned let owner: RelaxNGDerivatives
        var defines: [String: xmlNodePtr] = [:]
        var startNode: xmlNodePtr?
        var built: [String: Int] = [:]
        var building: Set<String> = []
        var failed = false

        init(owner: RelaxNGDerivatives) { self.owner = owner }

        mutating func collectDefines(_ node: xmlNodePtr) {
            for child in XMLNodes.children(node) {
                if RelaxNGDerivatives.isPattern(child, "define"), let name = XMLNodes.attribute(child, "name") {
                    if defines[name] != nil || XMLNodes.attribute(child, "combine") != nil { failed = true }
                    defines[name] = child
                } else if RelaxNGDerivatives.isPattern(child, "start") {
                    if startNode != nil { failed = true }
                    startNode = child
                } else if RelaxNGDerivatives.isPattern(child, "div") {
                    collectDefines(child)
                } else if RelaxNGDerivatives.isRelaxNG(child) {
                    failed = true   // include, or anything else this reader does not know
                }
            }
        }

        /// The group of the pattern children of `node`.
        mutating func pattern(ofChildren node: xmlNodePtr) -> Int? {
            failed ? nil : group(Self.patternChildren(node))
        }

        /// The children of `node` in the RELAX NG namespace (annotations left out).
        static func patternChildren(_ node: xmlNodePtr) -> [xmlNodePtr] {
            XMLNodes.children(node).filter(RelaxNGDerivatives.isRelaxNG)
        }

        /// `nodes` read and joined pairwise by `join`; nil when one cannot be
        /// read, or there are none.
        mutating func fold(_ nodes: [xmlNodePtr], _ join: (Int, Int) -> Int) -> Int? {
            var result: Int?
            for node in nodes {
                guard let next = pattern(node) else { return nil }
                result = result.map { join($0, next) } ?? next
            }
            return result
        }

        /// The group of `nodes`; `empty` for none.
        mutating func group(_ nodes: [xmlNodePtr]) -> Int? {
            nodes.isEmpty ? RelaxNGDerivatives.empty : fold(nodes, owner.group)
        }

        mutating func pattern(_ node: xmlNodePtr) -> Int? {
            guard !failed, let kind = node.pointee.name.map({ String(cString: $0) }) else { return nil }
            switch kind {
            case "empty": return RelaxNGDerivatives.empty
            case "notAllowed": return RelaxNGDerivatives.notAllowed
            case "text": return RelaxNGDerivatives.text
            case "group": return pattern(ofChildren: node)
            case "choice": return fold(Self.patternChildren(node), owner.choice)
            case "interleave": return fold(Self.patternChildren(node), owner.interleave)
            case "optional":
                return pattern(ofChildren: node).map { owner.choice($0, RelaxNGDerivatives.empty) }
            case "zeroOrMore":
                return pattern(ofChildren: node).map { owner.choice(owner.oneOrMore($0), RelaxNGDerivatives.empty) }
            case "oneOrMore":
                return pattern(ofChildren: node).map { owner.oneOrMore($0) }
            case "mixed":
                return pattern(ofChildren: node).map { owner.interleave($0, RelaxNGDerivatives.text) }
            case "ref":
                guard let name = XMLNodes.attribute(node, "name") else { return nil }
                return define(name)
            case "element":
                guard let (nameClass, rest) = nameClassAndRest(node, isAttribute: false) else { return nil }
                // The content is read later (`content(_:)`), outside every
                // define being read: a reference back to one of them through
                // an element is allowed.
                let slot = owner.contents.count
                owner.contents.append(RelaxNGDerivatives.notAllowed)
                owner.unread[slot] = rest
                return owner.intern(.element(nameClass, slot: slot))
            case "attribute":
                guard let (nameClass, rest) = nameClassAndRest(node, isAttribute: true) else { return nil }
                guard let content = rest.isEmpty ? RelaxNGDerivatives.text : group(rest) else { return nil }
                return owner.intern(.attribute(nameClass, content))
            case "data":
                guard let name = XMLNodes.attribute(node, "type") else { return nil }
                var type = Datatype(library: Self.library(of: node), name: name.trimmed)
                var except: Int?
                for child in Self.patternChildren(node) {
                    if RelaxNGDerivatives.isPattern(child, "param") {
                        type.hasParameters = true
                    } else if RelaxNGDerivatives.isPattern(child, "except") {
                        guard let pattern = fold(Self.patternChildren(child), owner.choice) else { return nil }
                        except = pattern
                    } else {
                        return nil
                    }
                }
                return owner.intern(.data(type, except: except))
            case "value":
                let library = Self.library(of: node)
                let type =
                    XMLNodes.attribute(node, "type").map { Datatype(library: library, name: $0.trimmed) }
                    ?? Datatype(library: "", name: "token")
                return owner.intern(.value(type, XMLNodes.text(node)))
            default:
                return nil   // list, parentRef, externalRef, grammar, …
            }
        }

        mutating func define(_ name: String) -> Int? {
            if let known = built[name] { return known }
            guard let node = defines[name], !building.contains(name) else { return nil }
            building.insert(name)
            defer { building.remove(name) }
            guard let pattern = pattern(ofChildren: node) else { return nil }
            built[name] = pattern
            return pattern
        }

        /// The name class of an `element` or `attribute` (its `name`
        /// attribute, or its first child) and its other pattern children.
        func nameClassAndRest(_ node: xmlNodePtr, isAttribute: Bool) -> (NameClass, [xmlNodePtr])? {
            var rest = Self.patternChildren(node)
            if let name = XMLNodes.attribute(node, "name") {
                let namespace = isAttribute ? (XMLNodes.attribute(node, "ns") ?? "") : Self.inheritedNamespace(node)
                guard let resolved = Self.qualified(name.trimmed, namespace: namespace, at: node) else { return nil }
                return (.name(namespace: resolved.0, local: resolved.1), rest)
            }
            guard !rest.isEmpty, let nameClass = Self.nameClass(rest.removeFirst()) else { return nil }
            return (nameClass, rest)
        }

        static func nameClass(_ node: xmlNodePtr) -> NameClass? {
            let kids = patternChildren(node)
            /// The choice of the name classes of `nodes`; nil when one is not
            /// a name class, or there are none.
            func choice(_ nodes: [xmlNodePtr]) -> NameClass? {
                var result: NameClass?
                for node in nodes {
                    guard let next = nameClass(node) else { return nil }
                    result = result.map { .choice($0, next) } ?? next
                }
                return result
            }
            /// `.some(nil)` without an `except`, nil for one that cannot be read.
            func except() -> NameClass?? {
                guard let first = kids.first else { return .some(nil) }
                guard kids.count == 1, RelaxNGDerivatives.isPattern(first, "except"),
                    let excepted = choice(patternChildren(first))
                else { return nil }
                return .some(excepted)
            }
            switch node.pointee.name.map({ String(cString: $0) }) {
            case "name":
                guard
                    let resolved = qualified(XMLNodes.text(node).trimmed, namespace: inheritedNamespace(node), at: node)
                else { return nil }
                return .name(namespace: resolved.0, local: resolved.1)
            case "anyName":
                guard let except = except() else { return nil }
                return .anyName(except: except)
            case "nsName":
                guard let except = except() else { return nil }
                return .namespaceName(inheritedNamespace(node), except: except)
            case "choice":
                return choice(kids)
            default:
                return nil
            }
        }

        /// A QName of the grammar resolved with its in-scope prefixes; an
        /// unprefixed name takes `namespace`.
        static func qualified(_ name: String, namespace: String, at node: xmlNodePtr) -> (String, String)? {
            guard let colon = name.firstIndex(of: ":") else { return (namespace, name) }
            let prefix = String(name[..<colon])
            guard let found = xmlSearchNs(node.pointee.doc, node, prefix), let href = found.pointee.href else {
                return nil
            }
            return (String(cString: href), String(name[name.index(after: colon)...]))
        }

        static func inheritedNamespace(_ node: xmlNodePtr) -> String { inherited("ns", node) }

        static func library(of node: xmlNodePtr) -> String { inherited("datatypeLibrary", node) }

        /// The attribute on `node` or its nearest ancestor that has it; "" when none does.
        static func inherited(_ attribute: String, _ node: xmlNodePtr) -> String {
            var current: xmlNodePtr? = node
            while let element = current, element.pointee.type == XML_ELEMENT_NODE {
                if let value = XMLNodes.attribute(element, attribute) { return value }
                current = element.pointee.parent
            }
            return ""
        }
    }

    // MARK: - Interned patterns

    private func intern(_ pattern: Pattern) -> Int {
        if let known = index[pattern] { return known }
        let id = patterns.count
        patterns.append(pattern)
        index[pattern] = id
        let isNullable: Bool
        let matters: Bool
        switch pattern {
        case .empty, .text: (isNullable, matters) = (true, false)
        case .notAllowed, .element, .attribute: (isNullable, matters) = (false, false)
        case .choice(let a, let b):
            (isNullable, matters) = (nullable[a] || nullable[b], textMatters[a] || textMatters[b])
        case .interleave(let a, let b), .group(let a, let b):
            (isNullable, matters) = (nullable[a] && nullable[b], textMatters[a] || textMatters[b])
        case .oneOrMore(let p): (isNullable, matters) = (nullable[p], textMatters[p])
        case .after(let a, _): (isNullable, matters) = (false, textMatters[a])
        case .data, .value: (isNullable, matters) = (false, true)
        }
        nullable.append(isNullable)
        textMatters.append(matters)
        return id
    }

    private func choice(_ a: Int, _ b: Int) -> Int {
        if a == Self.notAllowed || a == b { return b }
        if b == Self.notAllowed { return a }
        if case .choice(let x, let y) = patterns[b], x == a || y == a { return b }
        if case .choice(let x, let y) = patterns[a], x == b || y == b { return a }
        return intern(.choice(min(a, b), max(a, b)))
    }

    private func group(_ a: Int, _ b: Int) -> Int {
        if a == Self.notAllowed || b == Self.notAllowed { return Self.notAllowed }
        if a == Self.empty { return b }
        if b == Self.empty { return a }
        return intern(.group(a, b))
    }

    private func interleave(_ a: Int, _ b: Int) -> Int {
        if a == Self.notAllowed || b == Self.notAllowed { return Self.notAllowed }
        if a == Self.empty { return b }
        if b == Self.empty { return a }
        return intern(.interleave(a, b))
    }

    private func after(_ a: Int, _ b: Int) -> Int {
        if a == Self.notAllowed || b == Self.notAllowed { return Self.notAllowed }
        return intern(.after(a, b))
    }

    private func oneOrMore(_ p: Int) -> Int {
        if p == Self.notAllowed || p == Self.empty { return p }
        return intern(.oneOrMore(p))
    }

    // MARK: - Derivatives

    /// What `applyAfter` puts after the first part of an `after`.
    private enum Then {
        case groupWith(Int)   // group(x, q)
        case interleaveWith(Int)   // interleave(x, q)
        case interleaveAfter(Int)   // interleave(q, x)
        case afterWith(Int)   // after(x, q)

        func apply(_ x: Int, _ owner: RelaxNGDerivatives) -> Int {
            switch self {
            case .groupWith(let q): owner.group(x, q)
            case .interleaveWith(let q): owner.interleave(x, q)
            case .interleaveAfter(let q): owner.interleave(q, x)
            case .afterWith(let q): owner.after(x, q)
            }
        }
    }

    private func applyAfter(_ then: Then, _ p: Int) -> Int {
        switch patterns[p] {
        case .after(let a, let b): after(a, then.apply(b, self))
        case .choice(let a, let b): choice(applyAfter(then, a), applyAfter(then, b))
        default: Self.notAllowed
        }
    }

    private func number(_ namespace: String, _ local: String) -> Int {
        let key = namespace + "\u{1}" + local
        if let known = nameNumbers[key] { return known }
        names.append((namespace, local))
        nameNumbers[key] = names.count - 1
        return names.count - 1
    }

    /// Packs a pattern and a name number into one memo key.
    private func key(_ p: Int, _ name: Int) -> Int { p &<< 24 | name }

    /// Whether the name class of the element or attribute pattern `p` holds the name.
    private func matches(_ p: Int, _ nameClass: NameClass, _ name: Int) -> Bool {
        let key = key(p, name)
        if let known = containsMemo[key] { return known }
        let result = nameClass.contains(names[name].namespace, names[name].local)
        containsMemo[key] = result
        return result
    }

    private func startTagOpen(_ p: Int, _ name: Int) -> Int {
        let key = key(p, name)
        if let known = openMemo[key] { return known }
        let result: Int
        switch patterns[p] {
        case .choice(let a, let b):
            result = choice(startTagOpen(a, name), startTagOpen(b, name))
        case .element(let nameClass, let slot):
            result = matches(p, nameClass, name) ? after(content(slot), Self.empty) : Self.notAllowed
        case .interleave(let a, let b):
            result = choice(
                applyAfter(.interleaveWith(b), startTagOpen(a, name)),
                applyAfter(.interleaveAfter(a), startTagOpen(b, name)))
        case .oneOrMore(let a):
            result = applyAfter(.groupWith(choice(p, Self.empty)), startTagOpen(a, name))
        case .group(let a, let b):
            let first = applyAfter(.groupWith(b), startTagOpen(a, name))
            result = nullable[a] ? choice(first, startTagOpen(b, name)) : first
        case .after(let a, let b):
            result = applyAfter(.afterWith(b), startTagOpen(a, name))
        default:
            result = Self.notAllowed
        }
        openMemo[key] = result
        return result
    }

    /// The derivative of `p` by an attribute.
    private func attribute(_ p: Int, _ name: Int, _ value: String) -> Int {
        let accepted = attributeContents(p, name).filter { valueMatches($0, value) }
        return attribute(p, name, accepted: accepted)
    }

    /// The content patterns of the attribute patterns of `p` (outside
    /// elements) whose name class holds the name.
    private func attributeContents(_ p: Int, _ name: Int) -> [Int] {
        let key = key(p, name)
        if let known = attributeContentsMemo[key] { return known }
        var found = Set<Int>()
        var seen = Set<Int>()
        var stack = [p]
        while let q = stack.popLast() {
            guard seen.insert(q).inserted else { continue }
            switch patterns[q] {
            case .after(let a, _), .oneOrMore(let a): stack.append(a)
            case .choice(let a, let b), .group(let a, let b), .interleave(let a, let b): stack += [a, b]
            case .attribute(let nameClass, let content): if matches(q, nameClass, name) { found.insert(content) }
            default: break
            }
        }
        let result = found.sorted()
        attributeContentsMemo[key] = result
        return result
    }

    private func attribute(_ p: Int, _ name: Int, accepted: [Int]) -> Int {
        let key = AttributeKey(pattern: p, name: name, accepted: accepted)
        if let known = attributeMemo[key] { return known }
        let result: Int
        switch patterns[p] {
        case .after(let a, let b): result = after(attribute(a, name, accepted: accepted), b)
        case .choice(let a, let b):
            result = choice(attribute(a, name, accepted: accepted), attribute(b, name, accepted: accepted))
        case .group(let a, let b):
            result = choice(
                group(attribute(a, name, accepted: accepted), b), group(a, attribute(b, name, accepted: accepted)))
        case .interleave(let a, let b):
            result = choice(
                interleave(attribute(a, name, accepted: accepted), b),
                interleave(a, attribute(b, name, accepted: accepted)))
        case .oneOrMore(let a): result = group(attribute(a, name, accepted: accepted), choice(p, Self.empty))
        case .attribute(let nameClass, let content):
            result = matches(p, nameClass, name) && accepted.contains(content) ? Self.empty : Self.notAllowed
        default: result = Self.notAllowed
        }
        attributeMemo[key] = result
        return result
    }

    private func valueMatches(_ p: Int, _ value: String) -> Bool {
        (nullable[p] && Self.isWhitespace(value)) || nullable[textDerivative(p, value)]
    }

    private func startTagClose(_ p: Int) -> Int {
        if let known = closeMemo[p] { return known }
        let result: Int
        switch patterns[p] {
        case .after(let a, let b): result = after(startTagClose(a), b)
        case .choice(let a, let b): result = choice(startTagClose(a), startTagClose(b))
        case .group(let a, let b): result = group(startTagClose(a), startTagClose(b))
        case .interleave(let a, let b): result = interleave(startTagClose(a), startTagClose(b))
        case .oneOrMore(let a): result = oneOrMore(startTagClose(a))
        case .attribute: result = Self.notAllowed
        default: result = p
        }
        closeMemo[p] = result
        return result
    }

    private func endTag(_ p: Int) -> Int {
        if let known = endMemo[p] { return known }
        let result: Int
        switch patterns[p] {
        case .choice(let a, let b): result = choice(endTag(a), endTag(b))
        case .after(let a, let b): result = nullable[a] ? b : Self.notAllowed
        default: result = Self.notAllowed
        }
        endMemo[p] = result
        return result
    }

    /// The derivative by a text; `text` is read only where a datatype needs it.
    private func textDerivative(_ p: Int, _ text: @autoclosure () -> String) -> Int {
        if !textMatters[p] {
            if let known = textMemo[p] { return known }
            let result = textDerivative(p, of: "")
            textMemo[p] = result
            return result
        }
        return textDerivative(p, of: text())
    }

    private func textDerivative(_ p: Int, of text: String) -> Int {
        switch patterns[p] {
        case .choice(let a, let b): return choice(textDerivative(a, text), textDerivative(b, text))
        case .interleave(let a, let b):
            return choice(interleave(textDerivative(a, text), b), interleave(a, textDerivative(b, text)))
        case .group(let a, let b):
            let first = group(textDerivative(a, text), b)
            return nullable[a] ? choice(first, textDerivative(b, text)) : first
        case .after(let a, let b): return after(textDerivative(a, text), b)
        case .oneOrMore(let a): return group(textDerivative(a, text), choice(p, Self.empty))
        case .text: return p
        case .value(let type, let expected):
            return Self.equal(type, expected, text) ? Self.empty : Self.notAllowed
        case .data(let type, let except):
            guard Self.allows(type, text) else { return Self.notAllowed }
            if let except, valueMatches(except, text) { return Self.notAllowed }
            return Self.empty
        default: return Self.notAllowed
        }
    }

    // MARK: - Validating a document

    /// True only when `document` is valid against the grammar (IDs aside).
    func accepts(_ document: ParsedXMLDocument) -> Bool {
        guard let root = document.root else { return false }
        lock.lock()
        defer { lock.unlock() }
        documentNames.removeAll(keepingCapacity: true)
        defer { documentNames.removeAll(keepingCapacity: true) }
        let rest = element(root, against: start, depth: 0)
        return !isBroken && rest != Self.notAllowed && nullable[rest]
    }

    private func element(_ node: xmlNodePtr, against p: Int, depth: Int) -> Int {
        guard depth < Self.maximumDepth, patterns.count < Self.maximumPatterns, names.count < 1 << 24 else {
            return Self.notAllowed
        }
        var current = startTagOpen(p, number(of: node.pointee.name, node.pointee.ns))
        var property = node.pointee.properties
        while let attribute = property, current != Self.notAllowed {
            property = attribute.pointee.next
            let value = XMLNodes.text(UnsafeMutableRawPointer(attribute).assumingMemoryBound(to: xmlNode.self))
            current = self.attribute(current, number(of: attribute.pointee.name, attribute.pointee.ns), value)
        }
        guard current != Self.notAllowed else { return Self.notAllowed }
        current = startTagClose(current)
        // The children: elements, and text runs (adjacent text across comments joined).
        var sawElement = false
        var pendingText: [xmlNodePtr] = []
        var child = node.pointee.children
        while let item = child, current != Self.notAllowed {
            child = item.pointee.next
            switch item.pointee.type {
            case XML_ELEMENT_NODE:
                if !pendingText.isEmpty { current = textRun(pendingText, current, alone: false) }
                pendingText.removeAll()
                sawElement = true
                current = element(item, against: current, depth: depth + 1)
            case XML_TEXT_NODE, XML_CDATA_SECTION_NODE:
                pendingText.append(item)
            case XML_COMMENT_NODE, XML_PI_NODE:
                continue
            default:
                return Self.notAllowed   // entity references and the like: leave them to libxml2
            }
        }
        guard current != Self.notAllowed else { return Self.notAllowed }
        if !pendingText.isEmpty {
            current = textRun(pendingText, current, alone: !sawElement)
        } else if !sawElement {
            // No children at all: as one empty text.
            current = choice(current, textDerivative(current, ""))
        }
        return endTag(current)
    }

    /// The derivative by one run of text. Whitespace between elements is
    /// ignored; an element's only text, when whitespace, may be matched or not.
    private func textRun(_ nodes: [xmlNodePtr], _ p: Int, alone: Bool) -> Int {
        let blank = nodes.allSatisfy { Self.isWhitespace($0.pointee.content) }
        if blank && !alone { return p }
        let derivative = textDerivative(p, nodes.map { XMLNodes.text($0) }.joined())
        return blank ? choice(p, derivative) : derivative
    }

    // MARK: - Helpers

    /// The name number of a node of the document being validated; its
    /// parser shares name strings, so most are found by address.
    private func number(of name: UnsafePointer<xmlChar>?, _ namespace: xmlNsPtr?) -> Int {
        let address = NameAddress(
            name: UInt(bitPattern: name), namespace: UInt(bitPattern: namespace?.pointee.href))
        if let known = documentNames[address] { return known }
        let found = number(
            namespace?.pointee.href.map { String(cString: $0) } ?? "", name.map { String(cString: $0) } ?? "")
        documentNames[address] = found
        return found
    }

    static let relaxNG = "http://relaxng.org/ns/structure/1.0"

    static func isRelaxNG(_ node: xmlNodePtr) -> Bool {
        guard let href = node.pointee.ns?.pointee.href else { return false }
        return xmlStrEqual(href, relaxNG) == 1
    }

    static func isPattern(_ node: xmlNodePtr, _ kind: String) -> Bool {
        isRelaxNG(node) && xmlStrEqual(node.pointee.name, kind) == 1
    }

    static func isWhitespace(_ text: String) -> Bool {
        text.utf8.allSatisfy { $0 == 0x20 || $0 == 0x09 || $0 == 0x0A || $0 == 0x0D }
    }

    private static func isWhitespace(_ bytes: UnsafeMutablePointer<xmlChar>?) -> Bool {
        guard var byte = bytes else { return true }
        while byte.pointee != 0 {
            switch byte.pointee {
            case 0x20, 0x09, 0x0A, 0x0D: byte += 1
            default: return false
            }
        }
        return true
    }

    /// Whitespace collapsed, as XML Schema's `token` and most types read a value.
    static func collapsed(_ text: String) -> String {
        text.split(whereSeparator: { $0 == " " || $0 == "\t" || $0 == "\n" || $0 == "\r" }).joined(separator: " ")
    }

    static let xsd = "http://www.w3.org/2001/XMLSchema-datatypes"

    /// `value` patterns: the built-in `string` compares exactly; every
    /// other known type compares collapsed text (for the enumerations of
    /// DocBook, tokens and names, that is equality); unknown types never match.
    static func equal(_ type: Datatype, _ expected: String, _ text: String) -> Bool {
        guard !type.hasParameters else { return false }
        switch (type.library, type.name) {
        case ("", "string"), (xsd, "string"): return expected == text
        case ("", "token"), (xsd, "token"), (xsd, "NMTOKEN"), (xsd, "NCName"), (xsd, "ID"), (xsd, "IDREF"):
            return collapsed(expected) == collapsed(text)
        default: return false
        }
    }

    /// `data` patterns, judged strictly: a value this accepts is accepted
    /// by libxml2 and jing too.
    static func allows(_ type: Datatype, _ text: String) -> Bool {
        guard !type.hasParameters else { return false }
        switch (type.library, type.name) {
        case ("", "string"), ("", "token"), (xsd, "string"), (xsd, "token"): return true
        default: break
        }
        guard type.library == xsd else { return false }
        let value = collapsed(text)
        switch type.name {
        case "ID", "IDREF", "ENTITY", "NCName": return isNCName(value)
        case "IDREFS": return !value.isEmpty && value.split(separator: " ").allSatisfy { isNCName(String($0)) }
        case "NMTOKEN": return !value.isEmpty && value.unicodeScalars.allSatisfy(isNameCharacter)
        case "anyURI": return isPlainURI(value)
        case "integer": return isInteger(value, allowSign: true)
        case "nonNegativeInteger": return isInteger(value, allowSign: false)
        case "positiveInteger": return isInteger(value, allowSign: false) && value.contains { $0 != "0" }
        case "decimal":
            let parts = value.split(separator: ".", omittingEmptySubsequences: false)
            return parts.count <= 2 && isInteger(String(parts[0]), allowSign: true)
                && (parts.count == 1 || (!parts[1].isEmpty && parts[1].allSatisfy(\.isASCIIDigitCharacter)))
        case "gYear": return value.count == 4 && value.allSatisfy(\.isASCIIDigitCharacter)
        default: return false   // date, dateTime, gYearMonth…: libxml2 decides
        }
    }

    private static func isInteger(_ value: String, allowSign: Bool) -> Bool {
        var digits = Substring(value)
        if allowSign, let first = digits.first, first == "-" || first == "+" { digits = digits.dropFirst() }
        return !digits.isEmpty && digits.allSatisfy(\.isASCIIDigitCharacter)
    }

    /// ASCII URI references without spaces, controls or characters RFC
    /// 3986 excludes, percent signs followed by two hex digits.
    private static func isPlainURI(_ value: String) -> Bool {
        let bytes = Array(value.utf8)
        var index = 0
        while index < bytes.count {
            let byte = bytes[index]
            switch byte {
            case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
                UInt8(ascii: "0")...UInt8(ascii: "9"):
                break
            case UInt8(ascii: "%"):
                guard index + 2 < bytes.count, isHex(bytes[index + 1]), isHex(bytes[index + 2]) else { return false }
                index += 2
            default:
                guard "-._~:/?#[]@!$&'()*+,;=".utf8.contains(byte) else { return false }
            }
            index += 1
        }
        return true
    }

    private static func isHex(_ byte: UInt8) -> Bool {
        (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) || (UInt8(ascii: "a")...UInt8(ascii: "f")).contains(byte)
            || (UInt8(ascii: "A")...UInt8(ascii: "F")).contains(byte)
    }

    /// XML 1.0 (fifth edition) NCName: a name without colons.
    static func isNCName(_ value: String) -> Bool {
        guard let first = value.unicodeScalars.first, isNameStart(first), first != ":" else { return false }
        return value.unicodeScalars.allSatisfy { isNameCharacter($0) && $0 != ":" }
    }

    private static func isNameStart(_ c: Unicode.Scalar) -> Bool {
        switch c.value {
        case 0x3A, 0x5F, 0x41...0x5A, 0x61...0x7A, 0xC0...0xD6, 0xD8...0xF6, 0xF8...0x2FF, 0x370...0x37D,
            0x37F...0x1FFF, 0x200C...0x200D, 0x2070...0x218F, 0x2C00...0x2FEF, 0x3001...0xD7FF, 0xF900...0xFDCF,
            0xFDF0...0xFFFD, 0x10000...0xEFFFF:
            true
        default: false
        }
    }

    private static func isNameCharacter(_ c: Unicode.Scalar) -> Bool {
        switch c.value {
        case 0x2D, 0x2E, 0x30...0x39, 0xB7, 0x300...0x36F, 0x203F...0x2040: true
        default: isNameStart(c)
        }
    }
}

private extension String {
    var trimmed: String { trimmingCharacters(in: .whitespacesAndNewlines) }
}

private extension Character {
    var isASCIIDigitCharacter: Bool { isASCII && isNumber }
}
