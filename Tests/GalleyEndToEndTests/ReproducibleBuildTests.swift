import Foundation
import GalleyCheck
import GalleyTestSupport
import Glibc
import Testing

/// `galley build` as separate processes on a copy of each corpus book whose
/// files all carry one modification time the test sets: two processes must
/// write the same bytes, and the build date must come from the sources.
@Suite struct ReproducibleBuildTests {
    static let sourceDate = Date(timeIntervalSince1970: 1_700_000_000)   // 2023-11-14T22:13:20Z
    static let outputs = ["book.epub", "book.xml", "book.txt"]

    /// A copy of the book's project in `directory`: the default book's
    /// `Source/` and `Styles/`, or all of `Tests/Books/` (the vertical book
    /// links into the torture book), every file and folder dated `sourceDate`.
    static func copy(_ name: String, into directory: URL) throws -> URL {
        let project: URL
        if name == Corpus.defaultBook {
            project = directory.appendingPathComponent("default")
            try FileManager.default.createDirectory(at: project, withIntermediateDirectories: true)
            for folder in ["Source", "Styles"] {
                let from = Repository.defaultBook.appendingPathComponent(folder)
                if FileManager.default.fileExists(atPath: from.path) {
                    try FileManager.default.copyItem(at: from, to: project.appendingPathComponent(folder))
                }
            }
        } else {
            try FileManager.default.copyItem(
                at: Repository.fixtureBooksDirectory,
                to: directory.appendingPathComponent("Books"))
            project = directory.appendingPathComponent("Books").appendingPathComponent(name)
        }
        try setModificationDate(sourceDate, under: directory)
        return project
    }

    /// Dates every file, folder and symbolic link under `root` (links
    /// themselves too: a build may look at either).
    static func setModificationDate(_ date: Date, under root: URL) throws {
        let enumerator = try #require(FileManager.default.enumerator(at: root, includingPropertiesForKeys: nil))
        var urls: [URL] = [root]
        for case let url as URL in enumerator { urls.append(url) }
        for url in urls {
            if (try? FileManager.default.destinationOfSymbolicLink(atPath: url.path)) != nil {
                let seconds = Int(date.timeIntervalSince1970)
                var times = [timeval(tv_sec: seconds, tv_usec: 0), timeval(tv_sec: seconds, tv_usec: 0)]
                #expect(lutimes(url.path, &times) == 0, "lutimes \(url.path)")
            } else {
                try FileManager.default.setAttributes([.modificationDate: date], ofItemAtPath: url.path)
            }
        }
    }

    /// Runs `galley build` in its own process; SOURCE_DATE_EPOCH as given (nil: unset).
    static func build(_ project: URL, into output: URL, sourceDateEpoch: Int?) throws {
        let arguments = ["build", project.path, "--output", output.path]
        let result =
            if let sourceDateEpoch {
                try runProcess(
                    Repository.galleyExecutable.path, arguments,
                    environment: ["SOURCE_DATE_EPOCH": String(sourceDateEpoch)])
            } else {
                try runProcess(Repository.galleyExecutable.path, arguments, unsetting: ["SOURCE_DATE_EPOCH"])
            }
        #expect(result.status == 0, "\(result.output)")
    }

    static func bytes(_ directory: URL, _ name: String) throws -> Data {
        try Data(contentsOf: directory.appendingPathComponent(name))
    }

    /// Two processes, one with SOURCE_DATE_EPOCH unset (the date is the
    /// sources' newest time) and one with it set to that time: all three
    /// outputs byte-identical. A third, a day later, changes the EPUB only,
    /// so the date really is in it and the first comparison means something.
    @Test(.galleyExecutable, arguments: Corpus.names)
    func twoProcessesWriteTheSameBytes(_ name: String) throws {
        let work = try Repository.temporaryDirectory("galley-repro")
        defer { try? FileManager.default.removeItem(at: work) }
        let project = try Self.copy(name, into: work)
        let fromSources = work.appendingPathComponent("a"), fromEpoch = work.appendingPathComponent("b")
        let dayLater = work.appendingPathComponent("c")
        let epoch = Int(Self.sourceDate.timeIntervalSince1970)
        try Self.build(project, into: fromSources, sourceDateEpoch: nil)
        try Self.build(project, into: fromEpoch, sourceDateEpoch: epoch)
        try Self.build(project, into: dayLater, sourceDateEpoch: epoch + 86_400)
        for output in Self.outputs {
            #expect(try Self.bytes(fromSources, output) == Self.bytes(fromEpoch, output), "\(name): \(output)")
        }
        #expect(try Self.bytes(fromSources, "book.epub") != Self.bytes(dayLater, "book.epub"))
        #expect(try Self.bytes(fromSources, "book.xml") == Self.bytes(dayLater, "book.xml"))
        #expect(try Self.bytes(fromSources, "book.txt") == Self.bytes(dayLater, "book.txt"))
    }

    /// The newest file wins: one chapter dated an hour later dates the EPUB.
    @Test(.galleyExecutable) func theBuildDateIsTheNewestSourceFile() throws {
        let work = try Repository.temporaryDirectory("galley-repro")
        defer { try? FileManager.default.removeItem(at: work) }
        let project = try Self.copy("torture", into: work)
        let later = Self.sourceDate.addingTimeInterval(3_600)
        try FileManager.default.setAttributes(
            [.modificationDate: later],
            ofItemAtPath: project.appendingPathComponent("Source/chapter2.md").path)
        let output = work.appendingPathComponent("out")
        try Self.build(project, into: output, sourceDateEpoch: nil)
        guard case .success(let archive) = EPUBArchiveReader.open(output.appendingPathComponent("book.epub")) else {
            Issue.record("book.epub does not open")
            return
        }
        let opf = String(decoding: archive.read("OEBPS/content.opf") ?? [], as: UTF8.self)
        #expect(opf.contains(#"<meta property="dcterms:modified">2023-11-14T23:13:20Z</meta>"#), "\(opf)")
    }
}

/// Every diagnostic the build of each corpus book reports (reader, writers
/// and checks), compared with `Tests/Goldens/BOOK/diagnostics.txt`.
@Suite struct BuildDiagnosticsGoldenTests {
    @Test(arguments: Corpus.names)
    func asBuilt(_ book: String) throws {
        let text = try Corpus.output(book).diagnostics.map { "\($0)\n" }.joined()
        Golden.check(text, against: Corpus.golden(book, "diagnostics.txt"))
    }
}
