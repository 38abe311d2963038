import Foundation

/// The real tools that judge Galley's outputs (EPUBCheck, jing, xsltproc,
/// pandoc). Tests ask for one with `Judges.require(_:)`: when it is missing,
/// a local run skips the check, and a CI run (`CI=true`) fails.
public enum Judges {
    public struct Missing: Error, CustomStringConvertible {
        public var tool: String
        public var description: String {
            "external judge `\(tool)` is not installed; run `make setup` (CI=true makes this a failure)"
        }
    }

    public static var isCI: Bool {
        ProcessInfo.processInfo.environment["CI"].map { $0 == "true" || $0 == "1" } ?? false
    }

    /// True when `tool` is on PATH. Throws `Missing` under CI when it is not.
    public static func require(_ tool: String) throws -> Bool {
        if which(tool) != nil { return true }
        if isCI { throw Missing(tool: tool) }
        return false
    }

    public static func which(_ tool: String) -> String? {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
        for directory in path.split(separator: ":") {
            let candidate = "\(directory)/\(tool)"
            if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
        }
        return nil
    }
}

/// What a finished process printed and how it ended.
public struct ProcessResult: Sendable {
    public var status: Int32
    public var standardOutput: String
    public var standardError: String
    public var output: String { standardOutput + standardError }
}

/// Runs `tool` (looked up on PATH) with `arguments` and waits for it.
public func runProcess(_ tool: String, _ arguments: [String], in directory: URL? = nil,
                       environment: [String: String]? = nil) throws -> ProcessResult {
    let process = Process()
    if tool.contains("/") {
        process.executableURL = URL(fileURLWithPath: tool)
        process.arguments = arguments
    } else {
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = [tool] + arguments
    }
    if let directory { process.currentDirectoryURL = directory }
    if let environment {
        process.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 }
    }
    let outputPipe = Pipe(), errorPipe = Pipe()
    process.standardOutput = outputPipe
    process.standardError = errorPipe
    process.standardInput = FileHandle.nullDevice
    try process.run()
    // Read both pipes concurrently so a chatty tool cannot fill one and block.
    nonisolated(unsafe) var errorData = Data()
    let group = DispatchGroup()
    group.enter()
    DispatchQueue.global().async {
        errorData = errorPipe.fileHandleForReading.readDataToEndOfFile()
        group.leave()
    }
    let outputData = outputPipe.fileHandleForReading.readDataToEndOfFile()
    group.wait()
    process.waitUntilExit()
    return ProcessResult(status: process.terminationStatus,
                         standardOutput: String(decoding: outputData, as: UTF8.self),
                         standardError: String(decoding: errorData, as: UTF8.self))
}

/// jing with Debian's DocBook 5.0 schemas.
public enum Jing {
    public static let docBookRNG = "/usr/share/xml/docbook/schema/rng/5.0/docbook.rng"
    public static let docBookSchematron = "/usr/share/xml/docbook/schema/schematron/5.0/docbook.sch"

    /// jing's error lines for `file` against `schema`, its launcher's
    /// classpath warnings ("[warning] /usr/bin/jing: Unable to locate …") left out.
    public static func errors(_ schema: String, _ file: URL) throws -> [String] {
        let result = try runProcess("jing", [schema, file.path])
        let lines = result.output.split(separator: "\n").map(String.init)
            .filter { !$0.hasPrefix("[warning] /usr/bin/jing") }
        if result.status != 0 && lines.isEmpty { return ["jing exited with status \(result.status)"] }
        return lines
    }
}
