import CLibXML2
import Foundation

/// Validates long sibling lists in windows, so RELAX NG validation stays
/// linear in the size of the document.
///
/// libxml2 validates a content model it cannot compile to a deterministic
/// automaton (every DocBook 5.0 component: `info` and `table` each have two
/// definitions) by keeping, for a `zeroOrMore`, every state it may exit in
/// and comparing each new state with all of them: a chapter of n sections
/// costs n² comparisons (10 000 sections: 5 × 10⁷). So an element with more
/// than `size` element children is validated as windows of `size` children:
/// the document itself is validated with the first window in place, and each
/// further window in a skeleton document made of shallow copies of the
/// element's ancestors, each holding its leading head elements (`title`,
/// `info`, …), and a shallow copy of the element holding its head, the last
/// child of the window before (so every pair of neighbours is seen by one
/// pass) and the window. The nodes are moved, not copied, so every message
/// keeps its line; after each pass they go back where they were, and the
/// document is unchanged when `validate` returns.
///
/// Exact for content models that are a head followed by repetitions whose
/// order a neighbour can judge (components, sections, lists, table bodies,
/// mixed text), which is every long list a DocBook document has.
struct SiblingWindows {
    /// An element with more than `size` element children, cut into windows.
    private struct Big {
        let element: xmlNodePtr
        /// Root first, parent last.
        let ancestors: [xmlNodePtr]
        /// The children after the head, in order.
        let rest: [xmlNodePtr]
        /// `rest[starts[i]..<starts[i + 1]]` is window i; window 0 stays in place.
        let starts: [Int]
    }

    /// Element children per window.
    static let size = 256

    /// The elements a DocBook container may start with before its repeated content.
    private static let headNames: Set<String> = [
        "info", "title", "titleabbrev", "subtitle", "colspec", "spanspec", "segtitle", "thead", "tfoot",
    ]

    private let document: xmlDocPtr
    private var bigs: [Big] = []

    /// Finds the long sibling lists of `document` and takes every window but
    /// the first out of the tree, until `restore()`.
    init(_ document: xmlDocPtr) {
        self.document = document
        guard let root = xmlDocGetRootElement(document) else { return }
        for element in XMLNodes.descendants(root) {
            var count = 0
            var child = element.pointee.children
            while let node = child, count <= Self.size {
                if node.pointee.type == XML_ELEMENT_NODE { count += 1 }
                child = node.pointee.next
            }
            guard count > Self.size else { continue }
            var ancestors: [xmlNodePtr] = []
            var parent = element.pointee.parent
            while let node = parent, node.pointee.type == XML_ELEMENT_NODE {
                ancestors.append(node)
                parent = node.pointee.parent
            }
            let rest = XMLNodes.childNodes(element).dropFirst(Self.head(of: element).count)
            var starts = [0]
            var elements = 0
            for (index, node) in rest.enumerated() where node.pointee.type == XML_ELEMENT_NODE {
                if elements > 0 && elements % Self.size == 0 { starts.append(index) }
                elements += 1
            }
            starts.append(rest.count)
            bigs.append(Big(element: element, ancestors: ancestors.reversed(), rest: Array(rest), starts: starts))
        }
        // Descendants first: each list is cut while the ones inside it are whole.
        for big in bigs.reversed() {
            for node in big.rest[big.starts[1]...] { Self.unlink(node) }
        }
    }

    /// Runs `validate` on the document (first windows in place), then on a
    /// skeleton document for every further window; returns what each said.
    func passes<Result>(_ validate: (xmlDocPtr) -> Result) -> [Result] {
        var results = [validate(document)]
        for big in bigs where big.starts.count > 2 {
            // The first window leaves the element while its others are checked.
            let first = big.rest[..<big.starts[1]]
            for node in first { Self.unlink(node) }
            for window in 1..<(big.starts.count - 1) {
                // The last element of the window before: its neighbour.
                var from = big.starts[window] - 1
                while from > 0 && big.rest[from].pointee.type != XML_ELEMENT_NODE { from -= 1 }
                let nodes = big.rest[from..<big.starts[window + 1]]
                results.append(skeletonPass(for: big, holding: nodes, validate))
            }
            for node in first { Self.append(node, to: big.element) }
        }
        return results
    }

    /// Puts every window back: the document is as it was parsed.
    func restore() {
        for big in bigs {
            for node in big.rest[big.starts[1]...] { Self.append(node, to: big.element) }
        }
    }

    private func skeletonPass<Result>(
        for big: Big, holding nodes: ArraySlice<xmlNodePtr>, _ validate: (xmlDocPtr) -> Result
    ) -> Result {
        let skeleton = xmlNewDoc("1.0")!
        defer { xmlFreeDoc(skeleton) }
        var moved: [(home: xmlNodePtr, copy: xmlNodePtr, heads: [xmlNodePtr], followers: [xmlNodePtr])] = []
        var parent: xmlNodePtr?
        let chain = big.ancestors + [big.element]
        for (position, original) in chain.enumerated() {
            let copy = xmlDocCopyNode(original, skeleton, 2)!
            if let parent { Self.append(copy, to: parent) } else { xmlDocSetRootElement(skeleton, copy) }
            var heads = Self.head(of: original)
            var followers: [xmlNodePtr] = []
            // When the next link is itself a head (a title of many inlines, a
            // header row of many cells), its copy takes its place among all of
            // this element's children: what must follow a head (a tbody after
            // a thead, a section's content after its title) is there too.
            if position + 1 < chain.count, let at = heads.firstIndex(of: chain[position + 1]) {
                let children = XMLNodes.childNodes(original)
                let index = children.firstIndex(of: heads[at])!
                heads = Array(children[..<index])
                followers = Array(children[(index + 1)...])
            }
            // A table's column specs may be thousands: a skeleton holds the
            // first window of them (their number is not the schema's business);
            // the others wait outside both documents.
            var specs = 0
            for head in heads {
                Self.unlink(head)
                let isSpec = Self.isSpec(head)
                if isSpec { specs += 1 }
                // Past the window, the specs and the text between them stay out.
                if specs <= Self.size || (head.pointee.type == XML_ELEMENT_NODE && !isSpec) {
                    Self.append(head, to: copy)
                }
            }
            moved.append((original, copy, heads, followers))
            parent = copy
        }
        for node in nodes {
            Self.unlink(node)
            Self.append(node, to: parent!)
        }
        for (_, copy, _, followers) in moved {
            for node in followers {
                Self.unlink(node)
                Self.append(node, to: copy)
            }
        }
        let result = validate(skeleton)
        for node in nodes { Self.unlink(node) }
        for (home, _, heads, followers) in moved {
            for head in heads.reversed() {
                Self.unlink(head)
                Self.prepend(head, to: home)
            }
            for node in followers {
                Self.unlink(node)
                Self.append(node, to: home)
            }
        }
        return result
    }

    private static func isSpec(_ node: xmlNodePtr) -> Bool {
        node.pointee.type == XML_ELEMENT_NODE && ["colspec", "spanspec"].contains(XMLNodes.name(node))
    }

    /// The leading children of `element` up to its first element that is not a head element.
    private static func head(of element: xmlNodePtr) -> [xmlNodePtr] {
        var nodes: [xmlNodePtr] = []
        var child = element.pointee.children
        while let node = child {
            if node.pointee.type == XML_ELEMENT_NODE && !headNames.contains(XMLNodes.name(node)) { break }
            nodes.append(node)
            child = node.pointee.next
        }
        return nodes
    }

    // Raw relinking: libxml2's xmlAddChild merges neighbouring text nodes
    // (freeing one) and moves ids between documents' tables; these do neither.

    private static func unlink(_ node: xmlNodePtr) {
        let pointee = node.pointee
        if let previous = pointee.prev {
            previous.pointee.next = pointee.next
        } else {
            pointee.parent?.pointee.children = pointee.next
        }
        if let next = pointee.next {
            next.pointee.prev = pointee.prev
        } else {
            pointee.parent?.pointee.last = pointee.prev
        }
        node.pointee.parent = nil
        node.pointee.prev = nil
        node.pointee.next = nil
    }

    private static func append(_ node: xmlNodePtr, to parent: xmlNodePtr) {
        node.pointee.parent = parent
        node.pointee.prev = parent.pointee.last
        node.pointee.next = nil
        if let last = parent.pointee.last { last.pointee.next = node } else { parent.pointee.children = node }
        parent.pointee.last = node
    }

    private static func prepend(_ node: xmlNodePtr, to parent: xmlNodePtr) {
        node.pointee.parent = parent
        node.pointee.prev = nil
        node.pointee.next = parent.pointee.children
        if let first = parent.pointee.children { first.pointee.prev = node } else { parent.pointee.last = node }
        parent.pointee.children = node
    }
}
