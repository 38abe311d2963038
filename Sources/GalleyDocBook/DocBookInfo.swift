import GalleyCore

/// The book's `<info>`: what `book.yaml` says, in DocBook's bibliographic
/// elements.
extension DocBookEmitter {
    mutating func emitInfo() {
        let metadata = book.metadata
        xml.start("info")
        xml.newline()
        xml.element("title", text: metadata.title)
        xml.newline()
        if let subtitle = metadata.subtitle, !subtitle.isEmpty {
            xml.element("subtitle", text: subtitle)
            xml.newline()
        }
        var publisherName = metadata.publisher
        for creator in metadata.creators where !creator.name.isEmpty {
            if creator.role == "pbl", publisherName == nil {
                // A publisher given as a creator: DocBook has a place for it.
                publisherName = creator.name
                continue
            }
            emitCredit(creator)
        }
        if let cover = metadata.cover, !cover.isEmpty {
            xml.start("cover")
            xml.start("mediaobject")
            emitImageObject(fileref: imageReference(cover, relativeTo: ""), alt: metadata.title)
            xml.end()
            xml.end()
            xml.newline()
        }
        if let publisherName, !publisherName.isEmpty {
            xml.start("publisher")
            xml.element("publishername", text: publisherName)
            if let address = metadata.publisherAddress, !address.isEmpty {
                xml.element("address", text: address)
            }
            xml.end()
            xml.newline()
        }
        if let date = metadata.date, !date.isEmpty {
            xml.element("pubdate", text: date)
            xml.newline()
        }
        if let isbn = metadata.isbn, !isbn.isEmpty {
            xml.element("biblioid", [("class", "isbn")], text: isbn)
            xml.newline()
        }
        if let identifier = metadata.identifier, !identifier.isEmpty, identifier != metadata.isbn {
            let isURI = identifier.contains(":")
            xml.element(
                "biblioid", isURI ? [("class", "uri")] : [("class", "other"), ("otherclass", "identifier")],
                text: identifier)
            xml.newline()
        }
        if let rights = metadata.rights, !Self.paragraphs(of: rights).isEmpty {
            emitRights(rights, holderFallback: publisherName)
        }
        if let description = metadata.description, !Self.paragraphs(of: description).isEmpty {
            xml.start("abstract")
            for paragraph in Self.paragraphs(of: description) {
                xml.element("para", text: paragraph)
            }
            xml.end()
            xml.newline()
        }
        let subjects = metadata.subjects.filter { !$0.isEmpty }
        if !subjects.isEmpty {
            xml.start("subjectset")
            for subject in subjects {
                xml.start("subject")
                xml.element("subjectterm", text: subject)
                xml.end()
            }
            xml.end()
            xml.newline()
        }
        xml.end()
        xml.newline()
    }

    /// `aut` → `author`, `edt` → `editor`, `trl` → `othercredit class="translator"`,
    /// any other MARC code → `othercredit class="other" otherclass="CODE"`.
    /// An organisation is an `orgname`, a person a `personname`; the role as
    /// printed (编著) is kept in `contrib`.
    private mutating func emitCredit(_ creator: Creator) {
        let code = creator.role.lowercased()
        switch code {
        case "aut":
            xml.start("author")
        case "edt":
            xml.start("editor")
        case "trl":
            xml.start("othercredit", [("class", "translator")])
        default:
            let otherClass = DocBookIDs.isNCName(code) ? code : "other"
            xml.start("othercredit", [("class", "other"), ("otherclass", otherClass)])
        }
        xml.element(creator.isOrganization ? "orgname" : "personname", text: creator.name)
        if let display = creator.displayRole, !display.isEmpty {
            xml.element("contrib", text: display)
        }
        xml.end()
        xml.newline()
    }

    /// `<copyright>` when the rights statement names a year, and the whole
    /// statement as `<legalnotice>` in every case.
    private mutating func emitRights(_ rights: String, holderFallback: String?) {
        if let (year, holder) = Self.copyrightParts(rights) {
            xml.start("copyright")
            xml.element("year", text: year)
            if let holder = holder ?? holderFallback, !holder.isEmpty {
                xml.element("holder", text: holder)
            }
            xml.end()
            xml.newline()
        }
        xml.start("legalnotice")
        for paragraph in Self.paragraphs(of: rights) {
            xml.element("para", text: paragraph)
        }
        xml.end()
        xml.newline()
    }

    /// The first four-digit year in `rights` and what remains as the holder
    /// once the copyright sign, the word and the year are taken out.
    static func copyrightParts(_ rights: String) -> (year: String, holder: String?)? {
        let scalars = Array(rights.unicodeScalars)
        var index = 0
        var year: String?
        var yearRange = 0..<0
        while index + 4 <= scalars.count {
            let slice = scalars[index..<index + 4]
            let before = index > 0 ? scalars[index - 1] : " "
            let after = index + 4 < scalars.count ? scalars[index + 4] : " "
            if slice.allSatisfy({ ("0"..."9").contains($0) }),
                !("0"..."9").contains(before), !("0"..."9").contains(after),
                let first = slice.first, first == "1" || first == "2"
            {
                year = String(String.UnicodeScalarView(slice))
                yearRange = index..<index + 4
                break
            }
            index += 1
        }
        guard let year else { return nil }
        var rest =
            String(String.UnicodeScalarView(scalars[..<yearRange.lowerBound]))
            + " " + String(String.UnicodeScalarView(scalars[yearRange.upperBound...]))
        for noise in ["©", "(c)", "(C)", "Copyright", "copyright", "版权所有", "年"] {
            rest = rest.replacingAll(noise, with: " ")
        }
        let holder = rest.split(whereSeparator: { $0 == " " || $0 == "," || $0 == "，" || $0 == "." || $0 == "\n" })
            .joined(separator: " ")
        return (year, holder.isEmpty ? nil : holder)
    }

    /// Text split at blank lines, each part with its lines joined.
    static func paragraphs(of text: String) -> [String] {
        var result: [String] = []
        var current: [Substring] = []
        for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
            let trimmed = line.trimmingSpaces
            if trimmed.isEmpty {
                if !current.isEmpty { result.append(current.joined(separator: " ")) }
                current = []
            } else {
                current.append(trimmed)
            }
        }
        if !current.isEmpty { result.append(current.joined(separator: " ")) }
        return result
    }
}

extension Substring {
    var trimmingSpaces: Substring {
        var slice = self
        while let first = slice.first, first == " " || first == "\t" || first == "\r" { slice = slice.dropFirst() }
        while let last = slice.last, last == " " || last == "\t" || last == "\r" { slice = slice.dropLast() }
        return slice
    }
}

extension String {
    /// Every occurrence of `target` replaced (no Foundation in this target).
    func replacingAll(_ target: String, with replacement: String) -> String {
        guard !target.isEmpty, firstRange(of: target) != nil else { return self }
        var result = ""
        var rest = self[...]
        while let range = rest.firstRange(of: target) {
            result += rest[..<range.lowerBound]
            result += replacement
            rest = rest[range.upperBound...]
        }
        result += rest
        return result
    }
}
