import Foundation
import GalleyCore
import GalleyFuzzHarness
import GalleyTestSupport
import Testing

/// Every committed fuzz input (seed corpus and crash regressions, `Fuzz/`)
/// through the same entry functions as the libFuzzer targets, so the corpus
/// stays meaningful and a fixed crash stays fixed. A crash here is a crash
/// of the test run, as it was of the fuzzer.
@Suite("Fuzz corpora replayed")
struct FuzzCorpusTests {
    static let fuzzDirectory = Repository.root.appendingPathComponent("Fuzz")

    /// The files of `Fuzz/FOLDER`, by path relative to `Fuzz/`, sorted.
    static func inputs(_ folders: String...) -> [String] {
        folders.flatMap { folder in
            let names =
                (try? FileManager.default.contentsOfDirectory(
                    atPath: fuzzDirectory.appendingPathComponent(folder).path)) ?? []
            return names.filter { !$0.hasPrefix(".") }.map { "\(folder)/\($0)" }
        }.sorted()
    }

    static func bytes(_ input: String) throws -> [UInt8] {
        [UInt8](try Data(contentsOf: fuzzDirectory.appendingPathComponent(input)))
    }

    @Test("the corpora are there")
    func corporaArePresent() {
        #expect(Self.inputs("Corpus/Markdown").count >= 20, "Fuzz/Corpus/Markdown lost its seeds")
        #expect(Self.inputs("Corpus/EPUB").count >= 10, "Fuzz/Corpus/EPUB lost its seeds")
        #expect(
            Self.inputs("Corpus/EPUB").contains { $0.contains("/galley-") },
            "Fuzz/Corpus/EPUB has no EPUB built by galley")
    }

    @Test(
        "Markdown: outputs pass their checks or the build ends with diagnostics",
        arguments: inputs("Corpus/Markdown", "Regressions/Markdown"))
    func markdown(_ input: String) throws {
        let finding = FuzzHarness.markdown(try Self.bytes(input))
        #expect(finding == nil, Comment(rawValue: "\(input): \(finding.map(\.description) ?? "")"))
    }

    @Test("EPUB: the check ends with diagnostics", arguments: inputs("Corpus/EPUB", "Regressions/EPUB"))
    func check(_ input: String) throws {
        let diagnostics = FuzzHarness.check(try Self.bytes(input))
        let errors = diagnostics.filter { $0.severity == .error }
        // Galley's own EPUBs pass; every other seed is broken on purpose.
        if input.contains("/galley-") || input.hasSuffix("-valid.epub") {
            #expect(errors.isEmpty, Comment(rawValue: "\(input): \(errors)"))
        } else if input.hasPrefix("Corpus/") {
            #expect(!errors.isEmpty, Comment(rawValue: "\(input) is broken on purpose but passed the check"))
        }
    }
}
