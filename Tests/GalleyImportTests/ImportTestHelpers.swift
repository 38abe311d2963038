import Foundation

@testable import GalleyImport

enum Fixture {
    static let directory = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .appendingPathComponent("Fixtures")

    static func bytes(_ name: String) throws -> [UInt8] {
        Array(try Data(contentsOf: directory.appendingPathComponent(name)))
    }

    /// The seed (a copy of ../shared/seeds/000_352097b888cdbaff.txt).
    static func seed() throws -> ImportResult {
        try Importer().run(bytes: bytes("seed.txt"))
    }
}

/// Runs only `rules` on `text` and returns the document and the log.
func apply(_ rules: [any ImportRule], to text: String, options: ImportOptions = ImportOptions()) -> ImportResult {
    Importer(options: options, rules: rules).run(text: text)
}

extension ImportResult {
    /// The text of every block of the first division with `role`.
    func texts(_ role: ImportRole) -> [String] {
        document.divisions.first { $0.role == role }?.blocks.map(\.text) ?? []
    }

    func blocks(_ role: ImportRole) -> [ImportBlock] {
        document.divisions.first { $0.role == role }?.blocks ?? []
    }

    func file(_ path: String) -> String? {
        files.first { $0.path == path }?.text
    }
}
