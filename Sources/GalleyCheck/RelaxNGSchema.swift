import CLibXML2
import Foundation
import GalleyCore

/// A compiled RELAX NG schema (libxml2), and validation of parsed documents
/// against it with every error collected, located by line.
public final class RelaxNGSchema: @unchecked Sendable {
    private let pointer: xmlRelaxNGPtr
    /// libxml2 validation contexts share the compiled schema; one at a time
    /// keeps that safe when builds run concurrently.
    private let lock = NSLock()

    private init(pointer: xmlRelaxNGPtr) {
        self.pointer = pointer
    }

    deinit { xmlRelaxNGFree(pointer) }

    /// Compiles a schema read into a tree (libxml2 copies it); `name` is
    /// used in diagnostics.
    static func compile(_ document: xmlDocPtr, name: String) -> Result<RelaxNGSchema, Diagnostic> {
        let collector = ErrorCollector(code: CheckCode.relaxngSchema, file: name)
        var schema: xmlRelaxNGPtr?
        if let context = xmlRelaxNGNewDocParserCtxt(document) {
            defer { xmlRelaxNGFreeParserCtxt(context) }
            let box = Unmanaged.passUnretained(collector).toOpaque()
            xmlRelaxNGSetParserStructuredErrors(context, collectError, box)
            schema = withExtendedLifetime(collector) { xmlRelaxNGParse(context) }
        }
        guard let schema else {
            return .failure(
                collector.diagnostics.first
                    ?? Diagnostic(
                        CheckCode.relaxngSchema, "cannot compile the RELAX NG schema",
                        at: SourceLocation(file: name)))
        }
        return .success(RelaxNGSchema(pointer: schema))
    }

    /// Every validity error of `document`, each `file:line` with `code`.
    public func validate(_ document: ParsedXMLDocument, code: CheckCode) -> [Diagnostic] {
        lock.lock()
        defer { lock.unlock() }
        guard let context = xmlRelaxNGNewValidCtxt(pointer) else {
            return [
                Diagnostic(
                    code, "cannot create a RELAX NG validation context",
                    at: SourceLocation(file: document.name))
            ]
        }
        defer { xmlRelaxNGFreeValidCtxt(context) }
        defer { xmlSetStructuredErrorFunc(nil, nil) }
        // Long sibling lists are validated in windows (see SiblingWindows):
        // one pass for the document, one for every further window.
        let windows = SiblingWindows(document.pointer)
        defer { windows.restore() }
        var seen = Set<String>()
        return windows.passes { tree in
            let collector = ErrorCollector(code: code, file: document.name)
            let box = Unmanaged.passUnretained(collector).toOpaque()
            xmlRelaxNGSetValidStructuredErrors(context, collectError, box)
            // The ID/IDREF pass at the end of validation reports through the
            // thread's generic handler, not the context's: catch it too, so
            // nothing reaches stderr.
            xmlSetStructuredErrorFunc(box, collectError)
            let status = withExtendedLifetime(collector) { xmlRelaxNGValidateDoc(context, tree) }
            collector.dropCascades()
            if status != 0 && collector.diagnostics.isEmpty && collector.leftToNativeChecks == 0 {
                collector.diagnostics.append(
                    Diagnostic(
                        code, "the document is not valid against the schema",
                        at: SourceLocation(file: document.name)))
            }
            return collector.diagnostics
        }.joined().filter {
            // A window's neighbour and heads are validated twice.
            seen.insert("\($0.location?.line ?? 0) \($0.message)").inserted
        }
    }
}

/// Receives libxml2's structured errors through the C callback's context pointer.
final class ErrorCollector {
    let code: CheckCode
    let file: String
    var diagnostics: [Diagnostic] = []
    /// The node and libxml2 code of each diagnostic, for `dropCascades`.
    var origins: [(node: xmlNodePtr?, code: Int32)] = []
    /// Errors skipped because `DocBookSchematron` reports them better.
    var leftToNativeChecks = 0

    init(code: CheckCode, file: String) {
        self.code = code
        self.file = file
    }
}

/// The C callback: `userData` is an unretained `ErrorCollector`.
func collectError(_ userData: UnsafeMutableRawPointer?, _ error: xmlErrorPtr?) {
    guard let userData, let error else { return }
    // Duplicate ids and dangling references: the native Schematron checks
    // report these with both places named.
    let duplicateOrDangling = [XML_DTD_ID_REDEFINED.rawValue, XML_DTD_UNKNOWN_ID.rawValue]
    let collector = Unmanaged<ErrorCollector>.fromOpaque(userData).takeUnretainedValue()
    if duplicateOrDangling.contains(UInt32(error.pointee.code)) {
        collector.leftToNativeChecks += 1
        return
    }
    var diagnostic = LibXMLErrors.diagnostic(from: error.pointee, code: collector.code, defaultFile: collector.file)
    // libxml2 names the in-memory document by the name it was parsed with;
    // keep ours so every message points at the same file.
    diagnostic.location?.file = collector.file
    // RELAX NG errors carry no useful column.
    diagnostic.location?.column = nil
    collector.diagnostics.append(diagnostic)
    collector.origins.append((error.pointee.node?.assumingMemoryBound(to: xmlNode.self), error.pointee.code))
}

extension ErrorCollector {
    /// The generic complaints libxml2 makes about a container when it
    /// backtracks over an error further on ("Element book has extra
    /// content: info", "Did not expect element info there").
    private static let cascadeCodes: Set<UInt32> = [
        XML_RELAXNG_ERR_EXTRACONTENT.rawValue, XML_RELAXNG_ERR_ELEMWRONG.rawValue,
        XML_RELAXNG_ERR_CONTENTVALID.rawValue, XML_RELAXNG_ERR_INTERSEQ.rawValue,
    ]

    /// Drops such a complaint when it is about a node that comes before
    /// another error's node and does not contain it: libxml2 reports it
    /// while backtracking from the later error, which is the real one, so
    /// the messages point at the line to fix (as jing's would).
    /// Must run while the document is alive.
    func dropCascades() {
        guard diagnostics.count > 1, origins.count == diagnostics.count else { return }
        let nodes = origins.compactMap(\.node)
        var kept: [Diagnostic] = []
        for (index, diagnostic) in diagnostics.enumerated() {
            let (node, code) = origins[index]
            if let node, Self.cascadeCodes.contains(UInt32(code)),
                nodes.contains(where: { other in
                    other != node && Self.precedes(node, other) && !Self.isAncestor(node, of: other)
                })
            {
                continue
            }
            kept.append(diagnostic)
        }
        if !kept.isEmpty { diagnostics = kept }
    }

    private static func precedes(_ a: xmlNodePtr, _ b: xmlNodePtr) -> Bool {
        xmlXPathCmpNodes(a, b) == 1
    }

    private static func isAncestor(_ a: xmlNodePtr, of b: xmlNodePtr) -> Bool {
        var current = b.pointee.parent
        while let node = current {
            if node == a { return true }
            current = node.pointee.parent
        }
        return false
    }
}
