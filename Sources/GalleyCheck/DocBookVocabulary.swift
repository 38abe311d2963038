import CLibXML2
import GalleyCore

/// The element names the DocBook 5.0 schema defines, read from the RELAX NG
/// grammar itself, so that an element DocBook does not have (`<sup>`,
/// `<br>`) is named as such — libxml2 only says the parent failed.
struct DocBookVocabulary: Sendable {
    let names: Set<String>

    /// Every `<element name="…">` of a RELAX NG grammar.
    init?(schema bytes: [UInt8]) {
        guard case .success(let document) = ParsedXMLDocument.parse(bytes, name: "docbook.rng"),
            let root = document.root
        else { return nil }
        var names = Set<String>()
        var stack: [xmlNodePtr] = [root]
        while let node = stack.popLast() {
            if DocBookSchematron.localName(node) == "element",
                let name = XMLNodes.attribute(node, "name")
            {
                names.insert(name.trimmingSpaces)
            }
            var child = node.pointee.children
            while let current = child {
                if current.pointee.type == XML_ELEMENT_NODE { stack.append(current) }
                child = current.pointee.next
            }
        }
        guard !names.isEmpty else { return nil }
        self.names = names
    }

    /// An error for each DocBook-namespace element the schema does not define.
    func unknownElements(in document: ParsedXMLDocument) -> [Diagnostic] {
        guard let root = document.root else { return [] }
        var diagnostics: [Diagnostic] = []
        var stack: [xmlNodePtr] = [root]
        while let node = stack.popLast() {
            let name = DocBookSchematron.localName(node)
            if DocBookSchematron.isDocBook(node), !names.contains(name) {
                diagnostics.append(
                    Diagnostic(
                        CheckCode.docbookUnknownElement,
                        "<\(name)> is not a DocBook 5.0 element",
                        at: SourceLocation(file: document.name, line: DocBookSchematron.line(node))))
            }
            var children: [xmlNodePtr] = []
            var child = node.pointee.children
            while let current = child {
                if current.pointee.type == XML_ELEMENT_NODE { children.append(current) }
                child = current.pointee.next
            }
            stack.append(contentsOf: children.reversed())
        }
        return diagnostics
    }
}

private extension String {
    var trimmingSpaces: String {
        var scalars = Substring(self)
        while let first = scalars.first, first.isWhitespace { scalars = scalars.dropFirst() }
        while let last = scalars.last, last.isWhitespace { scalars = scalars.dropLast() }
        return String(scalars)
    }
}
