/// What may be written as an external URL in an output (an `href`, an
/// `xlink:href`): one place that reads a URL the way a browser does, escapes
/// it, refuses the ones that run code or reach the reader's own files, and
/// refuses the ones that no escaping makes valid.
///
/// "Valid" is what EPUBCheck accepts: it parses URLs with a WHATWG URL
/// parser (galimatias) that reports every validation error, so anything the
/// WHATWG URL Standard calls a validation error is invalid here too
/// (https://url.spec.whatwg.org/#writing).
public enum URLPolicy {
    public enum Verdict: Hashable, Sendable {
        /// Safe to write: the URL, escaped, exactly as it goes in an href.
        case safe(String)
        /// A URL that runs code or opens the reader's files (`javascript:`,
        /// `vbscript:`, `data:` other than a raster image, `file:`); never written.
        case script(scheme: String)
        /// No escaping makes it a valid URL a reader can follow; why, as a
        /// clause for a message ("it is not a valid URL: …").
        case invalid(String)
    }

    /// Schemes whose URLs run code or reach local files. `data:` is judged by
    /// its media type (`isScriptData`).
    public static let scriptSchemes: Set<String> = ["javascript", "vbscript", "livescript", "file"]

    /// Schemes whose URLs have a host that is a domain or an IP address
    /// (the "special" schemes of galimatias' URL Standard but `file`).
    static let hostSchemes: Set<String> = ["http", "https", "ftp", "gopher", "ws", "wss"]

    /// The schemes EPUBCheck knows (`com.adobe.epubcheck.util.URISchemes`,
    /// after IANA's permanent list); a link with any other scheme gets its
    /// HTM-025 warning, and reading systems may not open it.
    public static let registeredSchemes: Set<String> = [
        "aaa", "aaas", "acap", "afs", "cap", "cid", "crid", "data", "dav", "dict", "dns", "dtn", "fax", "file",
        "ftp", "go", "gopher", "h323", "http", "https", "iax", "icap", "im", "imap", "info", "ipp", "irc",
        "iris", "iris.beep", "iris.lwz", "iris.xpc", "iris.xpcs", "javascript", "ldap", "mailserver", "mailto",
        "mid", "modem", "msrp", "msrps", "mtqp", "mupdate", "news", "nfs", "nntp", "opaquelocktoken", "pack",
        "pop", "pres", "prospero", "rtsp", "service", "shttp", "sip", "sips", "snews", "snmp", "soap.beep",
        "soap.beeps", "tag", "tel", "telnet", "tftp", "thismessage", "tip", "tn3270", "tv", "urn", "vemmi",
        "videotex", "wais", "xmlrpc.beep", "xmlrpc.beeps", "xmpp", "z39.50r", "z39.50s",
    ]

    /// The verdict on an absolute URL as the author wrote it (entities and
    /// backslash escapes already decoded by the reader). A scheme EPUBCheck
    /// does not know makes the URL invalid: a link nobody can follow.
    public static func classify(_ url: String) -> Verdict {
        let url = trimmed(url)
        guard let scheme = scheme(of: url) else { return .invalid("it has no scheme") }
        if scriptSchemes.contains(scheme) || (scheme == "data" && isScriptData(url)) {
            return .script(scheme: scheme)
        }
        guard registeredSchemes.contains(scheme) else {
            return .invalid(
                "its scheme `\(scheme):` is not a registered URI scheme, "
                    + "which reading systems may not open")
        }
        let escaped = droppingEmptyPort(escaped(url))
        if let problem = problem(in: escaped) { return .invalid("it is not a valid URL: \(problem)") }
        return .safe(escaped)
    }

    /// The URL without an empty port: `http://host:/a` → `http://host/a`.
    /// The same URL (RFC 3986 §6.2.3; the URL Standard drops it too), and
    /// the DocBook check's xs:anyURI (libxml2's URI parser) refuses the colon.
    static func droppingEmptyPort(_ url: String) -> String {
        guard let scheme = scheme(of: url) else { return url }
        let bytes = Array(url.utf8)
        let start = scheme.utf8.count + 3
        guard bytes.count >= start, bytes[start - 2] == UInt8(ascii: "/"), bytes[start - 1] == UInt8(ascii: "/")
        else { return url }
        let end = bytes[start...].firstIndex { "/?#".utf8.contains($0) } ?? bytes.count
        guard end > start, bytes[end - 1] == UInt8(ascii: ":") else { return url }
        return String(decoding: bytes[..<(end - 1)] + bytes[end...], as: UTF8.self)
    }

    /// The URL as a browser reads it before parsing: leading and trailing C0
    /// controls and spaces removed, and every tab and newline removed, so
    /// that ` java\tscript:` is seen as the `javascript:` it is.
    public static func trimmed(_ url: String) -> String {
        let scalars = url.unicodeScalars
        guard let first = scalars.firstIndex(where: { $0.value > 0x20 }),
            let last = scalars.lastIndex(where: { $0.value > 0x20 })
        else { return "" }
        var result = String.UnicodeScalarView()
        for scalar in scalars[first...last] where scalar != "\t" && scalar != "\n" && scalar != "\r" {
            result.append(scalar)
        }
        return String(result)
    }

    /// The scheme (lowercased) of a URL after `trimmed`, or nil when it is relative.
    public static func scheme(of url: String) -> String? {
        var scheme = ""
        for scalar in trimmed(url).unicodeScalars {
            switch scalar {
            case "a"..."z", "A"..."Z":
                scheme.unicodeScalars.append(scalar)
            case "0"..."9", "+", "-", ".":
                if scheme.isEmpty { return nil }
                scheme.unicodeScalars.append(scalar)
            case ":":
                return scheme.isEmpty ? nil : scheme.lowercased()
            default:
                return nil
            }
        }
        return nil
    }

    /// True for a `data:` URL that is not a raster image: HTML, script, SVG
    /// (which may carry script) or anything else a reader would open.
    static func isScriptData(_ url: String) -> Bool {
        let body = url.drop { $0 != ":" }.dropFirst().drop { $0 == " " }
        let type = body.prefix { $0 != ";" && $0 != "," }.lowercased()
        return !type.hasPrefix("image/") || type.hasPrefix("image/svg")
    }

    /// Characters the WHATWG URL Standard accepts unescaped anywhere (the
    /// ASCII "URL code points"), the same set cmark leaves unescaped in an
    /// href; `%` and `#` are judged by position.
    static let plain: [Bool] = {
        var table = [Bool](repeating: false, count: 128)
        for byte in "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789!$&'()*+,-./:;=?@_~".utf8 {
            table[Int(byte)] = true
        }
        return table
    }()

    /// Percent-encodes, as UTF-8, every byte that may not stand in a URL:
    /// non-ASCII, controls, space, `"<>[\]^`{|}`, a `%` not starting an
    /// escape, every `#` after the first. Escaping an escaped URL changes
    /// nothing. An IPv6 host keeps its brackets.
    public static func escaped(_ url: String) -> String {
        let bytes = Array(url.utf8)
        var output: [UInt8] = []
        output.reserveCapacity(bytes.count)
        let ipv6 = ipv6HostRange(bytes)
        var sawHash = false
        for (index, byte) in bytes.enumerated() {
            if byte < 128, plain[Int(byte)] || ipv6?.contains(index) == true {
                output.append(byte)
            } else if byte == UInt8(ascii: "%"), index + 2 < bytes.count,
                isHexDigit(bytes[index + 1]), isHexDigit(bytes[index + 2])
            {
                output.append(byte)
            } else if byte == UInt8(ascii: "#"), !sawHash {
                sawHash = true
                output.append(byte)
            } else {
                output.append(UInt8(ascii: "%"))
                output.append(hexDigits[Int(byte >> 4)])
                output.append(hexDigits[Int(byte & 0xF)])
            }
        }
        return String(decoding: output, as: UTF8.self)
    }

    /// A URL for a message: one line (controls shown as escapes), at most 80 characters.
    public static func shown(_ url: String) -> String {
        var shown = ""
        for (count, scalar) in url.unicodeScalars.enumerated() {
            if count == 80 { return shown + "…" }
            shown += scalar.value < 0x20 || scalar.value == 0x7F ? scalar.escaped(asASCII: false) : String(scalar)
        }
        return shown
    }

    static let hexDigits = Array("0123456789ABCDEF".utf8)

    static func isHexDigit(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "a")...UInt8(ascii: "f"),
            UInt8(ascii: "A")...UInt8(ascii: "F"):
            return true
        default: return false
        }
    }

    /// Byte offsets of `[…]` when the URL's host is an IPv6 literal
    /// (`http://[::1]:8080/`), the one place brackets may stand. Only hosts
    /// of `hostSchemes` are parsed as hosts; elsewhere brackets are escaped.
    static func ipv6HostRange(_ bytes: [UInt8]) -> ClosedRange<Int>? {
        guard let colon = bytes.firstIndex(of: UInt8(ascii: ":")), bytes.count > colon + 3,
            hostSchemes.contains(String(decoding: bytes[..<colon], as: UTF8.self).lowercased()),
            bytes[colon + 1] == UInt8(ascii: "/"), bytes[colon + 2] == UInt8(ascii: "/")
        else { return nil }
        var start = colon + 3
        let end = bytes[start...].firstIndex { "/?#".utf8.contains($0) } ?? bytes.count
        if let at = bytes[start..<end].lastIndex(of: UInt8(ascii: "@")) { start = at + 1 }
        guard start < end, bytes[start] == UInt8(ascii: "["),
            let close = bytes[start..<end].firstIndex(of: UInt8(ascii: "]"))
        else { return nil }
        return start...close
    }
}
