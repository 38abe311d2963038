/// Turns a text file's bytes into a string: UTF-8 (with or without a
/// byte order mark), or UTF-16/UTF-32 recognised by their byte order mark.
enum TextDecoding {
    /// Where the first undecodable byte is: 0-based byte offset and 1-based line.
    struct Position: Equatable, Sendable {
        var offset: Int
        var line: Int
    }

    enum Outcome {
        /// Decoded text (BOM removed). `invalidUTF8` is the first byte that was
        /// not UTF-8 (the text then holds U+FFFD there): the caller decides
        /// whether that is an error or a warning.
        case text(String, invalidUTF8: Position?)
        /// Not decodable at all; one line saying why.
        case failure(String, Position)
    }

    static func decode(_ bytes: [UInt8]) -> Outcome {
        if bytes.starts(with: [0xFF, 0xFE, 0x00, 0x00]) { return utf32(bytes, bigEndian: false) }
        if bytes.starts(with: [0x00, 0x00, 0xFE, 0xFF]) { return utf32(bytes, bigEndian: true) }
        if bytes.starts(with: [0xFF, 0xFE]) { return utf16(bytes, bigEndian: false) }
        if bytes.starts(with: [0xFE, 0xFF]) { return utf16(bytes, bigEndian: true) }
        let body = bytes.starts(with: [0xEF, 0xBB, 0xBF]) ? Array(bytes.dropFirst(3)) : bytes
        let skipped = bytes.count - body.count
        if let text = String(validating: body, as: UTF8.self) { return .text(text, invalidUTF8: nil) }
        if looksLikeWideText(body) {
            return .failure(
                "the file looks like UTF-16 or UTF-32 text without a byte order mark; "
                    + "save it as UTF-8", Position(offset: skipped, line: 1))
        }
        let offset = firstInvalidUTF8(body) ?? 0
        let line = body[..<offset].reduce(1) { $1 == 0x0A ? $0 + 1 : $0 }
        return .text(String(decoding: body, as: UTF8.self), invalidUTF8: Position(offset: offset + skipped, line: line))
    }

    /// Many NUL bytes in the first kilobyte: UTF-16/32 text whose BOM is missing.
    static func looksLikeWideText(_ bytes: [UInt8]) -> Bool {
        let head = bytes.prefix(1024)
        return head.count >= 2 && head.filter { $0 == 0 }.count * 4 >= head.count
    }

    static func firstInvalidUTF8(_ bytes: [UInt8]) -> Int? {
        var parser = Unicode.UTF8.ForwardParser()
        var iterator = bytes.makeIterator()
        var offset = 0
        while true {
            switch parser.parseScalar(from: &iterator) {
            case .valid(let scalar): offset += scalar.count
            case .error: return offset
            case .emptyInput: return nil
            }
        }
    }

    static func utf16(_ bytes: [UInt8], bigEndian: Bool) -> Outcome {
        let name = bigEndian ? "UTF-16BE" : "UTF-16LE"
        var units: [UInt16] = []
        units.reserveCapacity(bytes.count / 2)
        var index = 2
        while index + 1 < bytes.count {
            let (a, b) = (UInt16(bytes[index]), UInt16(bytes[index + 1]))
            units.append(bigEndian ? a << 8 | b : b << 8 | a)
            index += 2
        }
        var text = ""
        var line = 1
        var parser = Unicode.UTF16.ForwardParser()
        var iterator = units.makeIterator()
        var consumed = 0
        while true {
            switch parser.parseScalar(from: &iterator) {
            case .valid(let encoded):
                let scalar = Unicode.UTF16.decode(encoded)
                if scalar == "\n" { line += 1 }
                text.unicodeScalars.append(scalar)
                consumed += encoded.count
            case .error:
                return .failure(
                    "the file is \(name) (by its byte order mark) but holds an unpaired surrogate",
                    Position(offset: 2 + consumed * 2, line: line))
            case .emptyInput:
                if bytes.count % 2 != 0 {
                    return .failure(
                        "the file is \(name) (by its byte order mark) but has an odd number of bytes",
                        Position(offset: bytes.count - 1, line: line))
                }
                return .text(text, invalidUTF8: nil)
            }
        }
    }

    static func utf32(_ bytes: [UInt8], bigEndian: Bool) -> Outcome {
        let name = bigEndian ? "UTF-32BE" : "UTF-32LE"
        var text = ""
        var line = 1
        var index = 4
        while index + 3 < bytes.count {
            let unit = (0..<4).reduce(UInt32(0)) { value, step in
                let byte = UInt32(bytes[index + (bigEndian ? step : 3 - step)])
                return value << 8 | byte
            }
            guard let scalar = Unicode.Scalar(unit) else {
                return .failure(
                    "the file is \(name) (by its byte order mark) but holds a value that is no character",
                    Position(offset: index, line: line))
            }
            if scalar == "\n" { line += 1 }
            text.unicodeScalars.append(scalar)
            index += 4
        }
        if index != bytes.count {
            return .failure(
                "the file is \(name) (by its byte order mark) but its length is not a multiple of 4",
                Position(offset: index, line: line))
        }
        return .text(text, invalidUTF8: nil)
    }
}
