import CLibXML2
import Foundation
import GalleyCore

/// Owns a libxml2 document tree and frees it when it goes away. The tree
/// itself stays inside GalleyCheck: no C type crosses the public API.
public final class ParsedXMLDocument: @unchecked Sendable {
    let pointer: xmlDocPtr
    /// Name used in diagnostics (a path, or `book.epub:OEBPS/nav.xhtml`).
    public let name: String

    init(pointer: xmlDocPtr, name: String) {
        self.pointer = pointer
        self.name = name
    }

    deinit { xmlFreeDoc(pointer) }

    var root: xmlNodePtr? { xmlDocGetRootElement(pointer) }

    /// What the parser may and may not do: never the network, never a DTD
    /// (neither loaded nor used for defaults), never entity substitution;
    /// large text nodes allowed (a 10 MB paragraph is a valid book). Short
    /// text is kept inside its node (compact: fewer allocations; the checks
    /// only read the tree).
    static let options = Int32(
        XML_PARSE_NONET.rawValue | XML_PARSE_NOERROR.rawValue
            | XML_PARSE_NOWARNING.rawValue | XML_PARSE_NOCDATA.rawValue
            | XML_PARSE_BIG_LINES.rawValue | XML_PARSE_HUGE.rawValue | XML_PARSE_COMPACT.rawValue)

    /// Parses `bytes` as XML without touching the network, reading a DTD or
    /// expanding entities. Returns the document, or the first well-formedness
    /// error located `name:line:column`.
    public static func parse(_ bytes: [UInt8], name: String) -> Result<ParsedXMLDocument, Diagnostic> {
        parse(bytes, name: name, markupLimit: nil)
    }

    /// As `parse(_:name:)`; with `markupLimit`, a document with more elements
    /// and attributes than that is refused before a tree is built.
    static func parse(_ bytes: [UInt8], name: String, markupLimit: Int?) -> Result<ParsedXMLDocument, Diagnostic> {
        let length: Int32
        switch checkBeforeParsing(bytes, name: name) {
        case .failure(let diagnostic): return .failure(diagnostic)
        case .success(let checked): length = checked
        }
        if let markupLimit, XMLProlog.markupCount(bytes) > markupLimit {
            return .failure(
                Diagnostic(
                    CheckCode.xmlTooMuchMarkup,
                    "more than \(markupLimit) elements and attributes; Galley does not build "
                        + "a tree that large for this file", at: SourceLocation(file: name)))
        }
        guard let context = xmlNewParserCtxt() else {
            return .failure(
                Diagnostic(
                    CheckCode.xmlParser, "cannot create an XML parser",
                    at: SourceLocation(file: name)))
        }
        defer { xmlFreeParserCtxt(context) }
        let document = bytes.withUnsafeBufferPointer { buffer in
            buffer.baseAddress!.withMemoryRebound(to: CChar.self, capacity: buffer.count) {
                xmlCtxtReadMemory(context, $0, length, name, "UTF-8", options)
            }
        }
        if let document, context.pointee.wellFormed != 0 {
            // The prolog check refused internal subsets; a parser that still
            // recorded declarations means that check was fooled.
            if let subset = document.pointee.intSubset, subset.pointee.children != nil {
                xmlFreeDoc(document)
                return .failure(
                    Diagnostic(
                        CheckCode.xmlDoctype,
                        "the document declares entities or other DTD "
                            + "content; Galley does not read DTDs", at: SourceLocation(file: name)))
            }
            return .success(ParsedXMLDocument(pointer: document, name: name))
        }
        if let document { xmlFreeDoc(document) }
        return .failure(lastError(of: context, name: name))
    }

    /// The checks every parse starts with (tree or stream): not empty, a
    /// length libxml2 can take, UTF-8, no DTD internal subset.
    static func checkBeforeParsing(_ bytes: [UInt8], name: String) -> Result<Int32, Diagnostic> {
        guard !bytes.isEmpty else {
            return .failure(
                Diagnostic(
                    CheckCode.xmlNotWellFormed, "the document is empty",
                    at: SourceLocation(file: name, line: 1)))
        }
        guard let length = Int32(exactly: bytes.count) else {
            return .failure(
                Diagnostic(
                    CheckCode.xmlTooLarge,
                    "the document has \(bytes.count) bytes; libxml2 reads at most \(Int32.max)",
                    at: SourceLocation(file: name)))
        }
        if let refusal = XMLProlog.refusal(bytes) {
            return .failure(
                Diagnostic(
                    refusal.code, refusal.message,
                    at: SourceLocation(file: name, line: refusal.line)))
        }
        return .success(length)
    }

    private static func lastError(of context: xmlParserCtxtPtr, name: String) -> Diagnostic {
        guard let error = xmlCtxtGetLastError(context) else {
            return Diagnostic(CheckCode.xmlNotWellFormed, "not well-formed XML", at: SourceLocation(file: name))
        }
        return LibXMLErrors.diagnostic(from: error.pointee, code: CheckCode.xmlNotWellFormed, defaultFile: name)
    }
}

/// Turns libxml2's error records into diagnostics.
enum LibXMLErrors {
    static func diagnostic(from error: xmlError, code: CheckCode, defaultFile: String) -> Diagnostic {
        let message =
            error.message.map { String(cString: $0).trimmingCharacters(in: .whitespacesAndNewlines) }
            ?? "XML error"
        let file = error.file.map { String(cString: $0) } ?? defaultFile
        let line =
            error.line > 0
            ? Int(error.line)
            : (error.node.map { Int(xmlGetLineNo($0.assumingMemoryBound(to: xmlNode.self))) } ?? 0)
        let column = error.int2 > 0 ? Int(error.int2) : nil
        return Diagnostic(code, message, at: SourceLocation(file: file, line: line, column: column))
    }
}
