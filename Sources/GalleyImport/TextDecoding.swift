import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// The encodings `galley import` reads.
public enum ImportEncoding: String, Sendable, CaseIterable {
    /// UTF-8 (a BOM is dropped), UTF-16 with a BOM, else GB18030.
    case auto
    case utf8 = "utf-8"
    case utf16 = "utf-16"
    case gb18030
    case gbk

    /// Accepts the usual spellings (`UTF8`, `gb2312`, `GB-18030`).
    public init?(name: String) {
        let key = name.lowercased().replacingOccurrences(of: "-", with: "").replacingOccurrences(of: "_", with: "")
        switch key {
        case "auto": self = .auto
        case "utf8": self = .utf8
        case "utf16": self = .utf16
        case "gb18030": self = .gb18030
        case "gbk", "gb2312", "cp936": self = .gbk
        default: return nil
        }
    }
}

/// Bytes that are not text in the encoding asked for.
public struct ImportDecodingError: Error, Equatable, Sendable, CustomStringConvertible {
    public var encoding: String
    /// Offset of the first byte that could not be decoded.
    public var byteOffset: Int
    public var description: String {
        "invalid \(encoding) byte sequence at byte offset \(byteOffset)"
    }
}

/// Decodes extracted text. Never replaces bad bytes: a byte that is not
/// text is an error that names its offset, so nothing is silently lost.
public enum TextDecoding {
    /// The decoded text and the name of the encoding that was used.
    public static func decode(_ bytes: [UInt8], as encoding: ImportEncoding = .auto)
        throws -> (text: String, encoding: String)
    {
        switch encoding {
        case .utf8:
            let body = bytes.starts(with: [0xEF, 0xBB, 0xBF]) ? Array(bytes.dropFirst(3)) : bytes
            return (try convert(body, from: "UTF-8", offsetBase: bytes.count - body.count), "UTF-8")
        case .utf16:
            if bytes.starts(with: [0xFF, 0xFE]) {
                return (try convert(Array(bytes.dropFirst(2)), from: "UTF-16LE", offsetBase: 2), "UTF-16LE")
            }
            if bytes.starts(with: [0xFE, 0xFF]) {
                return (try convert(Array(bytes.dropFirst(2)), from: "UTF-16BE", offsetBase: 2), "UTF-16BE")
            }
            // Without a BOM the byte order is a guess; UTF-16 text in the wild is little-endian.
            return (try convert(bytes, from: "UTF-16LE", offsetBase: 0), "UTF-16LE")
        case .gb18030:
            return (try convert(bytes, from: "GB18030", offsetBase: 0), "GB18030")
        case .gbk:
            return (try convert(bytes, from: "GBK", offsetBase: 0), "GBK")
        case .auto:
            if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { return try decode(bytes, as: .utf8) }
            if bytes.starts(with: [0xFF, 0xFE]) || bytes.starts(with: [0xFE, 0xFF]) {
                return try decode(bytes, as: .utf16)
            }
            do {
                return try decode(bytes, as: .utf8)
            } catch let utf8Error as ImportDecodingError {
                // GB18030 is a superset of GBK and GB2312: one attempt covers all three.
                do {
                    return try decode(bytes, as: .gb18030)
                } catch let gbError as ImportDecodingError {
                    throw ImportDecodingError(
                        encoding: "UTF-8 or GB18030",
                        byteOffset: max(utf8Error.byteOffset, gbError.byteOffset))
                }
            }
        }
    }

    /// Runs glibc iconv (swift-corelibs-foundation has no GB18030 `String.Encoding`
    /// and does not expose `CFStringConvertEncodingToNSStringEncoding`),
    /// stopping at the first invalid or truncated sequence.
    static func convert(_ input: [UInt8], from encoding: String, offsetBase: Int) throws -> String {
        guard let converter = iconv_open("UTF-8", encoding), converter != iconv_t(bitPattern: -1) else {
            throw ImportDecodingError(encoding: encoding + " (not supported by iconv)", byteOffset: offsetBase)
        }
        defer { iconv_close(converter) }
        if input.isEmpty { return "" }
        var output = [UInt8](repeating: 0, count: input.count * 4 + 16)
        // (bytes written, offset of the first bad input byte if any)
        let (written, failure): (Int, Int?) = input.withUnsafeBufferPointer { source in
            output.withUnsafeMutableBufferPointer { target in
                let inBase = UnsafeMutableRawPointer(mutating: source.baseAddress!).assumingMemoryBound(to: CChar.self)
                let outBase = UnsafeMutableRawPointer(target.baseAddress!).assumingMemoryBound(to: CChar.self)
                var inPointer: UnsafeMutablePointer<CChar>? = inBase
                var inLeft = source.count
                var outPointer: UnsafeMutablePointer<CChar>? = outBase
                var outLeft = target.count
                let result = iconv(converter, &inPointer, &inLeft, &outPointer, &outLeft)
                return (target.count - outLeft, result == -1 ? source.count - inLeft : nil)
            }
        }
        if let failure {
            throw ImportDecodingError(encoding: encoding, byteOffset: offsetBase + failure)
        }
        return String(decoding: output[0..<written], as: UTF8.self)
    }
}
