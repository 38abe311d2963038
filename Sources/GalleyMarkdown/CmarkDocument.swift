import CCmarkGFM
import Foundation
import GalleyCore

/// Owns one parsed cmark-gfm document and frees it when done. The reader
/// converts it to Galley's tree at once and lets it go.
final class CmarkDocument {
    let root: OpaquePointer

    /// Options: footnotes on; source positions for located diagnostics;
    /// raw HTML kept (`UNSAFE`) so the reader can map it instead of cmark
    /// replacing it with a comment.
    static let options = CMARK_OPT_FOOTNOTES | CMARK_OPT_SOURCEPOS | CMARK_OPT_UNSAFE

    /// cmark-gfm's extension registry is process-global; registering twice
    /// is harmless but not thread-safe, so it happens once, lazily.
    private static let registered: Bool = {
        cmark_gfm_core_extensions_ensure_registered()
        return true
    }()

    /// cmark-gfm keeps the inline parser's special characters in one global
    /// table that every parser edits: attaching an extension adds its
    /// characters, freeing a parser removes them. Two parsers at once on two
    /// threads lose autolinks and strikethrough at random, so parsing is
    /// serialised; turning the result into Galley's tree is not.
    private static let parsing = NSLock()

    init(markdown: [UInt8]) {
        _ = Self.registered
        Self.parsing.lock()
        defer { Self.parsing.unlock() }
        let parser = cmark_parser_new(Self.options)!
        defer { cmark_parser_free(parser) }
        for name in ["table", "strikethrough", "autolink", "tasklist"] {
            if let extensionPointer = cmark_find_syntax_extension(name) {
                cmark_parser_attach_syntax_extension(parser, extensionPointer)
            }
        }
        markdown.withUnsafeBufferPointer { buffer in
            buffer.withMemoryRebound(to: CChar.self) { chars in
                cmark_parser_feed(parser, chars.baseAddress, chars.count)
            }
        }
        root = cmark_parser_finish(parser)
    }

    deinit { cmark_node_free(root) }
}

/// Read-only conveniences over a cmark node pointer.
struct CmarkNode {
    let pointer: OpaquePointer

    var type: cmark_node_type { cmark_node_get_type(pointer) }

    /// The extension's name (`table`, `table_cell`, `tasklist`,
    /// `strikethrough`) for nodes an extension made, else nil.
    var extensionType: String? {
        guard cmark_node_get_syntax_extension(pointer) != nil else { return nil }
        return String(cString: cmark_node_get_type_string(pointer))
    }

    var literal: String {
        cmark_node_get_literal(pointer).map { String(cString: $0) } ?? ""
    }

    var children: [CmarkNode] {
        var result: [CmarkNode] = []
        var child = cmark_node_first_child(pointer)
        while let node = child {
            result.append(CmarkNode(pointer: node))
            child = cmark_node_next(node)
        }
        return result
    }

    /// Visits every node below this one in document order without
    /// recursion (parent and sibling pointers); `visit` returns whether to
    /// go into the node's children.
    func walkDescendants(_ visit: (CmarkNode) -> Bool) {
        var next = cmark_node_first_child(pointer)
        while let node = next {
            if visit(CmarkNode(pointer: node)), let child = cmark_node_first_child(node) {
                next = child
                continue
            }
            var current: OpaquePointer? = node
            next = nil
            while let climbing = current, climbing != pointer {
                if let sibling = cmark_node_next(climbing) {
                    next = sibling
                    break
                }
                current = cmark_node_parent(climbing)
            }
        }
    }

    var startLine: Int { Int(cmark_node_get_start_line(pointer)) }
    var startColumn: Int { Int(cmark_node_get_start_column(pointer)) }
    var endLine: Int { Int(cmark_node_get_end_line(pointer)) }
    var endColumn: Int { Int(cmark_node_get_end_column(pointer)) }

    var url: String { cmark_node_get_url(pointer).map { String(cString: $0) } ?? "" }
    var title: String { cmark_node_get_title(pointer).map { String(cString: $0) } ?? "" }
    var fenceInfo: String { cmark_node_get_fence_info(pointer).map { String(cString: $0) } ?? "" }
}
