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
        for (index, byte) in href.utf8.enumerated() {
            switch byte {
            case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"): continue
            case UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "+"), UInt8(ascii: "."), UInt8(ascii: "-"):
                if index == 0 { return false }
            case UInt8(ascii: ":"): return index > 0
            default: return false
            }
        }
        return false
    }

    @discardableResult
    mutating func checkLink(_ href: String, from path: String, folder: String, line: Int, isHyperlink: Bool) -> String?
    {
        guard !isReportFull else { return nil }
        let pieces = href.split(separator: "#", maxSplits: 1, omittingEmptySubsequences: false)
        let fragment = pieces.count > 1 ? Self.decoded(pieces[1]) : nil
        let target: String
        if pieces[0].isEmpty {
            target = path
        } else {
            guard let resolved = resolvedTarget(String(pieces[0]), from: folder) else {
                error(.epubDanglingLink, "`\(href)` points outside the container", path, line: line)
                return nil
            }
            target = resolved
        }
        guard archive.contains(target) else {
            error(.epubDanglingLink, "`\(href)` points to `\(target)`, which is not in the zip", path, line: line)
            return nil
        }
        if manifestPaths[target] == nil {
            error(
                .epubUnlistedTarget, "`\(href)` points to `\(target)`, which is not in the manifest", path,
                line: line)
        }
        if isHyperlink, manifestPaths[target] == "application/xhtml+xml", target != navPath, !spineSet.contains(target)
        {
            error(.epubLinkOutsideSpine, "`\(href)` links to `\(target)`, which is not in the spine", path, line: line)
        }
        if let fragment, !fragment.isEmpty, let targetIds = ids[target], !targetIds.contains(fragment) {
            error(
                .epubDanglingFragment, "`\(href)`: `\(target)` has no element with id `\(fragment)`", path,
                line: line)
        }
        return target
    }

    /// `resolve`, remembered per folder and file part.
    mutating func resolvedTarget(_ file: String, from folder: String) -> String? {
        let key = folder + "\n" + file
        if let known = resolved[key] { return known }
        let found = Self.resolve(file, from: folder)
        // Bounded: a hostile document can link to millions of distinct files.
        if resolved.count < 10_000 { resolved[key] = found }
        return found
    }

    /// A fragment with its percent escapes decoded (as it was when it has none or a broken one).
    static func decoded(_ fragment: Substring) -> String {
        guard fragment.containsByte(UInt8(ascii: "%")) else { return String(fragment) }
        return String(fragment).removingPercentEncoding ?? String(fragment)
    }
}
