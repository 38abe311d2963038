import CLibXML2
import Foundation
import GalleyCore

/// Owns a libxml2 document tree and frees it when it goes away.
public final class ParsedXMLDocument: @unchecked Sendable {
    public let pointer: xmlDocPtr
    /// Name used in diagnostics (a path, or `book.epub:OEBPS/nav.xhtml`).
    public let name: String

    init(pointer: xmlDocPtr, name: String) {
        self.pointer = pointer
        self.name = name
    }

    deinit { xmlFreeDoc(pointer) }

    public var root: xmlNodePtr? { xmlDocGetRootElement(pointer) }

    /// Parses `bytes` as XML without touching the network or expanding
    /// external entities. Returns the document, or the first well-formedness
    /// error located `name:line:column`.
    public static func parse(_ bytes: [UInt8], name: String) -> Result<ParsedXMLDocument, Diagnostic> {
        guard let context = xmlNewParserCtxt() else {
            return .failure(Diagnostic(.error, "xml.parser", "cannot create an XML parser", at: SourceLocation(file: name)))
        }
        defer { xmlFreeParserCtxt(context) }
        let options = Int32(XML_PARSE_NONET.rawValue | XML_PARSE_NOERROR.rawValue
                            | XML_PARSE_NOWARNING.rawValue | XML_PARSE_NOCDATA.rawValue
                            | XML_PARSE_BIG_LINES.rawValue)
        let document = bytes.withUnsafeBufferPointer { buffer in
            buffer.baseAddress!.withMemoryRebound(to: CChar.self, capacity: buffer.count) {
                xmlCtxtReadMemory(context, $0, Int32(buffer.count), name, "UTF-8", options)
            }
        }
        if let document, context.pointee.wellFormed != 0 {
            return .success(ParsedXMLDocument(pointer: document, name: name))
        }
        if let document { xmlFreeDoc(document) }
        return .failure(lastError(of: context, name: name))
    }

    private static func lastError(of context: xmlParserCtxtPtr, name: String) -> Diagnostic {
        guard let error = xmlCtxtGetLastError(context) else {
            return Diagnostic(.error, "xml.not-well-formed", "not well-formed XML", at: SourceLocation(file: name))
        }
        return LibXMLErrors.diagnostic(from: error.pointee, code: "xml.not-well-formed", defaultFile: name)
    }
}

/// Turns libxml2's error records into diagnostics.
public enum LibXMLErrors {
    public static func diagnostic(from error: xmlError, code: String, defaultFile: String) -> Diagnostic {
        let message = error.message.map { String(cString: $0).trimmingCharacters(in: .whitespacesAndNewlines) }
            ?? "XML error"
        let file = error.file.map { String(cString: $0) } ?? defaultFile
        let line = error.line > 0 ? Int(error.line) : (error.node.map { Int(xmlGetLineNo($0.assumingMemoryBound(to: xmlNode.self))) } ?? 0)
        let column = error.int2 > 0 ? Int(error.int2) : nil
        return Diagnostic(.error, code, message, at: SourceLocation(file: file, line: line, column: column))
    }
}
