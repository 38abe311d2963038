import Testing

@testable import GalleyMarkdown

@Suite struct ISBNTests {
    @Test(arguments: [
        ("978 - 7 - 80186 - 921 - 0", "978-7-80186-921-0"),
        ("978-7-80186-921-0", "978-7-80186-921-0"),
        ("9787801869210", "9787801869210"),
        ("ISBN 978-7-80186-921-0", "978-7-80186-921-0"),
        ("0-306-40615-2", "0-306-40615-2"),
        ("0-8044-2957-x", "0-8044-2957-X"),
    ])
    func normalises(_ input: String, _ expected: String) throws {
        #expect(try ISBN.normalized(input) == expected)
    }

    @Test func rejectsWrongCheckDigits() {
        #expect(throws: ISBN.Problem.badCheckDigit(expected: "0")) { try ISBN.normalized("978-7-80186-921-1") }
        #expect(throws: ISBN.Problem.badCheckDigit(expected: "2")) { try ISBN.normalized("0-306-40615-3") }
        #expect(throws: ISBN.Problem.badLength(12)) { try ISBN.normalized("978-7-80186-921") }
        #expect(throws: ISBN.Problem.badCharacters) { try ISBN.normalized("978-7-8018a-921-0") }
    }
}
