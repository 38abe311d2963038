/// Decoding one code point at a byte offset of UTF-8, for the scans that
/// walk a text's bytes (the text writer's runs, import's pattern search).
public enum UTF8Decoding {
    /// The code point starting at `index`, and its length in bytes; nil when
    /// `index` is not at a lead byte or the sequence runs past the end.
    @inlinable
    public static func scalar(in bytes: UnsafeBufferPointer<UInt8>, at index: Int) -> (Unicode.Scalar, Int)? {
        let lead = bytes[index]
        let length: Int
        let bits: UInt32
        switch lead {
        case ..<0x80: return (Unicode.Scalar(lead), 1)
        case 0xC0..<0xE0: (length, bits) = (2, UInt32(lead & 0x1F))
        case 0xE0..<0xF0: (length, bits) = (3, UInt32(lead & 0x0F))
        case 0xF0..<0xF8: (length, bits) = (4, UInt32(lead & 0x07))
        default: return nil
        }
        guard index + length <= bytes.count else { return nil }
        var value = bits
        for offset in 1..<length { value = value << 6 | UInt32(bytes[index + offset] & 0x3F) }
        return Unicode.Scalar(value).map { ($0, length) }
    }
}

extension Unicode.Scalar {
    /// A code point that forms a grapheme cluster of its own whatever stands
    /// next to it (UAX #29: none is Extend, SpacingMark, Prepend, a control,
    /// ZWJ, a regional indicator or Hangul), provided its neighbours are such
    /// code points too: ASCII, Latin, the punctuation, Han and kana of
    /// Chinese and Japanese text, circled numbers. A text made only of these
    /// can be walked by code point, skipping grapheme breaking.
    public var standsAlone: Bool {
        switch value {
        case 0x20...0x7E, 0xA0...0x2FF, 0x2010...0x2027, 0x2030...0x205E, 0x2460...0x24FF, 0x3000...0x3029,
            0x3030...0x303F, 0x3041...0x3096, 0x309B...0x30FF, 0x3400...0x4DBF, 0x4E00...0x9FFF, 0xFE30...0xFE4F,
            0xFF01...0xFF9D:
            true
        default:
            false
        }
    }
}
