import CLibDeflate
import Foundation
import GalleyCore

/// Writes an OCF container: a zip of the entries added, in memory.
///
/// Every entry gets the same DOS time and Unix attributes, and entries keep
/// the order they were added in, so the same inputs give the same bytes
/// (EPUB 3.3 §4.2: `mimetype` first, stored, no extra field). The entries
/// are deflated side by side on all cores with libdeflate. No ZIP64: an
/// archive past 4 GiB or 65 535 entries is refused.
public final class OCFArchiveWriter {
    public enum Compression: Sendable { case stored, deflated }

    private struct Entry: Sendable {
        var name: [UInt8]
        var bytes: [UInt8]
        var compression: Compression
    }

    /// An entry ready to be written: its data as stored in the zip.
    private struct Packed: Sendable {
        var method: UInt16
        var crc: UInt32
        var size: Int
        var data: [UInt8]
    }

    private var entries: [Entry] = []
    private var isClosed = false
    private let path = "book.epub"
    private let dosTime: (time: UInt16, date: UInt16)
    /// libdeflate's level 6: about zlib's default size, in half its time.
    static let level: Int32 = 6

    /// The zip of `entries`, in their order (`mimetype` stored, the rest deflated).
    public static func archive(_ entries: [(name: String, bytes: [UInt8])], modificationDate: Date) throws -> [UInt8] {
        let archive = OCFArchiveWriter(modificationDate: modificationDate)
        for entry in entries {
            try archive.add(entry.name, entry.bytes, compression: entry.name == "mimetype" ? .stored : .deflated)
        }
        return try archive.commit()
    }

    /// Starts an empty archive in memory; entries get `modificationDate`.
    public init(modificationDate: Date) {
        dosTime = Self.dosTime(for: modificationDate)
    }

    /// Adds one entry; it is compressed when the archive is committed.
    public func add(_ name: String, _ bytes: [UInt8], compression: Compression) throws {
        guard !isClosed else { throw Self.failure("archive already closed", path: path) }
        guard !name.isEmpty, name.utf8.count <= Int(UInt16.max) else {
            throw Self.failure("cannot add an entry named “\(name)”", path: path)
        }
        guard entries.count < Int(UInt16.max) else { throw Self.failure("more than 65,535 entries", path: path) }
        entries.append(Entry(name: Array(name.utf8), bytes: bytes, compression: compression))
    }

    /// Finishes the archive and returns its bytes. After this the writer holds nothing.
    public func commit() throws -> [UInt8] {
        guard !isClosed else { throw Self.failure("archive already closed", path: path) }
        isClosed = true
        let entries = self.entries
        self.entries = []
        let packed = entries.concurrentMap(Self.pack)
        var archive: [UInt8] = []
        archive.reserveCapacity(packed.reduce(0) { $0 + $1.data.count } + entries.count * 200 + 22)
        var directory: [UInt8] = []
        for (entry, data) in zip(entries, packed) {
            let offset = archive.count
            guard entry.bytes.count <= Int(UInt32.max), offset <= Int(UInt32.max) else {
                throw Self.failure("the archive is larger than 4 GiB", path: path)
            }
            // Bit 11: the name is UTF-8 (set only when it is not ASCII, as zip tools do).
            let flags: UInt16 = entry.name.allSatisfy { $0 < 0x80 } ? 0 : 1 << 11
            let needed: UInt16 = data.method == 8 ? 20 : 10
            var fields = Self.Fields()
            fields.u16(needed); fields.u16(flags); fields.u16(data.method)
            fields.u16(dosTime.time); fields.u16(dosTime.date)
            fields.u32(data.crc); fields.u32(UInt32(data.data.count)); fields.u32(UInt32(data.size))
            fields.u16(UInt16(entry.name.count)); fields.u16(0)   // no extra field
            Self.u32(0x0403_4B50, into: &archive)
            archive += fields.bytes
            archive += entry.name
            archive += data.data
            Self.u32(0x0201_4B50, into: &directory)
            Self.u16(3 << 8 | 20, into: &directory)   // made by: Unix, zip 2.0
            directory += fields.bytes
            Self.u16(0, into: &directory)   // comment
            Self.u16(0, into: &directory)   // disk
            Self.u16(0, into: &directory)   // internal attributes
            Self.u32(0o100644 << 16, into: &directory)   // a regular file, rw-r--r--
            Self.u32(UInt32(offset), into: &directory)
            directory += entry.name
        }
        let directoryOffset = archive.count
        guard directoryOffset + directory.count <= Int(UInt32.max) else {
            throw Self.failure("the archive is larger than 4 GiB", path: path)
        }
        archive += directory
        Self.u32(0x0605_4B50, into: &archive)
        Self.u16(0, into: &archive)   // this disk
        Self.u16(0, into: &archive)   // the directory's disk
        Self.u16(UInt16(entries.count), into: &archive)
        Self.u16(UInt16(entries.count), into: &archive)
        Self.u32(UInt32(directory.count), into: &archive)
        Self.u32(UInt32(directoryOffset), into: &archive)
        Self.u16(0, into: &archive)   // comment
        return archive
    }

    /// The entry's CRC and its data, deflated when asked.
    @Sendable private static func pack(_ entry: Entry) -> Packed {
        let crc = entry.bytes.withUnsafeBytes { UInt32(libdeflate_crc32(0, $0.baseAddress, $0.count)) }
        let stored = Packed(method: 0, crc: crc, size: entry.bytes.count, data: entry.bytes)
        guard entry.compression == .deflated, !entry.bytes.isEmpty,
            let compressor = libdeflate_alloc_compressor(level)
        else { return stored }
        defer { libdeflate_free_compressor(compressor) }
        let bound = libdeflate_deflate_compress_bound(compressor, entry.bytes.count)
        let data = [UInt8](unsafeUninitializedCapacity: bound) { buffer, count in
            count = entry.bytes.withUnsafeBytes {
                libdeflate_deflate_compress(compressor, $0.baseAddress, $0.count, buffer.baseAddress, bound)
            }
        }
        guard !data.isEmpty else { return stored }
        return Packed(method: 8, crc: crc, size: entry.bytes.count, data: data)
    }

    /// The fields a local header and its central directory record share.
    private struct Fields {
        var bytes: [UInt8] = []
        mutating func u16(_ value: UInt16) { OCFArchiveWriter.u16(value, into: &bytes) }
        mutating func u32(_ value: UInt32) { OCFArchiveWriter.u32(value, into: &bytes) }
    }

    private static func u16(_ value: UInt16, into bytes: inout [UInt8]) {
        bytes.append(UInt8(value & 0xFF))
        bytes.append(UInt8(value >> 8))
    }

    private static func u32(_ value: UInt32, into bytes: inout [UInt8]) {
        for shift in stride(from: 0, to: 32, by: 8) { bytes.append(UInt8(truncatingIfNeeded: value >> UInt32(shift))) }
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
