import Foundation

#if canImport(Glibc)
    import Glibc

    /// Watches a book's files with inotify and reports each burst of changes
    /// once, after the files have been quiet for `quiet` milliseconds (an
    /// editor's save is several events: write, close, rename). It sleeps in
    /// `poll` between events: no loop looks at the files.
    ///
    /// Folders are watched with every subfolder, including ones made later;
    /// single files are watched through their folder. Editors' scratch files
    /// (`.name.swp`, `name~`, `4913`) are not changes.
    public final class ProjectWatcher: @unchecked Sendable {
        public struct Failure: Error, CustomStringConvertible {
            public var description: String
        }

        private let inotify: Int32
        private let wake: (read: Int32, write: Int32)
        private let quiet: Int32
        private let onChange: @Sendable ([String]) -> Void
        private let lock = NSLock()
        /// Watch descriptor → folder, and whether its subfolders are watched too.
        private var folders: [Int32: (path: String, recursive: Bool)] = [:]
        /// Names watched in folders that are not watched whole (`book.toml` in the project folder).
        private var singleFiles: [String: Set<String>] = [:]
        /// Folders never watched (the output folder, when it lies inside a watched one).
        private let excluded: Set<String>
        private var thread: Thread?

        static let mask = UInt32(
            IN_CLOSE_WRITE | IN_MODIFY | IN_ATTRIB | IN_CREATE | IN_DELETE | IN_MOVED_FROM | IN_MOVED_TO)

        /// - Parameters:
        ///   - folders: watched with their subfolders; a missing one is skipped.
        ///   - files: watched one by one.
        ///   - excluding: folders not to watch, with what is below them.
        ///   - quiet: milliseconds without events that end a burst.
        ///   - onChange: the changed paths of one burst, called on the watcher's thread.
        public init(
            folders: [URL], files: [URL] = [], excluding: [URL] = [], quiet: Int = 10,
            onChange: @escaping @Sendable ([String]) -> Void
        ) throws {
            excluded = Set(excluding.map(\.standardizedFileURL.path))
            inotify = inotify_init1(Int32(IN_CLOEXEC))
            guard inotify >= 0 else { throw Failure(description: "inotify: \(String(cString: strerror(errno)))") }
            var ends: [Int32] = [0, 0]
            guard pipe(&ends) == 0 else {
                close(inotify)
                throw Failure(description: "pipe: \(String(cString: strerror(errno)))")
            }
            wake = (ends[0], ends[1])
            self.quiet = Int32(quiet)
            self.onChange = onChange
            for folder in folders { addTree(folder.standardizedFileURL.path) }
            for file in files {
                let file = file.standardizedFileURL
                let folder = file.deletingLastPathComponent().path
                if singleFiles[folder] == nil, !folders.contains(where: { $0.standardizedFileURL.path == folder }) {
                    add(folder, recursive: false)
                }
                singleFiles[folder, default: []].insert(file.lastPathComponent)
            }
        }

        deinit {
            stop()
            close(inotify)
            close(wake.read)
            close(wake.write)
        }

        /// Starts reporting changes on a thread of its own.
        public func start() {
            let thread = Thread { [self] in run() }
            thread.name = "galley-watcher"
            lock.withLock { self.thread = thread }
            thread.start()
        }

        /// Stops reporting; returns at once.
        public func stop() {
            let running = lock.withLock {
                let was = thread != nil
                thread = nil
                return was
            }
            if running {
                var byte: UInt8 = 1
                _ = write(wake.write, &byte, 1)
            }
        }

        private func add(_ folder: String, recursive: Bool) {
            let descriptor = inotify_add_watch(inotify, folder, Self.mask)
            guard descriptor >= 0 else { return }
            lock.withLock { folders[descriptor] = (folder, recursive) }
        }

        /// `folder` and every folder below it.
        private func addTree(_ folder: String) {
            var isFolder: ObjCBool = false
            guard !excluded.contains(folder), FileManager.default.fileExists(atPath: folder, isDirectory: &isFolder),
                isFolder.boolValue
            else {
                return
            }
            add(folder, recursive: true)
            let names = (try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []
            for name in names.sorted() where !name.hasPrefix(".") { addTree(folder + "/" + name) }
        }

        private func run() {
            var pending: [String] = []
            var seen = Set<String>()   // `pending` as a set: a burst may touch thousands of files
            var descriptors = [
                pollfd(fd: inotify, events: Int16(POLLIN), revents: 0),
                pollfd(fd: wake.read, events: Int16(POLLIN), revents: 0),
            ]
            let size = 64 * 1024
            let buffer = UnsafeMutableRawPointer.allocate(byteCount: size, alignment: 8)
            defer { buffer.deallocate() }
            while true {
                let ready = poll(&descriptors, 2, pending.isEmpty ? -1 : quiet)
                if ready < 0 {
                    if errno == EINTR { continue }
                    return
                }
                if descriptors[1].revents != 0 { return }
                if ready == 0 {
                    // Quiet for `quiet` ms: the burst is over.
                    let paths = pending
                    pending.removeAll()
                    seen.removeAll()
                    onChange(paths)
                    continue
                }
                let count = read(inotify, buffer, size)
                if count <= 0 { continue }
                var offset = 0
                while offset + 16 <= count {
                    let event = buffer.load(fromByteOffset: offset, as: inotify_event.self)
                    let nameLength = Int(event.len)
                    let name =
                        nameLength > 0
                        ? String(cString: buffer.advanced(by: offset + 16).assumingMemoryBound(to: CChar.self)) : ""
                    offset += 16 + nameLength
                    if let path = changedPath(event, name: name), seen.insert(path).inserted { pending.append(path) }
                }
            }
        }

        /// The path an event is about, or nil when it is not a change of the book.
        private func changedPath(_ event: inotify_event, name: String) -> String? {
            guard let folder = lock.withLock({ folders[event.wd] }), !name.isEmpty else { return nil }
            let path = folder.path + "/" + name
            if !folder.recursive {
                guard lock.withLock({ singleFiles[folder.path]?.contains(name) ?? false }) else { return nil }
                return path
            }
            if event.mask & UInt32(IN_ISDIR) != 0 {
                if excluded.contains(path) { return nil }
                if event.mask & UInt32(IN_CREATE | IN_MOVED_TO) != 0, !name.hasPrefix(".") { addTree(path) }
                return path
            }
            return Self.isScratch(name) ? nil : path
        }

        /// Files editors write beside the one being saved.
        static func isScratch(_ name: String) -> Bool {
            name.hasPrefix(".") || name.hasSuffix("~") || name.hasSuffix(".swp") || name.hasSuffix(".swx")
                || name == "4913" || name.hasPrefix("#")
        }
    }
#endif

extension BookBuild {
    /// The folders and files a change in which is a change of the book
    /// (`galley serve`, `galley build --watch`).
    public var watchedPlaces: (folders: [URL], files: [URL]) {
        let project = project
        let folders = [project.sourceDirectory, projectDirectory.appendingPathComponent("Styles")]
        let files = ["book.toml", "book.json", "SUMMARY.md"].map { project.directory.appendingPathComponent($0) }
        return (folders, files)
    }

    /// The names of the changed files, as a rebuild's log line shows them: three at most.
    public static func changedNames(_ paths: [String]) -> String {
        let names = paths.map { ($0 as NSString).lastPathComponent }
        return names.prefix(3).joined(separator: ", ") + (names.count > 3 ? ", …" : "")
    }
}
