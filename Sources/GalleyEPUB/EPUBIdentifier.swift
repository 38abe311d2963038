import Foundation
import GalleyCore

/// The package's `dc:identifier`: stable across builds, never random.
enum EPUBIdentifier {
    /// The explicit identifier (it wins over `isbn`, as the README says),
    /// else `urn:isbn:` from the ISBN, else a name-based (version 5) UUID of
    /// the title and creators.
    static func identifier(for metadata: Metadata) -> String {
        if let explicit = metadata.identifier?.trimmingCharacters(in: .whitespaces), !explicit.isEmpty {
            return explicit
        }
        if let isbn = metadata.isbn {
            let compact = isbn.filter { $0.isASCII && ($0.isNumber || $0 == "X" || $0 == "x") }
            if compact.count == 10 || compact.count == 13 { return "urn:isbn:\(compact.uppercased())" }
        }
        let name = ([metadata.title] + metadata.creators.map(\.name)).joined(separator: "\n")
        return "urn:uuid:\(uuidVersion5(namespace: urlNamespace, name: "galley:" + name))"
    }

    /// The ONIX code list 5 identifier type when the identifier is an ISBN.
    static func isISBN(_ identifier: String) -> Bool { identifier.hasPrefix("urn:isbn:") }

    /// RFC 4122 NameSpace_URL.
    static let urlNamespace: [UInt8] = [
        0x6b, 0xa7, 0xb8, 0x11, 0x9d, 0xad, 0x11, 0xd1,
        0x80, 0xb4, 0x00, 0xc0, 0x4f, 0xd4, 0x30, 0xc8,
    ]

    /// RFC 4122 §4.3 name-based UUID with SHA-1, in lowercase canonical form.
    static func uuidVersion5(namespace: [UInt8], name: String) -> String {
        var hash = SHA1.digest(namespace + Array(name.utf8))
        hash[6] = (hash[6] & 0x0F) | 0x50
        hash[8] = (hash[8] & 0x3F) | 0x80
        let hex = hash.prefix(16).map { byte in
            let digits = Array("0123456789abcdef")
            return String([digits[Int(byte >> 4)], digits[Int(byte & 0xF)]])
        }
        return [hex[0..<4], hex[4..<6], hex[6..<8], hex[8..<10], hex[10..<16]]
            .map { $0.joined() }.joined(separator: "-")
    }
}

/// FIPS 180-4 SHA-1, only for name-based UUIDs (Foundation on Linux has none).
enum SHA1 {
    static func digest(_ message: [UInt8]) -> [UInt8] {
        var h: [UInt32] = [0x67452301, 0xEFCDAB89, 0x98BADCFE, 0x10325476, 0xC3D2E1F0]
        var padded = message
        padded.append(0x80)
        while padded.count % 64 != 56 { padded.append(0) }
        let bitLength = UInt64(message.count) * 8
        for shift in stride(from: 56, through: 0, by: -8) {
            padded.append(UInt8(truncatingIfNeeded: bitLength >> UInt64(shift)))
        }
        var w = [UInt32](repeating: 0, count: 80)
        for chunk in stride(from: 0, to: padded.count, by: 64) {
            for i in 0..<16 {
                let j = chunk + i * 4
                w[i] =
                    UInt32(padded[j]) << 24 | UInt32(padded[j + 1]) << 16 | UInt32(padded[j + 2]) << 8
                    | UInt32(padded[j + 3])
            }
            for i in 16..<80 { w[i] = rotate(w[i - 3] ^ w[i - 8] ^ w[i - 14] ^ w[i - 16], 1) }
            var (a, b, c, d, e) = (h[0], h[1], h[2], h[3], h[4])
            for i in 0..<80 {
                let (f, k): (UInt32, UInt32)
                switch i {
                case 0..<20: (f, k) = ((b & c) | (~b & d), 0x5A827999)
                case 20..<40: (f, k) = (b ^ c ^ d, 0x6ED9EBA1)
                case 40..<60: (f, k) = ((b & c) | (b & d) | (c & d), 0x8F1BBCDC)
                default: (f, k) = (b ^ c ^ d, 0xCA62C1D6)
                }
                let temp = rotate(a, 5) &+ f &+ e &+ k &+ w[i]
                (e, d, c, b, a) = (d, c, rotate(b, 30), a, temp)
            }
            h[0] &+= a; h[1] &+= b; h[2] &+= c; h[3] &+= d; h[4] &+= e
        }
        return h.flatMap { word in (0..<4).map { UInt8(truncatingIfNeeded: word >> UInt32(24 - 8 * $0)) } }
    }

    private static func rotate(_ x: UInt32, _ n: UInt32) -> UInt32 { (x << n) | (x >> (32 - n)) }
}
