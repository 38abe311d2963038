import CLibZip
import Foundation
import GalleyCore

/// Owns a libzip archive being written, in memory, and discards it unless
/// `commit()` ran.
///
/// Every entry gets the same DOS time and Unix attributes, and entries keep
/// the order they were added in, so the same inputs give the same bytes
/// (EPUB 3.3 §4.2: `mimetype` first, stored, no extra field).
public final class OCFArchiveWriter {
    public enum Compression: Sendable { case stored, deflated }

    private var archive: OpaquePointer?
    /// The in-memory zip source the archive is written into.
    private let source: OpaquePointer
    private let path = "book.epub"
    private let dosTime: (time: UInt16, date: UInt16)

    /// The zip of `entries`, in their order (`mimetype` stored, the rest deflated).
    public static func archive(_ entries: [(name: String, bytes: [UInt8])], modificationDate: Date) throws -> [UInt8] {
        let archive = try OCFArchiveWriter(modificationDate: modificationDate)
        for entry in entries {
            try archive.add(entry.name, entry.bytes, compression: entry.name == "mimetype" ? .stored : .deflated)
        }
        return try archive.commit()
    }

    /// Starts an empty archive in memory; entries get `modificationDate`.
    public init(modificationDate: Date) throws {
        dosTime = Self.dosTime(for: modificationDate)
        var error = zip_error_t()
        zip_error_init(&error)
        defer { zip_error_fini(&error) }
        guard let source = zip_source_buffer_create(nil, 0, 0, &error) else {
            throw Self.failure(
                "cannot create an archive in memory: \(String(cString: zip_error_strerror(&error)))",
                path: path)
        }
        self.source = source
        // The source outlives the archive: closing the archive writes into it.
        zip_source_keep(source)
        archive = zip_open_from_source(source, ZIP_TRUNCATE, &error)
        guard archive != nil else {
            zip_source_free(source)
            throw Self.failure(
                "cannot create an archive in memory: \(String(cString: zip_error_strerror(&error)))",
                path: path)
        }
    }

    deinit {
        if let archive { zip_discard(archive) }
        zip_source_free(source)
    }

    /// Adds one entry. libzip takes its own copy of `bytes`.
    public func add(_ name: String, _ bytes: [UInt8], compression: Compression) throws {
        guard let archive else { throw Self.failure("archive already closed", path: path) }
        let buffer = malloc(max(bytes.count, 1))!
        bytes.withUnsafeBytes { raw in
            if let base = raw.baseAddress { buffer.copyMemory(from: base, byteCount: bytes.count) }
        }
        guard let source = zip_source_buffer(archive, buffer, zip_uint64_t(bytes.count), 1) else {
            free(buffer)
            throw lastError("cannot add \(name)")
        }
        let index = zip_file_add(archive, name, source, zip_flags_t(ZIP_FL_ENC_UTF_8))
        guard index >= 0 else {
            zip_source_free(source)
            throw lastError("cannot add \(name)")
        }
        let entry = zip_uint64_t(index)
        let method: Int32 = compression == .stored ? ZIP_CM_STORE : ZIP_CM_DEFLATE
        try check(zip_set_file_compression(archive, entry, method, compression == .stored ? 0 : 6), name)
        // Fixed time and attributes: libzip would otherwise stamp "now".
        try check(zip_file_set_dostime(archive, entry, dosTime.time, dosTime.date, 0), name)
        try check(zip_file_set_external_attributes(archive, entry, 0, UInt8(ZIP_OPSYS_UNIX), 0o100644 << 16), name)
    }

    /// Finishes the archive and returns its bytes. After this the writer holds nothing.
    public func commit() throws -> [UInt8] {
        guard let archive else { throw Self.failure("archive already closed", path: path) }
        if zip_close(archive) != 0 {
            let error = lastError("cannot write")
            zip_discard(archive)
            self.archive = nil
            throw error
        }
        self.archive = nil
        var stat = zip_stat_t()
        zip_stat_init(&stat)
        guard zip_source_stat(source, &stat) == 0, zip_source_open(source) == 0 else {
            throw Self.failure("cannot read the archive back from memory", path: path)
        }
        defer { zip_source_close(source) }
        var bytes = [UInt8](repeating: 0, count: Int(stat.size))
        var offset = 0
        while offset < bytes.count {
            let read = bytes.withUnsafeMutableBytes { buffer in
                zip_source_read(source, buffer.baseAddress! + offset, zip_uint64_t(buffer.count - offset))
            }
            guard read > 0 else { throw Self.failure("cannot read the archive back from memory", path: path) }
            offset += Int(read)
        }
        return bytes
    }

    private func check(_ status: Int32, _ name: String) throws {
        if status != 0 { throw lastError("cannot set up \(name)") }
    }

    private func lastError(_ what: String) -> DiagnosticsError {
        let message = archive.map { String(cString: zip_strerror($0)) } ?? "unknown libzip error"
        return Self.failure("\(what): \(message)", path: path)
    }

    private static func failure(_ message: String, path: String) -> DiagnosticsError {
        DiagnosticsError([Diagnostic(EPUBCode.zip, message, at: SourceLocation(file: path))])
    }

    /// MS-DOS date and time of `date` in UTC (not local time, unlike
    /// `zip_file_set_mtime`), clamped to the years DOS can hold.
    static func dosTime(for date: Date) -> (time: UInt16, date: UInt16) {
        var seconds = time_t(date.timeIntervalSince1970.rounded(.down))
        var parts = tm()
        gmtime_r(&seconds, &parts)
        let year = Int(parts.tm_year) + 1900
        if year < 1980 { return (0, UInt16((1 << 5) | 1)) }
        let clampedYear = min(year, 2107)
        let time = (Int(parts.tm_hour) << 11) | (Int(parts.tm_min) << 5) | (Int(parts.tm_sec) / 2)
        let day = ((clampedYear - 1980) << 9) | ((Int(parts.tm_mon) + 1) << 5) | Int(parts.tm_mday)
        return (UInt16(time), UInt16(day))
    }
}
