/// ISBN-10 and ISBN-13: normalising as printed and checking the check digit.
enum ISBN {
    enum Problem: Error, Equatable {
        case badCharacters
        case badLength(Int)
        case badCheckDigit(expected: Character)
    }

    /// `978 - 7 - 80186 - 921 - 0` → `978-7-80186-921-0`: spaces go, the
    /// hyphens written stay (they carry the registration groups, which
    /// only the ISBN agency's range table could insert).
    static func normalized(_ text: String) throws(Problem) -> String {
        var result = ""
        var digits: [Character] = []
        var body = Substring(text)
        if body.uppercased().hasPrefix("ISBN") { body = body.dropFirst(4).drop(while: { $0 == ":" || $0 == " " }) }
        for character in body where !character.isWhitespace {
            switch character {
            case "0"..."9", "X", "x":
                digits.append(character == "x" ? "X" : character)
                result.append(character == "x" ? "X" : character)
            case "-", "\u{2010}", "\u{2011}", "\u{2013}":
                if !result.isEmpty && result.last != "-" { result.append("-") }
            default:
                throw .badCharacters
            }
        }
        while result.last == "-" { result.removeLast() }
        if digits.dropLast().contains("X") { throw .badCharacters }
        switch digits.count {
        case 13:
            let values = digits.map { $0.wholeNumberValue ?? 99 }
            guard values.allSatisfy({ $0 < 10 }) else { throw .badCharacters }
            let sum = values.prefix(12).enumerated().reduce(0) { $0 + $1.element * ($1.offset % 2 == 0 ? 1 : 3) }
            let check = (10 - sum % 10) % 10
            guard values[12] == check else { throw .badCheckDigit(expected: Character(String(check))) }
        case 10:
            let values = digits.map { $0 == "X" ? 10 : ($0.wholeNumberValue ?? 99) }
            let sum = values.prefix(9).enumerated().reduce(0) { $0 + $1.element * (10 - $1.offset) }
            let check = (11 - sum % 11) % 11
            guard values[9] == check else {
                throw .badCheckDigit(expected: check == 10 ? "X" : Character(String(check)))
            }
        default:
            throw .badLength(digits.count)
        }
        return result
    }
}
