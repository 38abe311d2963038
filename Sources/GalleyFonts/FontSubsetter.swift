import CFontconfig
import CHarfBuzz

/// Font subsetting with HarfBuzz's subsetter, and system fonts found through
/// fontconfig. The book's characters in, a font holding just those out.
public enum FontSubsetter {
    /// A subset font and the characters the book uses that the font does not have.
    public struct Subset: Sendable {
        public var bytes: [UInt8]
        public var missing: [Unicode.Scalar]
    }

    /// The face `index` of `font` (a collection's face; 0 for a single font) cut down to
    /// `characters`, with every OpenType layout feature kept (vertical forms, `halt`,
    /// `chws`: what CJK text spacing needs) and the hinting dropped. Nil when the bytes
    /// are not a font HarfBuzz can read or subset.
    public static func subset(_ font: [UInt8], faceIndex: Int, keeping characters: Set<Unicode.Scalar>) -> Subset? {
        withFace(font, faceIndex) { face -> Subset? in
            guard let face, hb_face_get_glyph_count(face) > 0 else { return nil }
            let available = hb_set_create()
            defer { hb_set_destroy(available) }
            hb_face_collect_unicodes(face, available)

            guard let input = hb_subset_input_create_or_fail() else { return nil }
            defer { hb_subset_input_destroy(input) }
            let unicodes = hb_subset_input_unicode_set(input)
            var missing: [Unicode.Scalar] = []
            for scalar in characters.sorted(by: { $0.value < $1.value }) {
                if hb_set_has(available, scalar.value) != 0 {
                    hb_set_add(unicodes, scalar.value)
                } else if !scalar.properties.isWhitespace && !scalar.properties.isVariationSelector
                    && scalar.properties.generalCategory != .control
                    && scalar.properties.generalCategory != .format
                {
                    missing.append(scalar)
                }
            }
            // Every layout feature: the empty set inverted.
            let features = hb_subset_input_set(input, HB_SUBSET_SETS_LAYOUT_FEATURE_TAG)
            hb_set_clear(features)
            hb_set_invert(features)
            hb_subset_input_set_flags(input, HB_SUBSET_FLAGS_NO_HINTING.rawValue)
            guard let subset = hb_subset_or_fail(face, input) else { return nil }
            defer { hb_face_destroy(subset) }
            let result = hb_face_reference_blob(subset)
            defer { hb_blob_destroy(result) }
            var length: UInt32 = 0
            guard let data = hb_blob_get_data(result, &length), length > 0 else { return nil }
            let bytes = data.withMemoryRebound(to: UInt8.self, capacity: Int(length)) {
                Array(UnsafeBufferPointer(start: $0, count: Int(length)))
            }
            return Subset(bytes: bytes, missing: missing)
        }
    }

    /// The characters a font's face maps (its cmap), read back with HarfBuzz.
    public static func characters(of font: [UInt8], faceIndex: Int = 0) -> Set<Unicode.Scalar> {
        withFace(font, faceIndex) { face in
            guard let face else { return [] }
            let set = hb_set_create()
            defer { hb_set_destroy(set) }
            hb_face_collect_unicodes(face, set)
            var result: Set<Unicode.Scalar> = []
            var codepoint = hb_codepoint_t.max   // HB_SET_VALUE_INVALID: start before the first
            while hb_set_next(set, &codepoint) != 0 {
                if let scalar = Unicode.Scalar(codepoint) { result.insert(scalar) }
            }
            return result
        }
    }

    /// The face `index` of `font` for the length of `body`, read in place (nil for no bytes).
    private static func withFace<T>(_ font: [UInt8], _ index: Int, _ body: (OpaquePointer?) -> T) -> T {
        font.withUnsafeBufferPointer { buffer in
            guard let base = buffer.baseAddress, !buffer.isEmpty else { return body(nil) }
            let blob = base.withMemoryRebound(to: CChar.self, capacity: buffer.count) {
                hb_blob_create($0, UInt32(buffer.count), HB_MEMORY_MODE_READONLY, nil, nil)
            }
            defer { hb_blob_destroy(blob) }
            let face = hb_face_create(blob, UInt32(index))
            defer { hb_face_destroy(face) }
            return body(face)
        }
    }

    /// The file and face index fontconfig gives for a family name (`Noto Serif CJK SC`),
    /// only when the family it found is the one asked for: no silent substitute.
    public static func systemFont(family: String) -> (path: String, faceIndex: Int)? {
        guard FcInit() != 0, let pattern = FcPatternCreate() else { return nil }
        defer { FcPatternDestroy(pattern) }
        _ = family.withCString { name in
            name.withMemoryRebound(to: FcChar8.self, capacity: family.utf8.count + 1) {
                FcPatternAddString(pattern, FC_FAMILY, $0)
            }
        }
        FcConfigSubstitute(nil, pattern, FcMatchPattern)
        FcDefaultSubstitute(pattern)
        var result = FcResultNoMatch
        guard let match = FcFontMatch(nil, pattern, &result) else { return nil }
        defer { FcPatternDestroy(match) }
        var found = false
        var n: Int32 = 0
        var value: UnsafeMutablePointer<FcChar8>?
        while FcPatternGetString(match, FC_FAMILY, n, &value) == FcResultMatch, let value {
            if String(cString: value).lowercased() == family.lowercased() { found = true }
            n += 1
        }
        guard found, FcPatternGetString(match, FC_FILE, 0, &value) == FcResultMatch, let value else { return nil }
        var index: Int32 = 0
        _ = FcPatternGetInteger(match, FC_INDEX, 0, &index)
        return (String(cString: value), Int(index))
    }
}
