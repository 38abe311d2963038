/// A block's inline text as the line-layout engine sees it: grapheme
/// clusters with their display widths and how they take part in breaking.
struct TextRun {
    enum Kind: UInt8 {
        /// East Asian Wide/Fullwidth or emoji: a line may break on either side.
        case wide
        /// Latin letters, digits, ambiguous marks (“ — …): no break between two of them.
        case narrow
        /// A breaking space (U+0020, U+3000…): a break may replace it and drops it.
        case space
        /// No-break space, word joiner: no break on either side.
        case glue
        /// U+200B: a break is allowed after it.
        case zeroWidthSpace
        /// A forced line break (`<br>`, backslash at line end).
        case hardBreak
    }

    struct Cluster {
        var character: Character
        var width: Int
        var kind: Kind
        /// Part of an atom (a note marker, a ruby reading) that stays on the
        /// line of what precedes it: no break before it.
        var isAttached: Bool
    }

    let measure: DisplayWidth
    private(set) var clusters: [Cluster] = []

    init(measure: DisplayWidth) {
        self.measure = measure
    }

    var isEmpty: Bool { clusters.isEmpty }

    /// Appends text. With `attached`, no line break may fall before or inside
    /// it; with `unbreakable` (a URL), none inside it.
    mutating func append<S: StringProtocol>(_ text: S, attached: Bool = false, unbreakable: Bool = false) {
        var first = true
        // Text made only of code points that never join their neighbours
        // into one grapheme cluster (most Chinese prose) is walked by code
        // point, which skips the cost of grapheme breaking.
        if text.unicodeScalars.allSatisfy(Self.standsAlone) {
            for scalar in text.unicodeScalars {
                clusters.append(cluster(scalar, attached: attached || (unbreakable && !first)))
                first = false
            }
            return
        }
        for character in text {
            clusters.append(cluster(character, attached: attached || (unbreakable && !first)))
            first = false
        }
    }

    /// Code points that form a grapheme cluster of their own whatever stands
    /// next to them (UAX #29: none is Extend, SpacingMark, Prepend, a
    /// control, ZWJ, a regional indicator or Hangul) — provided the next one
    /// is such a code point too, which `append` checks for the whole text.
    static func standsAlone(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x20...0x7E, 0xA0...0x2FF, 0x2010...0x2027, 0x2030...0x205E, 0x3000...0x3029, 0x3030...0x303F,
            0x3400...0x4DBF, 0x4E00...0x9FFF, 0xFF01...0xFF60:
            return true
        default:
            return false
        }
    }

    private func cluster(_ scalar: Unicode.Scalar, attached: Bool) -> Cluster {
        switch scalar.value {
        case 0x20...0x7E, 0x4E00...0x9FFF:
            // The common cases, answered without a Character round trip.
            let isWide = scalar.value >= 0x4E00
            return Cluster(
                character: Character(scalar), width: isWide ? 2 : 1,
                kind: isWide ? .wide : scalar.value == 0x20 ? .space : .narrow, isAttached: attached)
        default:
            return cluster(Character(scalar), attached: attached)
        }
    }

    mutating func appendHardBreak() {
        clusters.append(Cluster(character: "\n", width: 0, kind: .hardBreak, isAttached: false))
    }

    private func cluster(_ character: Character, attached: Bool) -> Cluster {
        // Look at the scalars once: most clusters are a single code point,
        // whose width and breaking class come straight from it.
        var scalars = character.unicodeScalars.makeIterator()
        let first = scalars.next()!
        let isSingle = scalars.next() == nil
        let value = first.value
        switch value {
        case 0x09, 0x0A, 0x0D:
            // A tab or newline inside prose has no defined width; it is a
            // space there. (Soft breaks were decided by the pipeline.)
            return Cluster(character: " ", width: 1, kind: .space, isAttached: attached)
        case 0x20, 0x3000, 0x1680, 0x2000...0x2006, 0x2008...0x200A, 0x205F:
            return Cluster(
                character: character, width: measure.columns(of: character), kind: .space,
                isAttached: attached)
        case 0x00A0, 0x2007, 0x202F, 0x2060, 0xFEFF:
            return Cluster(
                character: character, width: measure.columns(of: character), kind: .glue,
                isAttached: attached)
        case 0x200B:
            return Cluster(character: character, width: 0, kind: .zeroWidthSpace, isAttached: attached)
        default:
            let width = isSingle ? measure.columns(of: first) : measure.columns(of: character)
            let isWide = isSingle ? DisplayWidth.isWide(scalar: first) : DisplayWidth.isWide(character)
            return Cluster(character: character, width: width, kind: isWide ? .wide : .narrow, isAttached: attached)
        }
    }

    /// Drops breaking spaces at both ends: paragraph indents are the
    /// layout's business, not the text's.
    mutating func trimSpaces() {
        while let last = clusters.last, last.kind == .space { clusters.removeLast() }
        let leading = clusters.prefix { $0.kind == .space }.count
        if leading > 0 { clusters.removeFirst(leading) }
    }

    /// `result[i]` is true when a line may break before cluster `i`.
    /// A break falls after a run of spaces, next to a wide character, or
    /// after U+200B, unless kinsoku forbids it: the character before may not
    /// end a line, the one after may not start one, or the two form —— or …….
    /// Between two narrow characters (a Latin word, a number, a URL) there is none.
    func breakOpportunities() -> [Bool] {
        var result = [Bool](repeating: false, count: clusters.count)
        var previous: Int? = nil
        var spaceBetween = false
        for index in clusters.indices {
            let cluster = clusters[index]
            switch cluster.kind {
            case .space:
                spaceBetween = true
                continue
            case .hardBreak:
                previous = nil
                spaceBetween = false
                continue
            case .wide, .narrow, .glue, .zeroWidthSpace:
                break
            }
            if let previous {
                let before = clusters[previous]
                var allowed: Bool
                if cluster.isAttached || before.kind == .glue || cluster.kind == .glue {
                    allowed = false
                } else if spaceBetween || before.kind == .zeroWidthSpace {
                    allowed = true
                } else {
                    allowed = before.kind == .wide || cluster.kind == .wide
                }
                if allowed,
                    Kinsoku.isNotLineEnd(before.character) || Kinsoku.isNotLineStart(cluster.character)
                        || Kinsoku.isInseparablePair(before.character, cluster.character)
                {
                    allowed = false
                }
                result[index] = allowed
            }
            previous = index
            spaceBetween = false
        }
        return result
    }

    /// Width of the widest stretch between two break opportunities (or hard
    /// breaks): the narrowest measure the text fits without splitting a token.
    func longestUnbreakableWidth() -> Int {
        let breaks = breakOpportunities()
        var longest = 0, current = 0
        for index in clusters.indices {
            let cluster = clusters[index]
            if breaks[index] || cluster.kind == .hardBreak { current = 0 }
            if cluster.kind == .space || cluster.kind == .hardBreak { continue }
            current += cluster.width
            longest = max(longest, current)
        }
        return longest
    }

    /// Width of the widest stretch that even a forced split may not divide
    /// because kinsoku binds it (容，  “引  ——): the narrowest measure the
    /// text fits while splitting words but keeping clreq's rules.
    func longestKinsokuUnitWidth() -> Int {
        var longest = 0, current = 0
        var previous: Cluster? = nil
        for cluster in clusters {
            if cluster.kind == .space || cluster.kind == .hardBreak {
                current = 0
                previous = nil
                continue
            }
            if let before = previous,
                cluster.isAttached || Kinsoku.isNotLineEnd(before.character)
                    || Kinsoku.isNotLineStart(cluster.character)
                    || Kinsoku.isInseparablePair(before.character, cluster.character)
            {
                current += cluster.width
            } else {
                current = cluster.width
            }
            longest = max(longest, current)
            previous = cluster
        }
        return longest
    }
}
