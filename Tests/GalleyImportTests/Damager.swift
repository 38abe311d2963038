import Foundation
import GalleyTestSupport

/// One block of a clean chapter file.
enum CleanBlock: Equatable {
    case heading(Int, String)
    case paragraph(String)
    case item(String)
    case note(String, String)
    case signature([String])

    /// Reads the Markdown the importer writes (and the clean corpus is written in).
    static func parse(_ markdown: String) -> (role: String, blocks: [CleanBlock]) {
        var text = markdown
        var role = "chapter"
        if text.hasPrefix("---\n"),
            let end = text.range(of: "\n---\n", range: text.index(text.startIndex, offsetBy: 3)..<text.endIndex)
        {
            let frontMatter = text[text.index(text.startIndex, offsetBy: 4)..<end.lowerBound]
            for line in frontMatter.split(separator: "\n") where line.hasPrefix("role: ") {
                role = String(line.dropFirst(6))
            }
            text = String(text[end.upperBound...])
        }
        var blocks: [CleanBlock] = []
        for chunk in text.components(separatedBy: "\n\n") {
            let block = chunk.trimmingCharacters(in: .newlines)
            if block.isEmpty { continue }
            if block.hasPrefix("::: signature\n") {
                blocks.append(
                    .signature(
                        block.dropFirst(14).dropLast(4).replacingOccurrences(of: "\\\n", with: "\n")
                            .split(separator: "\n").map(String.init)))
            } else if block.hasPrefix("#") {
                let level = block.prefix(while: { $0 == "#" }).count
                let title = String(block.dropFirst(level + 1))
                    .replacingOccurrences(of: " \\{#[^}]+\\}$", with: "", options: .regularExpression)
                blocks.append(.heading(level, title))
            } else if block.hasPrefix("- ") {
                blocks.append(.item(String(block.dropFirst(2))))
            } else if block.hasPrefix("[^"), let close = block.range(of: "]: ") {
                let label = String(block[block.index(block.startIndex, offsetBy: 2)..<close.lowerBound])
                blocks.append(.note(label, String(block[close.upperBound...])))
            } else {
                blocks.append(.paragraph(block))
            }
        }
        return (role, blocks)
    }
}

/// Damages clean chapters the way PDF extraction does and remembers what it did.
struct Damager {
    var random: SeededRandom
    let bookTitle: String
    private(set) var lines: [String] = []
    /// Lines that are page furniture (running heads, page numbers): the importer must remove them.
    private(set) var artefacts: Set<Int> = []
    /// (last line of the first half, first line of the second half) of each cut paragraph.
    private(set) var cuts: Set<[Int]> = []
    /// Each clean paragraph and its punctuation-damaged form (before page breaks and spaces).
    private(set) var punctuation: [(clean: String, damaged: String)] = []
    private var page = 1
    private var used = 0
    private var pageLimit = 600
    private var pendingNotes: [String] = []
    /// Notes whose markers are not written yet: (marker, note line).
    private var waitingNotes: [(String, String)] = []
    private var chapterTitle = ""
    private var sectionTitle = ""

    /// Also cut paragraphs right after a sentence end, where no text rule can tell a cut from a paragraph end.
    var cutsAtSentenceEnds = false

    init(seed: UInt64, bookTitle: String) {
        random = SeededRandom(state: seed)
        self.bookTitle = bookTitle
        pageLimit = random.int(500...700)
    }

    private mutating func emit(_ line: String) {
        lines.append(line)
        lines.append("")
        // A note is printed at the foot of the page that holds its marker.
        while let index = waitingNotes.firstIndex(where: { line.contains($0.0) }) {
            pendingNotes.append(waitingNotes.remove(at: index).1)
        }
    }

    /// A title page like the seed's: title, creator, publisher.
    mutating func titlePage(creator: String, publisher: String) {
        emit("# " + bookTitle)
        emit(creator)
        emit(publisher)
    }

    private mutating func pageBreak() {
        for note in pendingNotes { emit(note) }
        pendingNotes = []
        let number: String
        switch random.int(0...3) {
        case 0: number = "\(page)"
        case 1: number = "— \(page) —"
        case 2: number = "- \(page) -"
        default: number = "第 \(page) 页"
        }
        artefacts.insert(lines.count + 1)
        emit(number)
        page += 1
        // Even pages carry the book title; odd pages the chapter or the current section title.
        let head =
            page.isMultiple(of: 2)
            ? bookTitle
            : !sectionTitle.isEmpty && random.chance(0.5) ? sectionTitle : chapterTitle
        if random.chance(0.25) {
            // Running head and page number extracted as one line.
            artefacts.insert(lines.count + 1)
            emit(random.chance(0.5) ? "\(page)  \(head)" : "\(head)  \(page)")
        } else if head.count <= 3 {
            for character in head { artefacts.insert(lines.count + 1); emit(String(character)) }   // vertical
        } else {
            artefacts.insert(lines.count + 1)
            emit(head)
        }
        used = 0
        pageLimit = random.int(500...700)
    }

    /// Characters after which a page break would fall exactly at a sentence end (undecidable: skipped).
    private static let sentenceEnds: Set<Character> = [
        "。", "！", "？", "：", "；", "”", "…", ".", "!", "?", ":", ";", "\"",
    ]

    /// Writes a text block, cutting it where the page fills up.
    private mutating func flow(_ text: String, prefix: String = "") {
        var rest = Array(text)
        var first = true
        while used + rest.count > pageLimit, pageLimit - used > 1 {
            var cut = pageLimit - used
            while cut < rest.count - 1, Self.unsafeCut(rest, at: cut, sentenceEnds: !cutsAtSentenceEnds) { cut += 1 }
            if cut >= rest.count - 1 { break }
            let piece = String(rest[..<cut])
            emit((first ? prefix : "") + piece)
            let lastLine = lines.count - 1
            first = false
            rest = Array(rest[cut...])
            pageBreak()
            cuts.insert([lastLine, lines.count + 1])
        }
        emit((first ? prefix : "") + String(rest))
        used += rest.count
        if used >= pageLimit { pageBreak() }
    }

    /// No cut inside a Latin word or number, inside a note marker, or just after a sentence end.
    private static func unsafeCut(_ text: [Character], at index: Int, sentenceEnds avoidSentenceEnds: Bool) -> Bool {
        let before = text[index - 1], after = text[index]
        let isWordCharacter: (Character) -> Bool = { $0.isASCII && ($0.isLetter || $0.isNumber) }
        if isWordCharacter(before) && isWordCharacter(after) {
            return true
        }
        if avoidSentenceEnds && sentenceEnds.contains(before) || "①②③④⑤<[".contains(after) { return true }
        // Never inside a `<sup>…</sup>` marker.
        let window = String(text[max(0, index - 12)..<min(text.count, index + 12)])
        let offset = index - max(0, index - 12)
        var search = window.startIndex..<window.endIndex
        while let range = window.range(of: "<sup>[^<]*</sup>", options: .regularExpression, range: search) {
            let start = window.distance(from: window.startIndex, to: range.lowerBound)
            let end = window.distance(from: window.startIndex, to: range.upperBound)
            if start < offset && offset < end { return true }
            search = range.upperBound..<window.endIndex
        }
        return false
    }

    private mutating func punctuate(_ text: String) -> String {
        var out = text
        if random.chance(0.6) {
            for (wide, narrow) in [("，", ","), ("：", ":"), ("；", ";"), ("？", "?"), ("！", "!"), ("（", "("), ("）", ")")] {
                out = out.replacingOccurrences(of: wide, with: narrow)
            }
        }
        if random.chance(0.3) {
            out = out.replacingOccurrences(of: "“", with: "\"").replacingOccurrences(of: "”", with: "\"")
        }
        if random.chance(0.5) {
            out = out.replacingOccurrences(of: "……", with: random.chance(0.5) ? "..." : "。。。")
                .replacingOccurrences(of: "——", with: "--")
        }
        return out
    }

    /// Spaces between Han and Latin letters or digits, as extraction leaves them.
    private static func spaced(_ text: String) -> String {
        text.replacingOccurrences(of: "(\\p{Han})(?=[A-Za-z0-9])", with: "$1 ", options: .regularExpression)
            .replacingOccurrences(of: "([A-Za-z0-9%])(?=\\p{Han})", with: "$1 ", options: .regularExpression)
    }

    private mutating func prose(_ text: String, notes: [String: String], noteCounter: inout Int, prefix: String = "") {
        var damaged = punctuate(text)
        punctuation.append((text, damaged))
        // Footnote references become circled markers; their notes go to the foot of this page.
        while let range = damaged.range(of: "\\[\\^[0-9]+\\]", options: .regularExpression) {
            let label = String(damaged[range].dropFirst(2).dropLast())
            noteCounter += 1
            let circled = String(UnicodeScalar(0x245F + UInt32(noteCounter))!)
            let style = random.int(0...2)
            let marker = style == 0 ? "<sup>\(circled)</sup>" : style == 1 ? circled : "[\(noteCounter)]"
            damaged.replaceSubrange(range, with: marker)
            let noteMarker = style == 2 ? marker : circled
            waitingNotes.append((marker, noteMarker + " " + Self.spaced(punctuate(notes[label] ?? ""))))
        }
        flow(Self.spaced(damaged), prefix: prefix)
    }

    /// Appends one damaged chapter.
    mutating func chapter(_ blocks: [CleanBlock]) {
        var notes: [String: String] = [:]
        for case .note(let label, let text) in blocks { notes[label] = text }
        var noteCounter = 0
        for block in blocks {
            switch block {
            case .heading(let level, let text):
                var heading = text
                if level == 1 { chapterTitle = text; sectionTitle = "" }
                if level == 2 { sectionTitle = text }
                // Letter-spaced.
                if collapsingSpaces(text).count <= 4 { heading = text.map(String.init).joined(separator: " ") }
                let wandering = level == 1 ? 1 : level + random.int(0...2)
                emit(String(repeating: "#", count: min(wandering, 6)) + " " + Self.spaced(heading))
                used += text.count + 20
            case .paragraph(let text):
                prose(text, notes: notes, noteCounter: &noteCounter)
            case .item(let text):
                prose(text, notes: notes, noteCounter: &noteCounter, prefix: random.chance(0.5) ? "● " : "• ")
            case .note:
                break
            case .signature(let lines):
                for line in lines { emit(Self.spaced(line)) }
            }
        }
        pageBreak()
    }
}

/// Spaces removed (a local copy, so the damager does not use the importer's code).
func collapsingSpaces(_ text: String) -> String { text.filter { $0 != " " } }
