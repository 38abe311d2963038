/// A place in a file, for messages a person can act on.
public struct SourceLocation: Hashable, Sendable, Codable, CustomStringConvertible {
    public var file: String
    public var line: Int?
    public var column: Int?

    public init(file: String, line: Int? = nil, column: Int? = nil) {
        self.file = file
        self.line = line
        self.column = column
    }

    /// `file:line:column`, leaving out what is unknown.
    public var description: String {
        var text = file
        if let line { text += ":\(line)" }
        if let line, line > 0, let column { text += ":\(column)" }
        return text
    }
}

/// A module's diagnostic codes: one enum per module whose raw values are the
/// stable dotted codes, each with its severity and a one-line meaning. The
/// README's table of codes is generated from every module's enum (see
/// `DiagnosticCodeTableTests`).
public protocol DiagnosticCode: RawRepresentable<String>, CaseIterable, Sendable {
    var severity: Diagnostic.Severity { get }
    /// What the code means, one line, for the README table.
    var summary: String { get }
}

/// What a library reports instead of printing: a located, coded message.
public struct Diagnostic: Hashable, Sendable, Codable, CustomStringConvertible, Error {
    public enum Severity: String, Hashable, Sendable, Codable, Comparable {
        case note, warning, error

        private var rank: Int { self == .note ? 0 : self == .warning ? 1 : 2 }
        public static func < (a: Severity, b: Severity) -> Bool { a.rank < b.rank }
    }

    public var severity: Severity
    /// Stable, dotted code (`markdown.unmapped-html`, `epub.missing-item`).
    /// Set only from a typed code (`init`, `recode(_:)`), never from a free string.
    public private(set) var code: String
    public var message: String
    public var location: SourceLocation?

    /// A diagnostic with the code's own severity.
    public init(_ code: some DiagnosticCode, _ message: String, at location: SourceLocation? = nil) {
        self.init(code, severity: code.severity, message, at: location)
    }

    /// A diagnostic whose severity depends on where the code is reported
    /// (`markdown.encoding` is an error in front matter, a warning in the body;
    /// `bookyaml.date` is an error for a date no calendar has). The code's
    /// `summary` says so.
    public init(
        _ code: some DiagnosticCode, severity: Severity, _ message: String,
        at location: SourceLocation? = nil
    ) {
        self.severity = severity
        self.code = code.rawValue
        self.message = message
        self.location = location
    }

    /// Gives the diagnostic another module's typed code (a YAML syntax error
    /// found in front matter becomes `markdown.front-matter`).
    public mutating func recode(_ code: some DiagnosticCode) {
        self.code = code.rawValue
    }

    /// `file:line: error: message [code]`, the form compilers use.
    public var description: String {
        let place = location.map { "\($0): " } ?? ""
        return "\(place)\(severity.rawValue): \(message) [\(code)]"
    }
}

public extension Array where Element == Diagnostic {
    var hasErrors: Bool { contains { $0.severity == .error } }
}

/// Thrown when a step cannot go on; carries everything it found.
public struct DiagnosticsError: Error, CustomStringConvertible {
    public var diagnostics: [Diagnostic]
    public init(_ diagnostics: [Diagnostic]) { self.diagnostics = diagnostics }
    public var description: String { diagnostics.map(\.description).joined(separator: "\n") }
}
