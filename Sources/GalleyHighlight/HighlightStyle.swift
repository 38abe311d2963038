/// The few classes highlighted code is marked with. KDE's default styles
/// (`defStyleNum`) map onto them; `dsNormal`, `dsOperator`, `dsOthers` and
/// `dsError` stay unmarked (operators would double the markup for little;
/// what a definition calls an error is often newer syntax it does not know,
/// and a book should not show it in red).
public enum HighlightStyle: String, CaseIterable, Hashable, Sendable {
    /// Keywords and control flow (`fn`, `if`, `return`).
    case keyword = "hl-kw"
    /// Built-in types and type names.
    case type = "hl-type"
    /// Strings, verbatim and special strings.
    case string = "hl-str"
    /// Characters and escape sequences inside strings.
    case character = "hl-chr"
    /// Numbers: decimal, other bases, floating point.
    case number = "hl-num"
    /// Constants (`true`, `None`, `nullptr`).
    case constant = "hl-const"
    /// Comments and documentation.
    case comment = "hl-cmt"
    /// Function names.
    case function = "hl-fn"
    /// Built-ins, extensions, variables of the language (`self`, `$HOME`).
    case builtin = "hl-bi"
    /// Preprocessor lines, imports, annotations and attributes.
    case preprocessor = "hl-pp"
    /// Alerts inside comments (TODO, FIXME) and warnings.
    case alert = "hl-alert"

    /// The style of a KDE default style name; nil for `dsNormal` and unknown names.
    static func from(kdeDefaultStyle name: String) -> HighlightStyle? {
        switch name {
        case "dsKeyword", "dsControlFlow": .keyword
        case "dsDataType": .type
        case "dsString", "dsVerbatimString", "dsSpecialString": .string
        case "dsChar", "dsSpecialChar": .character
        case "dsDecVal", "dsBaseN", "dsFloat": .number
        case "dsConstant": .constant
        case "dsComment", "dsDocumentation", "dsCommentVar", "dsRegionMarker": .comment
        case "dsFunction": .function
        case "dsBuiltIn", "dsExtension", "dsVariable", "dsInformation": .builtin
        case "dsPreprocessor", "dsImport", "dsAnnotation", "dsAttribute": .preprocessor
        case "dsAlert", "dsWarning": .alert
        default: nil
        }
    }
}
