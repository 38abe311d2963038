// swift-tools-version: 6.0
// Galley's libFuzzer targets, a package of their own so that the main
// package's `swift build` and `swift test` never see `-sanitize=fuzzer`.
// Built and run by `make fuzz` (Scripts/fuzz.sh); see README.md, "Fuzzing".
import PackageDescription

let package = Package(
    name: "GalleyFuzz",
    platforms: [.macOS(.v14)],
    dependencies: [
        .package(path: "Galley")
    ],
    targets: [
        // libFuzzer brings `main`; each target only defines LLVMFuzzerTestOneInput.
        .executableTarget(
            name: "FuzzMarkdown",
            dependencies: [.product(name: "GalleyFuzzHarness", package: "Galley")],
            swiftSettings: [.unsafeFlags(["-parse-as-library"])]),
        .executableTarget(
            name: "FuzzCheck",
            dependencies: [.product(name: "GalleyFuzzHarness", package: "Galley")],
            swiftSettings: [.unsafeFlags(["-parse-as-library"])]),
    ]
)
