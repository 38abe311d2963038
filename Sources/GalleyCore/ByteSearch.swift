import Foundation

extension StringProtocol {
    /// Whether the text's UTF-8 holds `byte`, found with `memchr` over the
    /// contiguous bytes (`utf8.contains` compares one byte at a time through
    /// the generic `Sequence` path: a few per cent of a book's reading).
    public func containsByte(_ byte: UInt8) -> Bool {
        if let found = utf8.withContiguousStorageIfAvailable({ bytes -> Bool in
            guard let base = bytes.baseAddress, !bytes.isEmpty else { return false }
            return memchr(base, Int32(byte), bytes.count) != nil
        }) {
            return found
        }
        return utf8.contains(byte)
    }
}
