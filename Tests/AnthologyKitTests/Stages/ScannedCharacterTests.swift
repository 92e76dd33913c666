import Testing
@testable import AnthologyKit

/// The scanner reads characters through `ScannedCharacter`, which must answer exactly as
/// `Character` does, and so must the scanner built on it.
@Suite("Detect: scanned characters")
struct ScannedCharacterTests {
    /// The text's first character.
    func scanned(_ text: String) -> ScannedCharacter {
        var bytes = text
        return bytes.withUTF8 { ScannedCharacter(at: 0, in: $0, of: text) }
    }

    @Test func asciiAnswersAgreeWithCharacter() {
        for value in UInt8(0)..<0x80 {
            let character = Character(Unicode.Scalar(value))
            let text = String(character)
            #expect(scanned(text).isLetter == character.isLetter, "\(value)")
            #expect(scanned(text).isNumber == character.isNumber, "\(value)")
            #expect(scanned(text).isWhitespace == character.isWhitespace, "\(value)")
            #expect(scanned(text).asciiIsUppercase == character.isUppercase, "\(value)")
            // Followed by another ASCII character, it still ends after its one byte.
            #expect(scanned(text + "a").end == 1, "\(value)")
        }
    }

    @Test func otherScriptsAgreeWithCharacter() {
        for text in ["é", "Ł", "ß", "Ж", "Ω", "東", "서", "٣", "Ⅻ", "\u{A0}", "\u{2003}", "\u{2019}", "—", "…", "🙂", "\u{301}"] {
            let character = Character(text)
            #expect(scanned(text).isLetter == character.isLetter, "\(text)")
            #expect(scanned(text).isNumber == character.isNumber, "\(text)")
            #expect(scanned(text).isWhitespace == character.isWhitespace, "\(text)")
        }
    }

    @Test func aCharacterOfSeveralScalarsIsNoSingleMark() {
        let accented = scanned("e\u{301}x")
        #expect(accented.isLetter && !accented.isSingleScalar && !accented.is("e"))
        #expect(accented.end == 3)  // "e", then U+0301's two bytes
        #expect(scanned("E\u{301}").asciiIsUppercase == nil)  // "É" spelt with a combining accent: ask Character
        let crlf = scanned("\r\n")
        #expect(!crlf.is("\r") && !crlf.is("\n") && crlf.isWhitespace && crlf.end == 2)
        #expect(scanned("\u{2019}s").isOne(of: ["'", "\u{2019}"]))
        #expect(!scanned("'\u{301}").isOne(of: ["'", "\u{2019}"]))
    }

    @Test func theScannerKeepsAccentsAndLineEndingsWithTheirCharacters() {
        // A decomposed accent stays in its word; CR LF is one gap, like a single space.
        let scanner = TextScanner("Zoe\u{308} met Ana\r\nJose\u{301}\u{2019}s cat.")
        #expect(scanner.words.map(\.text) == ["Zoe\u{308}", "met", "Ana", "Jose\u{301}", "cat"])
        let jose = scanner.words[3]
        #expect(jose.isPossessive && jose.isCapitalized && !jose.followsPunctuation)
        #expect(scanner.words[1].isCapitalized == false)
    }
}
