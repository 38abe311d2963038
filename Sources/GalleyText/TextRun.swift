import GalleyCore

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

    /// One grapheme cluster. Its UTF-8 is a range of the run's `bytes`, one
    /// cluster after the other, so a line is one slice of them; breaking and
    /// kinsoku look only at its first code point.
    struct Cluster {
        var scalar: Unicode.Scalar
        var start: Int32
        var end: Int32
        private var columns: UInt8
        var kind: Kind
        /// Part of an atom (a note marker, a ruby reading) that stays on the
        /// line of what precedes it: no break before it.
        var isAttached: Bool

        init(scalar: Unicode.Scalar, bytes: Range<Int>, width: Int, kind: Kind, isAttached: Bool) {
            self.scalar = scalar
            self.start = Int32(bytes.lowerBound)
            self.end = Int32(bytes.upperBound)
            self.columns = UInt8(width)
            self.kind = kind
            self.isAttached = isAttached
        }

        var width: Int { Int(columns) }
    }

    let measure: DisplayWidth
    private(set) var clusters: [Cluster] = []
    /// The clusters' UTF-8, in order.
    private(set) var bytes: [UInt8] = []

    init(measure: DisplayWidth) {
        self.measure = measure
    }

    var isEmpty: Bool { clusters.isEmpty }

    /// Appends text. With `attached`, no line break may fall before or inside
    /// it; with `unbreakable` (a URL), none inside it.
    mutating func append<S: StringProtocol>(_ text: S, attached: Bool = false, unbreakable: Bool = false) {
        // Text made only of code points that never join their neighbours
        // into one grapheme cluster (most Chinese prose) is copied in one go
        // and walked by code point on its UTF-8, which skips the cost of
        // grapheme breaking.
        var string = String(text)
        if string.withUTF8({ appendStandingAlone($0, attached: attached, unbreakable: unbreakable) }) { return }
        var first = true
        for character in text {
            append(character, attached: attached || (unbreakable && !first))
            first = false
        }
    }

    /// Appends `utf8` code point by code point when every one stands alone;
    /// false (and nothing appended) otherwise.
    private mutating func appendStandingAlone(
        _ utf8: UnsafeBufferPointer<UInt8>, attached: Bool, unbreakable: Bool
    ) -> Bool {
        var index = 0
        while index < utf8.count {
            let (scalar, length) = Self.decode(utf8, at: index)
            guard scalar.standsAlone else { return false }
            index += length
        }
        var offset = bytes.count
        bytes.append(contentsOf: utf8)
        index = 0
        while index < utf8.count {
            let (scalar, length) = Self.decode(utf8, at: index)
            let (width, kind) = classify(scalar)
            clusters.append(
                Cluster(
                    scalar: scalar, bytes: offset..<offset + length, width: width, kind: kind,
                    isAttached: attached || (unbreakable && index > 0)))
            offset += length
            index += length
        }
        return true
    }

    /// The code point at `index` of a Swift string's (valid) UTF-8, and its length.
    @inline(__always)
    private static func decode(_ utf8: UnsafeBufferPointer<UInt8>, at index: Int) -> (Unicode.Scalar, Int) {
        UTF8Decoding.scalar(in: utf8, at: index) ?? ("\u{FFFD}", 1)
    }

    /// Width and breaking class of a cluster that is this one code point.
    private func classify(_ scalar: Unicode.Scalar) -> (width: Int, kind: Kind) {
        switch scalar.value {
        case 0x21...0x7E: return (1, .narrow)
        case 0x4E00...0x9FFF: return (2, .wide)
        // A tab or newline inside prose has no defined width; it is a
        // space there. (Soft breaks were decided by the pipeline.)
        case 0x09, 0x0A, 0x0D: return (1, .space)
        case 0x20, 0x3000, 0x1680, 0x2000...0x2006, 0x2008...0x200A, 0x205F:
            return (measure.columns(of: scalar), .space)
        case 0x00A0, 0x2007, 0x202F, 0x2060, 0xFEFF: return (measure.columns(of: scalar), .glue)
        case 0x200B: return (0, .zeroWidthSpace)
        default: return (measure.columns(of: scalar), DisplayWidth.isWide(scalar: scalar) ? .wide : .narrow)
        }
    }

    mutating func appendHardBreak() {
        add("\n", width: 0, kind: .hardBreak, attached: false)
    }

    private mutating func add(_ character: Character, width: Int, kind: Kind, attached: Bool) {
        let start = bytes.count
        bytes.append(contentsOf: character.utf8)
        clusters.append(
            Cluster(
                scalar: character.unicodeScalars.first!, bytes: start..<bytes.count, width: width, kind: kind,
                isAttached: attached))
    }

    private mutating func append(_ character: Character, attached: Bool) {
        // Most clusters are a single code point, whose width and breaking
        // class come straight from it; a longer one is measured whole.
        var scalars = character.unicodeScalars.makeIterator()
        let first = scalars.next()!
        var (width, kind) = classify(first)
        if scalars.next() != nil, kind == .wide || kind == .narrow {
            (width, kind) = (measure.columns(of: character), DisplayWidth.isWide(character) ? .wide : .narrow)
        }
        // A tab or newline in prose is written as the space it stands for.
        add(kind == .space && first.value < 0x20 ? " " : character, width: width, kind: kind, attached: attached)
    }

    /// The text of `clusters[range]`: the bytes they were appended as.
    func text(_ range: Range<Int>) -> String {
        guard let first = range.first, let last = range.last else { return "" }
        return String(decoding: bytes[Int(clusters[first].start)..<Int(clusters[last].end)], as: UTF8.self)
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
                    Kinsoku.isNotLineEnd(before.scalar) || Kinsoku.isNotLineStart(cluster.scalar)
                        || Kinsoku.isInseparablePair(before.scalar, cluster.scalar)
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
                cluster.isAttached || Kinsoku.isNotLineEnd(before.scalar)
                    || Kinsoku.isNotLineStart(cluster.scalar)
                    || Kinsoku.isInseparablePair(before.scalar, cluster.scalar)
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
