import Foundation
import GalleyCore

/// All-or-nothing publishing of one build's files into the output folder.
///
/// Files are written into a private staging folder inside the output folder
/// (so the final moves are renames on one file system), checked there, and
/// renamed into place only when every check passed. Otherwise the output
/// folder keeps the previous files untouched and the new ones go to
/// `failed-build/` for inspection. Staging folders left by a killed build
/// are removed by the next one.
struct Publisher {
    let outputDirectory: URL
    let fileNames: [String]

    private var fileManager: FileManager { .default }

    /// What publishing did: messages of its own, and where the checked
    /// files ended up (for the checks' messages).
    struct Outcome {
        var diagnostics: [Diagnostic] = []
        var destination: URL?

        /// `found` with paths inside the staging folder renamed to where the files are now.
        func relocate(_ found: [Diagnostic], from staging: URL) -> [Diagnostic] {
            guard let destination else { return found }
            let prefix = staging.path + "/"
            return found.map { diagnostic in
                var diagnostic = diagnostic
                if let file = diagnostic.location?.file, file.hasPrefix(prefix) {
                    diagnostic.location?.file = destination.path + "/" + file.dropFirst(prefix.count)
                }
                return diagnostic
            }
        }
    }

    /// Makes a fresh staging folder, after checking the output folder and
    /// the files to be replaced can be written, and removing stale staging folders.
    func prepare() -> Result<URL, DiagnosticsError> {
        let place = SourceLocation(file: outputDirectory.path)
        var isDirectory: ObjCBool = false
        if fileManager.fileExists(atPath: outputDirectory.path, isDirectory: &isDirectory) {
            guard isDirectory.boolValue else {
                return .failure(error("the output folder is a file, not a folder", at: place))
            }
        } else if (try? fileManager.createDirectory(at: outputDirectory, withIntermediateDirectories: true)) == nil {
            return .failure(error("cannot create the output folder", at: place))
        }
        guard access(outputDirectory.path, W_OK | X_OK) == 0 else {
            return .failure(error("the output folder is not writable", at: place))
        }
        for name in fileNames {
            let target = outputDirectory.appendingPathComponent(name)
            if fileManager.fileExists(atPath: target.path, isDirectory: &isDirectory), isDirectory.boolValue {
                return .failure(
                    error(
                        "the output file is a folder; move it away to build",
                        at: SourceLocation(file: target.path)))
            }
        }
        removeStaleStaging()
        let staging = outputDirectory.appendingPathComponent(
            "\(BookBuild.stagingPrefix)\(ProcessInfo.processInfo.processIdentifier)-\(UUID().uuidString.prefix(8))")
        do {
            try fileManager.createDirectory(at: staging, withIntermediateDirectories: false)
        } catch {
            return .failure(self.error("cannot create a staging folder in the output folder", at: place))
        }
        return .success(staging)
    }

    /// Renames every staged file into place and removes the staging folder
    /// (and the failed set of an earlier build, now outdated).
    func publish(_ staging: URL) -> Outcome {
        var outcome = Outcome(destination: outputDirectory)
        for name in fileNames {
            let target = outputDirectory.appendingPathComponent(name)
            if rename(staging.appendingPathComponent(name).path, target.path) != 0 {
                outcome.diagnostics.append(
                    Diagnostic(
                        BuildCode.publish,
                        "cannot move the new file into place: \(String(cString: strerror(errno)))",
                        at: SourceLocation(file: target.path)))
            }
        }
        try? fileManager.removeItem(at: staging)
        try? fileManager.removeItem(at: outputDirectory.appendingPathComponent(BookBuild.failedFolderName))
        return outcome
    }

    /// Keeps the previous outputs and moves the staged files to `failed-build/`.
    func keepFailed(_ staging: URL) -> Outcome {
        let failed = outputDirectory.appendingPathComponent(BookBuild.failedFolderName)
        try? fileManager.removeItem(at: failed)
        let contents = (try? fileManager.contentsOfDirectory(atPath: staging.path)) ?? []
        if contents.isEmpty {
            try? fileManager.removeItem(at: staging)
            return Outcome(
                diagnostics: [
                    Diagnostic(
                        BuildCode.kept,
                        "nothing was published; \(outputDirectory.path) keeps its previous files")
                ], destination: nil)
        }
        guard rename(staging.path, failed.path) == 0 else {
            try? fileManager.removeItem(at: staging)
            return Outcome(
                diagnostics: [
                    Diagnostic(
                        BuildCode.kept,
                        "nothing was published; \(outputDirectory.path) keeps its previous files")
                ], destination: nil)
        }
        return Outcome(
            diagnostics: [
                Diagnostic(
                    BuildCode.kept,
                    "nothing was published; \(outputDirectory.path) keeps its previous files, "
                        + "and this build's files are in \(failed.path) for inspection")
            ], destination: failed)
    }

    /// Staging folders of builds that were killed before they finished.
    private func removeStaleStaging() {
        let names = (try? fileManager.contentsOfDirectory(atPath: outputDirectory.path)) ?? []
        for name in names where name.hasPrefix(BookBuild.stagingPrefix) {
            let pid = name.dropFirst(BookBuild.stagingPrefix.count).split(separator: "-").first.flatMap { Int32($0) }
            // A build still running in another process keeps its folder.
            if let pid, pid != ProcessInfo.processInfo.processIdentifier, kill(pid, 0) == 0 { continue }
            try? fileManager.removeItem(at: outputDirectory.appendingPathComponent(name))
        }
        // Temporary files of the single-file writes of earlier versions.
        for name in names where name.hasPrefix(".book.") && name.hasSuffix(".tmp") {
            try? fileManager.removeItem(at: outputDirectory.appendingPathComponent(name))
        }
    }

    private func error(_ message: String, at place: SourceLocation) -> DiagnosticsError {
        DiagnosticsError([Diagnostic(BuildCode.output, message, at: place)])
    }
}
