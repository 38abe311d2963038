import Foundation

/// The real tools that judge Galley's outputs (EPUBCheck, jing, xsltproc,
/// pandoc). A test that needs one says so with a trait,
/// `@Test(.judge("jing"))`: when the tool is missing, a local run skips the
/// test with the reason, and a CI run (`CI=true`) runs it, so it fails.
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

    /// Whether a test needing `tool` may run: always under CI (where a
    /// missing judge must fail, never skip), else when `tool` is on PATH.
    public static func available(_ tool: String) -> Bool {
        isCI || which(tool) != nil
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

/// Runs `tool` (looked up on PATH) with `arguments` and waits for it, in
/// this process's environment with `environment` added and `unsetting` removed.
public func runProcess(
    _ tool: String, _ arguments: [String], in directory: URL? = nil,
    environment: [String: String]? = nil, unsetting: [String] = []
) throws -> ProcessResult {
    let process = Process()
    if tool.contains("/") {
        process.executableURL = URL(fileURLWithPath: tool)
        process.arguments = arguments
    } else {
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = [tool] + arguments
    }
    if let directory { process.currentDirectoryURL = directory }
    if environment != nil || !unsetting.isEmpty {
        var merged = ProcessInfo.processInfo.environment.merging(environment ?? [:]) { $1 }
        for name in unsetting { merged[name] = nil }
        process.environment = merged
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
    return ProcessResult(
        status: process.terminationStatus,
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
