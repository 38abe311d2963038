import CLibXML2
import Foundation
import GalleyCore

/// Reads an XML document as a stream (libxml2's xmlTextReader) instead of a
/// tree, so memory stays flat however many elements a hostile document has.
/// The same parser options and prolog checks as `ParsedXMLDocument`.
enum XMLStreamScanner {
    enum Event {
        /// An element start; the node and its attributes are valid only
        /// during the callback.
        case start(xmlNodePtr, depth: Int, isEmpty: Bool)
        case end(depth: Int)
        /// Character data (the bytes are valid only during the callback).
        case text(UnsafePointer<xmlChar>)
    }

    /// Reads `bytes`, calling `visit` for each event until it returns false.
    /// Returns the first well-formedness error, or nil.
    static func scan(_ bytes: [UInt8], name: String, visit: (Event) -> Bool) -> Diagnostic? {
        let length: Int32
        switch ParsedXMLDocument.checkBeforeParsing(bytes, name: name) {
        case .failure(let diagnostic): return diagnostic
        case .success(let checked): length = checked
        }
        let collector = ErrorCollector(code: CheckCode.xmlNotWellFormed, file: name)
        return bytes.withUnsafeBufferPointer { buffer -> Diagnostic? in
            buffer.baseAddress!.withMemoryRebound(to: CChar.self, capacity: buffer.count) { base -> Diagnostic? in
                guard let reader = xmlReaderForMemory(base, length, name, "UTF-8", ParsedXMLDocument.options) else {
                    return Diagnostic(
                        CheckCode.xmlParser, "cannot create an XML reader",
                        at: SourceLocation(file: name))
                }
                defer { xmlFreeTextReader(reader) }
                xmlTextReaderSetStructuredErrorHandler(
                    reader, collectFatalError,
                    Unmanaged.passUnretained(collector).toOpaque())
                return withExtendedLifetime(collector) { () -> Diagnostic? in
                    read(reader, visit: visit)
                        ? nil
                        : collector.diagnostics.first
                            ?? Diagnostic(
                                CheckCode.xmlNotWellFormed, "not well-formed XML",
                                at: SourceLocation(file: name))
                }
            }
        }
    }

    /// False when the reader stopped on an error.
    private static func read(_ reader: xmlTextReaderPtr, visit: (Event) -> Bool) -> Bool {
        while true {
            let status = xmlTextReaderRead(reader)
            if status == 0 { return true }
            if status < 0 { return false }
            let depth = Int(xmlTextReaderDepth(reader))
            let event: Event
            switch xmlTextReaderNodeType(reader) {
            case Int32(XML_READER_TYPE_ELEMENT.rawValue):
                guard let node = xmlTextReaderCurrentNode(reader) else { continue }
                event = .start(node, depth: depth, isEmpty: xmlTextReaderIsEmptyElement(reader) == 1)
            case Int32(XML_READER_TYPE_END_ELEMENT.rawValue):
                event = .end(depth: depth)
            case Int32(XML_READER_TYPE_TEXT.rawValue), Int32(XML_READER_TYPE_CDATA.rawValue),
                Int32(XML_READER_TYPE_SIGNIFICANT_WHITESPACE.rawValue):
                guard let value = xmlTextReaderConstValue(reader) else { continue }
                event = .text(value)
            default:
                continue
            }
            if !visit(event) { return true }
        }
    }
}

/// Like `collectError`, but keeps fatal errors only: the tree parser also
/// accepts documents with recoverable (namespace) errors.
private func collectFatalError(_ userData: UnsafeMutableRawPointer?, _ error: xmlErrorPtr?) {
    guard let userData, let error, error.pointee.level == XML_ERR_FATAL else { return }
    let collector = Unmanaged<ErrorCollector>.fromOpaque(userData).takeUnretainedValue()
    var diagnostic = LibXMLErrors.diagnostic(from: error.pointee, code: collector.code, defaultFile: collector.file)
    diagnostic.location?.file = collector.file
    collector.diagnostics.append(diagnostic)
}
