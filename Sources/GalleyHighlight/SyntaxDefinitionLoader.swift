import CLibXML2
import Foundation

/// Reads a KDE syntax definition file (the `language.dtd` format) with
/// libxml2. The files are Galley's own vendored resources: their internal
/// entities (`&int;` in regular expressions) are substituted; no DTD is
/// loaded and nothing is fetched.
/// (libxml2 allocates with malloc: its strings are released with `free`.)
enum SyntaxDefinitionLoader {
    static let options = Int32(
        XML_PARSE_NOENT.rawValue | XML_PARSE_NONET.rawValue | XML_PARSE_NOERROR.rawValue
            | XML_PARSE_NOWARNING.rawValue | XML_PARSE_NOCDATA.rawValue)

    /// The definition in `bytes`, or nil when it is not a readable definition.
    static func load(_ bytes: [UInt8]) -> SyntaxDefinition? {
        guard !bytes.isEmpty, bytes.count < Int(Int32.max) else { return nil }
        let document = bytes.withUnsafeBufferPointer { buffer in
            buffer.baseAddress!.withMemoryRebound(to: CChar.self, capacity: buffer.count) {
                xmlReadMemory($0, Int32(buffer.count), "syntax.xml", "UTF-8", options)
            }
        }
        guard let document else { return nil }
        defer { xmlFreeDoc(document) }
        guard let root = xmlDocGetRootElement(document), name(root) == "language" else { return nil }
        var definition = SyntaxDefinition(
            name: attribute(root, "name") ?? "", license: attribute(root, "license") ?? "",
            contexts: [], itemData: [:], lists: [:], keywordsCaseSensitive: true,
            delimiters: .standard)
        for section in children(root) {
            switch name(section) {
            case "highlighting":
                readHighlighting(section, into: &definition)
            case "general":
                for child in children(section) where name(child) == "keywords" {
                    if let value = attribute(child, "casesensitive") {
                        definition.keywordsCaseSensitive = value == "1" || value.lowercased() == "true"
                    }
                    definition.delimiters = WordDelimiters(
                        weak: attribute(child, "weakDeliminator") ?? "",
                        additional: attribute(child, "additionalDeliminator") ?? "")
                }
            default:
                break
            }
        }
        return definition
    }

    private static func readHighlighting(_ node: xmlNodePtr, into definition: inout SyntaxDefinition) {
        for child in children(node) {
            switch name(child) {
            case "list":
                guard let listName = attribute(child, "name") else { continue }
                var list = KeywordList(items: [], includes: [])
                for item in children(child) {
                    let value = text(item).trimmingCharacters(in: .whitespacesAndNewlines)
                    guard !value.isEmpty else { continue }
                    if name(item) == "item" { list.items.append(value) }
                    if name(item) == "include" { list.includes.append(value) }
                }
                definition.lists[listName] = list
            case "contexts":
                for context in children(child) where name(context) == "context" {
                    definition.contexts.append(readContext(context))
                }
            case "itemDatas":
                for item in children(child) where name(item) == "itemData" {
                    guard let itemName = attribute(item, "name") else { continue }
                    definition.itemData[itemName] = attribute(item, "defStyleNum") ?? "dsNormal"
                }
            default:
                break
            }
        }
    }

    private static func readContext(_ node: xmlNodePtr) -> RawContext {
        let fallthroughFlag = attribute(node, "fallthrough")?.lowercased()
        var fallthroughContext = attribute(node, "fallthroughContext")
        if fallthroughFlag == "false" || fallthroughFlag == "0" { fallthroughContext = nil }
        let dynamic = attribute(node, "dynamic")?.lowercased()
        return RawContext(
            name: attribute(node, "name") ?? "",
            attribute: attribute(node, "attribute"),
            lineEndContext: attribute(node, "lineEndContext") ?? "#stay",
            lineEmptyContext: attribute(node, "lineEmptyContext"),
            fallthroughContext: fallthroughContext,
            dynamic: dynamic == "true" || dynamic == "1",
            rules: children(node).map(readRule))
    }

    /// A rule and its attributes. Rules nested inside a rule (KDE's old
    /// child rules of `Int` and `Float`) are not read.
    private static func readRule(_ node: xmlNodePtr) -> RawRule {
        var attributes: [String: String] = [:]
        var property = node.pointee.properties
        while let current = property {
            if let key = current.pointee.name.map({ String(cString: $0) }),
                let value = xmlNodeGetContent(UnsafeMutablePointer(OpaquePointer(current)))
            {
                attributes[key] = String(cString: value)
                free(value)
            }
            property = current.pointee.next
        }
        return RawRule(kind: name(node), attributes: attributes)
    }

    private static func children(_ node: xmlNodePtr) -> [xmlNodePtr] {
        var result: [xmlNodePtr] = []
        var child = node.pointee.children
        while let current = child {
            if current.pointee.type == XML_ELEMENT_NODE { result.append(current) }
            child = current.pointee.next
        }
        return result
    }

    private static func name(_ node: xmlNodePtr) -> String {
        node.pointee.name.map { String(cString: $0) } ?? ""
    }

    private static func attribute(_ node: xmlNodePtr, _ key: String) -> String? {
        let value = key.withCString { name in
            name.withMemoryRebound(to: xmlChar.self, capacity: key.utf8.count + 1) { xmlGetProp(node, $0) }
        }
        guard let value else { return nil }
        defer { free(value) }
        return String(cString: value)
    }

    private static func text(_ node: xmlNodePtr) -> String {
        guard let value = xmlNodeGetContent(node) else { return "" }
        defer { free(value) }
        return String(cString: value)
    }
}
