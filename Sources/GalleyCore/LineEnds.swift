import Foundation

extension String {
    /// The text with every line end a line feed: a Windows CR LF or an old
    /// Mac CR is one line break. (`"\r\n"` is one Character, so text split
    /// on `"\n"` would otherwise not see Windows line ends at all.)
    public var withLineFeeds: String {
        guard containsByte(UInt8(ascii: "\r")) else { return self }
        return replacingOccurrences(of: "\r\n", with: "\n").replacingOccurrences(of: "\r", with: "\n")
    }
}
