import Foundation

/// The one way Galley opens a file a book refers to. A book is untrusted
/// input: a path is resolved with every symlink followed, and only a
/// regular file whose real path lies inside the project folder is read.
/// Anything else is a diagnostic, and the file is never opened (a FIFO
/// would block, a device never end).
public struct ProjectFolder: ResourceLoader {
    /// The project folder, symlinks resolved.
    public let root: String
    /// The folder relative paths are read from (the project's `Source/`).
    public let base: URL
    /// How messages name `base` (`Source`).
    public let displayBase: String

    public init(root: URL, base: URL, displayBase: String = "Source") {
        self.root = Self.realPath(root.path) ?? root.standardizedFileURL.path
        self.base = base
        self.displayBase = displayBase
    }

    /// The real path of `path` (relative to `base`), or why it may not be read.
    public func resolve(_ path: String) -> Result<String, Diagnostic> {
        let place = SourceLocation(file: displayBase.isEmpty ? path : "\(displayBase)/\(path)")
        let absolute = path.hasPrefix("/") ? path : base.appendingPathComponent(path).path
        guard let real = Self.realPath(absolute) else {
            return .failure(Diagnostic(CoreCode.projectMissingFile, "`\(path)` does not exist", at: place))
        }
        guard Self.isInside(real, root) else {
            return .failure(
                Diagnostic(
                    CoreCode.projectOutside,
                    "`\(path)` lies outside the project folder (its real path is \(real)); it is not read", at: place))
        }
        var status = stat()
        guard stat(real, &status) == 0 else {
            return .failure(Diagnostic(CoreCode.projectUnreadable, "`\(path)` cannot be read", at: place))
        }
        guard status.st_mode & S_IFMT == S_IFREG else {
            return .failure(
                Diagnostic(
                    CoreCode.projectNotRegularFile,
                    "`\(path)` is not a regular file (a folder, a device or a pipe)", at: place))
        }
        return .success(real)
    }

    public func load(_ path: String) -> Result<[UInt8], Diagnostic> {
        resolve(path).flatMap { real in
            guard let data = FileManager.default.contents(atPath: real) else {
                return .failure(
                    Diagnostic(
                        CoreCode.projectUnreadable, "`\(path)` cannot be read",
                        at: SourceLocation(file: "\(displayBase)/\(path)")))
            }
            return .success([UInt8](data))
        }
    }

    /// `realpath(3)`: the absolute path with `.`, `..` and symlinks resolved,
    /// or nil when it does not exist.
    public static func realPath(_ path: String) -> String? {
        guard let resolved = realpath(path, nil) else { return nil }
        defer { free(resolved) }
        return String(cString: resolved)
    }

    /// True when `path` is `folder` or lies below it (both real paths).
    public static func isInside(_ path: String, _ folder: String) -> Bool {
        if folder == "/" { return true }
        return path == folder || path.hasPrefix(folder.hasSuffix("/") ? folder : folder + "/")
    }
}
