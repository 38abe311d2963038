import GalleyCore

/// Turns the headings at division level into nested `.section`s and finds
/// the division's title.
///
/// The title is the chapter's leading level-1 heading; else a title given
/// outside the text (front matter, the book's chapter list); else its first
/// heading of any level, and then every heading moves up by that heading's
/// level minus one, so the title is level 1 and the rest nest under it
/// (mdBook's sub-pages start at `##`). A chapter with none of these has no
/// title here (the reader names it after its file).
enum Sectioning {
    struct Result {
        var title: [Inline]?
        var titleOrigin: TitleOrigin = .heading
        var titleAttributes: Attributes
        var blocks: [Block]
    }

    /// Nesting follows relative level: a `####` under a `##` is its child,
    /// and a later `###` closes the `####` and becomes the `##`'s next child.
    static func build(_ blocks: [Block], givenTitle: [Inline]? = nil) -> Result {
        var title: [Inline]?
        var titleOrigin = TitleOrigin.heading
        var titleAttributes = Attributes.empty
        var stack: [Section] = []
        var top: [Block] = []
        var firstHeading = true
        /// How far every heading moves up when a deeper first heading became the title.
        var shift = 0

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
            guard case .heading(var level, let attributes, let content) = block else {
                append(block)
                continue
            }
            if firstHeading {
                firstHeading = false
                // A page that opens with its own title as a deeper heading (mdBook
                // sub-pages: `## Hello, World!` under the SUMMARY entry "Hello, World!")
                // takes that heading as its title once, not a title and a twin section.
                let opensWithGivenTitle =
                    top.isEmpty && givenTitle.map { Self.sameWords($0, content) } == true
                if level == 1 || givenTitle == nil || opensWithGivenTitle {
                    title = content
                    titleAttributes = attributes
                    shift = level - 1
                    continue
                }
            }
            if shift > 0 { level = max(2, level - shift) }
            closeSections(downTo: level)
            stack.append(Section(level: level, attributes: attributes, title: content))
        }
        closeSections(downTo: Int.min)
        if title == nil, let givenTitle {
            title = givenTitle
            titleOrigin = .given
        }
        return Result(title: title, titleOrigin: titleOrigin, titleAttributes: titleAttributes, blocks: top)
    }

    /// The same words, whatever the case, spacing and punctuation.
    static func sameWords(_ a: [Inline], _ b: [Inline]) -> Bool {
        let left = HeadingSlugger.loose(Walk.plainText(a))
        return !left.isEmpty && left == HeadingSlugger.loose(Walk.plainText(b))
    }
}
