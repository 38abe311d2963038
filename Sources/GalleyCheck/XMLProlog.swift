/// What is checked on the raw bytes of an XML file before libxml2 sees it:
/// UTF-8, and no DTD with an internal subset. EPUB and DocBook content never
/// needs one, and a DTD is what entity bombs (billion laughs) and external
/// entities (XXE) are made of; refusing it outright leaves nothing to expand.
/// `<!DOCTYPE html>` and external identifiers (never loaded) stay accepted.
enum XMLProlog {
    struct Refusal: Equatable {
        var code: CheckCode
        var message: String
        var line: Int
    }

    static func refusal(_ bytes: [UInt8]) -> Refusal? {
        if bytes.starts(with: [0xFE, 0xFF]) || bytes.starts(with: [0xFF, 0xFE])
            || bytes.first == 0 || (bytes.count > 1 && bytes[1] == 0)
        {
            return Refusal(
                code: CheckCode.xmlEncoding,
                message: "the document is not UTF-8 (UTF-16 or UTF-32); "
                    + "write XML in UTF-8", line: 1)
        }
        var index = bytes.starts(with: [0xEF, 0xBB, 0xBF]) ? 3 : 0
        var line = 1
        func skip(past terminator: [UInt8]) -> Bool {
            while index < bytes.count {
                if bytes[index] == 0x0A { line += 1 }
                if bytes[index] == terminator[0], bytes[index...].starts(with: terminator) {
                    index += terminator.count
                    return true
                }
                index += 1
            }
            return false
        }
        while index < bytes.count {
            switch bytes[index] {
            case 0x0A:
                line += 1
                index += 1
            case 0x20, 0x09, 0x0D:
                index += 1
            default:
                let rest = bytes[index...]
                if rest.starts(with: Array("<?".utf8)) {
                    guard skip(past: Array("?>".utf8)) else { return nil }
                } else if rest.starts(with: Array("<!--".utf8)) {
                    index += 4
                    guard skip(past: Array("-->".utf8)) else { return nil }
                } else if rest.starts(with: Array("<!DOCTYPE".utf8)) {
                    let doctypeLine = line
                    guard let hasSubset = doctypeHasInternalSubset(bytes, from: index + 9) else { return nil }
                    if hasSubset {
                        return Refusal(
                            code: CheckCode.xmlDoctype,
                            message: "the DOCTYPE has an internal subset "
                                + "(entity or other declarations); Galley does not read DTDs, and EPUB "
                                + "and DocBook documents must not need one", line: doctypeLine)
                    }
                    guard skip(past: Array(">".utf8)) else { return nil }
                } else {
                    return nil   // the root element (or bytes the parser will reject)
                }
            }
        }
        return nil
    }

    /// True when the DOCTYPE starting at `start` (after `<!DOCTYPE`) opens an
    /// internal subset `[` before its closing `>`; quoted literals are skipped.
    /// Nil when it never ends.
    private static func doctypeHasInternalSubset(_ bytes: [UInt8], from start: Int) -> Bool? {
        var index = start
        var quote: UInt8?
        while index < bytes.count {
            let byte = bytes[index]
            if let open = quote {
                if byte == open { quote = nil }
            } else if byte == 0x22 || byte == 0x27 {
                quote = byte
            } else if byte == 0x5B {
                return true
            } else if byte == 0x3E {
                return false
            }
            index += 1
        }
        return nil
    }

    /// Elements plus attributes, over-counted: each `<` and each `=`. What a
    /// libxml2 tree of these bytes costs is about 250 bytes per unit.
    static func markupCount(_ bytes: [UInt8]) -> Int {
        bytes.withUnsafeBufferPointer { buffer in
            var count = 0
            for byte in buffer where byte == 0x3C || byte == 0x3D { count += 1 }
            return count
        }
    }
}
