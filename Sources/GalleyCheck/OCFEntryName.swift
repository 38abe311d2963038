import Foundation

/// The OCF rules for the names of zip entries (EPUB 3.3 §6.1.3 and §6.3.2):
/// relative paths of non-empty segments, `/` as the only separator, unique
/// after Unicode normalisation and case folding. A name that breaks them
/// could also write outside a folder when the archive is unpacked (zip slip).
enum OCFEntryName {
    /// Why `name` is not a valid OCF file name, or nil when it is.
    /// A trailing `/` marks a folder entry and is allowed.
    static func problem(_ name: String) -> String? {
        if name.isEmpty { return "an entry has an empty name" }
        if name.hasPrefix("/") { return "`\(shown(name))` is an absolute path" }
        if name.contains("\\") { return "`\(shown(name))` contains a backslash; OCF paths use `/` only" }
        if name.unicodeScalars.contains(where: { $0.value < 0x20 || $0.value == 0x7F }) {
            return "`\(shown(name))` contains a control character"
        }
        let body = name.hasSuffix("/") ? String(name.dropLast()) : name
        let segments = body.split(separator: "/", omittingEmptySubsequences: false)
        if segments.contains("..") { return "`\(shown(name))` has a `..` segment; it would leave the container" }
        if segments.contains(".") { return "`\(shown(name))` has a `.` segment" }
        if segments.contains("") { return "`\(shown(name))` has an empty path segment" }
        return nil
    }

    /// The form two names must not share: NFC, then case folded.
    static func folded(_ name: String) -> String {
        name.precomposedStringWithCanonicalMapping.folding(options: [.caseInsensitive], locale: nil)
    }

    /// A name as it can be printed on one line.
    static func shown(_ name: String) -> String {
        let escaped = name.unicodeScalars.map { scalar -> String in
            scalar.value < 0x20 || scalar.value == 0x7F ? "\\u{\(String(scalar.value, radix: 16))}" : String(scalar)
        }.joined()
        return escaped.count > 200 ? String(escaped.prefix(200)) + "…" : escaped
    }
}
