import ArgumentParser
import Foundation
import GalleyCore
import GalleyMarkdown

/// `galley init`: a `book.yaml` for an mdBook or GitBook project, for an
/// editor who wants to take the book over (add a publisher, an ISBN, a
/// cover) without touching `book.toml` or `book.json`.
struct Init: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Write a book.yaml for an mdBook or GitBook project (it builds the same outputs).")

    @Argument(help: "The project folder: one holding book.toml (mdBook) or SUMMARY.md (GitBook).")
    var directory: String = "."

    func run() throws {
        let project = BookProject.find(in: URL(fileURLWithPath: directory))
        let target = project.bookYAMLURL
        guard project.kind != .galley else {
            throw ValidationError(
                "\(directory): not an mdBook (book.toml) or GitBook (SUMMARY.md) project without a book.yaml")
        }
        guard !FileManager.default.fileExists(atPath: target.path) else {
            throw ValidationError("\(target.path): already exists; galley init does not overwrite it")
        }
        do {
            let (text, diagnostics) = try project.initialBookYAML()
            report(diagnostics)
            try Data(text.utf8).write(to: target, options: .withoutOverwriting)
            print("wrote \(target.path)")
        } catch let error as DiagnosticsError {
            report(error.diagnostics)
            throw ExitCode.failure
        }
    }
}
