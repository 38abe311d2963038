import GalleyFuzzHarness

/// libFuzzer's entry: Markdown bytes as a one-chapter book, built into every
/// format. An output written without an error that fails its own check is a
/// Galley bug: trap, so libFuzzer keeps the input.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzMarkdown(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    let bytes = data.map { Array(UnsafeBufferPointer(start: $0, count: size)) } ?? []
    if let finding = FuzzHarness.markdown(bytes) {
        fatalError("FuzzMarkdown: \(finding)")
    }
    return 0
}
