import Foundation
import GalleyEPUB
import GalleyFonts

extension FontServices {
    /// fontconfig for installed families, HarfBuzz for subsetting. A system font is the one
    /// file a build reads from outside the project: the one fontconfig names for the family
    /// `book.yaml` asks for, from the font folders fontconfig is configured with.
    static let system = FontServices(
        systemFont: { family in
            guard let found = FontSubsetter.systemFont(family: family),
                let data = FileManager.default.contents(atPath: found.path)
            else { return nil }
            return ([UInt8](data), found.faceIndex)
        },
        subset: { font, faceIndex, characters in
            FontSubsetter.subset(font, faceIndex: faceIndex, keeping: characters).map { ($0.bytes, $0.missing) }
        })
}
