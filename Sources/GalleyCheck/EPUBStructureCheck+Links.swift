import CLibXML2
import Foundation
import GalleyCore

extension EPUBStructureCheck {
    /// Elements and attributes that point at other resources.
    static let linkAttributes: [(element: String, attribute: String)] = [
        ("a", "href"), ("area", "href"), ("link", "href"), ("img", "src"), ("audio", "src"),
        ("video", "src"), ("source", "src"), ("script", "src"), ("iframe", "src"), ("object", "data"),
    ]

    static let linkElementInitials = Set(linkAttributes.map { $0.element.utf8.first! })

    static func hasScheme(_ href: String) -> Bool {
        guard let colon = href.firstIndex(of: ":") else { return false }
        let scheme = href[..<colon]
        return !scheme.isEmpty && scheme.first!.isLetter
            && scheme.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || "+.-".contains($0)) }
    }

    /// Every internal link of an XHTML document must reach a file in the zip
    /// (a hyperlinked document must be in the spine) and an existing id.
    mutating func checkLinks(in document: ParsedXMLDocument, path: String) {
        guard let root = document.root else { return }
        let folder = (path as NSString).deletingLastPathComponent
        for element in XMLNodes.descendants(root) {
            // Only elements whose names start like a link-bearing one are
            // looked at further (most are p, span, li…).
            guard let first = element.pointee.name?.pointee, Self.linkElementInitials.contains(first),
                  XMLNodes.namespace(element) == XMLNodes.xhtml else { continue }
            let name = XMLNodes.name(element)
            for (elementName, attributeName) in Self.linkAttributes where elementName == name {
                guard let href = XMLNodes.attribute(element, attributeName) else { continue }
                checkHref(href, isHyperlink: name == "a" || name == "area", path: path, line: XMLNodes.line(element))
                guard !Self.hasScheme(href) else { continue }
                checkLink(href, from: path, folder: folder, line: XMLNodes.line(element), isHyperlink: name == "a" || name == "area")
            }
        }
    }

    @discardableResult
    mutating func checkLink(_ href: String, from path: String, folder: String, line: Int, isHyperlink: Bool) -> String? {
        let pieces = href.split(separator: "#", maxSplits: 1, omittingEmptySubsequences: false)
        let fragment = pieces.count > 1 ? String(pieces[1]).removingPercentEncoding ?? String(pieces[1]) : nil
        let target: String
        if pieces[0].isEmpty {
            target = path
        } else {
            let key = folder + "\n" + pieces[0]
            let cached = self.resolved[key] ?? Self.resolve(String(pieces[0]), from: folder)
            self.resolved[key] = cached
            guard let resolved = cached else {
                error("epub.dangling-link", "`\(href)` points outside the container", path, line: line)
                return nil
            }
            target = resolved
        }
        guard archive.contains(target) else {
            error("epub.dangling-link", "`\(href)` points to `\(target)`, which is not in the zip", path, line: line)
            return nil
        }
        if manifestPaths[target] == nil {
            error("epub.unlisted-target", "`\(href)` points to `\(target)`, which is not in the manifest", path, line: line)
        }
        if isHyperlink, manifestPaths[target] == "application/xhtml+xml", target != navPath, !spinePaths.contains(target) {
            error("epub.link-outside-spine", "`\(href)` links to `\(target)`, which is not in the spine", path, line: line)
        }
        if let fragment, !fragment.isEmpty, let targetIds = ids[target], !targetIds.contains(fragment) {
            error("epub.dangling-fragment", "`\(href)`: `\(target)` has no element with id `\(fragment)`", path, line: line)
        }
        return target
    }

    /// Exactly one `nav epub:type="toc"`, whose entries are spine documents.
    mutating func checkNavigation(_ nav: ParsedXMLDocument, path: String) {
        guard let root = nav.root else { return }
        let navs = XMLNodes.descendants(root).filter { XMLNodes.isElement($0, "nav", in: XMLNodes.xhtml) }
        let tocs = navs.filter {
            (XMLNodes.attribute($0, "type", namespace: XMLNodes.ops) ?? "").split(separator: " ").contains("toc")
        }
        guard tocs.count == 1, let toc = tocs.first else {
            error("epub.nav-toc", "the navigation document must have exactly one nav epub:type=\"toc\"; it has \(tocs.count)",
                  path, line: XMLNodes.line(root))
            return
        }
        let folder = (path as NSString).deletingLastPathComponent
        var entries = 0
        for anchor in XMLNodes.descendants(toc) where XMLNodes.isElement(anchor, "a", in: XMLNodes.xhtml) {
            entries += 1
            let line = XMLNodes.line(anchor)
            if XMLNodes.text(anchor).trimmingCharacters(in: .whitespacesAndNewlines).isEmpty {
                error("epub.nav-empty-label", "a toc entry has no label", path, line: line)
            }
            guard let href = XMLNodes.attribute(anchor, "href"), !Self.hasScheme(href),
                  let target = Self.resolve(href, from: folder) else {
                error("epub.nav-href", "a toc entry has no internal href", path, line: line)
                continue
            }
            if !spinePaths.contains(target) {
                error("epub.nav-outside-spine", "toc entry `\(href)` is not a document of the spine", path, line: line)
            }
        }
        if entries == 0 { error("epub.nav-toc-empty", "the toc lists nothing", path, line: XMLNodes.line(toc)) }
    }

    /// The EPUB 2 NCX's `content src` targets resolve like any link.
    mutating func checkNCX(_ ncx: ParsedXMLDocument, path: String) {
        guard let root = ncx.root else { return }
        let folder = (path as NSString).deletingLastPathComponent
        for element in XMLNodes.descendants(root)
        where XMLNodes.isElement(element, "content", in: "http://www.daisy.org/z3986/2005/ncx/") {
            guard let source = XMLNodes.attribute(element, "src"), !Self.hasScheme(source) else { continue }
            checkLink(source, from: path, folder: folder, line: XMLNodes.line(element), isHyperlink: true)
        }
    }
}
