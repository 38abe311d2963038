import CLibXML2
import GalleyCore

/// The assertions of the DocBook 5.0 Schematron (`docbook.sch`), which
/// libxml2 cannot run, checked natively on a parsed document; plus the
/// identity rules the schema's ID/IDREF types imply (unique `xml:id`, every
/// `linkend` naming one).
struct DocBookSchematron {
    static let namespace = "http://docbook.org/ns/docbook"
    private static let xmlNamespace = "http://www.w3.org/XML/1998/namespace"

    /// "Root must have version": the elements that may be a root.
    static let versionRoots: Set<String> = [
        "para", "set", "book", "dedication", "acknowledgements", "colophon", "appendix", "chapter", "part",
        "preface", "section", "article", "sect1", "sect2", "sect3", "sect4", "sect5", "reference", "refentry",
        "refsection", "refsect1", "refsect2", "refsect3", "glossary", "bibliography", "index", "setindex", "toc",
    ]

    /// "Element exclusion": which descendants each element forbids.
    static let exclusions: [String: Set<String>] = {
        let admonitions: Set<String> = ["caution", "important", "note", "tip", "warning"]
        let formal: Set<String> = admonitions.union(["equation", "example", "figure", "table"])
        return [
            "annotation": ["annotation"],
            "caution": admonitions, "important": admonitions, "note": admonitions,
            "tip": admonitions, "warning": admonitions,
            "caption": formal.union(["sidebar", "task"]),
            "equation": formal, "example": formal, "figure": formal,
            "table": formal.subtracting(["table"]).union(["informaltable"]),
            "footnote": formal.union(["epigraph", "footnote", "indexterm", "sidebar", "task"]),
            "sidebar": ["sidebar"],
        ]
    }()

    /// Reference attributes whose target must be a given element
    /// ("… type constraint" patterns).
    private static let referenceTypes: [String: (attribute: String, target: String)] = [
        "footnoteref": ("linkend", "footnote"),
        "firstterm": ("linkend", "glossentry"),
        "glossterm": ("linkend", "glossentry"),
        "synopfragmentref": ("linkend", "synopfragment"),
        "glosssee": ("otherterm", "glossentry"),
        "glossseealso": ("otherterm", "glossentry"),
    ]

    private struct Reference {
        var element: String
        var attribute: String
        var value: String
        var line: Int
    }

    private let file: String
    private var diagnostics: [Diagnostic] = []
    /// xml:id → (element local name, DocBook namespace?, line).
    private var ids: [String: (element: String, isDocBook: Bool, line: Int)] = [:]
    private var references: [Reference] = []
    /// How many open ancestors have each exclusion-bearing name.
    private var openExclusions: [String: Int] = [:]

    /// Every Schematron failure in `document`.
    static func check(_ document: ParsedXMLDocument) -> [Diagnostic] {
        var checker = DocBookSchematron(file: document.name)
        guard let root = document.root else {
            return [
                Diagnostic(
                    CheckCode.docbookRoot, "the document has no root element",
                    at: SourceLocation(file: document.name))
            ]
        }
        checker.checkRoot(root)
        checker.visit(root)
        checker.checkReferences()
        return checker.diagnostics
    }

    private init(file: String) { self.file = file }

    private mutating func error(_ code: CheckCode, _ message: String, line: Int) {
        diagnostics.append(Diagnostic(code, severity: .error, message, at: SourceLocation(file: file, line: line)))
    }

    private mutating func checkRoot(_ root: xmlNodePtr) {
        let name = Self.localName(root)
        guard Self.isDocBook(root) else {
            error(
                .docbookNamespace,
                "root element <\(name)> is not in the DocBook namespace \(Self.namespace)", line: Self.line(root))
            return
        }
        if Self.versionRoots.contains(name), XMLNodes.attribute(root, "version") == nil {
            error(
                .docbookVersion, "the root element must have a version attribute (version=\"5.0\")",
                line: Self.line(root))
        }
    }

    private mutating func visit(_ node: xmlNodePtr) {
        let name = Self.localName(node)
        let line = Self.line(node)
        let isDocBook = Self.isDocBook(node)
        if isDocBook {
            for (ancestor, count) in openExclusions where count > 0 {
                if Self.exclusions[ancestor]?.contains(name) == true {
                    error(.docbookExclusion, "\(name) must not occur in the descendants of \(ancestor)", line: line)
                }
            }
        }
        if let id = XMLNodes.attribute(node, "id", namespace: Self.xmlNamespace) {
            if let first = ids[id] {
                error(.docbookDuplicateId, "xml:id “\(id)” is already used on line \(first.line)", line: line)
            } else {
                ids[id] = (name, isDocBook, line)
            }
        }
        if isDocBook { collectReferences(node, name: name, line: line) }
        if isDocBook { checkCounts(node, name: name, line: line) }

        let excludes = isDocBook && Self.exclusions[name] != nil
        if excludes { openExclusions[name, default: 0] += 1 }
        var child = node.pointee.children
        while let current = child {
            if current.pointee.type == XML_ELEMENT_NODE { visit(current) }
            child = current.pointee.next
        }
        if excludes { openExclusions[name, default: 0] -= 1 }
    }

    private mutating func collectReferences(_ node: xmlNodePtr, name: String, line: Int) {
        for attribute in ["linkend", "endterm", "otherterm"] {
            if let value = XMLNodes.attribute(node, attribute) {
                references.append(Reference(element: name, attribute: attribute, value: value, line: line))
            }
        }
        if let values = XMLNodes.attribute(node, "linkends") {
            for value in values.split(whereSeparator: { $0 == " " || $0 == "\t" || $0 == "\n" }) {
                references.append(Reference(element: name, attribute: "linkends", value: String(value), line: line))
            }
        }
    }

    /// "Glossary term definition constraint" and "Cardinality of segments and titles".
    private mutating func checkCounts(_ node: xmlNodePtr, name: String, line: Int) {
        if name == "termdef" {
            let count = Self.docBookChildren(node).filter { Self.localName($0) == "firstterm" }.count
            if count != 1 {
                error(.docbookTermdef, "a termdef must contain exactly one firstterm", line: line)
            }
        }
        if name == "seglistitem", let parent = node.pointee.parent, parent.pointee.type == XML_ELEMENT_NODE {
            let segments = Self.docBookChildren(node).filter { Self.localName($0) == "seg" }.count
            let titles = Self.docBookChildren(parent).filter { Self.localName($0) == "segtitle" }.count
            if segments != titles {
                error(
                    .docbookSeglistitem,
                    "the number of seg elements must be the same as the number of segtitle elements "
                        + "in the parent segmentedlist",
                    line: line)
            }
        }
    }

    private mutating func checkReferences() {
        for reference in references {
            guard let target = ids[reference.value] else {
                error(
                    .docbookDanglingReference,
                    "@\(reference.attribute) “\(reference.value)” on \(reference.element) "
                        + "names no xml:id in the document",
                    line: reference.line)
                continue
            }
            if let constraint = Self.referenceTypes[reference.element], constraint.attribute == reference.attribute,
                !(target.isDocBook && target.element == constraint.target)
            {
                error(
                    .docbookReferenceType,
                    "@\(reference.attribute) on \(reference.element) must point to a \(constraint.target) "
                        + "(“\(reference.value)” is a \(target.element), line \(target.line))",
                    line: reference.line)
            }
        }
    }

    // MARK: libxml2 access

    static func localName(_ node: xmlNodePtr) -> String {
        node.pointee.name.map { String(cString: $0) } ?? ""
    }

    static func isDocBook(_ node: xmlNodePtr) -> Bool {
        guard let href = node.pointee.ns?.pointee.href else { return false }
        return String(cString: href) == namespace
    }

    static func line(_ node: xmlNodePtr) -> Int {
        Int(xmlGetLineNo(node))
    }

    static func docBookChildren(_ node: xmlNodePtr) -> [xmlNodePtr] {
        var result: [xmlNodePtr] = []
        var child = node.pointee.children
        while let current = child {
            if current.pointee.type == XML_ELEMENT_NODE, isDocBook(current) { result.append(current) }
            child = current.pointee.next
        }
        return result
    }
}
