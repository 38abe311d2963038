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

    /// Escapes on the UTF-8 bytes: ASCII that needs no escape is copied as
    /// is, and only the lead bytes of the few sequences XML forbids (C1
    /// controls, U+FDD0–FDEF, U+xFFFE/xFFFF) send a character to the slow path.
    private mutating func append(escaping string: String, inAttribute: Bool) {
        var string = string
        string.withUTF8 { utf8 in
            var index = 0
            let count = utf8.count
            while index < count {
                let byte = utf8[index]
                switch byte {
                case 0x26: bytes.append(contentsOf: "&amp;".utf8)
                case 0x3C: bytes.append(contentsOf: "&lt;".utf8)
                case 0x3E: bytes.append(contentsOf: "&gt;".utf8)
                case 0x22 where inAttribute: bytes.append(contentsOf: "&quot;".utf8)
                case 0x0A where inAttribute: bytes.append(contentsOf: "&#10;".utf8)
                case 0x09 where inAttribute: bytes.append(contentsOf: "&#9;".utf8)
                case 0x0D: bytes.append(contentsOf: "&#13;".utf8)
                case 0x09, 0x0A, 0x20...0x7E: bytes.append(byte)
                case 0x00...0x1F, 0x7F: droppedCharacterCount += 1
                case 0xC2, 0xEF, 0xF0...0xF4:
                    // Possibly forbidden: decode this one scalar and judge it.
                    let length = byte >= 0xF0 ? 4 : byte == 0xEF ? 3 : 2
                    let end = Swift.min(index + length, count)
                    var decoder = UTF8()
                    var iterator = utf8[index..<end].makeIterator()
                    if case .scalarValue(let scalar) = decoder.decode(&iterator), XMLCharacters.isAllowed(scalar) {
                        bytes.append(contentsOf: utf8[index..<end])
                    } else {
                        droppedCharacterCount += 1
                    }
                    index = end
                    continue
                default: bytes.append(byte)
                }
                index += 1
            }
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
        if string.unicodeScalars.allSatisfy(isAllowed) { return string }
        var scalars = String.UnicodeScalarView()
        scalars.append(contentsOf: string.unicodeScalars.filter(isAllowed))
        return String(scalars)
    }
}
