import CLibZip
import Foundation
import GalleyCore

/// Owns a libzip archive opened for reading; the entries of an EPUB in
/// their stored order.
public final class EPUBArchiveReader {
    private let archive: OpaquePointer
    /// Entry names in the order they are stored.
    public let names: [String]
    private let indexByName: [String: Int]

    /// Opens `url`, or returns nil with the reason.
    public static func open(_ url: URL) -> Result<EPUBArchiveReader, Diagnostic> {
        var error: Int32 = 0
        guard let archive = zip_open(url.path, ZIP_RDONLY | ZIP_CHECKCONS, &error) else {
            var zipError = zip_error_t()
            zip_error_init_with_code(&zipError, error)
            defer { zip_error_fini(&zipError) }
            return .failure(Diagnostic(.error, "epub.not-a-zip",
                                       "not a readable zip file: \(String(cString: zip_error_strerror(&zipError)))",
                                       at: SourceLocation(file: url.path)))
        }
        return .success(EPUBArchiveReader(archive: archive))
    }

    private init(archive: OpaquePointer) {
        self.archive = archive
        let count = max(0, Int(zip_get_num_entries(archive, 0)))
        var names: [String] = []
        for index in 0..<count {
            names.append(zip_get_name(archive, zip_uint64_t(index), zip_flags_t(ZIP_FL_ENC_GUESS)).map { String(cString: $0) } ?? "")
        }
        self.names = names
        indexByName = Dictionary(names.enumerated().map { ($1, $0) }, uniquingKeysWith: { first, _ in first })
    }

    deinit { zip_close(archive) }

    public func contains(_ name: String) -> Bool { indexByName[name] != nil }

    /// The uncompressed bytes of entry `name`, or nil when absent or unreadable.
    public func read(_ name: String) -> [UInt8]? {
        guard let index = indexByName[name] else { return nil }
        var stat = zip_stat_t()
        zip_stat_init(&stat)
        guard zip_stat_index(archive, zip_uint64_t(index), 0, &stat) == 0,
              let file = zip_fopen_index(archive, zip_uint64_t(index), 0) else { return nil }
        defer { zip_fclose(file) }
        var bytes = [UInt8](repeating: 0, count: Int(stat.size))
        var offset = 0
        while offset < bytes.count {
            let read = bytes.withUnsafeMutableBytes { buffer in
                zip_fread(file, buffer.baseAddress! + offset, zip_uint64_t(buffer.count - offset))
            }
            if read <= 0 { return nil }
            offset += Int(read)
        }
        return bytes
    }
}

/// The first local file header of a zip, read from the raw bytes: EPUB
/// requires `mimetype` there, stored, with no extra field (OCF §4.2.4).
public struct ZipFirstEntry: Sendable {
    public var name: String
    public var method: UInt16
    public var extraFieldLength: UInt16
    public var content: [UInt8]

    public static func read(_ url: URL) -> ZipFirstEntry? {
        guard let handle = try? FileHandle(forReadingFrom: url) else { return nil }
        defer { try? handle.close() }
        guard let header = try? handle.read(upToCount: 30), header.count == 30,
              Array(header.prefix(4)) == [0x50, 0x4B, 0x03, 0x04] else { return nil }
        let bytes = [UInt8](header)
        func u16(_ at: Int) -> Int { Int(bytes[at]) | Int(bytes[at + 1]) << 8 }
        func u32(_ at: Int) -> Int { u16(at) | u16(at + 2) << 16 }
        let nameLength = u16(26), extraLength = u16(28)
        let compressedSize = min(u32(18), 4096)
        guard let rest = try? handle.read(upToCount: nameLength + extraLength + compressedSize) else { return nil }
        let tail = [UInt8](rest)
        guard tail.count >= nameLength + extraLength else { return nil }
        return ZipFirstEntry(name: String(decoding: tail.prefix(nameLength), as: UTF8.self),
                             method: UInt16(u16(8)), extraFieldLength: UInt16(extraLength),
                             content: Array(tail.dropFirst(nameLength + extraLength)))
    }
}
