import ArgumentParser
import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// `galley serve`: runs `galley-serve`, which is installed beside `galley`,
/// in this process's place with the same arguments. The server lives in its
/// own executable so that the other commands never load its networking
/// libraries (FoundationNetworking: about 9 ms of every build's start).
struct Serve: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Serve the book's EPUB pages on a local website that rebuilds and reloads on every save.",
        discussion: "Options: [DIR] [--port N] [--host ADDRESS]; `galley serve --help` lists them.")

    @Argument(parsing: .captureForPassthrough, help: "The book project, --port and --host.")
    var arguments: [String] = []

    func run() throws {
        let here = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath()
        let server =
            Bundle.main.executableURL?.deletingLastPathComponent().appendingPathComponent("galley-serve")
            ?? here.deletingLastPathComponent().appendingPathComponent("galley-serve")
        let argv = ["galley serve"] + arguments
        var cStrings = argv.map { strdup($0) } + [nil]
        execv(server.path, &cStrings)
        throw ValidationError("cannot run \(server.path): \(String(cString: strerror(errno)))")
    }
}
