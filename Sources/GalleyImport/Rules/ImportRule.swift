/// Options the rules read.
public struct ImportOptions: Sendable {
    /// `remove` (default): drop spaces the extraction put between Han and
    /// Latin letters or digits; `keep`: leave them.
    public enum CJKSpacing: String, Sendable, CaseIterable { case remove, keep }

    public var cjkSpacing: CJKSpacing
    /// Names of rules to skip.
    public var disabledRules: Set<String>

    public init(cjkSpacing: CJKSpacing = .remove, disabledRules: Set<String> = []) {
        self.cjkSpacing = cjkSpacing
        self.disabledRules = disabledRules
    }
}

/// One documented, switchable cleaning step. A rule changes the document
/// and records every change (lines, before, after) in the log.
public protocol ImportRule: Sendable {
    /// Stable name, used by `--disable NAME` and in the report.
    var name: String { get }
    /// One sentence for the report and `--help`.
    var summary: String { get }
    func apply(to document: inout ImportDocument, options: ImportOptions, log: inout ImportLog)
}

/// The rules in the order they run. Order matters: running heads go
/// before joins (a page number sits between the halves of a cut
/// paragraph), footnotes and lists before joins (never join into a note
/// or an item), punctuation before spacing (spaces around converted
/// marks are then removed).
public enum ImportRules {
    public static let all: [any ImportRule] = [
        RomanisedTitleRule(),
        RepeatedTitlePageRule(),
        MetadataRule(),
        TwoLineHeadingsRule(),
        RunningHeadsRule(),
        PrintedContentsRule(),
        CopyrightPageRule(),
        UnwrapLinesRule(),
        LetterSpacingRule(),
        HeadingLevelsRule(),
        HeadingIDsRule(),
        FootnotesRule(),
        ListsRule(),
        SignatureRule(),
        PageBreakJoinsRule(),
        PunctuationRule(),
        SpacingRule(),
    ]

    public static var names: [String] { all.map(\.name) }
}

extension ImportDocument {
    /// Calls `body` on each block of the divisions `where` accepts; the
    /// body returns the new text (nil: unchanged). Records changes.
    mutating func rewriteBlocks(
        log: inout ImportLog, where accept: (ImportDivision) -> Bool = { _ in true },
        _ body: (ImportBlock) -> String?
    ) {
        for d in divisions.indices where accept(divisions[d]) {
            for b in divisions[d].blocks.indices {
                let block = divisions[d].blocks[b]
                if let text = body(block), text != block.text {
                    log.changed(block.lines, block.text, text)
                    divisions[d].blocks[b].text = text
                }
            }
        }
    }
}
