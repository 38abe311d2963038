import Foundation
import GalleyCore

/// Turns text extracted from a printed book into a Galley `Source/`.
public struct Importer: Sendable {
    public init() {}
}
