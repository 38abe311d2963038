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

    /// Compiles the schema text `bytes`; `name` is used in diagnostics.
    public static func compile(_ bytes: [UInt8], name: String) -> Result<RelaxNGSchema, Diagnostic> {
        let collector = ErrorCollector(code: "relaxng.schema", file: name)
        let schema: xmlRelaxNGPtr? = bytes.withUnsafeBufferPointer { buffer in
            buffer.baseAddress!.withMemoryRebound(to: CChar.self, capacity: buffer.count) { base in
                guard let context = xmlRelaxNGNewMemParserCtxt(base, Int32(buffer.count)) else { return nil }
                defer { xmlRelaxNGFreeParserCtxt(context) }
                let box = Unmanaged.passUnretained(collector).toOpaque()
                xmlRelaxNGSetParserStructuredErrors(context, collectError, box)
                return withExtendedLifetime(collector) { xmlRelaxNGParse(context) }
            }
        }
        guard let schema else {
            return .failure(collector.diagnostics.first
                ?? Diagnostic(.error, "relaxng.schema", "cannot compile the RELAX NG schema", at: SourceLocation(file: name)))
        }
        return .success(RelaxNGSchema(pointer: schema))
    }

    /// Every validity error of `document`, each `file:line` with `code`.
    public func validate(_ document: ParsedXMLDocument, code: String) -> [Diagnostic] {
        lock.lock()
        defer { lock.unlock() }
        guard let context = xmlRelaxNGNewValidCtxt(pointer) else {
            return [Diagnostic(.error, code, "cannot create a RELAX NG validation context",
                               at: SourceLocation(file: document.name))]
        }
        defer { xmlRelaxNGFreeValidCtxt(context) }
        let collector = ErrorCollector(code: code, file: document.name)
        let box = Unmanaged.passUnretained(collector).toOpaque()
        xmlRelaxNGSetValidStructuredErrors(context, collectError, box)
        // The ID/IDREF pass at the end of validation reports through the
        // thread's generic handler, not the context's: catch it too, so
        // nothing reaches stderr.
        xmlSetStructuredErrorFunc(box, collectError)
        defer { xmlSetStructuredErrorFunc(nil, nil) }
        let status = withExtendedLifetime(collector) { xmlRelaxNGValidateDoc(context, document.pointer) }
        if status != 0 && collector.diagnostics.isEmpty && collector.leftToNativeChecks == 0 {
            collector.diagnostics.append(Diagnostic(.error, code, "the document is not valid against the schema",
                                                    at: SourceLocation(file: document.name)))
        }
        return collector.diagnostics
    }
}

/// Receives libxml2's structured errors through the C callback's context pointer.
final class ErrorCollector {
    let code: String
    let file: String
    var diagnostics: [Diagnostic] = []
    /// Errors skipped because `DocBookSchematron` reports them better.
    var leftToNativeChecks = 0

    init(code: String, file: String) {
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
}
