/// What happened to some input lines.
public enum ImportChangeKind: Hashable, Sendable {
    /// The text was changed and is in the output.
    case changed
    /// The lines are not in the output.
    case removed
    /// The lines became data outside the chapters (`book.yaml`, `contents.yaml`).
    case moved(to: String)
}

/// One change a rule made, for an editor to review.
public struct ImportChange: Hashable, Sendable {
    public var rule: String
    public var kind: ImportChangeKind
    /// 1-based input line numbers.
    public var lines: [Int]
    public var before: String
    public var after: String

    public init(rule: String, kind: ImportChangeKind, lines: [Int], before: String, after: String = "") {
        self.rule = rule
        self.kind = kind
        self.lines = lines
        self.before = before
        self.after = after
    }
}

/// Something a rule could not decide and leaves to a person.
public struct ImportFinding: Hashable, Sendable {
    public var rule: String
    public var lines: [Int]
    public var message: String
}

/// Every change and finding of one import, in rule order.
public struct ImportLog: Sendable {
    public private(set) var changes: [ImportChange] = []
    public private(set) var findings: [ImportFinding] = []
    /// The rule now running; changes are recorded under its name.
    var rule = ""

    public init() {}

    mutating func changed(_ lines: [Int], _ before: String, _ after: String) {
        guard before != after else { return }
        changes.append(ImportChange(rule: rule, kind: .changed, lines: lines, before: before, after: after))
    }

    mutating func removed(_ lines: [Int], _ before: String) {
        changes.append(ImportChange(rule: rule, kind: .removed, lines: lines, before: before))
    }

    mutating func moved(_ lines: [Int], _ before: String, to destination: String, _ after: String) {
        changes.append(
            ImportChange(
                rule: rule, kind: .moved(to: destination), lines: lines,
                before: before, after: after))
    }

    mutating func finding(_ lines: [Int], _ message: String) {
        findings.append(ImportFinding(rule: rule, lines: lines, message: message))
    }
}
