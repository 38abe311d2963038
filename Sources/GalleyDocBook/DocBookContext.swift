/// Where in the document the writer stands, passed down the renderers by
/// value: a renderer that opens a construct hands its children a changed
/// copy (`context.with(\.inNote, true)`), so nothing is saved or restored.
struct DocBookContext {
    /// Inside a `<footnote>`: the Schematron forbids footnote, table,
    /// epigraph, sidebar and admonitions among its descendants.
    var inNote = false
    /// Inside note/tip/warning/…: admonitions must not nest.
    var inAdmonition = false
    /// Inside an element with mixed content, where added newlines would be text.
    var inMixedContent = false
    /// Inside a `<link>`: a link in a link is undefined in every output.
    var inLink = false
    /// Inside an element whose content is DocBook's `db._text` (superscript,
    /// subscript): only text, phrases, links and inline images may stand
    /// there, so emphasis becomes a phrase and footnotes wait until it closes.
    var textOnly = false
    /// In a component that takes no sections (colophon…), where a section
    /// becoming a bridgehead is the DocBook idiom and not reported.
    var sectionsAreBridgeheads = false
    /// Inside `<literallayout>`, whose whitespace is kept: a hard break is a
    /// newline there, and a space everywhere else (titles, attributions).
    var verbatim = false
    /// Inside an `<example>` or `<figure>`: the Schematron forbids one inside another.
    var inFormal = false

    /// This context with `key` set to `value`.
    func with<Value>(_ key: WritableKeyPath<DocBookContext, Value>, _ value: Value) -> DocBookContext {
        var copy = self
        copy[keyPath: key] = value
        return copy
    }
}
