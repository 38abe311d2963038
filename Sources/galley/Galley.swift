import ArgumentParser
import Foundation
import GalleyBuild
import GalleyCore

@main
struct Galley: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "galley",
        abstract: "Build a book from Markdown chapters into EPUB 3, DocBook 5 and plain text.",
        subcommands: [Build.self, Serve.self, Check.self, Tree.self, ImportCommand.self, Init.self, Lint.self],
        defaultSubcommand: Build.self)
}

/// Prints diagnostics the way compilers do, to standard error.
func report(_ diagnostics: [Diagnostic]) {
    for diagnostic in diagnostics {
        FileHandle.standardError.write(Data((diagnostic.description + "\n").utf8))
    }
}

struct Build: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Write Build/book.epub, Build/book.xml and Build/book.txt, then validate them.")

    @Argument(help: "The book project: a folder holding Source/book.yaml.")
    var directory: String = "."

    @Option(name: [.short, .long], help: "Output folder (default: DIR/Build).")
    var output: String?

    @Option(
        name: .long, parsing: .upToNextOption,
        help: "Formats to write: epub, docbook, text (default: all).")
    var format: [OutputFormat] = OutputFormat.allCases

    @Option(name: .long, help: "Wrap the text output at N display columns (0: one paragraph per line).")
    var columns: Int?

    @Flag(name: .long, help: "Count East Asian ambiguous characters (“ ” — …) as two columns in the text output.")
    var ambiguousWide = false

    @Flag(name: .long, help: "Skip validating the outputs.")
    var noValidate = false

    @Flag(name: .long, help: "Build again on every save to Source/ or Styles/ (Ctrl-C stops).")
    var watch = false

    func run() throws {
        let project = URL(fileURLWithPath: directory)
        let build = BookBuild(
            projectDirectory: project,
            outputDirectory: output.map { URL(fileURLWithPath: $0) },
            formats: format, textColumns: columns,
            ambiguousIsWide: ambiguousWide, validate: !noValidate, cache: watch ? BuildCache() : nil)
        if watch { try BuildWatch(build: build).run() }
        let result = build.run()
        report(result.diagnostics)
        if !result.succeeded { throw ExitCode.failure }
        for format in OutputFormat.allCases {
            if let url = result.outputs[format] { print("wrote \(url.path)") }
        }
    }
}

extension OutputFormat: ExpressibleByArgument {
    public init?(argument: String) { self.init(name: argument) }
    public static var allValueStrings: [String] { registry.map(\.name) }
}

struct Tree: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Print the book's document tree as JSON.")

    @Argument(help: "The book project: a folder holding Source/book.yaml.")
    var directory: String = "."

    func run() throws {
        let build = BookBuild(projectDirectory: URL(fileURLWithPath: directory))
        do {
            let (book, diagnostics) = try build.readBook()
            report(diagnostics)
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
            FileHandle.standardOutput.write(try encoder.encode(book.book))
            print()
        } catch let error as DiagnosticsError {
            report(error.diagnostics)
            throw ExitCode.failure
        }
    }
}
