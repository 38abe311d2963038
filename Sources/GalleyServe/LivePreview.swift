import Foundation
import GalleyBuild
import GalleyCore

/// `galley serve`: builds the book in memory (EPUB content only, no zip, no
/// checks), serves it with `PreviewServer`, and on every change the watcher
/// reports rebuilds what changed (`BuildCache`) and tells the open pages.
/// Nothing is written to the project.
public final class LivePreview: @unchecked Sendable {
    /// What one build did, for the terminal.
    public struct Rebuild: Sendable {
        public var generation: Int
        /// `rebuilt 1 of 100 chapters: ch007.md`.
        public var summary: String
        public var diagnostics: [Diagnostic]
        /// Whether the pages changed (an unchanged build reloads nothing).
        public var changed: Bool
        public var milliseconds: Double
        /// The files whose change started it; empty for the first build.
        public var cause: [String]
    }

    public let server: PreviewServer
    private let build: BookBuild
    private let onRebuild: @Sendable (Rebuild) -> Void
    private let lock = NSLock()
    private var watcher: ProjectWatcher?
    private var generation = 0

    /// Builds the book once; `start()` then serves it.
    public init(
        project: URL, host: String = "127.0.0.1", port: UInt16 = 0, allowNetwork: Bool = false,
        onRebuild: @escaping @Sendable (Rebuild) -> Void
    ) throws {
        build = BookBuild(projectDirectory: project, formats: [.epub], validate: false, cache: BuildCache())
        self.onRebuild = onRebuild
        let started = DispatchTime.now()
        let (entries, diagnostics) = build.renderEPUB()
        let site = PreviewSite(generation: 0, entries: entries ?? [], diagnostics: diagnostics)
        server = try PreviewServer(host: host, port: port, allowNetwork: allowNetwork, site: site)
        onRebuild(
            Rebuild(
                generation: 0, summary: build.cache?.summary ?? "", diagnostics: diagnostics, changed: true,
                milliseconds: Self.milliseconds(since: started), cause: []))
    }

    /// Serves the book and starts watching it; returns the site's address.
    public func start() async throws -> URL {
        let port = try await server.start()
        let places = build.watchedPlaces
        let watcher = try ProjectWatcher(
            folders: places.folders, files: places.files,
            excluding: [build.outputDirectory]
        ) { [weak self] paths in
            self?.rebuild(after: paths)
        }
        lock.withLock { self.watcher = watcher }
        watcher.start()
        let host = server.host.contains(":") ? "[\(server.host)]" : server.host
        return URL(string: "http://\(host):\(port)/")!
    }

    public func stop() async {
        lock.withLock { watcher }?.stop()
        await server.stop()
    }

    /// Builds again after `paths` changed and publishes the result.
    @discardableResult
    public func rebuild(after paths: [String]) -> Rebuild {
        let started = DispatchTime.now()
        build.cache?.invalidate(after: paths)
        let (entries, diagnostics) = build.renderEPUB()
        let previous = server.site
        let rebuild: Rebuild = lock.withLock {
            var files: [String: [UInt8]]?
            if let entries {
                files = [:]
                for entry in entries where entry.name.hasPrefix(PreviewSite.packageFolder) {
                    files?[String(entry.name.dropFirst(PreviewSite.packageFolder.count))] = entry.bytes
                }
            }
            let changed =
                files != previous.files
                || diagnostics.map(\.description) != previous.diagnostics.map(\.description)
            if changed {
                generation += 1
                let site =
                    entries.map { PreviewSite(generation: generation, entries: $0, diagnostics: diagnostics) }
                    ?? previous.failed(generation: generation, diagnostics: diagnostics)
                server.publish(site)
            }
            return Rebuild(
                generation: generation, summary: build.cache?.summary ?? "", diagnostics: diagnostics,
                changed: changed, milliseconds: Self.milliseconds(since: started), cause: paths)
        }
        onRebuild(rebuild)
        return rebuild
    }

    static func milliseconds(since start: DispatchTime) -> Double {
        Double(DispatchTime.now().uptimeNanoseconds - start.uptimeNanoseconds) / 1_000_000
    }
}
