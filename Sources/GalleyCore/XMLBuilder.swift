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

    private mutating func append(escaping string: String, inAttribute: Bool) {
        for scalar in string.unicodeScalars {
            switch scalar {
            case "&": bytes.append(contentsOf: "&amp;".utf8)
            case "<": bytes.append(contentsOf: "&lt;".utf8)
            case ">": bytes.append(contentsOf: "&gt;".utf8)
            case "\"" where inAttribute: bytes.append(contentsOf: "&quot;".utf8)
            case "\n" where inAttribute: bytes.append(contentsOf: "&#10;".utf8)
            case "\t" where inAttribute: bytes.append(contentsOf: "&#9;".utf8)
            case "\r": bytes.append(contentsOf: "&#13;".utf8)
            default:
                if XMLCharacters.isAllowed(scalar) {
                    appendUTF8(scalar)
                } else {
                    droppedCharacterCount += 1
                }
            }
        }
    }

    private mutating func appendUTF8(_ scalar: Unicode.Scalar) {
        let value = scalar.value
        if value < 0x80 {
            bytes.append(UInt8(value))
        } else {
            bytes.append(contentsOf: UTF8.encode(scalar)!)
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
