import Foundation
import GalleyCore
import GalleyEPUB

extension BookBuild {
    /// The EPUB's files as they would go into the zip, in memory, and every
    /// diagnostic of reading and writing (what `galley serve` shows). Nothing
    /// is written and the outputs are not checked.
    public func renderEPUB() -> (entries: [(name: String, bytes: [UInt8])]?, diagnostics: [Diagnostic]) {
        let book: NormalizedBook
        var diagnostics: [Diagnostic] = []
        do {
            let result = try readBook()
            book = result.book
            diagnostics = result.diagnostics
        } catch let error as DiagnosticsError {
            return (nil, error.diagnostics)
        } catch {
            return (nil, [Diagnostic(BuildCode.read, "\(error)", at: SourceLocation(file: sourceDirectory.path))])
        }
        let settings: WriterSettings
        switch writerSettings() {
        case .success(let found): settings = found
        case .failure(let error): return (nil, diagnostics + error.diagnostics)
        }
        let writer = EPUBWriter(
            options: .init(
                modificationDate: settings.modificationDate, resources: settings.resources,
                stylesheets: settings.stylesheets, renderCache: settings.renderCache))
        do {
            let (entries, found) = try writer.render(book)
            return (entries, diagnostics + found)
        } catch let error as DiagnosticsError {
            return (nil, diagnostics + error.diagnostics)
        } catch {
            return (nil, diagnostics + [Diagnostic(BuildCode.write, "\(error)")])
        }
    }
}
