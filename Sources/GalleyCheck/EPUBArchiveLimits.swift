/// How much work `galley check` does for one archive at most. Every EPUB is
/// treated as hostile: sizes in zip headers are claims, never allocations;
/// these limits bound memory and time whatever the headers say.
public struct EPUBArchiveLimits: Sendable, Hashable {
    /// More entries than this and the archive is refused before any is read.
    public var maximumEntryCount: Int
    /// Bytes one XML entry may inflate to; it is held in memory to be parsed.
    public var maximumDocumentSize: Int
    /// Bytes any other entry may inflate to; those are streamed and discarded.
    public var maximumEntrySize: Int
    /// Bytes inflated for one check, all entries together.
    public var maximumTotalSize: Int
    /// Past `ratioThreshold` inflated bytes, an entry may not have inflated
    /// more than this many bytes per stored byte (a deflate bomb does).
    public var maximumCompressionRatio: Int
    public var ratioThreshold: Int
    /// Elements plus attributes of one package or container document, the
    /// only documents held as a libxml2 tree (about 250 bytes per node).
    public var maximumTreeMarkup: Int
    /// Ids plus distinct link targets remembered across the archive, to
    /// resolve links between documents.
    public var maximumReferences: Int

    /// Inflated bytes are read in chunks of this size.
    static let chunkSize = 64 * 1024

    public init(
        maximumEntryCount: Int = 10_000, maximumDocumentSize: Int = 64 << 20,
        maximumEntrySize: Int = 256 << 20, maximumTotalSize: Int = 1 << 30,
        maximumCompressionRatio: Int = 100, ratioThreshold: Int = 64 << 20,
        maximumTreeMarkup: Int = 400_000, maximumReferences: Int = 600_000
    ) {
        self.maximumEntryCount = maximumEntryCount
        self.maximumDocumentSize = maximumDocumentSize
        self.maximumEntrySize = maximumEntrySize
        self.maximumTotalSize = maximumTotalSize
        self.maximumCompressionRatio = maximumCompressionRatio
        self.ratioThreshold = ratioThreshold
        self.maximumTreeMarkup = maximumTreeMarkup
        self.maximumReferences = maximumReferences
    }

    public static let standard = EPUBArchiveLimits()
}
