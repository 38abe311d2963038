import Foundation

/// The first local file header of a zip, read from the raw bytes: EPUB
/// requires `mimetype` there, stored, with no extra field (OCF §4.2.4).
/// At most 30 + 65 535 + 65 535 + 4 096 bytes are read, whatever the header claims.
public struct ZipFirstEntry: Sendable {
    public var name: String
    public var method: UInt16
    public var extraFieldLength: UInt16
    /// The first bytes of the entry as stored (at most 4 096).
    public var content: [UInt8]

    static let maximumContent = 4096

    public static func read(_ url: URL) -> ZipFirstEntry? {
        guard let handle = try? FileHandle(forReadingFrom: url) else { return nil }
        defer { try? handle.close() }
        guard let header = try? handle.read(upToCount: 30) else { return nil }
        return parse(header: [UInt8](header)) { count in (try? handle.read(upToCount: count)).map { [UInt8]($0) } }
    }

    /// Parses a 30-byte local file header; `readMore(n)` yields up to n following bytes.
    static func parse(header bytes: [UInt8], readMore: (Int) -> [UInt8]?) -> ZipFirstEntry? {
        guard bytes.count == 30, bytes.prefix(4).elementsEqual([0x50, 0x4B, 0x03, 0x04]) else { return nil }
        func u16(_ at: Int) -> UInt16 { UInt16(bytes[at]) | UInt16(bytes[at + 1]) << 8 }
        func u32(_ at: Int) -> UInt32 { UInt32(u16(at)) | UInt32(u16(at + 2)) << 16 }
        let nameLength = Int(u16(26)), extraLength = Int(u16(28))
        // A claim of up to 4 GB: only the first few bytes are wanted.
        let compressedSize = Int(min(u32(18), UInt32(maximumContent)))
        guard let tail = readMore(nameLength + extraLength + compressedSize),
            tail.count >= nameLength + extraLength
        else { return nil }
        return ZipFirstEntry(
            name: String(decoding: tail.prefix(nameLength), as: UTF8.self),
            method: u16(8), extraFieldLength: u16(28),
            content: Array(tail.dropFirst(nameLength + extraLength)))
    }
}
