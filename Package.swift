// swift-tools-version: 6.0
import PackageDescription

let package = Package(
    name: "Galley",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "galley", targets: ["galley"]),
        .executable(name: "galley-serve", targets: ["galley-serve"]),
        .library(name: "GalleyCore", targets: ["GalleyCore"]),
        .library(name: "GalleyMarkdown", targets: ["GalleyMarkdown"]),
        .library(name: "GalleyEPUB", targets: ["GalleyEPUB"]),
        .library(name: "GalleyDocBook", targets: ["GalleyDocBook"]),
        .library(name: "GalleyText", targets: ["GalleyText"]),
        .library(name: "GalleyImport", targets: ["GalleyImport"]),
        .library(name: "GalleyCheck", targets: ["GalleyCheck"]),
        .library(name: "GalleyHighlight", targets: ["GalleyHighlight"]),
        .library(name: "GalleyBuild", targets: ["GalleyBuild"]),
        .library(name: "GalleyServe", targets: ["GalleyServe"]),
        // What the libFuzzer targets in Fuzz/ (a package of their own) run; see ARCHITECTURE.md.
        .library(name: "GalleyFuzzHarness", targets: ["GalleyFuzzHarness"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
        // book.toml of mdBook projects.
        .package(url: "https://github.com/LebJe/TOMLKit", from: "0.6.0"),
        // galley serve's HTTP server: small, no SwiftNIO (see ARCHITECTURE.md, "Live preview").
        .package(url: "https://github.com/swhitty/FlyingFox", exact: "0.27.1"),
    ],
    targets: [
        // C libraries at the edge: one system-library target each (module map + shim.h).
        .systemLibrary(name: "CLibXML2", pkgConfig: "libxml-2.0",
                       providers: [.apt(["libxml2-dev"])]),
        .systemLibrary(name: "CLibZip", pkgConfig: "libzip",
                       providers: [.apt(["libzip-dev"])]),
        // libdeflate compresses the EPUB's entries (about twice zlib's speed at the same size).
        .systemLibrary(name: "CLibDeflate", pkgConfig: "libdeflate",
                       providers: [.apt(["libdeflate-dev"])]),
        .systemLibrary(name: "CCmarkGFM",
                       providers: [.apt(["libcmark-gfm-dev", "libcmark-gfm-extensions-dev"])]),
        // poppler-glib reads PDFs for galley import. CGalleyPDF loads it (dlopen) when the first
        // PDF is opened, so a build never maps it; glib and poppler stay behind its plain C functions.
        .target(name: "CGalleyPDF", linkerSettings: [.linkedLibrary("dl")]),
        .systemLibrary(name: "CHarfBuzz", pkgConfig: "harfbuzz-subset",
                       providers: [.apt(["libharfbuzz-dev"])]),
        .systemLibrary(name: "CFontconfig", pkgConfig: "fontconfig",
                       providers: [.apt(["libfontconfig-dev"])]),
        .target(name: "GalleyFonts", dependencies: ["CHarfBuzz", "CFontconfig"]),
        // ICU stays behind plain C functions so its headers never meet Foundation's ICU.
        .target(name: "CGalleyICU", linkerSettings: [.linkedLibrary("icuuc")]),
        // ICU regular expressions (uregex, in libicui18n) for the code highlighter, behind plain C functions too.
        .target(name: "CGalleyRegex", linkerSettings: [.linkedLibrary("icui18n"), .linkedLibrary("icuuc")]),

        .target(name: "GalleyCore"),
        .target(name: "GalleyMarkdown",
                dependencies: ["GalleyCore", "CCmarkGFM", "CLibXML2", "Yams", "TOMLKit"]),
        // Code highlighting: KDE syntax definitions (Syntax/*.xml, licences in Syntax/README.md) run by our engine.
        .target(name: "GalleyHighlight", dependencies: ["CGalleyRegex", "CLibXML2"],
                resources: [.copy("Syntax")]),
        .target(name: "GalleyEPUB", dependencies: ["GalleyCore", "GalleyHighlight", "CLibDeflate"],
                resources: [.copy("Resources")]),
        .target(name: "GalleyDocBook", dependencies: ["GalleyCore"]),
        .target(name: "GalleyText", dependencies: ["GalleyCore", "CGalleyICU"]),
        .target(name: "GalleyImport", dependencies: ["GalleyCore", "Yams", "CGalleyPDF"]),
        .target(name: "GalleyCheck", dependencies: ["GalleyCore", "CLibXML2", "CLibZip", "CLibDeflate"],
                resources: [.copy("Schemas")]),
        .target(name: "GalleyBuild",
                dependencies: ["GalleyCore", "GalleyMarkdown", "GalleyEPUB", "GalleyDocBook",
                               "GalleyText", "GalleyCheck", "GalleyFonts"]),
        .target(name: "GalleyServe",
                dependencies: ["GalleyBuild", "GalleyCore", "GalleyEPUB",
                               .product(name: "FlyingFox", package: "FlyingFox")]),
        .target(name: "GalleyFuzzHarness", dependencies: ["GalleyBuild", "GalleyCheck", "GalleyCore"]),
        .executableTarget(name: "galley",
                          dependencies: ["GalleyBuild", "GalleyCheck", "GalleyCore", "GalleyImport", "GalleyMarkdown",
                                         .product(name: "ArgumentParser", package: "swift-argument-parser")]),
        // `galley serve` runs this in its place: only it links the HTTP server (and FoundationNetworking).
        .executableTarget(name: "galley-serve",
                          dependencies: ["GalleyServe", "GalleyBuild", "GalleyCore",
                                         .product(name: "ArgumentParser", package: "swift-argument-parser")],
                          // FoundationNetworking (FlyingFox needs it) names libcurl only when
                          // linked statically (`make galley` links the Swift libraries in).
                          linkerSettings: [.linkedLibrary("curl", .when(platforms: [.linux]))]),

        .target(name: "GalleyTestSupport", dependencies: ["GalleyCore", "GalleyBuild", "GalleyCheck"],
                path: "Tests/GalleyTestSupport"),
        .testTarget(name: "GalleyCoreTests", dependencies: ["GalleyCore", "GalleyTestSupport"]),
        .testTarget(name: "GalleyHighlightTests", dependencies: ["GalleyHighlight"]),
        .testTarget(name: "GalleyMarkdownTests",
                    dependencies: ["GalleyMarkdown", "GalleyCore", "GalleyTestSupport"],
                    resources: [.copy("Fixtures")]),
        .testTarget(name: "GalleyEPUBTests",
                    dependencies: ["GalleyEPUB", "GalleyCore", "GalleyMarkdown", "GalleyCheck", "GalleyBuild",
                                   "GalleyTestSupport"]),
        .testTarget(name: "GalleyDocBookTests",
                    dependencies: ["GalleyDocBook", "GalleyCore", "GalleyMarkdown", "GalleyCheck", "GalleyBuild",
                                   "GalleyText", "GalleyTestSupport"],
                    resources: [.copy("Fixtures")]),
        .testTarget(name: "GalleyTextTests",
                    dependencies: ["GalleyText", "GalleyCore", "GalleyMarkdown", "GalleyCheck", "GalleyBuild",
                                   "GalleyTestSupport"]),
        .testTarget(name: "GalleyImportTests",
                    dependencies: ["GalleyImport", "GalleyCore", "Yams", "GalleyTestSupport"],
                    resources: [.copy("Fixtures")]),
        .testTarget(name: "GalleyCheckTests",
                    dependencies: ["GalleyCheck", "GalleyCore", "GalleyTestSupport"],
                    resources: [.copy("Fixtures")]),
        .testTarget(name: "GalleyEndToEndTests",
                    dependencies: ["GalleyBuild", "GalleyCheck", "GalleyCore", "GalleyMarkdown", "GalleyEPUB",
                                   "GalleyDocBook", "GalleyImport", "GalleyFonts", "GalleyTestSupport"]),
        .testTarget(name: "GalleyServeTests",
                    dependencies: ["GalleyServe", "GalleyBuild", "GalleyCheck", "GalleyCore", "GalleyTestSupport"]),
        .testTarget(name: "GalleyFuzzHarnessTests",
                    dependencies: ["GalleyFuzzHarness", "GalleyCore", "GalleyTestSupport"]),
    ]
)
