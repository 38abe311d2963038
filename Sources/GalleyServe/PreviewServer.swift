import FlyingFox
import FlyingSocks
import Foundation

/// The HTTP side of `galley serve`: one `PreviewSite` at a time, its pages,
/// the preview's script and stylesheet, and a stream of server-sent events
/// that tells open pages the number of each new build.
///
/// It listens on a loopback address unless told `allowNetwork` (the
/// command's `--host`); it answers GET and HEAD, and only with the files of
/// the current site.
public final class PreviewServer: Sendable {
    public struct Refusal: Error, CustomStringConvertible {
        public var description: String
    }

    public let host: String
    private let http: HTTPServer
    private let state: SiteState

    /// - Parameters:
    ///   - host: an IPv4 or IPv6 address, or `localhost`.
    ///   - port: 0 lets the system choose (`start()` returns it).
    ///   - allowNetwork: whether `host` may be an address other machines reach.
    public init(host: String = "127.0.0.1", port: UInt16 = 0, allowNetwork: Bool = false, site: PreviewSite) throws {
        self.host = host == "localhost" ? "127.0.0.1" : host
        let state = SiteState(site, loopbackOnly: Self.isLoopback(self.host))
        self.state = state
        let handler = ClosureHTTPHandler { request in state.respond(to: request) }
        let address = try Self.address(self.host, port: port, allowNetwork: allowNetwork)
        http = HTTPServer(address: address, timeout: 120, logger: .disabled, handler: handler)
    }

    /// Whether `host` is an address of this machine only (127.0.0.0/8, ::1).
    public static func isLoopback(_ host: String) -> Bool {
        if host == "localhost" { return true }
        var v4 = in_addr()
        if inet_pton(AF_INET, host, &v4) == 1 { return (UInt32(bigEndian: v4.s_addr) >> 24) == 127 }
        var v6 = in6_addr()
        if inet_pton(AF_INET6, host, &v6) == 1 {
            return withUnsafeBytes(of: &v6) { bytes in bytes.prefix(15).allSatisfy { $0 == 0 } && bytes[15] == 1 }
        }
        return false
    }

    static func address(_ host: String, port: UInt16, allowNetwork: Bool) throws -> any SocketAddress {
        if !isLoopback(host) && !allowNetwork {
            throw Refusal(
                description: "\(host) is not a loopback address; the preview is served to this machine only "
                    + "unless --host says otherwise")
        }
        do {
            if host.contains(":") { return try sockaddr_in6.inet6(ip6: host, port: port) }
            return try sockaddr_in.inet(ip4: host, port: port)
        } catch {
            throw Refusal(description: "\(host) is not an IP address (write 127.0.0.1, ::1 or 0.0.0.0)")
        }
    }

    /// Starts listening; returns the port.
    public func start() async throws -> UInt16 {
        let http = self.http
        let task = Task { try await http.run() }
        state.setTask(task)
        // FlyingFox's default wait is 5 s: a machine busy building may need longer to schedule the server.
        try await http.waitUntilListening(timeout: 120)
        switch await http.listeningAddress {
        case .ip4(_, let port)?, .ip6(_, let port)?: return port
        default: throw Refusal(description: "the server is not listening on an IP address")
        }
    }

    /// Replaces the site and tells every open page its generation.
    public func publish(_ site: PreviewSite) { state.publish(site) }

    public var site: PreviewSite { state.current }

    /// Ends the event streams and closes the server.
    public func stop() async {
        state.finish()
        await http.stop()
        state.cancelTask()
    }
}

/// The current site and the open event streams, behind one lock.
final class SiteState: @unchecked Sendable {
    private let lock = NSLock()
    private var site: PreviewSite
    private var streams: [Int: AsyncStream<[UInt8]>.Continuation] = [:]
    private var nextStream = 0
    private var task: Task<Void, any Error>?
    /// Listening on loopback: requests must name a loopback host too.
    private let loopbackOnly: Bool

    init(_ site: PreviewSite, loopbackOnly: Bool) {
        self.site = site
        self.loopbackOnly = loopbackOnly
    }

    var current: PreviewSite { lock.withLock { site } }

    func setTask(_ task: Task<Void, any Error>) { lock.withLock { self.task = task } }
    func cancelTask() { lock.withLock { task }?.cancel() }

    func publish(_ site: PreviewSite) {
        let event = Self.event(site.generation)
        lock.withLock {
            self.site = site
            for continuation in streams.values { continuation.yield(event) }
        }
    }

    func finish() {
        let open = lock.withLock {
            let open = Array(streams.values)
            streams.removeAll()
            return open
        }
        for continuation in open { continuation.finish() }
    }

    static func event(_ generation: Int) -> [UInt8] { Array("data: \(generation)\n\n".utf8) }

    func respond(to request: HTTPRequest) -> HTTPResponse {
        guard request.method == .GET || request.method == .HEAD else {
            let headers: HTTPHeaders = [HTTPHeader("Allow"): "GET, HEAD"]
            return HTTPResponse(statusCode: .methodNotAllowed, headers: headers)
        }
        // A page elsewhere that rebinds its own name to 127.0.0.1 must not read the book (DNS rebinding).
        if loopbackOnly, let host = request.headers[.host], !Self.isLoopbackHost(host) {
            return HTTPResponse(statusCode: .forbidden)
        }
        switch request.path {
        case PreviewSite.ownPrefix + "events": return events()
        case PreviewSite.ownPrefix + "live.js":
            return Self.ok(Array(PreviewAssets.liveScript.utf8), type: "text/javascript; charset=utf-8")
        case PreviewSite.ownPrefix + "preview.css":
            return Self.ok(Array(PreviewAssets.stylesheet.utf8), type: "text/css; charset=utf-8")
        default: break
        }
        switch current.response(for: request.path) {
        case .file(let bytes, let type): return Self.ok(bytes, type: type)
        case .redirect(let location):
            let headers: HTTPHeaders = [.location: location]
            return HTTPResponse(statusCode: .found, headers: headers)
        case .notFound:
            return HTTPResponse(
                statusCode: .notFound, headers: [.contentType: "text/plain; charset=utf-8"],
                body: Data("not found\n".utf8))
        }
    }

    /// A `Host` header's name (`127.0.0.1:3000`, `[::1]:3000`, `localhost`) is a loopback address.
    static func isLoopbackHost(_ header: String) -> Bool {
        var name = Substring(header)
        if name.hasPrefix("["), let end = name.firstIndex(of: "]") {
            name = name[name.index(after: name.startIndex)..<end]
        } else if let colon = name.lastIndex(of: ":") {
            name = name[..<colon]
        }
        return PreviewServer.isLoopback(name.lowercased())
    }

    static func ok(_ bytes: [UInt8], type: String) -> HTTPResponse {
        HTTPResponse(
            statusCode: .ok, headers: [.contentType: type, .cacheControl: "no-store"], body: Data(bytes))
    }

    /// A stream of server-sent events: the current generation at once, then each new one.
    private func events() -> HTTPResponse {
        let (stream, continuation) = AsyncStream<[UInt8]>.makeStream(bufferingPolicy: .bufferingNewest(16))
        let id = lock.withLock {
            nextStream += 1
            streams[nextStream] = continuation
            continuation.yield(Array("retry: 500\n\n".utf8) + Self.event(site.generation))
            return nextStream
        }
        continuation.onTermination = { [weak self] _ in
            guard let self else { return }
            _ = self.lock.withLock { self.streams.removeValue(forKey: id) }
        }
        return HTTPResponse(
            statusCode: .ok,
            headers: [.contentType: "text/event-stream", .cacheControl: "no-store"],
            body: HTTPBodySequence(from: EventBytes(stream: stream)))
    }
}

/// An `AsyncStream` of byte chunks as the buffered byte sequence FlyingFox
/// sends (chunked, each event as soon as it is there).
struct EventBytes: AsyncBufferedSequence {
    typealias Element = UInt8
    let stream: AsyncStream<[UInt8]>

    func makeAsyncIterator() -> Iterator { Iterator(chunks: stream.makeAsyncIterator()) }

    struct Iterator: AsyncBufferedIteratorProtocol {
        var chunks: AsyncStream<[UInt8]>.Iterator
        var pending: ArraySlice<UInt8> = []

        mutating func next() async -> UInt8? {
            guard let buffer = await nextBuffer(suggested: 1) else { return nil }
            return buffer.first
        }

        mutating func nextBuffer(suggested count: Int) async -> [UInt8]? {
            if pending.isEmpty {
                guard let chunk = await chunks.next() else { return nil }
                pending = chunk[...]
            }
            let taken = pending.prefix(Swift.max(count, 1))
            pending = pending.dropFirst(taken.count)
            return Array(taken)
        }
    }
}
