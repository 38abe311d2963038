import GalleyCore

/// The ids of the tree, decided before writing: which of them the file will
/// carry, so that a link knows at once whether its target is written and
/// one pass is enough; the titles links with no text show; and fresh ids
/// that collide with none.
struct DocBookIDs {
    /// The ids the file will carry: the valid NCNames that stand where the
    /// writer writes markup. Not among them: ids inside image alt text and
    /// inside a note called only from inside another note (both are written
    /// as plain text).
    let writable: Set<String>
    /// Titles of divisions, sections and headings by id, for links with no text.
    let titles: [String: [Inline]]
    /// Every id of the tree, which generated ids avoid.
    private let taken: Set<String>
    private var generated: Set<String> = []
    private var counter = 0

    init(book: Book, contents: [String: DocBookContent]) {
        var writable: Set<String> = []
        var taken: Set<String> = []
        var titles: [String: [Inline]] = [:]
        func record(_ id: String?, _ title: [Inline]) {
            if let id, !title.isEmpty, titles[id] == nil { titles[id] = title }
        }
        for division in book.divisions {
            taken.formUnion(Walk.ids(in: division))
            if let content = contents[division.id] {
                writable.formUnion(Walk.ids(in: content.markup).filter(Self.isNCName))
            }
            record(division.id, division.title)
            Walk.query(
                division,
                Visitor(block: { block in
                    switch block {
                    case .heading(_, let attributes, let content): record(attributes.id, content)
                    case .section(let section): record(section.attributes.id, section.title)
                    default: break
                    }
                }))
        }
        self.writable = writable
        self.taken = taken
        self.titles = titles
    }

    /// A new id `stem-N` that is in neither the tree nor generated before.
    mutating func generate(_ stem: String) -> String {
        while true {
            counter += 1
            let candidate = "\(Self.sanitized(stem))-\(counter)"
            if !taken.contains(candidate) && !generated.contains(candidate) {
                generated.insert(candidate)
                return candidate
            }
        }
    }

    /// XML `NCName` (a `Name` without a colon), by the character classes
    /// of XML 1.0 fifth edition §2.3.
    static func isNCName(_ string: String) -> Bool {
        guard let first = string.unicodeScalars.first, isNameStart(first) else { return false }
        return string.unicodeScalars.allSatisfy { isNameStart($0) || isNameRest($0) }
    }

    private static func isNameStart(_ c: Unicode.Scalar) -> Bool {
        switch c.value {
        case 0x41...0x5A, 0x61...0x7A, 0x5F, 0xC0...0xD6, 0xD8...0xF6, 0xF8...0x2FF, 0x370...0x37D,
            0x37F...0x1FFF, 0x200C...0x200D, 0x2070...0x218F, 0x2C00...0x2FEF, 0x3001...0xD7FF,
            0xF900...0xFDCF, 0xFDF0...0xFFFD, 0x10000...0xEFFFF:
            return true
        default:
            return false
        }
    }

    private static func isNameRest(_ c: Unicode.Scalar) -> Bool {
        switch c.value {
        case 0x2D, 0x2E, 0x30...0x39, 0xB7, 0x300...0x36F, 0x203F...0x2040: return true
        default: return false
        }
    }

    /// `string` reduced to ASCII name characters, never empty.
    static func sanitized(_ string: String) -> String {
        var result = ""
        for scalar in string.unicodeScalars {
            if scalar.isASCII,
                scalar.properties.isAlphabetic || ("0"..."9").contains(scalar) || scalar == "-" || scalar == "_"
            {
                result.unicodeScalars.append(scalar)
            } else {
                result += "_"
            }
        }
        if result.isEmpty { return "x" }
        if let first = result.unicodeScalars.first, !(first.properties.isAlphabetic || first == "_") {
            result = "x" + result
        }
        return result
    }
}
