/// Inline content: what can stand inside a paragraph, heading or cell.
public indirect enum Inline: Hashable, Sendable, Codable {
    case text(String)
    case emphasis([Inline])
    case strong([Inline])
    case strikethrough([Inline])
    case superscript([Inline])
    case `subscript`([Inline])
    case code(String)
    case link(Link)
    case image(Image)
    /// A newline in the source inside a paragraph. Kept until the
    /// `SoftBreaks` transform decides whether it is a space or nothing.
    case softBreak
    /// A forced line break (`\` or two spaces at line end, `<br>`).
    case lineBreak
    /// A reference to the footnote with this label in the same division's
    /// `footnotes`.
    case footnoteReference(String)
    /// Ruby annotation: base text with its reading (`<ruby>`).
    case ruby(base: [Inline], text: String)
    case span(Attributes, [Inline])
}

public struct Link: Hashable, Sendable, Codable {
    public var target: LinkTarget
    public var title: String?
    public var children: [Inline]
    /// True for a GFM autolink, whose text is the URL itself.
    public var isAutolink: Bool
    /// Where the link was written, for "dangling link" diagnostics.
    public var location: SourceLocation?

    public init(
        target: LinkTarget, title: String? = nil, children: [Inline], isAutolink: Bool = false,
        location: SourceLocation? = nil
    ) {
        self.target = target
        self.title = title
        self.children = children
        self.isAutolink = isAutolink
        self.location = location
    }
}

/// Where a link points. The reader produces `.unresolved` for relative
/// targets; the `ResolveLinks` transform turns them into `.internal`.
public enum LinkTarget: Hashable, Sendable, Codable {
    /// An absolute URL (http:, https:, mailto:…), written as is.
    case external(String)
    /// A place in this book: a division id and, optionally, an element id
    /// inside it. `fragment == nil` means the start of the division.
    case `internal`(division: String, fragment: String?)
    /// A relative target as written in the source (`other.md#id`, `#id`).
    case unresolved(String)
}

public struct Image: Hashable, Sendable, Codable {
    /// Path as written in the source, relative to the chapter file.
    public var source: String
    public var alt: [Inline]
    public var title: String?
    public var attributes: Attributes
    /// Where the image was referenced, for "missing image" diagnostics.
    public var location: SourceLocation?

    public init(
        source: String, alt: [Inline], title: String? = nil,
        attributes: Attributes = .empty, location: SourceLocation? = nil
    ) {
        self.source = source
        self.alt = alt
        self.title = title
        self.attributes = attributes
        self.location = location
    }
}

extension Inline {
    /// The per-character rubies of a `{漢字|hàn|zì}` span, or nil for any other inline.
    public var rubyGroup: [(base: [Inline], reading: String)]? {
        guard case .span(let attributes, let children) = self, attributes.classes == ["ruby"], !children.isEmpty
        else { return nil }
        var pairs: [(base: [Inline], reading: String)] = []
        for child in children {
            guard case .ruby(let base, let reading) = child else { return nil }
            pairs.append((base, reading))
        }
        return pairs
    }
}
