/// KDE's definitions are written for PCRE (through QRegularExpression);
/// ICU reads most of it the same way. Where the two differ, this rewrites
/// the pattern for ICU:
///
/// - inside a character class, PCRE takes `[`, `&&`, `$`, `{` and `}`, and
///   a `]` right after the opening bracket, as literals; ICU's sets give them
///   meanings, so they are escaped (POSIX classes `[:alpha:]` are kept);
/// - a `{` that does not start a quantifier, and any `}` outside one, are
///   escaped (PCRE reads them as literals, ICU refuses them);
/// - a branch reset group `(?|…)` becomes `(?:…)`, and its captures are
///   renumbered when a dynamic context reads them (`branchReset`);
/// - a possessive quantifier on a group (`(…)*+`) becomes an atomic group
///   (`(?>(…)*)`), which PCRE defines it to be; ICU takes the possessive
///   form too, but loops to its time limit when the group can match empty;
/// - recursion and subroutine calls (`(?R)`, `(?1)`) cannot be expressed and
///   become `(?:(?!))`, a branch that never matches: the rule then matches less.
enum RegexDialect {
    struct Translation: Equatable {
        var pattern: String
        var branchReset: Bool
    }

    static func icu(_ pcre: String) -> Translation {
        let chars = Array(pcre.unicodeScalars)
        var out: [Unicode.Scalar] = []
        var groupStarts: [Int] = []
        var branchReset = false
        var inClass = false
        var classStart = false
        var index = 0
        func peek(_ offset: Int) -> Unicode.Scalar? {
            index + offset < chars.count ? chars[index + offset] : nil
        }
        func append(_ text: String) { out.append(contentsOf: text.unicodeScalars) }
        /// After a group's `)`: a possessive quantifier (`*+`, `++`, `?+`,
        /// `{n,m}+`) becomes an atomic group around a greedy one, which means
        /// the same; ICU spins to its time limit on a possessive group that
        /// can match empty.
        func closeGroup(at start: Int) {
            var quantifier: [Unicode.Scalar] = []
            var next = index + 1
            if let char = peek(1), char == "*" || char == "+" || char == "?" {
                quantifier = [char]
                next = index + 2
            } else if peek(1) == "{", let close = quantifierEnd(chars, from: index + 1) {
                quantifier = Array(chars[(index + 1)...close])
                next = close + 1
            }
            guard !quantifier.isEmpty, next < chars.count, chars[next] == "+" else {
                out.append(")")
                return
            }
            out.insert(contentsOf: "(?>".unicodeScalars, at: start)
            out.append(")")
            out.append(contentsOf: quantifier)
            out.append(")")
            index = next
        }
        while index < chars.count {
            let char = chars[index]
            if char == "\\" {
                out.append(char)
                if let next = peek(1) { out.append(next) }
                index += 2
                classStart = false
                continue
            }
            if inClass {
                switch char {
                case "]" where classStart:
                    append("\\]")
                case "]":
                    out.append(char)
                    inClass = false
                case "[":
                    if peek(1) == ":", let close = posixClassEnd(chars, from: index) {
                        out.append(contentsOf: chars[index...close])
                        index = close
                    } else {
                        append("\\[")
                    }
                case "&", "$", "{", "}":
                    append("\\")
                    out.append(char)
                default:
                    out.append(char)
                }
                classStart = false
                index += 1
                continue
            }
            switch char {
            case "[":
                out.append(char)
                inClass = true
                classStart = true
                if peek(1) == "^" {
                    out.append("^")
                    index += 1
                }
            case "{":
                if let close = quantifierEnd(chars, from: index), !out.isEmpty {
                    out.append(contentsOf: chars[index...close])
                    index = close
                } else {
                    append("\\{")
                }
            case "}":
                append("\\}")
            case "(" where peek(1) == "?" && peek(2) == "|":
                groupStarts.append(out.count)
                append("(?:")
                branchReset = true
                index += 2
            case "(" where peek(1) == "?" && recursionEnd(chars, from: index) != nil:
                append("(?:(?!))")
                index = recursionEnd(chars, from: index)!
            case "(":
                groupStarts.append(out.count)
                out.append(char)
            case ")":
                if let start = groupStarts.popLast() {
                    closeGroup(at: start)
                } else {
                    out.append(char)
                }
            default:
                out.append(char)
            }
            index += 1
        }
        var pattern = String.UnicodeScalarView()
        pattern.append(contentsOf: out)
        return Translation(pattern: String(pattern), branchReset: branchReset)
    }

    /// The index of the `]` closing `[:name:]` or `[:^name:]` at `start`, if it is one.
    private static func posixClassEnd(_ chars: [Unicode.Scalar], from start: Int) -> Int? {
        var index = start + 2
        if index < chars.count, chars[index] == "^" { index += 1 }
        let nameStart = index
        while index < chars.count, chars[index].properties.isAlphabetic { index += 1 }
        guard index + 1 < chars.count, index > nameStart, chars[index] == ":", chars[index + 1] == "]" else {
            return nil
        }
        return index + 1
    }

    /// The index of the `}` closing `{n}`, `{n,}` or `{n,m}` at `start`.
    private static func quantifierEnd(_ chars: [Unicode.Scalar], from start: Int) -> Int? {
        var index = start + 1
        var digits = 0
        while index < chars.count, ("0"..."9").contains(chars[index]) {
            index += 1
            digits += 1
        }
        guard digits > 0, index < chars.count else { return nil }
        if chars[index] == "," {
            index += 1
            while index < chars.count, ("0"..."9").contains(chars[index]) { index += 1 }
        }
        return index < chars.count && chars[index] == "}" ? index : nil
    }

    /// The index of the `)` closing `(?R)`, `(?1)`, `(?-1)`, `(?+1)` or `(?&name)` at `start`.
    private static func recursionEnd(_ chars: [Unicode.Scalar], from start: Int) -> Int? {
        var index = start + 2
        guard index < chars.count else { return nil }
        if chars[index] == "R" {
            return index + 1 < chars.count && chars[index + 1] == ")" ? index + 1 : nil
        }
        if chars[index] == "&" {
            index += 1
            while index < chars.count, chars[index] != ")" { index += 1 }
            return index < chars.count ? index : nil
        }
        if chars[index] == "-" || chars[index] == "+" { index += 1 }
        let digitsStart = index
        while index < chars.count, ("0"..."9").contains(chars[index]) { index += 1 }
        return index > digitsStart && index < chars.count && chars[index] == ")" ? index : nil
    }
}
