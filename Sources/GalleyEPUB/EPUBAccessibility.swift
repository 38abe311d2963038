import GalleyCore

/// EPUB Accessibility 1.1 discovery metadata, and the conformance claim
/// only when the checks Galley can make hold.
struct EPUBAccessibility {
    var accessModes: [String]
    var accessModesSufficient: [String]
    var features: [String]
    var summary: String
    /// The WCAG conformance claim, or nil with the reasons it was withheld.
    var conformsTo: String?
    var diagnostics: [Diagnostic] = []

    static let claim = "EPUB Accessibility 1.1 - WCAG 2.2 Level AA"

    /// - Parameter headingLevels: the levels of each content document's headings, in order.
    static func evaluate(_ publication: EPUBPublication, headingLevels: [(path: String, levels: [Int])])
        -> EPUBAccessibility
    {
        let labels = publication.labels
        let hasImages = publication.imageCount > 0 || publication.coverImage != nil
        let allDescribed = publication.imagesWithoutAlt == 0
        var features = ["structuralNavigation", "tableOfContents", "readingOrder"]
        if hasImages && allDescribed { features.append("alternativeText") }
        var summary = labels.summaryText
        if hasImages { summary += allDescribed ? labels.summaryImagesDescribed : labels.summaryImagesNotDescribed }

        var reasons: [String] = []
        if !allDescribed {
            reasons.append("\(publication.imagesWithoutAlt) image(s) have no alt text")
        }
        for (path, levels) in headingLevels {
            var previous = 0
            for level in levels {
                if level > previous + 1 {
                    reasons.append("\(path) has an h\(level) after h\(previous) (a skipped heading level)")
                    break
                }
                previous = level
            }
        }
        let language = publication.book.metadata.language
        if language.isEmpty || language == "und" { reasons.append("the book sets no language") }

        var result = EPUBAccessibility(
            accessModes: hasImages ? ["textual", "visual"] : ["textual"],
            accessModesSufficient: hasImages && !allDescribed ? ["textual,visual"] : ["textual"],
            features: features, summary: summary, conformsTo: reasons.isEmpty ? claim : nil)
        if !reasons.isEmpty {
            result.diagnostics.append(
                Diagnostic(
                    EPUBCode.accessibilityClaimWithheld,
                    "no WCAG conformance claim in the EPUB: " + reasons.joined(separator: "; ")))
        }
        return result
    }
}
