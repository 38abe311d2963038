/// Joins adjacent `.text` nodes and drops empty ones, so every writer and
/// every later transform sees one text node per run of plain characters.
public enum MergeText {
    public static func apply(_ book: Book) -> Book {
        Walk.rewrite(book) { _ in Rewriter(inlines: merged) }
    }

    public static func merged(_ inlines: [Inline]) -> [Inline] {
        var result: [Inline] = []
        result.reserveCapacity(inlines.count)
        var pending: String?
        for inline in inlines {
            if case .text(let text) = inline {
                if text.isEmpty { continue }
                if pending == nil { pending = text } else { pending!.append(text) }
                continue
            }
            if let text = pending { result.append(.text(text)); pending = nil }
            result.append(inline)
        }
        if let text = pending { result.append(.text(text)) }
        return result
    }
}
