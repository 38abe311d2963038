/// The anchors authors write to link to a heading (`[x](#getting-started)`,
/// `other.md#安装`), computed the way mdBook and GitHub compute them.
///
/// mdBook (`utils::normalize_id`, `unique_id_from_content`): every letter,
/// digit (`char::is_alphanumeric`, any script), `_` and `-` is kept, ASCII
/// letters lower-cased, each white-space character becomes `-`, everything
/// else goes; a repeat within a page gets `-1`, `-2`…. GitHub
/// (github-slugger) differs only in lower-casing every script (`Über` →
/// `über`, mdBook keeps `Über`), in keeping combining marks, in dropping
/// `²`-like numbers and in turning only the space into `-`; when its slug
/// differs, it is an anchor too, with its own repeat count.
public struct HeadingSlugger {
    private var counts: [String: Int] = [:]
    private var gitHubCounts: [String: Int] = [:]

    public init() {}

    /// The mdBook slug of `text`, without the repeat suffix.
    public static func mdBook(_ text: String) -> String {
        var slug = ""
        for scalar in text.unicodeScalars {
            let properties = scalar.properties
            if properties.isAlphabetic || properties.numericType != nil || scalar == "_" || scalar == "-" {
                if scalar.value >= 0x41 && scalar.value <= 0x5A {
                    slug.unicodeScalars.append(Unicode.Scalar(scalar.value + 0x20)!)
                } else {
                    slug.unicodeScalars.append(scalar)
                }
            } else if properties.isWhitespace {
                slug += "-"
            }
        }
        return slug
    }

    /// The github-slugger slug of `text`, without the repeat suffix.
    public static func gitHub(_ text: String) -> String {
        var kept = ""
        for scalar in text.unicodeScalars {
            switch scalar.properties.generalCategory {
            case .uppercaseLetter, .lowercaseLetter, .titlecaseLetter, .modifierLetter, .otherLetter,
                .nonspacingMark, .spacingMark, .enclosingMark, .decimalNumber, .letterNumber,
                .connectorPunctuation:
                kept.unicodeScalars.append(scalar)
            default:
                if scalar == "-" { kept += "-" } else if scalar == " " { kept += "-" }
            }
        }
        return kept.lowercased()
    }

    /// `text` as a careless author may write it as an anchor: lower-cased,
    /// letters and digits only (`SQL客户端`, `license和license-file` for the
    /// slugs `sql客户端`, `license-和-license-file`).
    public static func loose(_ text: String) -> String {
        String(
            String.UnicodeScalarView(
                text.lowercased().unicodeScalars.filter {
                    $0.properties.isAlphabetic || $0.properties.numericType != nil
                }))
    }

    /// The anchors of the next heading of the page, in order of preference:
    /// mdBook's, then GitHub's when it differs. Empty slugs are counted (as
    /// mdBook does) but are no anchor.
    public mutating func next(_ text: String) -> [String] {
        func numbered(_ slug: String, _ counts: inout [String: Int]) -> String {
            let count = counts[slug, default: 0]
            counts[slug] = count + 1
            return count == 0 ? slug : "\(slug)-\(count)"
        }
        let first = numbered(Self.mdBook(text), &counts)
        let second = numbered(Self.gitHub(text), &gitHubCounts)
        return (second == first ? [first] : [first, second]).filter { !$0.isEmpty }
    }
}
