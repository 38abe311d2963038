import Yams

/// The YAML files `galley import` writes (`book.yaml`, `contents.yaml`,
/// chapter front matter), built as Yams nodes and emitted by Yams.
///
/// Mappings are ordered pairs, so keys come out in the order a person
/// reads them (title first, chapters last), not sorted.
enum SourceYAML {
    /// A string that reads back as the same string: plain when YAML would
    /// read it as a string anyway, double-quoted when it would read as a
    /// number, boolean, null or date (`"2008"`, `"true"`).
    static func string(_ text: String) -> Node {
        let plain = Node(text)
        if Resolver.default.resolveTag(of: plain) == .str { return plain }
        return Node(text, Tag(.str), .doubleQuoted)
    }

    /// Always double-quoted, as the printed contents' titles are written.
    static func quoted(_ text: String) -> Node {
        Node(text, Tag(.str), .doubleQuoted)
    }

    static func int(_ value: Int) -> Node {
        Node(String(value), Tag(.int))
    }

    /// A page number: a number when it is one (`12`), else a string (`iv`, `"012"`).
    static func number(_ text: String) -> Node {
        if let value = Int(text), String(value) == text { return int(value) }
        return string(text)
    }

    static func bool(_ value: Bool) -> Node {
        Node(value ? "true" : "false", Tag(.bool))
    }

    static func mapping(_ pairs: [(String, Node)]) -> Node {
        Node(pairs.map { (Node($0.0), $0.1) })
    }

    /// One YAML document, ending in a newline. Unicode is written as is
    /// (`allowUnicode`) and lines are never folded (`width: -1`), so CJK
    /// titles stay readable and each value stays on one line.
    static func document(_ node: Node) -> String {
        do {
            return try Yams.serialize(node: node, width: -1, allowUnicode: true)
        } catch {
            // libyaml's emitter fails only on an ill-formed event stream or a
            // failed write; a node tree built in memory gives neither.
            preconditionFailure("Yams could not emit a node tree built by SourceYAML: \(error)")
        }
    }
}
