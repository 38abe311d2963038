import Foundation
import GalleyCore
import Yams

extension BookYAMLReader {
    /// Printed Chinese roles and English words, to MARC relator codes.
    static let roles: [String: String] = [
        "编著": "edt", "主编": "edt", "编": "edt", "编辑": "edt", "选编": "edt", "编选": "edt",
        "著": "aut", "撰": "aut", "撰写": "aut", "编写": "aut", "作者": "aut", "著者": "aut",
        "译": "trl", "翻译": "trl", "编译": "trl", "译者": "trl",
        "绘": "ill", "插图": "ill", "绘图": "ill", "摄影": "pht",
        "author": "aut", "editor": "edt", "translator": "trl", "illustrator": "ill",
        "photographer": "pht", "publisher": "pbl", "contributor": "ctb",
    ]

    /// `author: 张三` or `author: [张三, 李四]`.
    mutating func authors(_ node: Node) -> [Creator] {
        switch node {
        case .scalar(let scalar):
            return [Creator(name: scalar.string)]
        case .sequence(let sequence):
            return sequence.compactMap { scalar($0, key: "author").map { Creator(name: $0) } }
        default:
            error(.bookyamlType, "`author` is a name or a list of names", node)
            return []
        }
    }

    /// `creators:` a list of `{name, role, file-as, organization}`.
    /// `fonts`: a family name, or a list of family names and `{file | family, index, obfuscate}`.
    mutating func fonts(_ node: Node) -> [FontRequest] {
        let items: [Node]
        switch node {
        case .sequence(let sequence): items = Array(sequence)
        default: items = [node]
        }
        var result: [FontRequest] = []
        for item in items {
            if case .scalar(let scalar) = item, !scalar.string.isEmpty {
                result.append(FontRequest(family: scalar.string))
                continue
            }
            guard case .mapping(let mapping) = item else {
                error(.bookyamlType, "each font is a family name or `{file, family, index, obfuscate}`", item)
                continue
            }
            var font = FontRequest()
            for (key, value) in mapping {
                switch key.string ?? "" {
                case "file": font.file = scalar(value, key: "file")
                case "family": font.family = scalar(value, key: "family")
                case "index":
                    if let index = value.int, index >= 0 {
                        font.index = index
                    } else {
                        error(.bookyamlValue, "a font's `index` is the face in a collection: 0, 1, 2…", value)
                    }
                case "obfuscate":
                    if let flag = value.bool {
                        font.obfuscate = flag
                    } else {
                        error(.bookyamlValue, "a font's `obfuscate` is true or false", value)
                    }
                default:
                    warning(.bookyamlUnknownKey, "unknown font key `\(key.string ?? "")` is ignored", key)
                }
            }
            if font.file == nil && font.family == nil {
                error(.bookyamlValue, "a font needs a `file` (inside the project) or a `family` (a system font)", item)
                continue
            }
            result.append(font)
        }
        return result
    }

    mutating func creators(_ node: Node) -> [Creator] {
        guard case .sequence(let sequence) = node else {
            error(.bookyamlType, "`creators` is a list of `{name, role, file-as, organization}`", node)
            return []
        }
        var result: [Creator] = []
        for item in sequence {
            if case .scalar(let scalar) = item {
                result.append(Creator(name: scalar.string))
                continue
            }
            guard case .mapping(let mapping) = item else {
                error(.bookyamlType, "each creator is a name or `{name, role, file-as, organization}`", item)
                continue
            }
            var creator = Creator(name: "")
            var sawName = false
            for (key, value) in mapping {
                switch key.string ?? "" {
                case "name":
                    creator.name = scalar(value, key: "name") ?? ""
                    sawName = !creator.name.isEmpty
                case "role":
                    guard let role = scalar(value, key: "role") else { continue }
                    if let code = Self.roles[role] ?? Self.roles[role.lowercased()] {
                        creator.role = code
                        if role.unicodeScalars.contains(where: { $0.value > 0x7F }) { creator.displayRole = role }
                    } else if role.count == 3, role.allSatisfy({ $0.isASCII && $0.isLowercase }) {
                        creator.role = role
                    } else {
                        error(
                            .bookyamlUnknownRole,
                            "unknown creator role `\(role)`: use a MARC relator code "
                                + "(aut, edt, trl, ill…) or a printed role (著, 编著, 主编, 编, 译, 绘)", value)
                    }
                case "file-as":
                    creator.fileAs = scalar(value, key: "file-as")
                case "organization":
                    guard let flag = value.bool else {
                        error(.bookyamlType, "`organization` is true or false", value)
                        continue
                    }
                    creator.isOrganization = flag
                default:
                    warning(.bookyamlUnknownKey, "unknown creator key `\(key.string ?? "")` is ignored", key)
                }
            }
            if sawName {
                result.append(creator)
            } else {
                error(.bookyamlMissingKey, "a creator has no `name`", item)
            }
        }
        return result
    }

    /// `publisher: 东方出版中心` or `{name, address}`.
    mutating func publisher(_ node: Node, into metadata: inout Metadata) {
        switch node {
        case .scalar(let scalar):
            metadata.publisher = scalar.string
        case .mapping(let mapping):
            for (key, value) in mapping {
                switch key.string ?? "" {
                case "name": metadata.publisher = scalar(value, key: "publisher.name")
                case "address": metadata.publisherAddress = scalar(value, key: "publisher.address")
                default: warning(.bookyamlUnknownKey, "unknown publisher key `\(key.string ?? "")` is ignored", key)
                }
            }
            if metadata.publisher == nil { error(.bookyamlMissingKey, "`publisher` has no `name`", node) }
        default:
            error(.bookyamlType, "`publisher` is a name or `{name, address}`", node)
        }
    }

    /// `contents:` a list of `{title, level, page}`, or the path (relative to
    /// Source/) of a YAML file holding that list.
    mutating func contents(_ node: Node) -> [PrintedContentsEntry] {
        var list = node
        var listFile = file
        if case .scalar(let scalar) = node {
            let path = scalar.string
            let read = files.locate(path).flatMap { files.read($0, atMost: ProjectFiles.maximumConfigSize) }
            guard case .success(let bytes) = read else {
                if case .failure(let refusal) = read {
                    error(
                        ProjectFiles.code(refusal, of: .listed),
                        ProjectFiles.message(refusal, what: "the contents file `\(path)`"), node)
                }
                return []
            }
            listFile = displayDirectory.isEmpty ? path : "\(displayDirectory)/\(path)"
            guard let text = decodedYAML(bytes, file: listFile),
                let parsed = compose(text, file: listFile)
            else { return [] }
            list = parsed
        }
        guard case .sequence(let sequence) = list else {
            error(
                .bookyamlContents,
                "`contents` is a list of `{title, level, page}` or the path of a YAML file holding one",
                list, file: listFile)
            return []
        }
        var entries: [PrintedContentsEntry] = []
        for item in sequence {
            guard case .mapping(let mapping) = item, let title = mapping["title"]?.string else {
                error(
                    .bookyamlContents, "each contents entry is `{title, level, page}` with a title", item,
                    file: listFile)
                continue
            }
            let level = mapping["level"].map { $0.int ?? 0 } ?? 1
            guard level >= 1 else {
                error(
                    .bookyamlContents, "a contents `level` is a whole number from 1", mapping["level"],
                    file: listFile)
                continue
            }
            entries.append(PrintedContentsEntry(title: title, level: level, page: mapping["page"]?.string))
        }
        return entries
    }

    /// `cover:` is an image inside Source/, checked as chapter images are.
    mutating func checkCover(_ cover: String, _ node: Node?) {
        let location = SourceLocation(file: file, line: node?.mark?.line, column: node?.mark?.column)
        if let problem = ChapterReader.checkImage(cover, from: "", files: files, at: location, what: "the cover") {
            var problem = problem
            if problem.code == MarkdownCode.missingImage.rawValue {
                problem.recode(MarkdownCode.bookyamlMissingCover)
                problem.message = "the cover `\(cover)` does not exist (the path is relative to Source/)"
            } else {
                problem.recode(ProjectFiles.coverCode(forImage: problem.code))
            }
            diagnostics.append(problem)
        }
    }

    /// YAML text from a file's bytes: UTF-8 (or UTF-16/32 by their byte
    /// order mark); anything else is an error naming the byte and line.
    mutating func decodedYAML(_ bytes: [UInt8], file: String) -> String? {
        switch TextDecoding.decode(bytes) {
        case .failure(let message, let position):
            diagnostics.append(
                Diagnostic(
                    MarkdownCode.bookyamlEncoding, "\(message) (byte offset \(position.offset))",
                    at: SourceLocation(file: file, line: position.line)))
            return nil
        case .text(_, let invalid?):
            diagnostics.append(
                Diagnostic(
                    MarkdownCode.bookyamlEncoding,
                    "the file is not valid UTF-8 at byte offset \(invalid.offset)",
                    at: SourceLocation(file: file, line: invalid.line)))
            return nil
        case .text(let text, nil):
            return text
        }
    }
}
