import Foundation
import Glibc

/// A minimal HTTP/1.1 client on a plain socket, so a request target goes on
/// the wire exactly as written (URLSession would normalise `/../`). Its
/// blocking reads run on a GCD thread, off the concurrency pool the server
/// under test runs on.
enum RawHTTP {
    struct Failure: Error, CustomStringConvertible { var description: String }

    struct Response {
        var status: Int?
        var head: String
        var body: String
    }

    /// Connects to 127.0.0.1:`port`.
    static func connect(_ port: UInt16) throws -> Int32 {
        let descriptor = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard descriptor >= 0 else { throw Failure(description: "socket: \(errno)") }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = port.bigEndian
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let result = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                Glibc.connect(descriptor, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
            }
        }
        guard result == 0 else {
            close(descriptor)
            throw Failure(description: "connect: \(errno)")
        }
        return descriptor
    }

    static func send(_ descriptor: Int32, _ text: String) {
        let bytes = Array(text.utf8)
        var sent = 0
        while sent < bytes.count {
            let count = bytes[sent...].withUnsafeBytes { write(descriptor, $0.baseAddress, $0.count) }
            if count <= 0 { return }
            sent += count
        }
    }

    /// `GET target` with `Connection: close`, read to the end.
    static func get(_ port: UInt16, _ target: String, host: String = "127.0.0.1") async throws -> Response {
        try await offPool {
            let descriptor = try connect(port)
            defer { close(descriptor) }
            send(descriptor, "GET \(target) HTTP/1.1\r\nHost: \(host)\r\nConnection: close\r\n\r\n")
            var data: [UInt8] = []
            var buffer = [UInt8](repeating: 0, count: 65536)
            while true {
                let count = buffer.withUnsafeMutableBytes { read(descriptor, $0.baseAddress, $0.count) }
                if count <= 0 { break }
                data += buffer[..<count]
            }
            let text = String(decoding: data, as: UTF8.self)
            let parts = text.components(separatedBy: "\r\n\r\n")
            let head = parts.first ?? ""
            let status = head.split(separator: " ").dropFirst().first.flatMap { Int($0) }
            return Response(status: status, head: head, body: parts.dropFirst().joined(separator: "\r\n\r\n"))
        }
    }

    /// Runs blocking work on a GCD thread.
    static func offPool<T: Sendable>(_ work: @escaping @Sendable () throws -> T) async throws -> T {
        try await withCheckedThrowingContinuation { continuation in
            DispatchQueue.global().async { continuation.resume(with: Result { try work() }) }
        }
    }
}

/// The preview's stream of server-sent events, read as it comes.
final class EventStreamReader: @unchecked Sendable {
    private let descriptor: Int32
    private var received = ""

    init(port: UInt16) throws {
        descriptor = try RawHTTP.connect(port)
        RawHTTP.send(descriptor, "GET /_galley/events HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n")
    }

    deinit { close(descriptor) }

    /// Reads until an event `data: generation` has arrived; false when the stream ended first.
    func wait(for generation: Int) async throws -> Bool {
        try await RawHTTP.offPool { [self] in
            var buffer = [UInt8](repeating: 0, count: 4096)
            while !received.contains("data: \(generation)\n\n") {
                let count = buffer.withUnsafeMutableBytes { read(descriptor, $0.baseAddress, $0.count) }
                if count <= 0 { return false }
                received += String(decoding: buffer[..<count], as: UTF8.self)
            }
            return true
        }
    }
}
