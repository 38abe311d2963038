import Foundation
import GalleyBuild
import GalleyServe
import GalleyTestSupport
import Testing

/// The preview server over real HTTP (`galley serve` in its own process): it
/// serves the build and nothing else, and listens on loopback only unless
/// told otherwise.
@Suite struct PreviewServerTests {
    static func site() throws -> PreviewSite {
        let (entries, diagnostics) = BookBuild(projectDirectory: Repository.defaultBook).renderEPUB()
        return PreviewSite(generation: 0, entries: try #require(entries), diagnostics: diagnostics)
    }

    /// Request targets that try to leave the build, as they go on the wire.
    static let traversals = [
        "/../../etc/passwd",
        "/../../../../../../etc/passwd",
        "/text/../../etc/passwd",
        "/%2e%2e/%2e%2e/etc/passwd",
        "/%2e%2e%2f%2e%2e%2fetc%2fpasswd",
        "/..%2f..%2fetc%2fpasswd",
        "/.%2e/.%2e/etc/passwd",
        "/%252e%252e/%252e%252e/etc/passwd",
        "/..%252f..%252fetc%252fpasswd",
        "/..\\..\\etc\\passwd",
        "/..%5c..%5cetc%5cpasswd",
        "/text\\..\\..\\etc\\passwd",
        "/%c0%ae%c0%ae/%c0%ae%c0%ae/etc/passwd",
        "/....//....//etc/passwd",
        "/etc/passwd",
        "//etc/passwd",
        "/text/preface.xhtml%00",
        "/text/preface.xhtml%00.css",
        "/%00/../etc/passwd",
        "http://127.0.0.1/../../etc/passwd",
        "/OEBPS/../../Source/book.yaml",
        "/../Source/preface.md",
        "/Source/book.yaml",
        "/mimetype",
        "/META-INF/container.xml",
    ]

    @Test(.galleyExecutable) func requestsOutsideTheBuildGet404() async throws {
        let (server, port) = try await RunningGalley.serve(Repository.defaultBook)
        let page = try await RawHTTP.get(port, "/text/preface.xhtml")
        #expect(page.status == 200)
        #expect(page.body.contains("galley-sidebar"))
        for target in Self.traversals {
            let response = try await RawHTTP.get(port, target)
            #expect(response.status == 404, "\(target): \(response.head)")
            #expect(!response.body.contains("root:"), "\(target)")
        }
        withExtendedLifetime(server) {}
    }

    @Test(.galleyExecutable) func theRootLeadsToTheFirstPage() async throws {
        let (server, port) = try await RunningGalley.serve(Repository.defaultBook)
        let response = try await RawHTTP.get(port, "/")
        #expect(response.status == 302)
        #expect(response.head.contains("Location: /text/cover.xhtml"))
        let script = try await RawHTTP.get(port, "/_galley/live.js")
        #expect(script.status == 200 && script.body.contains("EventSource"))
        withExtendedLifetime(server) {}
    }

    @Test(.galleyExecutable) func requestsNamingAnotherHostAreRefused() async throws {
        let (server, port) = try await RunningGalley.serve(Repository.defaultBook)
        for host in ["127.0.0.1:\(port)", "localhost:\(port)", "[::1]:\(port)", "LOCALHOST"] {
            #expect(try await RawHTTP.get(port, "/text/preface.xhtml", host: host).status == 200, "\(host)")
        }
        for host in ["attacker.example:\(port)", "example.org", "10.0.0.1:\(port)"] {
            #expect(try await RawHTTP.get(port, "/text/preface.xhtml", host: host).status == 403, "\(host)")
        }
        withExtendedLifetime(server) {}
    }

    @Test func aNonLoopbackAddressNeedsHost() throws {
        let site = try Self.site()
        for host in ["0.0.0.0", "192.168.1.10", "::", "example.org"] {
            #expect(throws: PreviewServer.Refusal.self, "\(host)") { try PreviewServer(host: host, site: site) }
        }
        for host in ["127.0.0.1", "127.0.0.2", "::1", "localhost"] {
            #expect(PreviewServer.isLoopback(host), "\(host)")
        }
        // With --host, an address that other machines reach is allowed.
        _ = try PreviewServer(host: "0.0.0.0", allowNetwork: true, site: site)
        // A host name is never guessed at: an address is asked for.
        #expect(throws: PreviewServer.Refusal.self) {
            try PreviewServer(host: "example.org", allowNetwork: true, site: site)
        }
    }
}
