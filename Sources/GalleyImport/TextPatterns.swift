import Foundation
import GalleyCore

/// Character classes and patterns the rules share.
enum CJK {
    /// Han ideographs (URO, extension A, compatibility) and 〇.
    static func isHan(_ c: Character) -> Bool {
        guard let s = c.unicodeScalars.first else { return false }
        switch s.value {
        case 0x4E00...0x9FFF, 0x3400...0x4DBF, 0xF900...0xFAFF, 0x20000...0x2FA1F, 0x3007: return true
        default: return false
        }
    }

    /// Full-width punctuation used in Chinese text.
    static func isPunctuation(_ c: Character) -> Bool {
        // (None is ASCII: most characters asked about are answered without hashing them.)
        !c.isASCII && punctuation.contains(c)
    }

    private static let punctuation = Set("，。、；：？！…—“”‘’（）《》〈〉「」『』【】〔〕·～")

    /// Han or Chinese punctuation: the context that makes ASCII punctuation wrong.
    static func isWide(_ c: Character) -> Bool { isHan(c) || isPunctuation(c) }

    static func isASCIIAlphanumeric(_ c: Character) -> Bool {
        c.isASCII && (c.isLetter || c.isNumber)
    }

    /// Where a sentence may end; a paragraph ending otherwise was probably cut.
    static let terminal: Set<Character> = [
        "。", "！", "？", "…", "”", "」", "』", "）", "；", "：", "!", "?", ".", ";", ":", "’", "》",
    ]

    /// Punctuation that cannot start a sentence: a block starting with it continues the previous one.
    static let continuing: Set<Character> = ["，", "、", "。", "；", "：", "！", "？", "）", "”", "》", ",", ";", ":"]

    static let chineseDigits: [Character: Int] = [
        "〇": 0, "零": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5,
        "六": 6, "七": 7, "八": 8, "九": 9,
    ]

    /// 一 → 1, 十二 → 12, 二十三 → 23, 一百零五 → 105; nil if not a numeral.
    static func chineseNumber(_ text: Substring) -> Int? {
        if text.isEmpty { return nil }
        if let value = Int(text) { return value }
        var total = 0, current = 0
        for c in text {
            if let digit = chineseDigits[c] { current = digit; continue }
            let unit: Int
            switch c {
            case "十": unit = 10
            case "百": unit = 100
            case "千": unit = 1000
            default: return nil
            }
            total += (current == 0 ? 1 : current) * unit
            current = 0
        }
        return total + current
    }
}

/// Small helpers on regular expressions over whole strings.
extension String {
    /// `contains("\n")` as Foundation answers it (a line feed with a combining mark after it is
    /// another character), asked of `NSString` only when the bytes hold a line feed at all.
    var hasLineFeed: Bool { containsByte(0x0A) && range(of: "\n") != nil }

    func matches(_ pattern: String) -> Bool {
        range(of: pattern, options: .regularExpression) != nil
    }

    func replacing(_ pattern: String, with template: String) -> String {
        replacingOccurrences(of: pattern, with: template, options: .regularExpression)
    }

    /// The first capture group of `pattern`, if it matches.
    func capture(_ pattern: String, group: Int = 1) -> String? {
        guard let regex = CompiledPatterns.shared.regex(pattern) else { return nil }
        let ns = self as NSString
        guard let match = regex.firstMatch(in: self, range: NSRange(location: 0, length: ns.length)),
            match.range(at: group).location != NSNotFound
        else { return nil }
        return ns.substring(with: match.range(at: group))
    }
}

/// Patterns compiled once: `capture` is asked of every line and every run of prose, and
/// compiling its pattern each time cost more than matching it (100,000 paragraphs, 6 s).
final class CompiledPatterns: @unchecked Sendable {
    static let shared = CompiledPatterns()
    private let lock = NSLock()
    private var compiled: [String: NSRegularExpression] = [:]

    func regex(_ pattern: String) -> NSRegularExpression? {
        lock.withLock {
            if let regex = compiled[pattern] { return regex }
            guard let regex = try? NSRegularExpression(pattern: pattern) else { return nil }
            compiled[pattern] = regex
            return regex
        }
    }
}

extension StringProtocol {
    /// Whether `needle` occurs in the text, byte for byte, not followed by a combining mark (which
    /// would make its last character another one): what Foundation's `contains` answers for the
    /// marks the rules look for, without going through `NSString` for every line.
    func containsLiteral(_ needle: String) -> Bool {
        let pattern = Array(needle.utf8)
        guard let first = pattern.first else { return true }
        func search(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
            guard bytes.count >= pattern.count else { return false }
            var i = 0
            let last = bytes.count - pattern.count
            while i <= last {
                if bytes[i] == first {
                    var k = 1
                    while k < pattern.count, bytes[i + k] == pattern[k] { k += 1 }
                    if k == pattern.count && !startsWithCombiningMark(bytes, at: i + k) { return true }
                }
                i += 1
            }
            return false
        }
        if let found = utf8.withContiguousStorageIfAvailable(search) { return found }
        return Array(utf8).withUnsafeBufferPointer(search)
    }

    private func startsWithCombiningMark(_ bytes: UnsafeBufferPointer<UInt8>, at start: Int) -> Bool {
        guard start < bytes.count, bytes[start] >= 0x80,
            let (scalar, _) = UTF8Decoding.scalar(in: bytes, at: start)
        else { return false }
        return scalar.properties.isGraphemeExtend || scalar.properties.generalCategory == .spacingMark
    }

    /// Without the white space at either end (`CharacterSet.whitespaces`: tab and the
    /// space separators), trimmed in Swift: Foundation's trimming copies every line it is asked of.
    var trimmed: String {
        let text = String(self)
        let scalars = text.unicodeScalars
        guard let first = scalars.firstIndex(where: { !TextScanning.isHorizontalSpace($0) }) else { return "" }
        let last = scalars.lastIndex(where: { !TextScanning.isHorizontalSpace($0) })!
        if first == scalars.startIndex && scalars.index(after: last) == scalars.endIndex { return text }
        return String(scalars[first...last])
    }
}

/// Heading numbering families, in their usual nesting order.
enum Numbering: Int, CaseIterable, Comparable {
    case part, chapter, section, ordinal, parenthesized, arabic, arabicParenthesized

    static func < (a: Numbering, b: Numbering) -> Bool { a.rawValue < b.rawValue }

    private static let han = "[一二三四五六七八九十百零〇两0-9]+"

    /// The family of a heading's numbering and its number, if it has one.
    static func of(_ text: String) -> (Numbering, Int)? {
        let patterns: [(Numbering, String)] = [
            (.part, "^第(\(han))[篇部](?:分)?(?:\\s|$)"),
            (.chapter, "^第(\(han))章"),
            (.section, "^第(\(han))节"),
            (.ordinal, "^([一二三四五六七八九十]+)、"),
            (.parenthesized, "^[（(]([一二三四五六七八九十]+)[）)]"),
            (.arabic, "^([0-9]{1,2})[.、．](?![0-9])"),
            (.arabicParenthesized, "^[（(]([0-9]{1,2})[）)]"),
        ]
        for (family, pattern) in patterns {
            if let number = text.capture(pattern), let value = CJK.chineseNumber(Substring(number)) {
                return (family, value)
            }
        }
        return nil
    }
}
