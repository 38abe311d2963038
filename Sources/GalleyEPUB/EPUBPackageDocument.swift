import Foundation
import GalleyCore

/// The package document (`content.opf`): metadata, manifest, spine.
enum EPUBPackageDocument {
    static let path = "content.opf"

    /// Roles whose holders are the book's creators; the rest are contributors.
    static let creatorRoles: Set<String> = ["aut", "edt", "com", "cre", "cmp", "pht", "art"]

    static func render(
        _ publication: EPUBPublication, accessibility: EPUBAccessibility,
        modified: Date
    ) -> (bytes: [UInt8], diagnostics: [Diagnostic]) {
        var diagnostics: [Diagnostic] = []
        let metadata = publication.book.metadata
        var builder = XMLBuilder()
        builder.start(
            "package",
            [
                ("xmlns", "http://www.idpf.org/2007/opf"), ("version", "3.0"),
                ("unique-identifier", "pub-id"), ("xml:lang", publication.language),
            ])
        builder.newline()
        builder.start("metadata", [("xmlns:dc", "http://purl.org/dc/elements/1.1/")])
        builder.newline()
        func line(_ name: String, _ text: String) { line(name, [], text) }
        func line(_ name: String, _ attributes: [(String, String)], _ text: String) {
            builder.raw("  ")
            builder.element(name, attributes, text: text)
            builder.newline()
        }
        line("dc:identifier", [("id", "pub-id")], publication.identifier)
        if EPUBIdentifier.isISBN(publication.identifier) {
            let code = publication.identifier.count == "urn:isbn:".count + 13 ? "15" : "02"
            line("meta", [("refines", "#pub-id"), ("property", "identifier-type"), ("scheme", "onix:codelist5")], code)
        }
        line("dc:title", [("id", "title")], metadata.title)
        line("meta", [("refines", "#title"), ("property", "title-type")], "main")
        if let subtitle = metadata.subtitle, !subtitle.isEmpty {
            line("dc:title", [("id", "subtitle")], subtitle)
            line("meta", [("refines", "#subtitle"), ("property", "title-type")], "subtitle")
        }
        line("dc:language", publication.language)
        for (index, creator) in metadata.creators.enumerated() {
            let id = "creator-\(index + 1)"
            let element = creatorRoles.contains(creator.role) ? "dc:creator" : "dc:contributor"
            line(element, [("id", id)], creator.name)
            if !creator.role.isEmpty {
                line("meta", [("refines", "#\(id)"), ("property", "role"), ("scheme", "marc:relators")], creator.role)
            }
            if let fileAs = creator.fileAs, !fileAs.isEmpty {
                line("meta", [("refines", "#\(id)"), ("property", "file-as")], fileAs)
            }
            line("meta", [("refines", "#\(id)"), ("property", "display-seq")], String(index + 1))
        }
        if let publisher = metadata.publisher, !publisher.isEmpty { line("dc:publisher", publisher) }
        if let date = metadata.date, !date.isEmpty {
            if let normalized = normalizedDate(date) {
                line("dc:date", normalized)
            } else {
                diagnostics.append(
                    Diagnostic(
                        EPUBCode.date,
                        "date `\(date)` is not YYYY, YYYY-MM or YYYY-MM-DD; left out of the EPUB"))
            }
        }
        for subject in metadata.subjects where !subject.isEmpty { line("dc:subject", subject) }
        if let description = metadata.description, !description.isEmpty { line("dc:description", description) }
        if let rights = metadata.rights, !rights.isEmpty { line("dc:rights", rights) }
        line("meta", [("property", "dcterms:modified")], timestamp(modified))
        for mode in accessibility.accessModes { line("meta", [("property", "schema:accessMode")], mode) }
        for mode in accessibility.accessModesSufficient {
            line("meta", [("property", "schema:accessModeSufficient")], mode)
        }
        for feature in accessibility.features { line("meta", [("property", "schema:accessibilityFeature")], feature) }
        line("meta", [("property", "schema:accessibilityHazard")], "none")
        line("meta", [("property", "schema:accessibilitySummary")], accessibility.summary)
        if let claim = accessibility.conformsTo {
            line("meta", [("property", "dcterms:conformsTo")], claim)
            // The evaluator is Galley's own automated checks, not a person.
            line("meta", [("property", "a11y:certifiedBy")], "Galley")
        }
        if publication.coverImage != nil {
            builder.raw("  ")
            builder.empty("meta", [("name", "cover"), ("content", "cover-image")])
            builder.newline()
        }
        if publication.isVertical {
            builder.raw("  ")
            builder.empty("meta", [("name", "primary-writing-mode"), ("content", "vertical-rl")])
            builder.newline()
        }
        builder.end()
        builder.newline()

        builder.start("manifest")
        builder.newline()
        func item(_ id: String, _ href: String, _ mediaType: String, _ properties: String? = nil) {
            builder.raw("  ")
            var attributes = [("id", id), ("href", href), ("media-type", mediaType)]
            if let properties { attributes.append(("properties", properties)) }
            builder.empty("item", attributes)
            builder.newline()
        }
        item("nav", EPUBWriter.navigationPath, "application/xhtml+xml", "nav")
        item("ncx", EPUBWriter.ncxPath, "application/x-dtbncx+xml")
        for sheet in publication.stylesheets { item(sheet.manifestId, sheet.path, sheet.mediaType) }
        for document in publication.documents { item(document.manifestId, document.path, "application/xhtml+xml") }
        if let cover = publication.coverImage { item(cover.manifestId, cover.path, cover.mediaType, "cover-image") }
        for image in publication.images { item(image.manifestId, image.path, image.mediaType) }
        for font in publication.fonts { item(font.resource.manifestId, font.resource.path, font.resource.mediaType) }
        builder.end()
        builder.newline()

        builder.start(
            "spine", [("toc", "ncx"), ("page-progression-direction", publication.isVertical ? "rtl" : "ltr")])
        builder.newline()
        for document in publication.documents {
            builder.raw("  ")
            builder.empty("itemref", [("idref", document.manifestId)])
            builder.newline()
        }
        builder.end()
        builder.newline()
        builder.end()
        builder.newline()
        return (builder.bytes, diagnostics)
    }

    /// W3CDTF as EPUB wants it: `2008`, `2008-12`, `2008-12-01` (`2008.12` is accepted and rewritten).
    static func normalizedDate(_ date: String) -> String? {
        let parts = date.trimmingCharacters(in: .whitespaces)
            .split(whereSeparator: { $0 == "-" || $0 == "." || $0 == "/" }).map(String.init)
        guard (1...3).contains(parts.count),
            parts.allSatisfy({ !$0.isEmpty && $0.allSatisfy(\.isASCII) && Int($0) != nil }),
            parts[0].count == 4
        else { return nil }
        var result = parts[0]
        for (index, part) in parts.dropFirst().enumerated() {
            guard let value = Int(part), value >= 1, value <= (index == 0 ? 12 : 31) else { return nil }
            result += String(format: "-%02d", value)
        }
        return result
    }

    /// `CCYY-MM-DDThh:mm:ssZ` in UTC.
    static func timestamp(_ date: Date) -> String {
        var seconds = time_t(date.timeIntervalSince1970.rounded(.down))
        var parts = tm()
        gmtime_r(&seconds, &parts)
        return String(
            format: "%04d-%02d-%02dT%02d:%02d:%02dZ", Int(parts.tm_year) + 1900, Int(parts.tm_mon) + 1,
            Int(parts.tm_mday), Int(parts.tm_hour), Int(parts.tm_min), Int(parts.tm_sec))
    }
}
