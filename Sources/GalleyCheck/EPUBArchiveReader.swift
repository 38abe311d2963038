import CLibDeflate
import CLibZip
import Foundation
import GalleyCore

/// Owns a libzip archive opened for reading; the entries of an EPUB in
/// their stored order. Sizes in the zip's headers are never trusted: entries
/// are inflated in bounded chunks and the bytes actually produced are
/// counted against `limits`.
public final class EPUBArchiveReader {
    private let archive: OpaquePointer
    private let path: String
    public let limits: EPUBArchiveLimits
    /// Entry names in the order they are stored.
    public let names: [String]
    private let indexByName: [String: Int]
    /// Names that break the OCF rules (zip slip, duplicates), one error each.
    public let nameDiagnostics: [Diagnostic]
    /// Entries already reported as unreadable, with the report.
    private var failures: [String: Diagnostic] = [:]
    private var inflatedTotal = 0
    /// True once `limits.maximumTotalSize` was passed: nothing more is read.
    public private(set) var isExhausted = false
    private var chunk = [UInt8](repeating: 0, count: EPUBArchiveLimits.chunkSize)
    /// For `inflateWhole`, made on first use.
    private var decompressor: OpaquePointer?
    /// Entries `verifyEntries` inflated and kept for `contents(of:)`, which
    /// would otherwise inflate them again; each is given out once.
    private var kept: [Int: [UInt8]] = [:]
    private var keptSize = 0
    /// Bytes `kept` may hold at once.
    static let maximumKeptSize = 32 << 20

    /// Opens `url` with the standard limits, or returns why it cannot.
    public static func open(_ url: URL) -> Result<EPUBArchiveReader, Diagnostic> {
        open(url, limits: .standard)
    }

    /// Opens `url`, or returns why it cannot: not a zip, inconsistent
    /// headers, or more entries than `limits` allow.
    public static func open(_ url: URL, limits: EPUBArchiveLimits) -> Result<EPUBArchiveReader, Diagnostic> {
        let location = SourceLocation(file: url.path)
        var error: Int32 = 0
        guard let archive = zip_open(url.path, ZIP_RDONLY | ZIP_CHECKCONS, &error) else {
            // libzip refuses duplicate names (and other inconsistencies) with
            // one generic message; the names, read without its checks, say which.
            if error == ZIP_ER_INCONS || error == ZIP_ER_EXISTS, let problem = nameProblem(url, limits: limits) {
                return .failure(
                    Diagnostic(
                        problem.code, "\(problem.message) (libzip: \(zipErrorText(error)))",
                        at: SourceLocation(file: "\(url.path):\(OCFEntryName.shown(problem.name))")))
            }
            return .failure(
                Diagnostic(
                    CheckCode.epubNotAZip, "not a readable zip file: \(zipErrorText(error))",
                    at: location))
        }
        let count = zip_get_num_entries(archive, 0)
        guard count >= 0, count <= Int64(limits.maximumEntryCount) else {
            zip_close(archive)
            return .failure(
                Diagnostic(
                    CheckCode.epubTooManyEntries,
                    "the zip has \(count) entries; Galley checks archives of at most "
                        + "\(limits.maximumEntryCount)", at: location))
        }
        return .success(EPUBArchiveReader(archive: archive, path: url.path, count: Int(count), limits: limits))
    }

    private init(archive: OpaquePointer, path: String, count: Int, limits: EPUBArchiveLimits) {
        self.archive = archive
        self.path = path
        self.limits = limits
        names = Self.entryNames(archive, count: count)
        indexByName = Dictionary(names.enumerated().map { ($1, $0) }, uniquingKeysWith: { first, _ in first })
        nameDiagnostics = Self.nameProblems(names).map {
            Diagnostic($0.code, $0.message, at: SourceLocation(file: "\(path):\($0.name)"))
        }
    }

    deinit {
        zip_close(archive)
        if let decompressor { libdeflate_free_decompressor(decompressor) }
    }

    private static func entryNames(_ archive: OpaquePointer, count: Int) -> [String] {
        (0..<count).map { index in
            zip_get_name(archive, zip_uint64_t(index), zip_flags_t(ZIP_FL_ENC_GUESS)).map { String(cString: $0) } ?? ""
        }
    }

    /// Every OCF name rule broken by `names`, and every duplicate (exact, or
    /// after normalisation and case folding).
    static func nameProblems(_ names: [String]) -> [(name: String, code: CheckCode, message: String)] {
        var problems: [(name: String, code: CheckCode, message: String)] = []
        var seen = Set<String>()
        var folded: [String: String] = [:]
        for name in names {
            if let problem = OCFEntryName.problem(name) {
                problems.append((name, CheckCode.epubEntryName, problem))
            }
            if !seen.insert(name).inserted {
                problems.append(
                    (
                        name, CheckCode.epubDuplicateEntry,
                        "`\(OCFEntryName.shown(name))` is in the zip twice"
                    ))
                continue
            }
            let key = OCFEntryName.folded(name)
            if let other = folded[key] {
                problems.append(
                    (
                        name, CheckCode.epubDuplicateEntry,
                        "`\(OCFEntryName.shown(name))` and `\(OCFEntryName.shown(other))` differ only in case "
                            + "or normalisation; OCF names must stay unique after case folding"
                    ))
            } else {
                folded[key] = name
            }
        }
        return problems
    }

    /// The first name problem of the archive at `url`, opened without libzip's consistency checks.
    private static func nameProblem(_ url: URL, limits: EPUBArchiveLimits)
        -> (name: String, code: CheckCode, message: String)?
    {
        var error: Int32 = 0
        guard let archive = zip_open(url.path, ZIP_RDONLY, &error) else { return nil }
        defer { zip_close(archive) }
        let count = zip_get_num_entries(archive, 0)
        guard count >= 0, count <= Int64(limits.maximumEntryCount) else { return nil }
        return nameProblems(entryNames(archive, count: Int(count))).first
    }

    private static func zipErrorText(_ code: Int32) -> String {
        var zipError = zip_error_t()
        zip_error_init_with_code(&zipError, code)
        defer { zip_error_fini(&zipError) }
        return String(cString: zip_error_strerror(&zipError))
    }

    public func contains(_ name: String) -> Bool { indexByName[name] != nil }

    /// True when reading `name` already failed and was reported.
    public func hasFailed(_ name: String) -> Bool { failures[name] != nil }

    /// The uncompressed bytes of entry `name`, or nil when absent, unreadable
    /// or larger than `limits.maximumDocumentSize`.
    public func read(_ name: String) -> [UInt8]? {
        try? contents(of: name).get()
    }

    /// The uncompressed bytes of entry `name` (at most
    /// `limits.maximumDocumentSize`), or the reason they cannot be had.
    public func contents(of name: String) -> Result<[UInt8], Diagnostic> {
        guard let index = indexByName[name] else {
            return .failure(diagnostic(.epubMissingEntry, "`\(name)` is not in the zip", name))
        }
        if !isExhausted, let bytes = kept.removeValue(forKey: index) {
            keptSize -= bytes.count
            // Counted as if inflated again, so that the limits act as they would.
            inflatedTotal += bytes.count
            if inflatedTotal > limits.maximumTotalSize {
                isExhausted = true
                return .failure(
                    diagnostic(
                        .epubArchiveTooLarge,
                        "the archive inflates to more than \(limits.maximumTotalSize) bytes "
                            + "in all; stopped at `\(OCFEntryName.shown(name))`", name))
            }
            return .success(bytes)
        }
        return inflate(index, name: name, limit: limits.maximumDocumentSize, keep: true)
    }

    /// Inflates every entry once, streaming, so that a corrupt, encrypted,
    /// oversized or bomb entry is reported even when nothing refers to it.
    /// The entries `keeping` names (those about to be read) are kept, within
    /// `maximumKeptSize`, for `contents(of:)` to give out without inflating them again.
    public func verifyEntries(keeping: (String) -> Bool = { _ in false }) -> [Diagnostic] {
        var diagnostics: [Diagnostic] = []
        for (index, name) in names.enumerated() where !isExhausted {
            let retain = keeping(name)
            switch inflate(index, name: name, limit: limits.maximumEntrySize, keep: false, retain: retain) {
            case .failure(let diagnostic): diagnostics.append(diagnostic)
            case .success(let bytes):
                // Only what `contents(of:)` could give out, within the budget.
                if retain, !bytes.isEmpty, bytes.count <= limits.maximumDocumentSize,
                    keptSize + bytes.count <= Self.maximumKeptSize
                {
                    kept[index] = bytes
                    keptSize += bytes.count
                }
            }
        }
        return diagnostics
    }

    private func diagnostic(_ code: CheckCode, _ message: String, _ name: String) -> Diagnostic {
        Diagnostic(code, severity: .error, message, at: SourceLocation(file: "\(path):\(OCFEntryName.shown(name))"))
    }

    /// Inflates entry `index` in chunks, keeping the bytes when `keep` is
    /// true (with `retain`, also when `keep` is false, while they fit
    /// `maximumKeptSize`). Fails as soon as the bytes produced pass a limit.
    private func inflate(_ index: Int, name: String, limit: Int, keep: Bool, retain: Bool = false)
        -> Result<[UInt8], Diagnostic>
    {
        if let failure = failures[name] { return .failure(failure) }
        let result = inflateOnce(index, name: name, limit: limit, keep: keep, retain: retain)
        if case .failure(let diagnostic) = result, diagnostic.code != CheckCode.epubDocumentTooLarge.rawValue {
            failures[name] = diagnostic
        }
        return result
    }

    private func inflateOnce(_ index: Int, name: String, limit: Int, keep: Bool, retain: Bool)
        -> Result<[UInt8], Diagnostic>
    {
        let shown = OCFEntryName.shown(name)
        if isExhausted {
            return .failure(
                diagnostic(
                    .epubArchiveTooLarge,
                    "not read: the archive inflated past \(limits.maximumTotalSize) bytes", name))
        }
        var stat = zip_stat_t()
        zip_stat_init(&stat)
        guard zip_stat_index(archive, zip_uint64_t(index), 0, &stat) == 0 else {
            return .failure(
                diagnostic(
                    .epubUnreadableEntry,
                    "cannot read `\(shown)`: \(String(cString: zip_strerror(archive)))", name))
        }
        if stat.valid & zip_uint64_t(ZIP_STAT_COMP_METHOD) != 0,
            stat.comp_method != ZIP_CM_STORE, stat.comp_method != ZIP_CM_DEFLATE
        {
            return .failure(
                diagnostic(
                    .epubCompressionMethod,
                    "`\(shown)` uses compression method \(stat.comp_method); "
                        + "OCF allows stored (0) and deflate (8) only", name))
        }
        if stat.valid & zip_uint64_t(ZIP_STAT_ENCRYPTION_METHOD) != 0, stat.encryption_method != ZIP_EM_NONE {
            return .failure(
                diagnostic(
                    .epubEncryptedEntry,
                    "`\(shown)` is encrypted with zip encryption, which OCF forbids", name))
        }
        // Header sizes are claims: used only in messages and for the ratio
        // (the compressed size cannot exceed the file, libzip checks that).
        let claimedSize = stat.valid & zip_uint64_t(ZIP_STAT_SIZE) != 0 ? stat.size : nil
        let claimed = claimedSize.map { "\($0)" } ?? "nothing"
        let compressed = stat.valid & zip_uint64_t(ZIP_STAT_COMP_SIZE) != 0 ? Int(clamping: stat.comp_size) : 0
        if let whole = inflateWhole(index, stat: stat, limit: limit, keep: keep, retain: retain) {
            return .success(whole)
        }
        guard let file = zip_fopen_index(archive, zip_uint64_t(index), 0) else {
            return .failure(
                diagnostic(
                    .epubUnreadableEntry,
                    "cannot read `\(shown)`: \(String(cString: zip_strerror(archive)))", name))
        }
        defer { zip_fclose(file) }
        var produced = 0
        var output: [UInt8] = []
        var retaining = retain
        while true {
            let read = chunk.withUnsafeMutableBytes { buffer in
                zip_fread(file, buffer.baseAddress!, zip_uint64_t(buffer.count))
            }
            if read < 0 {
                return .failure(
                    diagnostic(
                        .epubCorruptEntry,
                        "cannot inflate `\(shown)`: \(String(cString: zip_file_strerror(file)))",
                        name))
            }
            if read == 0 {
                if let claimedSize, claimedSize != produced {
                    return .failure(sizeMismatch(shown, claimed: claimedSize, produced: produced, name))
                }
                return .success(output)
            }
            let count = Int(read)   // at most chunkSize
            produced += count   // bounded by the limits below: cannot overflow
            inflatedTotal += count
            if let claimedSize, produced > claimedSize {
                return .failure(sizeMismatch(shown, claimed: claimedSize, produced: produced, name))
            }
            if produced > limit {
                let code = keep ? CheckCode.epubDocumentTooLarge : CheckCode.epubEntryTooLarge
                return .failure(
                    diagnostic(
                        code,
                        "`\(shown)` inflates to more than \(limit) bytes "
                            + "(its header claims \(claimed)); Galley reads at most \(limit)", name))
            }
            if inflatedTotal > limits.maximumTotalSize {
                isExhausted = true
                return .failure(
                    diagnostic(
                        .epubArchiveTooLarge,
                        "the archive inflates to more than \(limits.maximumTotalSize) bytes "
                            + "in all; stopped at `\(shown)`", name))
            }
            if produced > limits.ratioThreshold, produced / max(compressed, 1) > limits.maximumCompressionRatio {
                return .failure(
                    diagnostic(
                        .epubCompressionRatio,
                        "`\(shown)` inflated past \(produced) bytes from \(compressed): more than "
                            + "\(limits.maximumCompressionRatio) to 1, a deflate bomb", name))
            }
            if retaining && (produced > limits.maximumDocumentSize || keptSize + produced > Self.maximumKeptSize) {
                retaining = false
                output = []
            }
            if keep || retaining { output.append(contentsOf: chunk[0..<count]) }
        }
    }

    /// The fast path of `inflateOnce`, for the entries of an ordinary
    /// archive: a deflated entry whose header sizes are within every limit
    /// is read raw and inflated in one call (libdeflate), and must come out
    /// at exactly its claimed size with its claimed CRC-32. Nil for anything
    /// else (no claim, a limit reached, a size or CRC that does not match):
    /// the chunked path then reads the entry and words what is wrong.
    private func inflateWhole(_ index: Int, stat: zip_stat_t, limit: Int, keep: Bool, retain: Bool) -> [UInt8]? {
        let needed = zip_uint64_t(ZIP_STAT_SIZE | ZIP_STAT_COMP_SIZE | ZIP_STAT_CRC | ZIP_STAT_COMP_METHOD)
        guard stat.valid & needed == needed, stat.comp_method == ZIP_CM_DEFLATE, stat.size <= UInt64(limit),
            stat.comp_size <= UInt64(limit)
        else { return nil }
        let size = Int(stat.size)
        let compressedSize = Int(stat.comp_size)
        guard inflatedTotal + size <= limits.maximumTotalSize,
            size <= limits.ratioThreshold || size / max(compressedSize, 1) <= limits.maximumCompressionRatio
        else { return nil }
        if decompressor == nil { decompressor = libdeflate_alloc_decompressor() }
        guard let decompressor,
            let file = zip_fopen_index(archive, zip_uint64_t(index), zip_flags_t(ZIP_FL_COMPRESSED))
        else { return nil }
        defer { zip_fclose(file) }
        var compressed = [UInt8](repeating: 0, count: compressedSize)
        let read = compressed.withUnsafeMutableBytes { zip_fread(file, $0.baseAddress, zip_uint64_t(compressedSize)) }
        guard read == Int64(compressedSize) else { return nil }
        var output = [UInt8](repeating: 0, count: size)
        var produced = 0
        let result = compressed.withUnsafeBytes { input in
            output.withUnsafeMutableBytes { out in
                libdeflate_deflate_decompress(
                    decompressor, input.baseAddress, input.count, out.baseAddress, out.count, &produced)
            }
        }
        guard result == LIBDEFLATE_SUCCESS, produced == size,
            output.withUnsafeBytes({ libdeflate_crc32(0, $0.baseAddress, $0.count) }) == stat.crc
        else { return nil }
        inflatedTotal += size
        let retaining =
            retain && size <= limits.maximumDocumentSize && keptSize + size <= Self.maximumKeptSize
        return keep || retaining ? output : []
    }

    private func sizeMismatch(_ shown: String, claimed: UInt64, produced: Int, _ name: String) -> Diagnostic {
        let actual = produced > claimed ? "more than \(claimed)" : "\(produced)"
        return diagnostic(
            .epubEntrySizeMismatch,
            "`\(shown)` inflates to \(actual) bytes but its header claims \(claimed)", name)
    }
}
