import CLibXML2
import Foundation
import GalleyCore

/// The DocBook 5.0 RELAX NG grammar of `Schemas/docbook.rng`, read once:
/// its element names, the grammar for validation by derivatives (what
/// decides that a document is valid), and, compiled by libxml2 only when
/// a document is not shown valid, the grammar for libxml2's messages.
struct DocBookGrammar: @unchecked Sendable {
    /// The schema text, as shipped.
    let bytes: [UInt8]
    /// Every element name the grammar defines.
    let names: Set<String>
    /// The grammar as derivatives; nil if it used what they do not implement.
    let derivatives: RelaxNGDerivatives?

    /// Reads the grammar; nil when `bytes` is not a grammar.
    init?(_ bytes: [UInt8]) {
        guard case .success(let tree) = ParsedXMLDocument.parse(bytes, name: "docbook.rng") else { return nil }
        var names = Set<String>()
        Self.visitElements(of: tree.pointer) { node in
            if RelaxNGDerivatives.isPattern(node, "element"), let name = Self.nameAttribute(of: node) {
                names.insert(name)
            }
            return true
        }
        guard !names.isEmpty else { return nil }
        self.bytes = bytes
        self.names = names
        self.derivatives = RelaxNGDerivatives(grammar: tree)
    }

    /// The grammar compiled by libxml2, without its annotations and
    /// embedded Schematron (RELAX NG ignores elements of other namespaces;
    /// libxml2 still spends a third of its compile time on them).
    func compile(name: String) -> Result<RelaxNGSchema, Diagnostic> {
        let tree: ParsedXMLDocument
        switch ParsedXMLDocument.parse(bytes, name: name) {
        case .success(let parsed): tree = parsed
        case .failure(let diagnostic): return .failure(diagnostic)
        }
        return withExtendedLifetime(tree) {
            Self.visitElements(of: tree.pointer) { node in
                guard RelaxNGDerivatives.isRelaxNG(node) else {
                    xmlUnlinkNode(node)
                    xmlFreeNode(node)
                    return false
                }
                return true
            }
            return RelaxNGSchema.compile(tree.pointer, name: name)
        }
    }

    /// Calls `visit` on every element below the root, parents first; its
    /// children are visited when it returns true (false: it was removed).
    /// Comments and processing instructions are removed on the way.
    private static func visitElements(of document: xmlDocPtr, _ visit: (xmlNodePtr) -> Bool) {
        guard let root = xmlDocGetRootElement(document) else { return }
        var stack: [xmlNodePtr] = [root]
        while let node = stack.popLast() {
            var child = node.pointee.children
            while let current = child {
                child = current.pointee.next
                switch current.pointee.type {
                case XML_ELEMENT_NODE:
                    if visit(current) { stack.append(current) }
                case XML_COMMENT_NODE, XML_PI_NODE:
                    xmlUnlinkNode(current)
                    xmlFreeNode(current)
                default:
                    break
                }
            }
        }
    }

    private static func nameAttribute(of node: xmlNodePtr) -> String? {
        XMLNodes.attribute(node, "name")?.trimmingCharacters(in: .whitespacesAndNewlines)
    }
}
