import CLibXML2
import Foundation
import GalleyCore

/// Validates a DocBook 5.0 document in-process: well-formedness (libxml2),
/// the DocBook 5.0 RELAX NG schema shipped in `Schemas/docbook.rng`
/// (libxml2), and the DocBook Schematron's assertions checked natively.
public enum DocBookValidator {
    /// The schema text shipped as a resource.
    static let schemaBytes: [UInt8]? = {
        guard let url = Bundle.module.url(forResource: "docbook", withExtension: "rng", subdirectory: "Schemas"),
            let data = try? Data(contentsOf: url)
        else { return nil }
        return [UInt8](data)
    }()

    /// The deepest nesting validated (a book nests a few dozen levels;
    /// libxml2 ran out of stack past 2 000 on an 8 MB stack).
    static let maximumDepth = 1_000

    /// The grammar, read once per process.
    static let grammar: DocBookGrammar? = schemaBytes.flatMap { DocBookGrammar($0) }

    /// The grammar compiled by libxml2, once per process when first needed:
    /// for documents the derivatives do not show valid, and libxml2's messages.
    static let schema: Result<RelaxNGSchema, Diagnostic> = {
        guard let grammar else {
            return .failure(
                Diagnostic(
                    CheckCode.docbookSchemaMissing,
                    "the DocBook 5.0 RELAX NG schema is missing from Galley's resources",
                    at: SourceLocation(file: "docbook.rng")))
        }
        return grammar.compile(name: "docbook.rng")
    }()

    /// The grammar for validation by derivatives.
    static var derivatives: RelaxNGDerivatives? { grammar?.derivatives }

    /// The element names of the schema.
    static let vocabulary: DocBookVocabulary? = grammar.map { DocBookVocabulary(names: $0.names) }

    /// Every problem in `bytes`, located `name:line`. Empty when valid. With
    /// `markupLimit`, a document with more elements and attributes is
    /// refused before a tree is built.
    public static func validate(_ bytes: [UInt8], name: String, markupLimit: Int? = nil) -> [Diagnostic] {
        let document: ParsedXMLDocument
        // The parser reports a duplicate xml:id through libxml2's generic
        // handler (stderr) even with XML_PARSE_NOERROR; a library must not
        // print, and the native checks report duplicates anyway.
        let sink = ErrorCollector(code: CheckCode.docbookParse, file: name)
        xmlSetStructuredErrorFunc(Unmanaged.passUnretained(sink).toOpaque(), collectError)
        let parsed = withExtendedLifetime(sink) { ParsedXMLDocument.parse(bytes, name: name, markupLimit: markupLimit) }
        xmlSetStructuredErrorFunc(nil, nil)
        switch parsed {
        case .success(let parsed):
            document = parsed
        case .failure(var diagnostic):
            // A refusal to build the tree keeps its own code.
            if diagnostic.code != CheckCode.xmlTooMuchMarkup.rawValue {
                diagnostic.recode(CheckCode.docbookNotWellFormed)
            }
            return [diagnostic]
        }
        // libxml2's RELAX NG validation recurses on the tree: a file nested
        // thousands deep (no book is) would exhaust the stack.
        if let root = document.root, XMLNodes.depth(root, limit: maximumDepth) > maximumDepth {
            return [
                Diagnostic(
                    CheckCode.xmlTooDeep,
                    "elements nest more than \(maximumDepth) deep; Galley validates DocBook files nested at most "
                        + "\(maximumDepth) deep", at: SourceLocation(file: name))
            ]
        }
        var diagnostics: [Diagnostic] = []
        // libxml2's schema errors come first for a line, then the clearer native ones.
        diagnostics += schemaErrors(in: document)
        diagnostics += vocabulary?.unknownElements(in: document) ?? []
        diagnostics += DocBookSchematron.check(document)
        diagnostics += HrefCheck.checkDocBook(document)
        // In document order, so a reader fixes them top-down.
        return diagnostics.enumerated().sorted {
            let (a, b) = ($0.element.location?.line ?? 0, $1.element.location?.line ?? 0)
            return a != b ? a < b : $0.offset < $1.offset
        }.map(\.element)
    }

    /// The schema's verdict on `document`: valid when the derivatives show
    /// it; otherwise libxml2 decides and says why.
    private static func schemaErrors(in document: ParsedXMLDocument) -> [Diagnostic] {
        if derivatives?.accepts(document) == true { return [] }
        switch schema {
        case .success(let schema): return schema.validate(document, code: CheckCode.docbookSchema)
        case .failure(let diagnostic): return [diagnostic]
        }
    }
}
