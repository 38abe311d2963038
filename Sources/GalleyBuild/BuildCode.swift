import GalleyCore

/// Every diagnostic code GalleyBuild emits, with its severity and meaning (the README table).
public enum BuildCode: String, DiagnosticCode {
    case kept = "build.kept"
    case output = "build.output"
    case publish = "build.publish"
    case read = "build.read"
    case write = "build.write"

    public var severity: Diagnostic.Severity {
        switch self {
        case .output, .publish, .read, .write: .error
        case .kept: .note
        }
    }

    public var summary: String {
        switch self {
        case .kept: "nothing was published; the previous output is kept"
        case .output: "the output folder cannot be prepared"
        case .publish: "a new file cannot be moved into place"
        case .read: "the book cannot be read (the reader threw)"
        case .write: "cannot write this file"
        }
    }
}
