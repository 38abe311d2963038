extension URLPolicy {
    /// Why `href`, as it stands in an output (XML entities decoded), is not
    /// a valid URL, or nil when it is. Relative hrefs are judged by their
    /// characters alone; absolute ones also by their host and port.
    public static func problem(in href: String) -> String? {
        if href != trimmed(href) { return "it has white space or control characters at its ends" }
        let bytes = Array(href.utf8)
        let ipv6 = ipv6HostRange(bytes)
        var sawHash = false
        for (index, byte) in bytes.enumerated() where byte < 128 && !plain[Int(byte)] {
            if ipv6?.contains(index) == true { continue }
            if byte == UInt8(ascii: "%") {
                guard index + 2 < bytes.count, isHexDigit(bytes[index + 1]), isHexDigit(bytes[index + 2]) else {
                    return "`%` is not followed by two hexadecimal digits"
                }
            } else if byte == UInt8(ascii: "#"), !sawHash {
                sawHash = true
            } else {
                return "`\(Self.shown(byte))` must be percent-encoded"
            }
        }
        guard let scheme = scheme(of: href) else { return nil }
        let rest = href.utf8.dropFirst(scheme.utf8.count + 1)
        let hasAuthority = rest.starts(with: "//".utf8)
        if hostSchemes.contains(scheme), !hasAuthority {
            return "a \(scheme): URL needs `//` and a host"
        }
        guard hasAuthority else { return nil }
        let authority = rest.dropFirst(2).prefix { !"/?#".utf8.contains($0) }
        return authorityProblem(Substring(authority), needsHost: hostSchemes.contains(scheme))
    }

    static func shown(_ byte: UInt8) -> String {
        switch byte {
        case 0x20: return "space"
        case 0x21...0x7E: return String(UnicodeScalar(byte))
        default: return "U+" + String(byte, radix: 16, uppercase: true)
        }
    }

    /// `[userinfo@]host[:port]`. A host of an http(s), ftp or ws(s) URL is a
    /// domain or an IP address; any other scheme's host is opaque.
    static func authorityProblem(_ authority: Substring, needsHost: Bool) -> String? {
        var hostAndPort = authority
        if let at = authority.lastIndex(of: "@") {
            hostAndPort = authority[authority.index(after: at)...]
        }
        var host = hostAndPort
        var port: Substring?
        if hostAndPort.hasPrefix("[") {
            guard let close = hostAndPort.firstIndex(of: "]") else { return "its IPv6 host has no `]`" }
            host = hostAndPort[...close]
            let after = hostAndPort[hostAndPort.index(after: close)...]
            if !after.isEmpty {
                guard after.hasPrefix(":") else { return "`\(after)` follows its IPv6 host" }
                port = after.dropFirst()
            }
            let inside = host.dropFirst().dropLast()
            guard !inside.isEmpty, inside.allSatisfy({ $0.isHexDigit || $0 == ":" || $0 == "." }) else {
                return "`\(host)` is not an IPv6 address"
            }
        } else if let colon = hostAndPort.lastIndex(of: ":") {
            host = hostAndPort[..<colon]
            port = hostAndPort[hostAndPort.index(after: colon)...]
        }
        if let port, !port.isEmpty {
            guard port.allSatisfy(\.isASCII), port.allSatisfy(\.isNumber),
                port.count <= 5, Int(port)! <= 65535
            else { return "`\(port)` is not a port number" }
        }
        if host.hasPrefix("[") { return nil }
        return needsHost ? domainProblem(String(host)) : opaqueHostProblem(host)
    }

    /// Code points no host may contain (WHATWG "forbidden host code points").
    static let forbiddenInHost = Set(" #/:<>?@[\\]^|".unicodeScalars)

    static func opaqueHostProblem(_ host: Substring) -> String? {
        for scalar in host.unicodeScalars
        where scalar.value < 0x20 || scalar.value == 0x7F
            || forbiddenInHost.contains(scalar)
        {
            return "its host `\(host)` contains `\(scalar.escaped(asASCII: true))`"
        }
        return nil
    }

    /// A domain (dot-separated non-empty labels) or a dotted-decimal IPv4
    /// address, read after percent-decoding as a browser reads it.
    static func domainProblem(_ written: String) -> String? {
        guard !written.isEmpty else { return "it has no host" }
        guard let host = written.removingURLPercentEncoding() else {
            return "its host `\(written)` is not UTF-8 once decoded"
        }
        for scalar in host.unicodeScalars
        where scalar.value < 0x20 || scalar.value == 0x7F || scalar == "%"
            || forbiddenInHost.contains(scalar)
        {
            return "its host `\(written)` contains `\(scalar.escaped(asASCII: true))`"
        }
        var labels = host.split(separator: ".", omittingEmptySubsequences: false)
        if labels.count > 1, labels.last!.isEmpty { labels.removeLast() }
        if labels.contains(where: \.isEmpty) { return "its host `\(written)` has an empty label" }
        let last = labels.last!
        let looksNumeric =
            last.allSatisfy { $0.isASCII && $0.isNumber }
            || last.lowercased().hasPrefix("0x") && last.dropFirst(2).allSatisfy(\.isHexDigit)
        guard looksNumeric else { return nil }
        let isIPv4 =
            labels.count == 4
            && labels.allSatisfy { label in
                label.allSatisfy { $0.isASCII && $0.isNumber } && label.count <= 3
                    && (label == "0" || !label.hasPrefix("0")) && Int(label)! <= 255
            }
        return isIPv4 ? nil : "its host `\(written)` is not a valid IPv4 address"
    }
}

extension String {
    /// Percent-decoded as UTF-8; nil when the decoded bytes are not UTF-8.
    /// (Foundation-free, so GalleyCore's URL code runs anywhere.)
    func removingURLPercentEncoding() -> String? {
        let bytes = Array(utf8)
        var output: [UInt8] = []
        var index = 0
        while index < bytes.count {
            if bytes[index] == UInt8(ascii: "%"), index + 2 < bytes.count,
                let high = URLPolicy.hexValue(bytes[index + 1]), let low = URLPolicy.hexValue(bytes[index + 2])
            {
                output.append(high << 4 | low)
                index += 3
            } else {
                output.append(bytes[index])
                index += 1
            }
        }
        return String(validating: output, as: UTF8.self)
    }
}

extension URLPolicy {
    static func hexValue(_ byte: UInt8) -> UInt8? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): return byte - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): return byte - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): return byte - UInt8(ascii: "A") + 10
        default: return nil
        }
    }
}
