import ArgumentParser
import Foundation
import GalleyBuild
import GalleyCore
import GalleyServe

/// `galley serve`: the book as a local website that rebuilds and reloads on save.
///
/// An executable of its own, which `galley serve` runs in its place: the
/// HTTP server (FlyingFox) links FoundationNetworking, and every other
/// command would otherwise load it for nothing (about 9 ms of each build).
@main
struct Serve: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "galley serve",
        abstract: "Serve the book's EPUB pages on a local website that rebuilds and reloads on every save.")

    @Argument(help: "The book project: a folder holding Source/book.yaml.")
    var directory: String = "."

    @Option(name: .long, help: "The port to listen on (0: any free port).")
    var port: UInt16 = 3000

    @Option(
        name: .long,
        help: "The address to listen on (default 127.0.0.1, this machine only; 0.0.0.0 serves the network).")
    var host: String?

    func run() throws {
        let log = RebuildLog()
        let preview: LivePreview
        do {
            preview = try LivePreview(
                project: URL(fileURLWithPath: directory), host: host ?? "127.0.0.1", port: port,
                allowNetwork: host != nil, onRebuild: log.print)
        } catch let refusal as PreviewServer.Refusal {
            throw ValidationError(refusal.description)
        }
        let address = try waitFor { try await preview.start() }
        if let host, !PreviewServer.isLoopback(host) {
            FileHandle.standardError.write(Data("galley serve: serving to the network on \(host)\n".utf8))
        }
        log.line("serving \(address.absoluteString) (Ctrl-C stops)")
        dispatchMain()
    }
}

/// Runs `operation` on the concurrency pool and waits for it on this thread.
func waitFor<Value: Sendable>(_ operation: @escaping @Sendable () async throws -> Value) throws -> Value {
    let done = DispatchSemaphore(value: 0)
    nonisolated(unsafe) var result: Result<Value, any Error>?
    Task {
        do { result = .success(try await operation()) } catch { result = .failure(error) }
        done.signal()
    }
    done.wait()
    return try result!.get()
}

/// Prints what each build did, and its diagnostics when they differ from the last build's.
final class RebuildLog: @unchecked Sendable {
    private let lock = NSLock()
    private var lastDiagnostics: [String]?

    func line(_ text: String) {
        FileHandle.standardOutput.write(Data((text + "\n").utf8))
    }

    func print(_ rebuild: LivePreview.Rebuild) {
        let descriptions = rebuild.diagnostics.map(\.description)
        let fresh = lock.withLock {
            defer { lastDiagnostics = descriptions }
            return lastDiagnostics != descriptions
        }
        if fresh {
            for diagnostic in rebuild.diagnostics {
                FileHandle.standardError.write(Data((diagnostic.description + "\n").utf8))
            }
        }
        line(Self.describe(rebuild))
    }

    static func describe(_ rebuild: LivePreview.Rebuild) -> String {
        let time = String(format: "%.1f ms", rebuild.milliseconds)
        let errors = rebuild.diagnostics.filter { $0.severity == .error }.count
        let warnings = rebuild.diagnostics.count - errors
        var text = rebuild.cause.isEmpty ? "" : "\(BookBuild.changedNames(rebuild.cause)) changed: "
        text += "\(rebuild.summary) in \(time)"
        if !rebuild.changed { text += "; the pages are unchanged" } else { text += " (build \(rebuild.generation))" }
        if errors > 0 { text += "; \(errors) error(s): the pages are the last good build's" }
        if warnings > 0 { text += "; \(warnings) warning(s)" }
        return text
    }
}
