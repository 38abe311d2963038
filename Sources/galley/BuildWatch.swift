import Foundation
import GalleyBuild
import GalleyCore

/// `galley build --watch`: builds, then builds again after every burst of
/// saves, keeping chapters and pages between builds (`BuildCache`). Never returns.
struct BuildWatch {
    let build: BookBuild

    func run() throws -> Never {
        once(after: [])
        let places = build.watchedPlaces
        let build = self.build
        let watcher = try ProjectWatcher(
            folders: places.folders, files: places.files, excluding: [build.outputDirectory]
        ) { paths in
            BuildWatch(build: build).once(after: paths)
        }
        watcher.start()
        FileHandle.standardOutput.write(Data("watching \(build.sourceDirectory.path) (Ctrl-C stops)\n".utf8))
        dispatchMain()
    }

    /// One build, reported: its diagnostics, the files written, what was rebuilt.
    func once(after paths: [String]) {
        let started = DispatchTime.now()
        build.cache?.invalidate(after: paths)
        let result = build.run()
        report(result.diagnostics)
        let milliseconds = Double(DispatchTime.now().uptimeNanoseconds - started.uptimeNanoseconds) / 1_000_000
        var line = paths.isEmpty ? "" : "\(BookBuild.changedNames(paths)) changed: "
        line += "\(build.cache?.summary ?? "built") in \(String(format: "%.0f ms", milliseconds))"
        line += result.succeeded ? "; wrote \(build.outputDirectory.path)" : "; failed, the previous outputs are kept"
        FileHandle.standardOutput.write(Data((line + "\n").utf8))
    }
}
