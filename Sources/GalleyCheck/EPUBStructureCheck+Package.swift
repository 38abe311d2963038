import CLibXML2
import Foundation
import GalleyCore

extension EPUBStructureCheck {
    /// Metadata musts, manifest items present in the zip, spine, one nav.
    mutating func checkPackage(_ package: ParsedXMLDocument, path: String) {
        guard let root = package.root, XMLNodes.isElement(root, "package", in: XMLNodes.opf) else {
            error(.epubPackageRoot, "the package document's root is not an OPF `package`", path, line: 1)
            return
        }
        let rootLine = XMLNodes.line(root)
        if XMLNodes.attribute(root, "version") != "3.0" {
            error(.epubPackageVersion, "package `version` must be 3.0", path, line: rootLine)
        }
        let sections = XMLNodes.children(root)
        let metadata = sections.first { XMLNodes.isElement($0, "metadata", in: XMLNodes.opf) }
        let manifest = sections.first { XMLNodes.isElement($0, "manifest", in: XMLNodes.opf) }
        let spine = sections.first { XMLNodes.isElement($0, "spine", in: XMLNodes.opf) }
        if let metadata {
            checkMetadata(metadata, uniqueIdentifier: XMLNodes.attribute(root, "unique-identifier"), path: path)
        } else {
            error(.epubNoMetadata, "the package document has no `metadata`", path, line: rootLine)
        }
        guard let manifest else {
            error(.epubNoManifest, "the package document has no `manifest`", path, line: rootLine)
            return
        }
        let folder = (path as NSString).deletingLastPathComponent
        var itemsById: [String: String] = [:]
        var navItems: [(path: String, line: Int)] = []
        for item in XMLNodes.children(manifest) where XMLNodes.isElement(item, "item", in: XMLNodes.opf) {
            let line = XMLNodes.line(item)
            guard let id = XMLNodes.attribute(item, "id"), let href = XMLNodes.attribute(item, "href"),
                let mediaType = XMLNodes.attribute(item, "media-type")
            else {
                error(.epubManifestItem, "a manifest `item` lacks id, href or media-type", path, line: line)
                continue
            }
            guard let target = Self.resolve(href, from: folder) else {
                error(.epubManifestHref, "manifest item `\(id)` has an unusable href `\(href)`", path, line: line)
                continue
            }
            if itemsById[id] != nil {
                error(
                    .epubDuplicateManifestId, "manifest id `\(id)` is used twice", path,
                    line: line)
            }
            itemsById[id] = target
            if !archive.contains(target) {
                error(
                    .epubMissingItem, "manifest item `\(id)` names `\(target)`, which is not in the zip", path,
                    line: line)
                continue
            }
            manifestPaths[target] = mediaType
            let properties = (XMLNodes.attribute(item, "properties") ?? "").split(separator: " ")
            if properties.contains("nav") { navItems.append((target, line)) }
        }
        if navItems.count != 1 {
            error(
                .epubNavCount,
                "the manifest must have exactly one item with properties=\"nav\"; it has \(navItems.count)",
                path, line: XMLNodes.line(manifest))
        }
        navPath = navItems.first?.path
        let unlisted = archive.names.filter {
            $0 != "mimetype" && !$0.hasPrefix("META-INF/") && $0 != path && !$0.hasSuffix("/")
                && manifestPaths[$0] == nil
        }
        for name in unlisted {
            warning(
                .epubUnlistedFile, "`\(name)` is in the zip but not in the manifest", path,
                line: XMLNodes.line(manifest))
        }
        guard let spine else {
            error(.epubNoSpine, "the package document has no `spine`", path, line: rootLine)
            return
        }
        for itemref in XMLNodes.children(spine) where XMLNodes.isElement(itemref, "itemref", in: XMLNodes.opf) {
            let idref = XMLNodes.attribute(itemref, "idref") ?? ""
            guard let target = itemsById[idref] else {
                error(
                    .epubSpineIdref, "spine itemref `\(idref)` names no manifest item", path,
                    line: XMLNodes.line(itemref))
                continue
            }
            spinePaths.append(target)
        }
        spineSet = Set(spinePaths)
        if spinePaths.isEmpty {
            error(
                .epubEmptySpine, "the spine lists no document", path,
                line: XMLNodes.line(spine))
        }
    }

    private mutating func checkMetadata(_ metadata: xmlNodePtr, uniqueIdentifier: String?, path: String) {
        let elements = XMLNodes.children(metadata)
        let line = XMLNodes.line(metadata)
        let identifiers = elements.filter { XMLNodes.isElement($0, "identifier", in: XMLNodes.dc) }
        if uniqueIdentifier == nil || !identifiers.contains(where: { XMLNodes.attribute($0, "id") == uniqueIdentifier })
        {
            error(.epubUniqueIdentifier, "`unique-identifier` names no `dc:identifier`", path, line: line)
        }
        for (name, label) in [("title", "dc:title"), ("language", "dc:language")]
        where !elements.contains(where: {
            XMLNodes.isElement($0, name, in: XMLNodes.dc)
                && !XMLNodes.text($0).trimmingCharacters(in: .whitespaces).isEmpty
        }) {
            error(.epubMetadata, "the package metadata has no `\(label)`", path, line: line)
        }
        let modified = elements.filter {
            XMLNodes.isElement($0, "meta", in: XMLNodes.opf) && XMLNodes.attribute($0, "property") == "dcterms:modified"
        }
        if modified.count != 1 {
            error(
                .epubModified,
                "the package metadata must have exactly one dcterms:modified; it has \(modified.count)",
                path, line: line)
        }
    }

    /// A relative URL resolved against `folder` inside the zip, percent-decoded,
    /// without its fragment; nil when it leaves the container.
    static func resolve(_ href: String, from folder: String) -> String? {
        let withoutFragment = String(
            href.split(separator: "#", maxSplits: 1, omittingEmptySubsequences: false).first ?? "")
        guard let decoded = withoutFragment.removingPercentEncoding else { return nil }
        var parts = folder.split(separator: "/").map(String.init)
        for part in decoded.split(separator: "/", omittingEmptySubsequences: true) {
            switch part {
            case ".": continue
            case "..":
                if parts.isEmpty { return nil }
                parts.removeLast()
            default: parts.append(String(part))
            }
        }
        return parts.joined(separator: "/")
    }
}
