import Foundation

#if canImport(Darwin)
    import Darwin
    private let systemRead = Darwin.read
#elseif canImport(Glibc)
    import Glibc
    private let systemRead = Glibc.read
#endif

/// The one gate through which the reader reaches a book's files (chapters,
/// images, the cover, the `contents` list). A book is untrusted input: a
/// path is accepted only when it is relative, stays inside `Source/` when
/// read as written, and its real path (every symbolic link resolved) lies
/// inside `Source/` too; only regular files are opened, and they are
/// checked before they are opened, since opening a FIFO blocks.
struct ProjectFiles: Sendable {
    /// A path that passed every check.
    struct File: Hashable, Sendable {
        /// Relative to `Source/`, `.` and `x/..` steps removed (`a/../ch.md` → `ch.md`).
        var relativePath: String
        /// Absolute, symbolic links resolved: the file actually opened.
        var realPath: String
    }

    /// Why a path was refused; `message(_:)` words it.
    enum Refusal: Error, Equatable {
        case absolute
        case url(scheme: String)
        case leavesSource
        case linkLeavesSource
        case missing
        case notRegularFile(kind: String)
        case unreadable(reason: String)
        /// Larger than Galley reads for a file of its kind (bytes).
        case tooLarge(limit: Int)
    }

    /// The most Galley reads of a text file it holds whole: a chapter, an
    /// included file (a 10 MB paragraph is a valid book; a file of gigabytes
    /// would exhaust memory).
    static let maximumTextSize = 32 << 20
    /// The most of a file that only configures the book (`book.yaml`, a
    /// contents file, `SUMMARY.md`, `book.toml`, `book.json`).
    static let maximumConfigSize = 4 << 20

    /// Which kind of file was refused: one named in book.yaml, an image, the cover.
    enum RefusedFile { case listed, image, cover }

    /// The code for a refusal of a `file` (`bookyaml.missing-file`, `markdown.image-missing-file`, …).
    static func code(_ refusal: Refusal, of file: RefusedFile) -> MarkdownCode {
        switch (refusal, file) {
        case (.missing, .listed): .bookyamlMissingFile
        case (.missing, .image): .imageMissingFile
        case (.missing, .cover): .bookyamlCoverMissingFile
        case (.notRegularFile, .listed): .bookyamlNotAFile
        case (.notRegularFile, .image): .imageNotAFile
        case (.notRegularFile, .cover): .bookyamlCoverNotAFile
        case (.unreadable, .listed): .bookyamlUnreadableFile
        case (.unreadable, .image): .imageUnreadableFile
        case (.unreadable, .cover): .bookyamlCoverUnreadableFile
        case (.tooLarge, _): .fileTooLarge
        case (.absolute, .listed), (.url, .listed), (.leavesSource, .listed), (.linkLeavesSource, .listed):
            .bookyamlOutsideSource
        case (.absolute, .image), (.url, .image), (.leavesSource, .image), (.linkLeavesSource, .image):
            .imageOutsideSource
        case (.absolute, .cover), (.url, .cover), (.leavesSource, .cover), (.linkLeavesSource, .cover):
            .bookyamlCoverOutsideSource
        }
    }

    /// The cover's code for an image code `checkImage` gave (`markdown.image-type` → `bookyaml.cover-type`).
    static func coverCode(forImage code: String) -> MarkdownCode {
        guard let image = MarkdownCode(rawValue: code) else { return .bookyamlCoverType }
        switch image {
        case .imageMissingFile: return .bookyamlCoverMissingFile
        case .imageNotAFile: return .bookyamlCoverNotAFile
        case .imageUnreadableFile: return .bookyamlCoverUnreadableFile
        case .imageOutsideSource: return .bookyamlCoverOutsideSource
        case .imageType: return .bookyamlCoverType
        case .imageUrl: return .bookyamlCoverUrl
        default: return image
        }
    }

    /// `Source/`: the folder holding `book.yaml`.
    let root: URL
    /// `root`'s real path, or nil when it cannot be resolved (then nothing is let through).
    let realRoot: String?

    init(sourceDirectory: URL) {
        root = sourceDirectory.standardizedFileURL
        realRoot = Self.realPath(of: root.path)
    }

    /// Checks `written` (relative to the folder `folder`, itself relative to
    /// `Source/`) without opening anything.
    func locate(_ written: String, from folder: String = "") -> Result<File, Refusal> {
        if written.hasPrefix("/") || written.hasPrefix("\\") { return .failure(.absolute) }
        if let scheme = Self.urlScheme(written) { return .failure(.url(scheme: scheme)) }
        guard let relative = Self.normalized(folder.isEmpty ? written : folder + "/" + written) else {
            return .failure(.leavesSource)
        }
        guard let realRoot else { return .failure(.missing) }
        let joined = relative.isEmpty ? root.path : root.path + "/" + relative
        guard let real = Self.realPath(of: joined) else { return .failure(.missing) }
        guard real == realRoot || real.hasPrefix(realRoot == "/" ? "/" : realRoot + "/") else {
            return .failure(.linkLeavesSource)
        }
        if let kind = Self.nonRegularKind(real) { return .failure(.notRegularFile(kind: kind)) }
        return .success(File(relativePath: relative, realPath: real))
    }

    /// The bytes of a located file, or `.tooLarge` when it has more than
    /// `maximum` (nothing past `maximum + 1` bytes is read).
    func read(_ file: File, atMost maximum: Int) -> Result<[UInt8], Refusal> {
        read(file, limit: maximum + 1).flatMap {
            $0.count > maximum ? .failure(.tooLarge(limit: maximum)) : .success($0)
        }
    }

    /// The bytes of a located file, at most `limit` of them. Opened without
    /// blocking and without following a link, then checked again to be a
    /// regular file, so a file swapped after `locate` is not read either.
    func read(_ file: File, limit: Int = Int.max) -> Result<[UInt8], Refusal> {
        let descriptor = open(file.realPath, O_RDONLY | O_NONBLOCK | O_NOFOLLOW | O_CLOEXEC)
        guard descriptor >= 0 else { return .failure(.unreadable(reason: Self.errorText(errno))) }
        defer { close(descriptor) }
        var status = stat()
        guard fstat(descriptor, &status) == 0 else { return .failure(.unreadable(reason: Self.errorText(errno))) }
        if let kind = Self.kind(of: status.st_mode) { return .failure(.notRegularFile(kind: kind)) }
        // The size the file claims, and one byte more to see it did not grow,
        // read straight into the array; a file that grew goes on in chunks.
        let claimed = min(max(Int(status.st_size), 0) + 1, limit)
        var failure: Int32 = 0
        var bytes = [UInt8](unsafeUninitializedCapacity: claimed) { buffer, initialized in
            while initialized < claimed {
                let count = systemRead(descriptor, buffer.baseAddress! + initialized, claimed - initialized)
                if count < 0 && errno == EINTR { continue }
                if count < 0 { failure = errno }
                if count <= 0 { break }
                initialized += count
            }
        }
        if failure != 0 { return .failure(.unreadable(reason: Self.errorText(failure))) }
        guard bytes.count == claimed else { return .success(bytes) }
        var chunk = [UInt8](repeating: 0, count: 65_536)
        while bytes.count < limit {
            let want = min(chunk.count, limit - bytes.count)
            let count = chunk.withUnsafeMutableBytes { systemRead(descriptor, $0.baseAddress, want) }
            if count < 0 {
                if errno == EINTR { continue }
                return .failure(.unreadable(reason: Self.errorText(errno)))
            }
            if count == 0 { break }
            bytes.append(contentsOf: chunk[0..<count])
        }
        return .success(bytes)
    }

    /// One line for a refused path; `what` names it (``the chapter `x.md` ``).
    static func message(_ refusal: Refusal, what: String) -> String {
        switch refusal {
        case .absolute:
            return "\(what) is an absolute path; paths are relative and stay inside Source/"
        case .url(let scheme):
            return "\(what) is a `\(scheme):` URL; Galley never fetches files, so put the file in Source/ "
                + "and refer to it by a relative path"
        case .leavesSource:
            return "\(what) leaves Source/; paths are relative and stay inside Source/"
        case .linkLeavesSource:
            return "\(what) leads through a symbolic link to a file outside Source/, which Galley does not read"
        case .missing:
            return "\(what) does not exist"
        case .notRegularFile(let kind):
            return "\(what) is not a regular file (it is \(kind))"
        case .unreadable(let reason):
            return "\(what) cannot be read: \(reason)"
        case .tooLarge(let limit):
            return "\(what) is larger than \(limit >> 20) MB, the most Galley reads of such a file"
        }
    }

    /// `a/./b/../c` → `a/c`; nil when a `..` climbs above the start.
    static func normalized(_ path: String) -> String? {
        var parts: [Substring] = []
        for part in path.split(separator: "/", omittingEmptySubsequences: true) {
            switch part {
            case ".": continue
            case "..":
                guard !parts.isEmpty else { return nil }
                parts.removeLast()
            default: parts.append(part)
            }
        }
        return parts.joined(separator: "/")
    }

    /// The scheme of `text` when it is a URL (`https`, `file`, `data`…), else nil.
    static func urlScheme(_ text: String) -> String? {
        guard let colon = text.firstIndex(of: ":") else { return nil }
        let scheme = text[..<colon]
        guard let first = scheme.first, first.isASCII, first.isLetter,
            scheme.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || "+-.".contains($0)) })
        else {
            return nil
        }
        return scheme.lowercased()
    }

    /// Everything before the last `/` of a relative path (empty for a bare name).
    static func folder(of path: String) -> String {
        guard let slash = path.lastIndex(of: "/") else { return "" }
        return String(path[..<slash])
    }

    /// What follows the last `.` of the last component, or empty.
    static func pathExtension(of path: String) -> String {
        let name = path.split(separator: "/").last.map(String.init) ?? path
        guard let dot = name.lastIndex(of: "."), dot != name.startIndex else { return "" }
        return String(name[name.index(after: dot)...])
    }

    static func realPath(of path: String) -> String? {
        guard let resolved = realpath(path, nil) else { return nil }
        defer { free(resolved) }
        return String(cString: resolved)
    }

    /// What the file at `path` is when it is not a regular file (`lstat`: nothing is opened).
    static func nonRegularKind(_ path: String) -> String? {
        var status = stat()
        guard lstat(path, &status) == 0 else { return nil }
        return kind(of: status.st_mode)
    }

    static func kind(of mode: mode_t) -> String? {
        switch mode & S_IFMT {
        case S_IFREG: return nil
        case S_IFDIR: return "a folder"
        case S_IFIFO: return "a named pipe (FIFO)"
        case S_IFCHR: return "a character device"
        case S_IFBLK: return "a block device"
        case S_IFSOCK: return "a socket"
        case S_IFLNK: return "a symbolic link"
        default: return "not a file"
        }
    }

    static func errorText(_ number: Int32) -> String {
        String(cString: strerror(number)).lowercased()
    }
}
