import GalleyCore

/// Turns the headings at division level into nested `.section`s and takes
/// the first level-1 heading as the division's title.
enum Sectioning {
    struct Result {
        var title: [Inline]?
        var titleAttributes: Attributes
        var blocks: [Block]
    }

    /// Nesting follows relative level: a `####` under a `##` is its child,
    /// and a later `###` closes the `####` and becomes the `##`'s next child.
    static func build(_ blocks: [Block]) -> Result {
        var title: [Inline]?
        var titleAttributes = Attributes.empty
        var stack: [Section] = []
        var top: [Block] = []

        func append(_ block: Block) {
            if stack.isEmpty { top.append(block) } else { stack[stack.count - 1].blocks.append(block) }
        }
        func closeSections(downTo level: Int) {
            while let last = stack.last, last.level >= level {
                stack.removeLast()
                append(.section(last))
            }
        }

        for block in blocks {
            guard case .heading(let level, let attributes, let content) = block else {
                append(block)
                continue
            }
            if level == 1, title == nil, stack.isEmpty {
                title = content
                titleAttributes = attributes
                continue
            }
            closeSections(downTo: level)
            stack.append(Section(level: level, attributes: attributes, title: content))
        }
        closeSections(downTo: Int.min)
        return Result(title: title, titleAttributes: titleAttributes, blocks: top)
    }
}
