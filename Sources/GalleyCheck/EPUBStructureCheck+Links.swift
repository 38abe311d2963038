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

    @discardableResult
    mutating func checkLink(_ href: String, from path: String, folder: String, line: Int, isHyperlink: Bool) -> String?
    {
        guard !isReportFull else { return nil }
        let pieces = href.split(separator: "#", maxSplits: 1, omittingEmptySubsequences: false)
        let fragment = pieces.count > 1 ? String(pieces[1]).removingPercentEncoding ?? String(pieces[1]) : nil
        let target: String
        if pieces[0].isEmpty {
            target = path
        } else {
            let key = folder + "\n" + pieces[0]
            let cached = self.resolved[key] ?? Self.resolve(String(pieces[0]), from: folder)
            // Bounded: a hostile document can link to millions of distinct files.
            if self.resolved.count < 10_000 { self.resolved[key] = cached }
            guard let resolved = cached else {
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
}
