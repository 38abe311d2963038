import GalleyCore

/// Every word Galley itself puts into a book, per language, in one table:
/// landmark and contents labels, names of untitled divisions, creator roles,
/// the accessibility summary.
struct EPUBLabels: Sendable {
    var cover: String
    var titlePage: String
    var contents: String
    var bodyMatter: String
    var landmarks: String
    var roles: [DivisionRole: String]
    /// MARC relator code → how the title page shows it.
    var creatorRoles: [String: String]
    /// Creator role text goes after the name (`上海市党建研究会 编著`) or before it (`Edited by …`).
    var creatorRoleAfterName: Bool
    var summaryText: String
    var summaryImagesDescribed: String
    var summaryImagesNotDescribed: String
    /// Separator between names on the title page.
    var nameSeparator: String

    /// Chinese books number notes ①②③ (GB/T 15834 calls them 序号); others 1, 2, 3.
    var circledNoteNumbers: Bool

    func name(of role: DivisionRole) -> String { roles[role] ?? roles[.chapter]! }

    /// The marker of note `number` as the reader sees it.
    func noteMarker(_ number: Int) -> String {
        if circledNoteNumbers, (1...20).contains(number) {
            return String(Unicode.Scalar(0x2460 + UInt32(number - 1))!)
        }
        return String(number)
    }

    /// The table for a BCP 47 tag: Simplified or Traditional Chinese, else English.
    static func forLanguage(_ tag: String) -> EPUBLabels {
        let subtags = tag.lowercased().split(separator: "-").map(String.init)
        guard subtags.first == "zh" else { return english }
        let traditional =
            subtags.contains("hant") || subtags.contains("tw") || subtags.contains("hk") || subtags.contains("mo")
        return traditional ? traditionalChinese : simplifiedChinese
    }

    static let simplifiedChinese = EPUBLabels(
        cover: "封面", titlePage: "扉页", contents: "目录", bodyMatter: "正文", landmarks: "导览",
        roles: [
            .cover: "封面", .titlepage: "扉页", .copyright: "版权页", .dedication: "献词",
            .epigraph: "题词", .preface: "序言", .foreword: "前言", .introduction: "引言",
            .prologue: "序章", .chapter: "章", .part: "部", .appendix: "附录", .afterword: "后记",
            .epilogue: "尾声", .conclusion: "结语", .colophon: "出版说明", .acknowledgments: "致谢",
            .bibliography: "参考文献", .glossary: "术语表", .index: "索引",
        ],
        creatorRoles: ["aut": "著", "edt": "编", "trl": "译", "ill": "绘", "com": "编", "ctb": "参编"],
        creatorRoleAfterName: true,
        summaryText: "本书为文字出版物，提供目录、结构化标题，内容按阅读顺序排列。",
        summaryImagesDescribed: "所有图像均配有替代文字。",
        summaryImagesNotDescribed: "部分图像缺少替代文字。",
        nameSeparator: "、", circledNoteNumbers: true)

    static let traditionalChinese = EPUBLabels(
        cover: "封面", titlePage: "扉頁", contents: "目錄", bodyMatter: "正文", landmarks: "導覽",
        roles: [
            .cover: "封面", .titlepage: "扉頁", .copyright: "版權頁", .dedication: "獻詞",
            .epigraph: "題詞", .preface: "序言", .foreword: "前言", .introduction: "引言",
            .prologue: "序章", .chapter: "章", .part: "部", .appendix: "附錄", .afterword: "後記",
            .epilogue: "尾聲", .conclusion: "結語", .colophon: "出版說明", .acknowledgments: "致謝",
            .bibliography: "參考文獻", .glossary: "術語表", .index: "索引",
        ],
        creatorRoles: ["aut": "著", "edt": "編", "trl": "譯", "ill": "繪", "com": "編", "ctb": "參編"],
        creatorRoleAfterName: true,
        summaryText: "本書為文字出版物，提供目錄、結構化標題，內容按閱讀順序排列。",
        summaryImagesDescribed: "所有圖像均配有替代文字。",
        summaryImagesNotDescribed: "部分圖像缺少替代文字。",
        nameSeparator: "、", circledNoteNumbers: true)

    static let english = EPUBLabels(
        cover: "Cover", titlePage: "Title Page", contents: "Contents", bodyMatter: "Start of Content",
        landmarks: "Landmarks",
        roles: [
            .cover: "Cover", .titlepage: "Title Page", .copyright: "Copyright", .dedication: "Dedication",
            .epigraph: "Epigraph", .preface: "Preface", .foreword: "Foreword", .introduction: "Introduction",
            .prologue: "Prologue", .chapter: "Chapter", .part: "Part", .appendix: "Appendix",
            .afterword: "Afterword", .epilogue: "Epilogue", .conclusion: "Conclusion", .colophon: "Colophon",
            .acknowledgments: "Acknowledgments", .bibliography: "Bibliography", .glossary: "Glossary",
            .index: "Index",
        ],
        creatorRoles: ["edt": "Edited by", "trl": "Translated by", "ill": "Illustrated by", "com": "Compiled by"],
        creatorRoleAfterName: false,
        summaryText: "A textual publication with a table of contents and structured headings, in reading order.",
        summaryImagesDescribed: " Every image has a text alternative.",
        summaryImagesNotDescribed: " Some images lack a text alternative.",
        nameSeparator: ", ", circledNoteNumbers: false)
}
