import Foundation
import GalleyBuild
import GalleyCheck
import GalleyCore

/// What Galley's libFuzzer targets (`Fuzz/`) run on each input, shared with
/// the test that replays the committed corpora (`GalleyFuzzHarnessTests`),
/// so a seed or a regression input means the same thing in both places.
///
/// Calls are serialised: they share one temporary project folder per
/// process, which `BookBuild` and the checks need (they read and write files).
public enum FuzzHarness {
    /// An output Galley wrote with no error diagnostic that its own check
    /// rejects: the build should have ended with a diagnostic instead.
    public struct Finding: Error, Sendable, CustomStringConvertible {
        /// The format's name (`epub`, `docbook`, `text`).
        public var format: String
        /// The errors the check found.
        public var errors: [Diagnostic]

        public var description: String {
            "the \(format) output was written without an error but fails its check:\n"
                + errors.map(\.description).joined(separator: "\n")
        }
    }

    /// FuzzMarkdown: `bytes` as the only chapter of a book, built into every
    /// format (reader, transforms, writers) without the build's own checks,
    /// then each published output checked as `galley check` would.
    /// - Returns: nil when the build ended with diagnostics or every output
    ///   passed its check; the first finding otherwise.
    public static func markdown(_ bytes: [UInt8]) -> Finding? {
        workspace.withFolder { folder in
            let project = folder.appendingPathComponent("markdown")
            let source = project.appendingPathComponent("Source")
            let output = project.appendingPathComponent("Build")
            let files = FileManager.default
            try? files.removeItem(at: output)
            if !files.fileExists(atPath: source.appendingPathComponent("book.yaml").path) {
                try? files.createDirectory(
                    at: source.appendingPathComponent("images"), withIntermediateDirectories: true)
                for name in imageNames { try? Data(png).write(to: source.appendingPathComponent(name)) }
                try? Data(bookYAML.utf8).write(to: source.appendingPathComponent("book.yaml"))
            }
            guard (try? Data(bytes).write(to: source.appendingPathComponent(chapterName))) != nil else {
                fatalError("FuzzHarness: cannot write \(source.path)/\(chapterName)")
            }
            let report = BookBuild(projectDirectory: project, outputDirectory: output, validate: false).run()
            guard report.succeeded else { return nil }
            for format in OutputFormat.registry {
                guard let url = report.outputs[format] else {
                    return Finding(format: format.name, errors: report.diagnostics)
                }
                guard let diagnostics = OutputChecks.check(fileAt: url) else {
                    fatalError("FuzzHarness: no check for \(url.lastPathComponent)")
                }
                let errors = diagnostics.filter { $0.severity == .error }
                if !errors.isEmpty { return Finding(format: format.name, errors: errors) }
            }
            return nil
        }
    }

    /// FuzzCheck: `bytes` as `book.epub`, checked as `galley check book.epub`
    /// does. Must return (with whatever diagnostics) for every input.
    @discardableResult
    public static func check(_ bytes: [UInt8]) -> [Diagnostic] {
        workspace.withFolder { folder in
            let epub = folder.appendingPathComponent("book.epub")
            guard (try? Data(bytes).write(to: epub)) != nil else {
                fatalError("FuzzHarness: cannot write \(epub.path)")
            }
            return OutputChecks.checkEPUB(at: epub)
        }
    }

    static let chapterName = "chapter.md"
    static let bookYAML = """
        title: Fuzz
        language: en
        chapters:
          - \(chapterName)

        """

    /// The images the fixture books (the seeds) show, so their chapters
    /// reach the writers rather than stopping at a missing file.
    static let imageNames = ["images/rule.png", "images/seal.png", "images/cover.png"]
    /// A 60×4 PNG (`Tests/Books/english/Source/images/rule.png`).
    static let png: [UInt8] = [
        0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0x00, 0x00, 0x00, 0x0D, 0x49, 0x48, 0x44, 0x52,
        0x00, 0x00, 0x00, 0x3C, 0x00, 0x00, 0x00, 0x04, 0x08, 0x02, 0x00, 0x00, 0x00, 0x5D, 0xB7, 0xCB,
        0xE5, 0x00, 0x00, 0x00, 0x16, 0x49, 0x44, 0x41, 0x54, 0x78, 0x9C, 0x63, 0xD0, 0x18, 0x82, 0x80,
        0x61, 0xA0, 0x1D, 0x40, 0x0E, 0x18, 0x75, 0x34, 0xBD, 0x00, 0x00, 0x21, 0x25, 0x70, 0x81, 0x10,
        0xF3, 0x6A, 0xFA, 0x00, 0x00, 0x00, 0x00, 0x49, 0x45, 0x4E, 0x44, 0xAE, 0x42, 0x60, 0x82,
    ]

    static let workspace = Workspace()
}

/// One temporary folder per process, used by one call at a time, removed
/// when the process exits.
final class Workspace: @unchecked Sendable {
    /// The folder, for the exit handler (which cannot capture); set once.
    nonisolated(unsafe) static var pathToRemoveAtExit: String?

    private let lock = NSLock()
    private var folder: URL?

    func withFolder<Result>(_ body: (URL) -> Result) -> Result {
        lock.withLock {
            let folder = self.folder ?? Self.makeFolder()
            self.folder = folder
            return body(folder)
        }
    }

    private static func makeFolder() -> URL {
        let url = FileManager.default.temporaryDirectory
            .appendingPathComponent("galley-fuzz-\(ProcessInfo.processInfo.processIdentifier)-\(UUID().uuidString)")
        do {
            try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        } catch {
            fatalError("FuzzHarness: cannot make \(url.path): \(error)")
        }
        pathToRemoveAtExit = url.path
        atexit {
            if let path = Workspace.pathToRemoveAtExit { try? FileManager.default.removeItem(atPath: path) }
        }
        return url
    }
}
