import ArgumentParser
import Foundation
import GalleyCheck
import GalleyCore

struct Check: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Validate existing outputs: .epub (structure), .xml (DocBook 5), .txt (clean text).")

    @Argument(help: "Files to check.")
    var files: [String]

    func run() throws {
        var failed = false
        for path in files {
            let url = URL(fileURLWithPath: path)
            let diagnostics: [Diagnostic]
            switch url.pathExtension.lowercased() {
            case "epub": diagnostics = OutputChecks.checkEPUB(at: url)
            case "xml", "dbk": diagnostics = OutputChecks.checkDocBook(at: url, limits: .standard)
            case "txt": diagnostics = OutputChecks.checkText(at: url)
            default:
                throw ValidationError("\(path): unknown kind of output (expected .epub, .xml or .txt)")
            }
            report(diagnostics)
            if diagnostics.hasErrors { failed = true } else { print("\(path): valid") }
        }
        if failed { throw ExitCode.failure }
    }
}
