import GalleyCore

/// The tree the reader makes of raw HTML that carries content (issue 11):
/// mdBook's `<Listing>`, `<figure>`, `<details>`, `<dl>`, `<u>`, `<kbd>`,
/// `<abbr>`. Each writer's tests render it and look for their own mapping.
public enum ContentHTMLSample {
    static func div(_ name: String, _ blocks: [Block], id: String? = nil) -> Block {
        .div(Attributes(id: id, classes: [name]), blocks)
    }

    public static let listing = Block.div(
        Attributes(
            classes: [CodeListing.className],
            pairs: [
                KeyValue("number", "15-1"), KeyValue("file-name", "src/main.rs"),
                KeyValue("caption", "Storing a value on the heap"),
            ]),
        [.codeBlock(language: "rust", text: "fn main() {}\n")])

    public static let blocks: [Block] = [
        listing,
        .div(
            Attributes(classes: [CodeListing.className], pairs: [KeyValue("file-name", "Cargo.toml")]),
            [.codeBlock(language: "toml", text: "[package]\n")]),
        div(
            "figure",
            [
                .paragraph([.image(Image(source: "https://example.org/ferris.png", alt: [.text("Ferris")]))]),
                div("figcaption", [.paragraph([.text("Ferris reads")])]),
            ], id: "ferris"),
        div("details", [div("summary", [.paragraph([.text("Answer")])]), .paragraph([.text("42")])]),
        div(
            "dl",
            [
                div("dt", [.paragraph([.text("Ownership")])]), div("dd", [.paragraph([.text("One owner.")])]),
                div("dt", [.paragraph([.text("Borrowing")])]), div("dd", [.paragraph([.text("A reference.")])]),
            ]),
        .paragraph([
            .span(Attributes(classes: ["kbd"]), [.text("Ctrl")]), .text(" and "),
            .span(Attributes(classes: ["u"]), [.text("underlined")]), .text(" and "),
            .span(
                Attributes(classes: ["abbr"], pairs: [KeyValue("title", "HyperText Markup Language")]),
                [
                    .text("HTML")
                ]),
        ]),
        .blockQuote([.paragraph([.text("Quoted.")]), .codeBlock(language: nil, text: "quoted code\n")]),
    ]

    public static func book(language: String = "en") -> Book {
        Book(
            metadata: Metadata(title: "T", language: language),
            divisions: [Division(role: .chapter, id: "", sourcePath: "c.md", title: [.text("C")], blocks: blocks)])
    }
}
