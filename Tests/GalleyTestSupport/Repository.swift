import Foundation
import GalleyCore

/// Paths inside the Galley repository, found from this file's location so
/// tests run the same from any working directory.
public enum Repository {
    public static let root: URL = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent()   // GalleyTestSupport
        .deletingLastPathComponent()   // Tests
        .deletingLastPathComponent()

    /// The default book (the repository's own `Source/`).
    public static var defaultBook: URL { root }

    /// Fixture books shared by every writer's tests: `Tests/Books/NAME/Source/book.yaml`.
    public static var fixtureBooksDirectory: URL { root.appendingPathComponent("Tests/Books") }

    public static func fixtureBook(_ name: String) -> URL {
        fixtureBooksDirectory.appendingPathComponent(name)
    }

    /// Names of all fixture books, sorted.
    public static var fixtureBookNames: [String] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: fixtureBooksDirectory.path)) ?? []
        // Galley's own projects, and mdBook (book.toml) and GitBook (SUMMARY.md) ones built as they are.
        return names.filter { name in
            ["Source/book.yaml", "book.toml", "SUMMARY.md"].contains {
                FileManager.default.fileExists(atPath: fixtureBook(name).appendingPathComponent($0).path)
            }
        }.sorted()
    }

    /// The built `galley` executable next to the test bundle.
    public static var galleyExecutable: URL {
        var directory = Bundle.main.bundleURL
        for _ in 0..<4 {
            let candidate = directory.appendingPathComponent("galley")
            if FileManager.default.isExecutableFile(atPath: candidate.path) { return candidate }
            directory = directory.deletingLastPathComponent()
        }
        return root.appendingPathComponent(".build/debug/galley")
    }

    public static var galleyExecutableIsBuilt: Bool {
        FileManager.default.isExecutableFile(atPath: galleyExecutable.path)
    }

    /// A new empty temporary directory.
    public static func temporaryDirectory(_ label: String = "galley") throws -> URL {
        let url = FileManager.default.temporaryDirectory
            .appendingPathComponent("\(label)-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }
}

public extension Book {
    /// This hand-made tree run through the transform pipeline, as every
    /// writer receives a book.
    var normalized: NormalizedBook { Pipeline.normalize(self).0 }
}
