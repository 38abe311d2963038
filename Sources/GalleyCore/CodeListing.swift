/// A captioned code listing: mdBook's `<Listing number="15-1"
/// file-name="src/main.rs" caption="…">` around a code block, which the
/// reader keeps as a `.div` with the class `listing` and those three keys.
/// Every writer labels it the same way through this type.
public struct CodeListing: Hashable, Sendable {
    public static let className = "listing"

    public var number: String?
    public var fileName: String?
    public var caption: String?

    /// The listing a div stands for, or nil when it is not one.
    public init?(_ attributes: Attributes) {
        guard attributes.hasClass(Self.className) else { return nil }
        func value(_ key: String) -> String? {
            attributes[key].flatMap { $0.allSatisfy(\.isWhitespace) ? nil : $0 }
        }
        number = value("number")
        fileName = value("file-name")
        caption = value("caption")
    }

    /// The attribute keys the reader keeps on a listing.
    public static let keys = ["number", "file-name", "caption"]

    /// "Listing 15-1: Caption", "示例 15-1：Caption", the caption alone, or nil.
    public func title(language: String) -> String? {
        let words = Self.words(language)
        let label = number.map { "\(words.listing)\(words.space)\($0)" }
        switch (label, caption) {
        case (let label?, let caption?): return label + words.colon + caption
        case (let label?, nil): return label
        case (nil, let caption?): return caption
        case (nil, nil): return nil
        }
    }

    /// "Filename: src/main.rs", "文件名：src/main.rs", or nil.
    public func fileLine(language: String) -> String? {
        fileName.map { Self.words(language).fileName + $0 }
    }

    static func words(_ language: String) -> (listing: String, space: String, colon: String, fileName: String) {
        let primary = language.lowercased().split(separator: "-").first.map(String.init) ?? ""
        switch primary {
        case "zh": return ("示例", " ", "：", "文件名：")
        case "ja": return ("リスト", " ", "：", "ファイル名：")
        case "ko": return ("예제", " ", ": ", "파일명: ")
        default: return ("Listing", " ", ": ", "Filename: ")
        }
    }
}
