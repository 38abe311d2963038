/// `copyright-page`: gives the copyright page the shape of a printed one:
/// a 版权信息 title, the CIP record under its own heading (record lines
/// joined the way GB/T 12451 prints them: `题名／责任者. —出版地：出版者，年`,
/// roman field numbers Ⅰ. Ⅱ.), an 出版信息 heading, and runs of
/// `label：value` lines kept together as one block of lines.
public struct CopyrightPageRule: ImportRule {
    public let name = "copyright-page"
    public let summary =
        "Shape the copyright page: CIP record (GB/T 12451 form) "
        + "and imprint lines grouped under headings."
    public init() {}

    static let romanFields: [(String, String)] = [("IV", "Ⅳ"), ("III", "Ⅲ"), ("II", "Ⅱ"), ("I", "Ⅰ"), ("V", "Ⅴ")]

    public func apply(to document: inout ImportDocument, options: ImportOptions, log: inout ImportLog) {
        guard let d = document.divisions.firstIndex(where: { $0.role == .copyright }) else { return }
        let input = document.divisions[d].blocks
        var output: [ImportBlock] = [ImportBlock(kind: .heading(level: 1), text: "版权信息", lines: [])]
        var index = 0
        // The CIP record: from its heading through the 核字 line.
        if let first = input.first, Segmenter.collapse(first.text).contains("编目") {
            var heading = first
            heading.kind = .heading(level: 2)
            heading.id = "cip"
            output.append(heading)
            if !first.isHeading { log.changed(first.lines, first.text, "## " + first.text) }
            index = 1
            while index < input.count {
                var block = input[index]
                let next = index + 1 < input.count ? input[index + 1] : nil
                if block.text.trimmed.hasSuffix("."), let next,
                    next.text.matches("^[\\p{Han}]{2,}[：:].+[，,]\\s*[0-9]{4}")
                {
                    // `题名 / 责任者.` + `出版地：出版者，年` → one record line
                    let joined = Self.fullWidthSlashes(block.text.trimmed) + " —" + next.text.trimmed
                    log.changed(block.lines + next.lines, block.text + "\n" + next.text, joined)
                    block = ImportBlock(kind: .paragraph, text: joined, lines: block.lines + next.lines)
                    index += 1
                }
                var fields = block.text
                for (latin, roman) in Self.romanFields {
                    fields = fields.replacing("(^|\\s)\(latin)\\s*\\.\\s*", with: "$1\(roman).")
                }
                if fields != block.text {
                    log.changed(block.lines, block.text, fields)
                    block.text = fields
                }
                output.append(block)
                index += 1
                if Segmenter.collapse(block.text).contains("核字") { break }
            }
        }
        output.append(ImportBlock(kind: .heading(level: 2), text: "出版信息", lines: [], id: "imprint"))
        // The imprint: label lines grouped; other headings become plain lines.
        while index < input.count {
            var block = input[index]
            if block.isHeading {
                log.changed(block.lines, "## " + block.text, block.text)
                block.kind = .paragraph
                output.append(block)
                index += 1
                continue
            }
            var group = block
            var end = index + 1
            if Self.isField(block) {
                while end < input.count, Self.isField(input[end]) {
                    group.text += "\n" + input[end].text
                    group.lines += input[end].lines
                    end += 1
                }
                // Two trailing spaces make the joined lines hard breaks for `unwrap-lines`.
                group.text = group.text.split(separator: "\n").map { $0.trimmed + "  " }.joined(separator: "\n").trimmed
                if end > index + 1 {
                    log.changed(group.lines, input[index..<end].map(\.text).joined(separator: "\n\n"), group.text)
                }
            }
            output.append(group)
            index = end
        }
        document.divisions[d].blocks = output
    }

    static func isField(_ block: ImportBlock) -> Bool {
        !block.isHeading
            && (String(block.text.prefix(10)).matches("^[\\p{Han} ]{2,8}[：:]") || block.text.trimmed.hasPrefix("ISBN"))
    }

    /// `题名 / 责任者` → `题名／责任者`: each `/` and the spaces either side of it (`\\s*/\\s*`).
    static func fullWidthSlashes(_ text: String) -> String {
        var out: [Character] = []
        var chars = text.makeIterator()
        var skipping = false
        while let c = chars.next() {
            if c == "/" {
                while out.last?.isWhitespace == true { out.removeLast() }
                out.append("／")
                skipping = true
            } else if !(skipping && c.isWhitespace) {
                out.append(c)
                skipping = false
            }
        }
        return String(out)
    }

}
