import CLibXML2
import Foundation
import GalleyCore

/// The DocBook 5.0 RELAX NG grammar of `Schemas/docbook.rng`, read once:
/// its element names, the grammar for validation by derivatives (what
/// decides that a document is valid), and, compiled by libxml2 only when
/// a document is not shown valid, the grammar for libxml2's messages.
struct DocBookGrammar: @unchecked Sendable {
    static let relaxNG = "http://relaxng.org/ns/structure/1.0"

    /// The schema text, as shipped.
    let bytes: [UInt8]
    /// Every element name the grammar defines.
    let names: Set<String>
    /// The grammar as derivatives; nil if it used what they do not implement.
    let derivatives: RelaxNGDerivatives?

    /// Reads the grammar; nil when `bytes` is not a grammar.
    init?(_ bytes: [UInt8]) {
        guard let document = Self.read(bytes) else { return nil }
        let tree = ParsedXMLDocument(pointer: document, name: "docbook.rng")
        var names = Set<String>()
        Self.visitElements(of: document) { node in
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
        guard let document = Self.read(bytes) else {
            return .failure(
                Diagnostic(CheckCode.relaxngSchema, "cannot read the RELAX NG schema", at: SourceLocation(file: name)))
        }
        defer { xmlFreeDoc(document) }
        Self.visitElements(of: document) { node in
            guard RelaxNGDerivatives.isRelaxNG(node) else {
                xmlUnlinkNode(node)
                xmlFreeNode(node)
                return false
            }
            return true
        }
        return RelaxNGSchema.compile(document, name: name)
    }

    private static func read(_ bytes: [UInt8]) -> xmlDocPtr? {
        let options = Int32(XML_PARSE_NONET.rawValue | XML_PARSE_NOERROR.rawValue | XML_PARSE_NOWARNING.rawValue)
        return bytes.withUnsafeBufferPointer { buffer in
            buffer.baseAddress!.withMemoryRebound(to: CChar.self, capacity: buffer.count) {
                xmlReadMemory($0, Int32(buffer.count), "docbook.rng", "UTF-8", options)
            }
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
