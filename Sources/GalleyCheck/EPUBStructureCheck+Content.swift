import CLibXML2
import Foundation
import GalleyCore

extension EPUBStructureCheck {
    static let ncx = "http://www.daisy.org/z3986/2005/ncx/"

    /// What one streamed document yields for the checks after it.
    private struct ContentScan {
        var ids = Set<String>()
        var rootLine: Int?
        /// The navigation document's `nav epub:type="toc"` elements.
        var tocLines: [Int] = []
        var tocDepth: Int?
        var tocEntries = 0
        /// The toc entry being read: its depth, line, and whether it has a label yet.
        var anchor: (depth: Int, line: Int, hasLabel: Bool)?
    }

    /// The two passes over the manifest's documents: ids first, then links,
    /// so that no link has to be remembered (a hostile document has millions).
    enum Pass {
        case ids
        case links
    }

    /// A link found in the first pass, checked in the second: what
    /// `checkLinks` (an XHTML element) or the NCX's `content src` would check.
    struct RememberedLink {
        var href: String
        var line: Int
        var isHyperlink: Bool
        /// XHTML links are also judged as URLs; NCX ones are internal only.
        var isXHTML: Bool
    }

    /// Links remembered in the first pass, across the archive; past this a
    /// document's links are found by reading it again (a hostile document
    /// has millions).
    static let maximumRememberedLinks = 200_000

    /// Reads a manifest document as a stream. First pass: well-formedness,
    /// ids (an error for a repeated one) and, in the navigation document, the
    /// toc; second pass: every link, checked at once against the ids.
    /// Memory stays flat however large the document is: the first pass
    /// remembers a document's links for the second (which then need not
    /// read it again) only while `maximumRememberedLinks` allows.
    /// Returns false when the document could not be read.
    @discardableResult
    mutating func scanDocument(_ path: String, mediaType: String, pass: Pass) -> Bool {
        if pass == .links, let links = rememberedLinks.removeValue(forKey: path) {
            let folder = (path as NSString).deletingLastPathComponent
            for link in links where !stopped { check(link, path: path, folder: folder) }
            return true
        }
        guard let bytes = bytes(of: path) else { return false }
        let isNavigation = path == navPath && pass == .ids
        let isContent = mediaType == "application/xhtml+xml"
        let isNCX = mediaType == "application/x-dtbncx+xml"
        let folder = (path as NSString).deletingLastPathComponent
        var scan = ContentScan()
        // SVG documents have no links pass.
        var links: [RememberedLink]? = pass == .ids && mediaType != "image/svg+xml" ? [] : nil
        let failure = XMLStreamScanner.scan(bytes, name: "\(url.path):\(path)") { event in
            switch event {
            case .start(let element, let depth, let isEmpty):
                if scan.rootLine == nil { scan.rootLine = XMLNodes.line(element) }
                switch pass {
                case .ids:
                    if isContent { collectIds(element, into: &scan, path: path) }
                    if isNavigation {
                        navigationStart(
                            element, depth: depth, isEmpty: isEmpty, into: &scan, path: path, folder: folder)
                    }
                    if links != nil, let link = Self.link(of: element, isContent: isContent, isNCX: isNCX) {
                        if rememberedLinkCount < Self.maximumRememberedLinks {
                            rememberedLinkCount += 1
                            links!.append(link)
                        } else {
                            links = nil
                        }
                    }
                case .links:
                    if isContent {
                        checkLinks(of: element, path: path, folder: folder)
                    } else if isNCX, XMLNodes.isElement(element, "content", in: Self.ncx),
                        let source = XMLNodes.attribute(element, "src"), !Self.hasScheme(source)
                    {
                        checkLink(source, from: path, folder: folder, line: XMLNodes.line(element), isHyperlink: true)
                    }
                }
            case .end(let depth):
                if let anchor = scan.anchor, anchor.depth == depth { finishEntry(&scan, path: path) }
                if scan.tocDepth == depth { scan.tocDepth = nil }
            case .text(let value):
                if scan.anchor?.hasLabel == false, Self.hasVisibleText(value) { scan.anchor?.hasLabel = true }
            }
            return !stopped
        }
        if let failure {
            append(failure)
            return false
        }
        if isContent && pass == .ids { ids[path] = scan.ids }
        if let links { rememberedLinks[path] = links }
        if isNavigation { finishNavigation(scan, path: path) }
        return true
    }

    /// The ids of one XHTML element (`id`, `xml:id`).
    private mutating func collectIds(_ element: xmlNodePtr, into scan: inout ContentScan, path: String) {
        var property = element.pointee.properties
        while let attribute = property {
            property = attribute.pointee.next
            guard let name = attribute.pointee.name, Self.equals(name, "id") else { continue }
            if let namespace = attribute.pointee.ns?.pointee.href, !Self.equals(namespace, XMLNodes.xml) { continue }
            let id = XMLNodes.text(UnsafeMutableRawPointer(attribute).assumingMemoryBound(to: xmlNode.self))
            if scan.ids.insert(id).inserted {
                countId()
            } else {
                error(.epubDuplicateId, "id `\(id)` appears more than once", path, line: XMLNodes.line(element))
            }
        }
    }

    /// Every internal link of an XHTML element must reach a file in the zip
    /// (a hyperlinked document must be in the spine) and an existing id.
    private mutating func checkLinks(of element: xmlNodePtr, path: String, folder: String) {
        guard let linkAttribute = Self.linkAttribute(of: element),
            let href = XMLNodes.attribute(element, linkAttribute)
        else { return }
        let isHyperlink =
            linkAttribute == "href"
            && (Self.equals(element.pointee.name!, "a") || Self.equals(element.pointee.name!, "area"))
        // Every href is judged as a URL, as EPUBCheck does; internal ones must also reach their target.
        checkHref(href, isHyperlink: isHyperlink, path: path, line: XMLNodes.line(element))
        guard !Self.hasScheme(href) else { return }
        checkLink(href, from: path, folder: folder, line: XMLNodes.line(element), isHyperlink: isHyperlink)
    }

    /// The link of an element, as the second pass checks it, if it has one.
    private static func link(of element: xmlNodePtr, isContent: Bool, isNCX: Bool) -> RememberedLink? {
        if isContent {
            guard let linkAttribute = linkAttribute(of: element),
                let href = XMLNodes.attribute(element, linkAttribute)
            else { return nil }
            let isHyperlink =
                linkAttribute == "href" && (equals(element.pointee.name!, "a") || equals(element.pointee.name!, "area"))
            return RememberedLink(href: href, line: XMLNodes.line(element), isHyperlink: isHyperlink, isXHTML: true)
        }
        if isNCX, XMLNodes.isElement(element, "content", in: ncx), let source = XMLNodes.attribute(element, "src"),
            !hasScheme(source)
        {
            return RememberedLink(href: source, line: XMLNodes.line(element), isHyperlink: true, isXHTML: false)
        }
        return nil
    }

    /// What the second pass checks of one link found in the first.
    private mutating func check(_ link: RememberedLink, path: String, folder: String) {
        if link.isXHTML {
            checkHref(link.href, isHyperlink: link.isHyperlink, path: path, line: link.line)
            guard !Self.hasScheme(link.href) else { return }
        }
        checkLink(link.href, from: path, folder: folder, line: link.line, isHyperlink: link.isHyperlink)
    }

    /// The attribute that makes `element` point at another resource, if any.
    private static func linkAttribute(of element: xmlNodePtr) -> String? {
        // Most elements are p, span, li…: the first byte rules them out.
        guard let name = element.pointee.name, linkElementInitials.contains(name.pointee),
            XMLNodes.namespace(element) == XMLNodes.xhtml
        else { return nil }
        let local = String(cString: name)
        return linkAttributes.first { $0.element == local }?.attribute
    }

    private static func equals(_ bytes: UnsafePointer<xmlChar>, _ text: String) -> Bool {
        var text = text
        return text.withUTF8 { utf8 in
            for (index, byte) in utf8.enumerated() where bytes[index] != byte { return false }
            return bytes[utf8.count] == 0
        }
    }

    /// Counts one remembered id; past the limit the check stops.
    private mutating func countId() {
        references += 1
        if references == archive.limits.maximumReferences + 1 {
            error(
                .epubTooManyIds,
                "the book has more than \(archive.limits.maximumReferences) ids; "
                    + "Galley stops checking it there")
            stopped = true
        }
    }

    private mutating func navigationStart(
        _ element: xmlNodePtr, depth: Int, isEmpty: Bool,
        into scan: inout ContentScan, path: String, folder: String
    ) {
        if XMLNodes.isElement(element, "nav", in: XMLNodes.xhtml),
            (XMLNodes.attribute(element, "type", namespace: XMLNodes.ops) ?? "").split(separator: " ").contains("toc")
        {
            scan.tocLines.append(XMLNodes.line(element))
            if scan.tocLines.count == 1 && !isEmpty { scan.tocDepth = depth }
            return
        }
        guard scan.tocDepth != nil, scan.anchor == nil, XMLNodes.isElement(element, "a", in: XMLNodes.xhtml) else {
            return
        }
        scan.tocEntries += 1
        let line = XMLNodes.line(element)
        if let href = XMLNodes.attribute(element, "href"), !Self.hasScheme(href),
            let target = resolvedTarget(String(href.prefix { $0 != "#" }), from: folder)
        {
            if !spineSet.contains(target) {
                error(.epubNavOutsideSpine, "toc entry `\(href)` is not a document of the spine", path, line: line)
            }
        } else {
            error(.epubNavHref, "a toc entry has no internal href", path, line: line)
        }
        scan.anchor = (depth, line, false)
        if isEmpty { finishEntry(&scan, path: path) }
    }

    private mutating func finishEntry(_ scan: inout ContentScan, path: String) {
        if let anchor = scan.anchor, !anchor.hasLabel {
            error(.epubNavEmptyLabel, "a toc entry has no label", path, line: anchor.line)
        }
        scan.anchor = nil
    }

    /// Exactly one `nav epub:type="toc"`, which lists something.
    private mutating func finishNavigation(_ scan: ContentScan, path: String) {
        guard scan.tocLines.count == 1 else {
            error(
                .epubNavToc,
                "the navigation document must have exactly one nav epub:type=\"toc\"; "
                    + "it has \(scan.tocLines.count)", path, line: scan.rootLine ?? 1)
            return
        }
        if scan.tocEntries == 0 { error(.epubNavTocEmpty, "the toc lists nothing", path, line: scan.tocLines[0]) }
    }

    /// True when the text has a character that is not white space.
    private static func hasVisibleText(_ value: UnsafePointer<xmlChar>) -> Bool {
        var pointer = value
        while pointer.pointee != 0 {
            switch pointer.pointee {
            case 0x20, 0x09, 0x0A, 0x0D: pointer += 1
            case 0x80...:
                // Non-ASCII: decide with Unicode's notion of white space.
                let rest = String(cString: UnsafeRawPointer(pointer).assumingMemoryBound(to: CChar.self))
                return rest.contains { !$0.isWhitespace }
            default: return true
            }
        }
        return false
    }
}
