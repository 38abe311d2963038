/// `romanised-title`: drops lines of the title pages written only in
/// Latin letters (the pinyin title printed under the Chinese one). Not in a
/// book written in Latin letters, where such a line is its authors' names.
public struct RomanisedTitleRule: ImportRule {
    public let name = "romanised-title"
    public let summary = "Drop romanised (pinyin) titles from the title pages."
    public init() {}

    public func apply(to document: inout ImportDocument, options: ImportOptions, log: inout ImportLog) {
        guard MetadataRule.language(of: document) != "en" else { return }
        for d in document.divisions.indices where document.divisions[d].role == .titlepage {
            document.divisions[d].blocks.removeAll { block in
                let letters = block.text.filter { !$0.isWhitespace }
                let romanised = !letters.isEmpty && letters.allSatisfy { $0.isASCII && $0.isLetter }
                if romanised { log.removed(block.lines, block.text) }
                return romanised
            }
        }
    }
}

/// `repeated-title-page`: keeps the first title page; blocks repeating an
/// earlier title-page block (half title, second title page) are dropped.
public struct RepeatedTitlePageRule: ImportRule {
    public let name = "repeated-title-page"
    public let summary = "Drop title-page lines that repeat an earlier title-page line (half title, second title page)."
    public init() {}

    public func apply(to document: inout ImportDocument, options: ImportOptions, log: inout ImportLog) {
        for d in document.divisions.indices where document.divisions[d].role == .titlepage {
            var seen: Set<String> = []
            document.divisions[d].blocks.removeAll { block in
                let key = Segmenter.collapse(block.text)
                if seen.insert(key).inserted { return false }
                log.removed(block.lines, block.text)
                return true
            }
        }
    }
}

/// `metadata`: title, creators and roles, publisher, date, ISBN and
/// subjects from the title page and the copyright/CIP page, for
/// `book.yaml`. The title page's lines move there; the copyright page stays.
public struct MetadataRule: ImportRule {
    public let name = "metadata"
    public let summary =
        "Read title, creators, publisher, date, ISBN and subjects from the title and CIP pages "
        + "into book.yaml."
    public init() {}

    /// `zh-Hans` unless the book is written in Latin letters (fewer Han characters than a tenth of its letters): `en`.
    static func language(of document: ImportDocument) -> String {
        var han = 0
        var latin = 0
        for division in document.divisions {
            for block in division.blocks {
                for c in block.text.unicodeScalars {
                    // (Unified Han and ASCII, most of a book, answered without the property tables.)
                    if (0x4E00...0x9FFF).contains(c.value) {
                        han += 1
                    } else if c.isASCII {
                        if c.properties.isAlphabetic { latin += 1 }
                    } else if c.properties.isIdeographic {
                        han += 1
                    } else if c.isASCII && c.properties.isAlphabetic {
                        latin += 1
                    }
                }
            }
        }
        return han * 10 < han + latin && latin > 0 ? "en" : "zh-Hans"
    }

    /// Printed roles and their MARC relator codes.
    static let roles: [(String, String)] = [
        ("编著", "edt"), ("主编", "edt"), ("选编", "edt"), ("编选", "edt"), ("编译", "trl"), ("编", "edt"),
        ("译", "trl"), ("翻译", "trl"), ("著", "aut"), ("撰", "aut"), ("绘", "ill"), ("整理", "edt"),
    ]

    static let organizationSuffixes = [
        "会", "社", "部", "所", "院", "中心", "办公室", "局", "厅", "馆", "组",
        "集团", "公司", "大学", "学院", "委员会", "研究室",
    ]

    static let publisherPattern = "(出版社|出版中心|出版公司|出版集团|书局|书店|出版有限|Press)"

    public func apply(to document: inout ImportDocument, options: ImportOptions, log: inout ImportLog) {
        document.metadata.language = Self.language(of: document)
        var meta = document.metadata
        for d in document.divisions.indices where document.divisions[d].role == .titlepage {
            document.divisions[d].blocks.removeAll { block in
                let text = Segmenter.collapse(block.text)
                if block.isHeading && meta.title == nil {
                    meta.title = text
                    log.moved(block.lines, block.text, to: "book.yaml", "title: \(text)")
                    return true
                }
                let creators = Self.creators(block.text)
                if !creators.isEmpty {
                    meta.creators += creators
                    log.moved(
                        block.lines, block.text, to: "book.yaml",
                        creators.map {
                            "creator: \($0.name) (\($0.displayRole ?? $0.role))"
                        }.joined(separator: "; "))
                    return true
                }
                if meta.title != nil, meta.subtitle == nil,
                    let subtitle = block.text.trimmed.capture("^[—－-]{1,2}\\s*(.+)$")
                {
                    meta.subtitle = Segmenter.collapse(subtitle)
                    log.moved(block.lines, block.text, to: "book.yaml", "subtitle: \(meta.subtitle!)")
                    return true
                }
                if meta.publisher == nil, text.matches(Self.publisherPattern) {
                    meta.publisher = text
                    log.moved(block.lines, block.text, to: "book.yaml", "publisher: \(text)")
                    return true
                }
                if meta.title == nil, !block.text.hasLineFeed {
                    meta.title = text
                    log.moved(block.lines, block.text, to: "book.yaml", "title: \(text)")
                    return true
                }
                return false
            }
        }
        document.divisions.removeAll { $0.role == .titlepage && $0.blocks.isEmpty }
        for division in document.divisions where division.role == .copyright {
            for block in division.blocks { read(copyrightLine: block.text, into: &meta) }
        }
        document.metadata = meta
    }

    /// `上海市党建研究会 编著` → one editor; `张三、李四 主编` → two. Spaces inside a
    /// name are letter-spacing (`张 三`), so only 、，, separate names.
    static func creators(_ line: String) -> [ImportedCreator] {
        let text = line.trimmed
        for (printed, code) in roles where text.hasSuffix(printed) {
            let names = text.dropLast(printed.count).split(whereSeparator: { "、，,；;".contains($0) })
                .map { Segmenter.collapse($0) }.filter { !$0.isEmpty }
            guard !names.isEmpty, names.allSatisfy({ $0.count <= 40 && !$0.contains("/") && !$0.contains("／") })
            else { continue }
            return names.map { name in
                ImportedCreator(
                    name: name, role: code, displayRole: printed,
                    isOrganization: organizationSuffixes.contains { name.hasSuffix($0) })
            }
        }
        return []
    }

    /// Fields of the copyright page; the first value found wins.
    func read(copyrightLine line: String, into meta: inout ImportedMetadata) {
        let text = Segmenter.collapse(line)
        if meta.isbn == nil, let isbn = Self.isbn(line) { meta.isbn = isbn }
        if let value = text.capture("^出版发行[：:](.+)$"), meta.publisher == nil { meta.publisher = value }
        if let value = text.capture("^地址[：:](.+)$"), meta.publisherAddress == nil { meta.publisherAddress = value }
        if meta.date == nil, let year = text.capture("^版次[：:]([0-9]{4})年"),
            let month = text.capture("^版次[：:][0-9]{4}年([0-9]{1,2})月")
        {
            meta.date = year + "-" + (month.count == 1 ? "0" + month : month)
        }
        if meta.date == nil, let year = text.capture("[，,]([0-9]{4})\\.([0-9]{1,2})$"),
            let month = text.capture("[，,][0-9]{4}\\.([0-9]{1,2})$")
        {
            meta.date = year + "-" + (month.count == 1 ? "0" + month : month)
        }
        // CIP subject field: `III . 中国共产党—基层组织—…  IV . D267`
        if meta.subjects.isEmpty,
            let subject = line.capture("(?:III|Ⅲ)\\s{0,8}[.．]\\s{0,8}(.{1,200}?)\\s{1,20}(?:IV|Ⅳ)\\s{0,8}[.．]")
        {
            meta.subjects = subject.split(separator: " ").map(String.init).filter { !$0.isEmpty }
        }
    }

    /// `ISBN 978 - 7 - 80186 - 921 - 0` → `978-7-80186-921-0`, if the check digit is right.
    static func isbn(_ line: String) -> String? {
        guard let raw = line.capture("ISBN[：:\\s]*([0-9Xx][0-9Xx\\s\\-－]{8,30}[0-9Xx])") else { return nil }
        let groups = raw.split(whereSeparator: { $0 == "-" || $0 == "－" || $0 == " " }).map(String.init)
        let digits = groups.joined()
        guard digits.count == 13 || digits.count == 10 else { return nil }
        let values = digits.map { $0 == "X" || $0 == "x" ? 10 : Int(String($0)) ?? 0 }
        let valid: Bool
        if digits.count == 13 {
            valid = values.enumerated().reduce(0) { $0 + $1.element * ($1.offset % 2 == 0 ? 1 : 3) } % 10 == 0
        } else {
            valid = values.enumerated().reduce(0) { $0 + $1.element * (10 - $1.offset) } % 11 == 0
        }
        return valid ? groups.joined(separator: "-").uppercased() : nil
    }
}
