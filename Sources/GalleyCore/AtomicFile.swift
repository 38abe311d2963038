import Foundation

/// Writes outputs so that a reader never sees half a file: the bytes go to a
/// temporary file beside the target, which is renamed into place only when
/// complete.
public enum AtomicFile {
    public static func write(_ bytes: [UInt8], to url: URL) throws {
        try write(Data(bytes), to: url)
    }

    public static func write(_ data: Data, to url: URL) throws {
        let directory = url.deletingLastPathComponent()
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let temporary = temporaryURL(for: url)
        do {
            try data.write(to: temporary)
            try replace(url, with: temporary)
        } catch {
            try? FileManager.default.removeItem(at: temporary)
            throw error
        }
    }

    /// A fresh name beside `url` for a file that will replace it.
    public static func temporaryURL(for url: URL) -> URL {
        url.deletingLastPathComponent()
            .appendingPathComponent(".\(url.lastPathComponent).\(UUID().uuidString).tmp")
    }

    /// Renames `temporary` over `url` (atomic on one file system).
    public static func replace(_ url: URL, with temporary: URL) throws {
        if rename(temporary.path, url.path) != 0 {
            throw CocoaError(
                .fileWriteUnknown,
                userInfo: [
                    NSFilePathErrorKey: url.path,
                    NSLocalizedDescriptionKey:
                        "cannot move \(temporary.path) to \(url.path): \(String(cString: strerror(errno)))",
                ])
        }
    }
}
