import Foundation
import Testing

/// Expected outputs kept as files and read by a person. `GALLEY_RECORD=1`
/// writes the actual output over the golden and fails the test saying
/// "recorded", so a recording run is never green and a golden is never
/// compared with itself: re-run without the variable, after reading the diff.
public enum Golden {
    public static var isRecording: Bool { ProcessInfo.processInfo.environment["GALLEY_RECORD"] == "1" }

    /// Compares `actual` with the golden at `url` (or records it).
    public static func check(
        _ actual: [UInt8], against url: URL,
        sourceLocation: Testing.SourceLocation = #_sourceLocation
    ) {
        if isRecording {
            do {
                try FileManager.default.createDirectory(
                    at: url.deletingLastPathComponent(),
                    withIntermediateDirectories: true)
                try Data(actual).write(to: url)
                Issue.record(
                    "recorded \(relative(url)); read it, then run again without GALLEY_RECORD",
                    sourceLocation: sourceLocation)
            } catch {
                Issue.record("could not record \(relative(url)): \(error)", sourceLocation: sourceLocation)
            }
            return
        }
        guard let expected = FileManager.default.contents(atPath: url.path) else {
            Issue.record("no golden \(relative(url)); GALLEY_RECORD=1 records it", sourceLocation: sourceLocation)
            return
        }
        if [UInt8](expected) != actual {
            Issue.record(Comment(rawValue: difference(actual, [UInt8](expected), url)), sourceLocation: sourceLocation)
        }
    }

    public static func check(
        _ actual: String, against url: URL,
        sourceLocation: Testing.SourceLocation = #_sourceLocation
    ) {
        check(Array(actual.utf8), against: url, sourceLocation: sourceLocation)
    }

    /// The path from the repository's root, for messages.
    static func relative(_ url: URL) -> String {
        let root = Repository.root.path + "/"
        return url.path.hasPrefix(root) ? String(url.path.dropFirst(root.count)) : url.path
    }

    /// The first line that differs, both ways round.
    static func difference(_ actual: [UInt8], _ expected: [UInt8], _ url: URL) -> String {
        let actualLines = String(decoding: actual, as: UTF8.self)
            .split(separator: "\n", omittingEmptySubsequences: false)
        let expectedLines = String(decoding: expected, as: UTF8.self)
            .split(separator: "\n", omittingEmptySubsequences: false)
        let first =
            zip(actualLines, expectedLines).enumerated().first { $0.element.0 != $0.element.1 }?.offset
            ?? min(actualLines.count, expectedLines.count)
        func line(_ lines: [Substring]) -> String { first < lines.count ? String(lines[first]) : "<end>" }
        return """
            \(relative(url)) differs at line \(first + 1):
              expected: \(line(expectedLines))
              actual:   \(line(actualLines))
            (GALLEY_RECORD=1 re-records; read the diff before committing)
            """
    }
}
