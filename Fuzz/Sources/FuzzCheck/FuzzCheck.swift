import GalleyFuzzHarness

/// libFuzzer's entry: zip bytes as `book.epub`, checked as `galley check`
/// does. Any diagnostics are fine; only a crash, a hang or a leak of memory
/// past the limits is a finding.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzCheck(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    let bytes = data.map { Array(UnsafeBufferPointer(start: $0, count: size)) } ?? []
    FuzzHarness.check(bytes)
    return 0
}
