import CLibXML2
import GalleyCore

/// The element names the DocBook 5.0 schema defines, read from the RELAX NG
/// grammar itself, so that an element DocBook does not have (`<sup>`,
/// `<br>`) is named as such — libxml2 only says the parent failed.
struct DocBookVocabulary: Sendable {
    let names: Set<String>

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
