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
            guard let diagnostics = OutputChecks.check(fileAt: url) else {
                throw ValidationError("\(path): unknown kind of output (expected .epub, .xml or .txt)")
            }
            report(diagnostics)
            if diagnostics.hasErrors { failed = true } else { print("\(path): valid") }
        }
        if failed { throw ExitCode.failure }
    }
}
