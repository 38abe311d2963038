/// Visits every inline of a tree in reading order (a parent before its
/// children). Kept for the Markdown reader until it moves to `Walk.query`.
@available(*, deprecated, message: "use Walk.query(_:_:) with Visitor(inline:)")
public struct InlineVisitor {
    public var visit: (Inline) -> Void

    public init(_ visit: @escaping (Inline) -> Void) {
        self.visit = visit
    }

    public func blocks(_ blocks: [Block]) { Walk.query(blocks, Visitor(inline: visit)) }

    public func block(_ block: Block) { Walk.query([block], Visitor(inline: visit)) }

    public func inlines(_ inlines: [Inline]) { Walk.query(inlines, Visitor(inline: visit)) }
}
