import Foundation
import GalleyTestSupport
import Testing

/// pandoc's reading of a DocBook file against Galley's own text output:
/// every paragraph pandoc finds must appear in the text output, in order,
/// and every footnote somewhere in it. Compared on letters (any script), so
/// that wrapping, indentation, punctuation style and note markers, which
/// legitimately differ, do not count; any lost or changed word does.
enum PandocComparison {
    static func expectSameText(
        docBook: URL, text: [UInt8],
        sourceLocation: SourceLocation = #_sourceLocation
    ) throws {
        let galley = String(decoding: text, as: UTF8.self)
        if galley.isEmpty {
            Issue.record("the text writer rendered an empty file", sourceLocation: sourceLocation)
            return
        }
        let (body, notes) = try DocBookJudges.pandocBlocks(docBook)
        #expect(!body.isEmpty, "pandoc read no text", sourceLocation: sourceLocation)
        let galleyLetters = DocBookJudges.letters(DocBookJudges.withoutLinkTargets(galley))
        var cursor = galleyLetters.startIndex
        for block in body {
            let key = DocBookJudges.letters(block)
            if key.isEmpty { continue }
            if let range = galleyLetters[cursor...].firstRange(of: key) {
                cursor = range.upperBound
            } else {
                Issue.record(
                    "pandoc's paragraph is not in the text output (in order): \(block)",
                    sourceLocation: sourceLocation)
            }
        }
        for note in notes {
            let text = DocBookJudges.isNoteStart(Substring(note)) ? String(note.drop { $0 != " " }) : note
            let key = DocBookJudges.letters(text)
            if key.isEmpty { continue }
            #expect(
                galleyLetters.firstRange(of: key) != nil,
                "pandoc's footnote is not in the text output: \(note)", sourceLocation: sourceLocation)
        }
    }
}
