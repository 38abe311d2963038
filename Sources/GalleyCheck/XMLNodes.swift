import CLibXML2
import Foundation

/// Read-only helpers over libxml2 element nodes for the EPUB and DocBook checks.
enum XMLNodes {
    static let xhtml = "http://www.w3.org/1999/xhtml"
    static let opf = "http://www.idpf.org/2007/opf"
    static let ops = "http://www.idpf.org/2007/ops"
    static let dc = "http://purl.org/dc/elements/1.1/"
    static let container = "urn:oasis:names:tc:opendocument:xmlns:container"
    static let xml = "http://www.w3.org/XML/1998/namespace"

    static func name(_ node: xmlNodePtr) -> String {
        node.pointee.name.map { String(cString: $0) } ?? ""
    }

    static func namespace(_ node: xmlNodePtr) -> String? {
        node.pointee.ns?.pointee.href.map { String(cString: $0) }
    }

    static func isElement(_ node: xmlNodePtr, _ localName: String, in namespaceURI: String) -> Bool {
        node.pointee.type == XML_ELEMENT_NODE && name(node) == localName && namespace(node) == namespaceURI
    }

    /// An attribute without a namespace, or in `namespaceURI`.
    static func attribute(_ node: xmlNodePtr, _ attributeName: String, namespace namespaceURI: String? = nil) -> String?
    {
        let value = namespaceURI.map { xmlGetNsProp(node, attributeName, $0) } ?? xmlGetNoNsProp(node, attributeName)
        guard let value else { return nil }
        defer { free(value) }   // libxml2 allocates with malloc (xmlFree is free)
        return String(cString: value)
    }

    static func line(_ node: xmlNodePtr) -> Int { Int(xmlGetLineNo(node)) }

    static func text(_ node: xmlNodePtr) -> String {
        guard let content = xmlNodeGetContent(node) else { return "" }
        defer { free(content) }
        return String(cString: content)
    }

    /// Every child node of `node` (text and comments too), in order.
    static func childNodes(_ node: xmlNodePtr) -> [xmlNodePtr] {
        var result: [xmlNodePtr] = []
        var child = node.pointee.children
        while let current = child {
            result.append(current)
            child = current.pointee.next
        }
        return result
    }

    /// The element children of `node`, in order.
    static func children(_ node: xmlNodePtr) -> [xmlNodePtr] {
        childNodes(node).filter { $0.pointee.type == XML_ELEMENT_NODE }
    }

    /// Every element under `node` (itself included), in document order.
    static func descendants(_ node: xmlNodePtr) -> [xmlNodePtr] {
        var result: [xmlNodePtr] = []
        walk(node) { element, _ in
            result.append(element)
            return true
        }
        return result
    }

    /// How deep elements nest in `node` (`node` alone: 1), counted no
    /// further than `limit + 1`.
    static func depth(_ node: xmlNodePtr, limit: Int) -> Int {
        var deepest = 0
        walk(node) { _, depth in
            deepest = max(deepest, depth)
            return deepest <= limit
        }
        return deepest
    }

    /// Calls `visit` with every element under `node` (itself included, at
    /// depth 1) in document order and its depth, until it returns false.
    /// Walks the sibling and parent links: no array per node, no recursion.
    static func walk(_ node: xmlNodePtr, _ visit: (xmlNodePtr, Int) -> Bool) {
        guard visit(node, 1) else { return }
        var depth = 2
        var current = firstElement(from: node.pointee.children)
        while let element = current {
            guard visit(element, depth) else { return }
            if let child = firstElement(from: element.pointee.children) {
                current = child
                depth += 1
                continue
            }
            // No children: the next sibling, or the next sibling of an ancestor.
            var climber: xmlNodePtr? = element
            current = nil
            while let at = climber, at != node {
                if let sibling = firstElement(from: at.pointee.next) {
                    current = sibling
                    break
                }
                climber = at.pointee.parent
                depth -= 1
            }
        }
    }

    /// `node` or the first element sibling after it.
    private static func firstElement(from node: xmlNodePtr?) -> xmlNodePtr? {
        var candidate = node
        while let current = candidate, current.pointee.type != XML_ELEMENT_NODE { candidate = current.pointee.next }
        return candidate
    }

    /// True when `node` has an attribute of this local name in no namespace
    /// or in `namespaceURI`, checked without copying any value.
    static func hasAttribute(_ node: xmlNodePtr, named attributeName: StaticString) -> Bool {
        var property = node.pointee.properties
        while let current = property {
            if let name = current.pointee.name,
                attributeName.withUTF8Buffer({
                    strcmp(
                        UnsafeRawPointer(name).assumingMemoryBound(to: CChar.self),
                        UnsafeRawPointer($0.baseAddress!).assumingMemoryBound(to: CChar.self)) == 0
                })
            {
                return true
            }
            property = current.pointee.next
        }
        return false
    }
}
