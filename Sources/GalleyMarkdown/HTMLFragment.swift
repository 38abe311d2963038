import CLibXML2

/// Owns a document made by libxml2's HTML parser from a fragment of raw
/// HTML found in Markdown, and frees it when done.
final class HTMLFragment {
    private let document: htmlDocPtr?

    /// Recover from anything (raw HTML in Markdown is rarely well formed),
    /// stay quiet (the reader reports what it drops itself), never fetch.
    private static let options = Int32(
        HTML_PARSE_RECOVER.rawValue | HTML_PARSE_NOERROR.rawValue
            | HTML_PARSE_NOWARNING.rawValue | HTML_PARSE_NONET.rawValue | HTML_PARSE_NODEFDTD.rawValue)

    /// libxml2 initialises its globals lazily and not thread-safely; the
    /// reader may run beside other libxml2 users (tests run in parallel),
    /// so it is done once, up front.
    private static let initialized: Bool = {
        xmlInitParser()
        return true
    }()

    init(_ html: String) {
        _ = Self.initialized
        // An explicit body keeps libxml2 from moving leading text or
        // `<style>` into an implied `<head>`.
        let wrapped = "<html><body>" + html + "</body></html>"
        document = wrapped.withCString { pointer in
            htmlReadMemory(pointer, Int32(wrapped.utf8.count), nil, "UTF-8", Self.options)
        }
    }

    deinit { if let document { xmlFreeDoc(document) } }

    /// The children of `<body>`: the fragment as parsed.
    var nodes: [xmlNodePtr] {
        guard let document, let root = xmlDocGetRootElement(document) else { return [] }
        let body = HTMLNode.children(of: root).first { HTMLNode.name($0) == "body" }
        return body.map(HTMLNode.children) ?? []
    }
}

/// Read-only helpers over libxml2 nodes; no allocation to free.
enum HTMLNode {
    static func children(of node: xmlNodePtr) -> [xmlNodePtr] {
        var result: [xmlNodePtr] = []
        var child = node.pointee.children
        while let current = child {
            result.append(current)
            child = current.pointee.next
        }
        return result
    }

    /// Lower-case element name.
    static func name(_ node: xmlNodePtr) -> String {
        guard let name = node.pointee.name else { return "" }
        return String(cString: name).lowercased()
    }

    static func isElement(_ node: xmlNodePtr) -> Bool { node.pointee.type == XML_ELEMENT_NODE }

    static func isText(_ node: xmlNodePtr) -> Bool {
        node.pointee.type == XML_TEXT_NODE || node.pointee.type == XML_CDATA_SECTION_NODE
    }

    /// The text of a text node.
    static func content(_ node: xmlNodePtr) -> String {
        guard let content = node.pointee.content else { return "" }
        return String(cString: content)
    }

    /// The value of attribute `name`, read without copying into libxml2 memory.
    static func attribute(_ node: xmlNodePtr, _ name: String) -> String? {
        var property = node.pointee.properties
        while let current = property {
            if let propertyName = current.pointee.name, String(cString: propertyName).lowercased() == name {
                var value = ""
                var child = current.pointee.children
                while let text = child {
                    if let content = text.pointee.content { value += String(cString: content) }
                    child = text.pointee.next
                }
                return value
            }
            property = current.pointee.next
        }
        return nil
    }

    /// All the text inside `node`, as a reader would see it.
    static func textContent(_ node: xmlNodePtr) -> String {
        if isText(node) { return content(node) }
        var text = ""
        walkDescendants(of: node) { child in
            if isText(child) { text += content(child) }
            return isElement(child)
        }
        return text
    }

    /// Visits every node below `node` in document order without recursion;
    /// `visit` returns whether to go into the node's children.
    static func walkDescendants(of node: xmlNodePtr, _ visit: (xmlNodePtr) -> Bool) {
        var next = node.pointee.children
        while let current = next {
            if visit(current), let child = current.pointee.children {
                next = child
                continue
            }
            var climbing: xmlNodePtr? = current
            next = nil
            while let step = climbing, step != node {
                if let sibling = step.pointee.next {
                    next = sibling
                    break
                }
                climbing = step.pointee.parent
            }
        }
    }
}
