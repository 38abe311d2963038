import ArgumentParser
import Foundation
import GalleyImport

struct ImportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import",
        abstract: "Turn text extracted from a printed book (PDF/OCR) into Source/ chapter files.")

    @Argument(help: "The extracted text file.")
    var raw: String

    func run() throws {
        throw ValidationError("import is not written yet")
    }
}
