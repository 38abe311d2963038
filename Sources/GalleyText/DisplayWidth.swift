import CGalleyICU

/// How many columns text takes in a monospace terminal or editor, per
/// UAX #11 (East Asian Width), measured per grapheme cluster.
public struct DisplayWidth: Sendable, Hashable {
    /// Count East Asian Ambiguous characters (“ ” ‘ ’ — … · ①) as 2 columns,
    /// as CJK legacy fonts draw them. UAX #11 §5 says narrow unless the
    /// context is reliably East Asian, so 1 is the default.
    public var ambiguousIsWide: Bool

    public init(ambiguousIsWide: Bool = false) {
        self.ambiguousIsWide = ambiguousIsWide
    }

    /// Columns of one code point (0, 1 or 2).
    public func columns(of scalar: Unicode.Scalar) -> Int {
        Int(galley_display_width(scalar.value, ambiguousIsWide ? 1 : 0))
    }

    /// Columns of one grapheme cluster. The cluster takes the width of its
    /// first visible code point; marks, joiners and selectors add nothing.
    /// An emoji sequence (VS16, ZWJ sequence, skin tone, flag) takes 2.
    public func columns(of character: Character) -> Int {
        let scalars = character.unicodeScalars
        var iterator = scalars.makeIterator()
        guard let first = iterator.next() else { return 0 }
        // Most clusters are one code point: answer without looking further.
        if iterator.next() == nil { return columns(of: first) }
        if (0x1F1E6...0x1F1FF).contains(first.value) { return 2 }   // regional indicators: a flag
        if scalars.contains(where: { $0.value == 0xFE0F }), first.properties.isEmoji { return 2 }
        for scalar in scalars {
            let width = columns(of: scalar)
            if width > 0 { return width }
        }
        return 0
    }

    /// Columns of a string: the sum over its grapheme clusters.
    public func columns<S: StringProtocol>(of text: S) -> Int {
        var total = 0
        for character in text { total += columns(of: character) }
        return total
    }

    /// True for East Asian Wide/Fullwidth and emoji-presentation clusters:
    /// the characters between which a line may break without a space.
    static func isWide(_ character: Character) -> Bool {
        guard let first = character.unicodeScalars.first else { return false }
        return isWide(scalar: first)
    }

    /// `isWide` for a cluster that is this one code point.
    static func isWide(scalar: Unicode.Scalar) -> Bool {
        scalar.value >= 0x1100 && galley_is_wide(scalar.value) != 0
    }
}
