/// Builds XML text into a UTF-8 byte buffer. The one place where text and
/// attribute values are escaped and characters XML 1.0 forbids are removed,
/// so no writer can produce ill-formed XML.
public struct XMLBuilder: Sendable {
    public private(set) var bytes: [UInt8] = []
    private var openElements: [String] = []
    /// Characters dropped by `filter`, counted so a writer can report them.
    public private(set) var droppedCharacterCount = 0

    public init(declaration: Bool = true) {
        bytes.reserveCapacity(64 * 1024)
        if declaration { raw("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n") }
    }

    /// Appends markup verbatim. Only for literal markup written in code.
    public mutating func raw(_ markup: String) {
        bytes.append(contentsOf: markup.utf8)
    }

    public mutating func start(_ name: String, _ attributes: [(String, String)] = []) {
        writeStartTag(name, attributes)
        bytes.append(UInt8(ascii: ">"))
        openElements.append(name)
    }

    public mutating func end() {
        let name = openElements.removeLast()
        bytes.append(contentsOf: "</".utf8)
        bytes.append(contentsOf: name.utf8)
        bytes.append(UInt8(ascii: ">"))
    }

    /// `<name attrs/>`
    public mutating func empty(_ name: String, _ attributes: [(String, String)] = []) {
        writeStartTag(name, attributes)
        bytes.append(contentsOf: "/>".utf8)
    }

    /// `<name attrs>text</name>`
    public mutating func element(_ name: String, _ attributes: [(String, String)] = [], text: String) {
        start(name, attributes)
        self.text(text)
        end()
    }

    public mutating func text(_ string: String) {
        append(escaping: string, inAttribute: false)
    }

    public mutating func newline() { bytes.append(UInt8(ascii: "\n")) }

    public var depth: Int { openElements.count }

    public var string: String { String(decoding: bytes, as: UTF8.self) }

    private mutating func writeStartTag(_ name: String, _ attributes: [(String, String)]) {
        bytes.append(UInt8(ascii: "<"))
        bytes.append(contentsOf: name.utf8)
        for (key, value) in attributes {
            bytes.append(UInt8(ascii: " "))
            bytes.append(contentsOf: key.utf8)
            bytes.append(contentsOf: "=\"".utf8)
            append(escaping: value, inAttribute: true)
            bytes.append(UInt8(ascii: "\""))
        }
    }

    /// The bytes `append(escaping:inAttribute:)` must look at: controls,
    /// `&<>"`, DEL and the lead bytes C2, EF and F0–F4.
    private static let mayStopRun: [Bool] = {
        var table = [Bool](repeating: false, count: 256)
        for byte in 0..<0x20 { table[byte] = true }
        for byte in [0x7F, 0x26, 0x3C, 0x3E, 0x22, 0xC2, 0xEF, 0xF0, 0xF1, 0xF2, 0xF3, 0xF4] { table[byte] = true }
        return table
    }()

    /// Escapes on the UTF-8 bytes: runs of bytes that need nothing are
    /// copied at once; only markup characters, C0 controls and the lead
    /// bytes of the few sequences XML forbids (C1 controls, U+FDD0–FDEF,
    /// U+xFFFE/xFFFF) stop a run.
    private mutating func append(escaping string: String, inAttribute: Bool) {
        var string = string
        string.withUTF8 { utf8 in
            let count = utf8.count
            var runStart = 0
            var index = 0
            func flush(to end: Int) {
                if end > runStart { bytes.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[runStart..<end])) }
            }
            let table = Self.mayStopRun
            while index < count {
                let byte = utf8[index]
                // Most bytes stop nothing: skip them by table.
                if !table[Int(byte)] {
                    index += 1
                    continue
                }
                let replacement: String
                switch byte {
                case 0x26: replacement = "&amp;"
                case 0x3C: replacement = "&lt;"
                case 0x3E: replacement = "&gt;"
                case 0x22 where inAttribute: replacement = "&quot;"
                case 0x0A where inAttribute: replacement = "&#10;"
                case 0x09 where inAttribute: replacement = "&#9;"
                case 0x0D: replacement = "&#13;"
                case 0x00...0x08, 0x0B, 0x0C, 0x0E...0x1F, 0x7F: replacement = ""
                case 0xC2 where index + 1 < count && utf8[index + 1] < 0xA0,
                    0xEF where index + 1 < count && (utf8[index + 1] == 0xB7 || utf8[index + 1] == 0xBF),
                    0xF0...0xF4:
                    // Possibly forbidden (U+0080–009F, U+FDxx, U+FFxx, planes
                    // 1–16): decode this one scalar and judge it. Fullwidth
                    // punctuation (EF BC xx) does not come here.
                    let length = byte >= 0xF0 ? 4 : byte == 0xEF ? 3 : 2
                    let end = Swift.min(index + length, count)
                    var decoder = UTF8()
                    var iterator = utf8[index..<end].makeIterator()
                    if case .scalarValue(let scalar) = decoder.decode(&iterator), XMLCharacters.isAllowed(scalar) {
                        index = end
                        continue
                    }
                    flush(to: index)
                    droppedCharacterCount += 1
                    index = end
                    runStart = end
                    continue
                default:
                    index += 1
                    continue
                }
                flush(to: index)
                if !replacement.isEmpty {
                    bytes.append(contentsOf: replacement.utf8)
                } else {
                    droppedCharacterCount += 1
                }
                index += 1
                runStart = index
            }
            flush(to: count)
        }
    }
}

/// XML 1.0 §2.2 `Char`, minus the discouraged noncharacters.
public enum XMLCharacters {
    public static func isAllowed(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x9, 0xA, 0xD: return true
        case 0x20...0xD7FF: return !(0x7F...0x84).contains(scalar.value) && !(0x86...0x9F).contains(scalar.value)
        case 0xE000...0xFFFD: return !(0xFDD0...0xFDEF).contains(scalar.value)
        case 0x10000...0x10FFFF: return scalar.value & 0xFFFE != 0xFFFE
        default: return false
        }
    }

    /// The string with every character XML 1.0 forbids removed.
    public static func filtered(_ string: String) -> String {
        // Only these bytes can start a forbidden character; most text has none.
        var copy = string
        let suspect = copy.withUTF8 { utf8 -> Bool in
            var previous: UInt8 = 0
            for byte in utf8 {
                if (byte < 0x20 && byte != 0x09 && byte != 0x0A && byte != 0x0D) || byte == 0x7F
                    || (previous == 0xC2 && byte < 0xA0) || (previous == 0xEF && (byte == 0xB7 || byte == 0xBF))
                    || byte >= 0xF0
                {
                    return true
                }
                previous = byte
            }
            return false
        }
        if !suspect || string.unicodeScalars.allSatisfy(isAllowed) { return string }
        var scalars = String.UnicodeScalarView()
        scalars.append(contentsOf: string.unicodeScalars.filter(isAllowed))
        return String(scalars)
    }
}
