import Foundation
import GalleyCore

/// Chapters already read, by file and content, kept in memory between the
/// builds of one process (`galley serve`, `galley build --watch`): a chapter
/// whose bytes did not change is not decoded, parsed or converted again.
/// The book-wide transforms still run over the whole book, so the result is
/// the same as a cold read's.
///
/// A chapter's read also depends on the images it names (it checks that they
/// exist): whoever watches the files calls `removeAll()` when anything but a
/// chapter changes. Safe to share between threads.
public final class ChapterCache: @unchecked Sendable {
    struct Key: Hashable {
        var path: String
        var listedAt: SourceLocation
        var listedTitle: String?
        var depth: Int
    }

    /// One chapter as read: the division and what reading it reported.
    struct Read {
        var division: Division?
        var diagnostics: [Diagnostic]
        var idLines: [String: [String: [Int]]]
    }

    private struct Entry {
        var digest: Int
        var bytes: [UInt8]
        var read: Read
    }

    private let lock = NSLock()
    private var entries: [Key: Entry] = [:]
    private var used: Set<Key> = []
    private var reread: [String] = []
    private var chapterCount = 0

    public init() {}

    /// The chapters (paths relative to the source folder) the last book read
    /// had to read again, in book order, and how many chapters the book has.
    public var lastRead: (reread: [String], chapters: Int) {
        lock.withLock { (reread, chapterCount) }
    }

    /// Forgets every chapter: the next read reads them all.
    public func removeAll() { lock.withLock { entries.removeAll() } }

    func beginBook() {
        lock.withLock {
            used.removeAll()
            reread.removeAll()
            chapterCount = 0
        }
    }

    /// Keeps only the chapters the book just read still has; `order` puts
    /// the re-read ones in book order.
    func endBook(order: [String]) {
        lock.withLock {
            entries = entries.filter { used.contains($0.key) }
            let position = Dictionary(order.enumerated().map { ($0.element, $0.offset) }) { first, _ in first }
            reread.sort { (position[$0] ?? 0) < (position[$1] ?? 0) }
        }
    }

    static func same(_ a: [UInt8], _ b: [UInt8]) -> Bool {
        a.count == b.count
            && a.withUnsafeBytes { a in b.withUnsafeBytes { b in memcmp(a.baseAddress!, b.baseAddress!, a.count) == 0 }
            }
    }

    /// The cached read of `key` when its bytes are `bytes`, else `read()`'s
    /// result, kept for next time.
    func read(_ key: Key, bytes: [UInt8], _ read: () -> Read) -> Read {
        // Hashed and compared as raw memory: element by element is ten times slower.
        var hasher = Hasher()
        bytes.withUnsafeBytes { hasher.combine(bytes: $0) }
        let digest = hasher.finalize()
        let cached: Read? = lock.withLock {
            used.insert(key)
            chapterCount += 1
            guard let entry = entries[key], entry.digest == digest, Self.same(entry.bytes, bytes) else { return nil }
            return entry.read
        }
        if let cached { return cached }
        let fresh = read()
        lock.withLock {
            entries[key] = Entry(digest: digest, bytes: bytes, read: fresh)
            reread.append(key.path)
        }
        return fresh
    }
}
