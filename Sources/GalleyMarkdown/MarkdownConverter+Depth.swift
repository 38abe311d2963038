import CCmarkGFM
import GalleyCore

/// Deep nesting (`>>>>…`, `- - - …`, `***…a…***`) must not make the
/// conversion recurse as deep as the input: a container deeper than
/// `maximumDepth` is flattened into its parent while it is converted. Its
/// leaves (paragraphs, code, text…) are collected by an iterative walk over
/// cmark's tree, so the stack never grows with the input.
extension MarkdownConverter {
    /// Inline depth kept: `LimitNesting`'s, so that it finds nothing more to flatten.
    static let maximumDepth = LimitNesting.maximumDepth
    /// Block depth kept: `LimitNesting`'s less the six levels of sections
    /// that `Sectioning` may put around a chapter's blocks later.
    static let maximumBlockDepth = LimitNesting.maximumDepth - 6

    /// Blocks that hold no other blocks; everything else is a container.
    static func isBlockLeaf(_ node: CmarkNode) -> Bool {
        if node.extensionType == "table" { return true }
        switch node.type {
        case CMARK_NODE_PARAGRAPH, CMARK_NODE_HEADING, CMARK_NODE_CODE_BLOCK, CMARK_NODE_HTML_BLOCK,
            CMARK_NODE_THEMATIC_BREAK:
            return true
        default:
            return false
        }
    }

    /// Inlines that hold no other inlines.
    static func isInlineLeaf(_ node: CmarkNode) -> Bool {
        guard node.extensionType == nil else { return false }
        switch node.type {
        case CMARK_NODE_TEXT, CMARK_NODE_SOFTBREAK, CMARK_NODE_LINEBREAK, CMARK_NODE_CODE,
            CMARK_NODE_FOOTNOTE_REFERENCE, CMARK_NODE_HTML_INLINE:
            return true
        default:
            return false
        }
    }

    mutating func noteFlattened(_ node: CmarkNode) {
        flattened += 1
        firstFlattenedLine = min(firstFlattenedLine ?? node.startLine, node.startLine)
    }

    /// The leaf blocks inside `node`, in order; the containers around them
    /// (quotes, lists, fenced-div and wrapper markers) are dropped.
    mutating func flattenedBlocks(_ node: CmarkNode) -> [Block] {
        noteFlattened(node)
        var leaves: [CmarkNode] = []
        var containers = 0
        node.walkDescendants { child in
            if Self.isBlockLeaf(child) {
                leaves.append(child)
                return false
            }
            if child.type != CMARK_NODE_ITEM { containers += 1 }
            return true
        }
        flattened += containers
        var result: [Block] = []
        for leaf in leaves {
            if leaf.type == CMARK_NODE_HTML_BLOCK,
                FencedDivs.marker(in: leaf.literal) != nil || RawHTML.wrapperTag(leaf.literal)?.isMarker == true
            {
                continue
            }
            // A leaf holds no block container, so this does not recurse further.
            result += block(leaf, depth: Self.maximumBlockDepth)
        }
        return result
    }

    /// The text-like inlines inside `node`, in order; emphasis, links and
    /// images around them are dropped (raw HTML tags too).
    mutating func flattenedInlines(_ node: CmarkNode) -> [Inline] {
        noteFlattened(node)
        var result: [Inline] = []
        var containers = 0
        node.walkDescendants { child in
            guard Self.isInlineLeaf(child) else {
                containers += 1
                return true
            }
            if child.type != CMARK_NODE_HTML_INLINE { result += inline(child, depth: 0) }
            return false
        }
        flattened += containers
        return MergeText.merged(result)
    }
}
