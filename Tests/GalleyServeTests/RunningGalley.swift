import Foundation
import GalleyTestSupport
import Testing

/// A running `galley` whose standard output is read line by line.
final class RunningGalley: @unchecked Sendable {
    let process = Process()
    private let output = Pipe()
    private var lines: [String] = []
    private var pending = Data()

    init(_ arguments: [String]) throws {
        process.executableURL = Repository.galleyExecutable
        process.arguments = arguments
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        process.standardInput = FileHandle.nullDevice
        try process.run()
    }

    deinit {
        if process.isRunning {
            process.terminate()
            process.waitUntilExit()
        }
    }

    /// Reads until a line containing `text` was printed; nil when the output ended first.
    func line(containing text: String) async throws -> String? {
        try await RawHTTP.offPool { [self] in
            while true {
                if let found = lines.first(where: { $0.contains(text) }) { return found }
                let chunk = output.fileHandleForReading.availableData
                if chunk.isEmpty { return nil }
                pending += chunk
                while let end = pending.firstIndex(of: UInt8(ascii: "\n")) {
                    lines.append(String(decoding: pending[pending.startIndex..<end], as: UTF8.self))
                    pending = Data(pending[(end + 1)...])
                }
            }
        }
    }

    /// `galley serve PROJECT --port 0` in its own process (its own
    /// concurrency pool, which the test process's busy tests cannot starve),
    /// once it prints its address; and the port it listens on.
    static func serve(_ project: URL) async throws -> (RunningGalley, UInt16) {
        let galley = try RunningGalley(["serve", project.path, "--port", "0"])
        let line = try #require(try await galley.line(containing: "serving"))
        #expect(line.contains("http://127.0.0.1:"))
        let port = try #require(line.split(separator: ":").last.flatMap { UInt16($0.prefix { $0.isNumber }) })
        return (galley, port)
    }
}
