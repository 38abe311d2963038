/// One KDE syntax definition file as written: its contexts in order, its
/// item data (attribute name → default style), its keyword lists and its
/// word delimiters. References to other definitions (`##Language`) stay
/// names here; `Grammar` resolves them.
struct SyntaxDefinition: Sendable {
    /// The definition's `name` attribute (`ISO C++`), used by `##` references.
    var name: String
    /// The `license` attribute as written; empty when the file states none.
    var license: String
    var contexts: [RawContext]
    /// Attribute name → default style (`dsKeyword`…), as in `<itemData>`.
    var itemData: [String: String]
    var lists: [String: KeywordList]
    var keywordsCaseSensitive: Bool
    /// Characters that end a word for keyword, `WordDetect`, `Int`… rules.
    var delimiters: WordDelimiters

    func context(named name: String) -> RawContext? {
        contexts.first { $0.name == name }
    }
}

/// A keyword list: its items and the lists it includes (`name##Language`).
struct KeywordList: Sendable {
    var items: [String]
    var includes: [String]
}

/// A context as written in the file.
struct RawContext: Sendable {
    var name: String
    var attribute: String?
    var lineEndContext: String
    var lineEmptyContext: String?
    var fallthroughContext: String?
    var dynamic: Bool
    var rules: [RawRule]
}

/// A rule as written: its element name and attributes.
struct RawRule: Sendable {
    var kind: String
    var attributes: [String: String]

    subscript(_ key: String) -> String? { attributes[key] }

    func flag(_ key: String) -> Bool {
        guard let value = attributes[key]?.lowercased() else { return false }
        return value == "true" || value == "1"
    }
}

/// KDE's word delimiters: white space and `.():!+,-<=>%&*/;?[]^{|}~\`,
/// less a definition's `weakDeliminator`, plus its `additionalDeliminator`.
/// Characters outside ASCII never delimit a word.
struct WordDelimiters: Sendable {
    private var table: [Bool]

    static let standard = WordDelimiters(weak: "", additional: "")

    init(weak: String, additional: String) {
        table = Array(repeating: false, count: 128)
        for scalar in " \t\n\r\u{0B}\u{0C}.():!+,-<=>%&*/;?[]^{|}~\\".unicodeScalars { table[Int(scalar.value)] = true }
        for scalar in weak.unicodeScalars where scalar.value < 128 { table[Int(scalar.value)] = false }
        for scalar in additional.unicodeScalars where scalar.value < 128 { table[Int(scalar.value)] = true }
    }

    func contains(_ unit: UInt16) -> Bool { unit < 128 && table[Int(unit)] }
}
