import Foundation
import Testing
@testable import AnthologyKit

/// `TextMatch` finds names as whole words, searching UTF-8 itself where that is exact and
/// through Foundation otherwise; either way it must find what the Foundation search found.
@Suite("Support: whole-word matching")
struct TextMatchTests {
    /// UTF-8 offsets of ranges, which compare and print clearly.
    func offsets(_ ranges: [Range<String.Index>], in text: String) -> [ClosedRange<Int>] {
        ranges.map { text.utf8.distance(from: text.startIndex, to: $0.lowerBound)...text.utf8.distance(from: text.startIndex, to: $0.upperBound) }
    }

    /// The rule as first written, on Foundation's `range(of:)` throughout: the reference.
    func foundationWholeWords(_ word: String, in text: String) -> [Range<String.Index>] {
        func isWordCharacter(_ character: Character?) -> Bool {
            guard let character else { return false }
            return character.isLetter || character.isNumber || character == "-"
        }
        var result: [Range<String.Index>] = []
        var searchStart = text.startIndex
        while searchStart < text.endIndex, let range = text.range(of: word, range: searchStart..<text.endIndex) {
            let before = range.lowerBound == text.startIndex ? nil : text[text.index(before: range.lowerBound)]
            let after = range.upperBound == text.endIndex ? nil : text[range.upperBound]
            if !isWordCharacter(before) && !isWordCharacter(after) {
                result.append(range)
                searchStart = range.upperBound
            } else {
                searchStart = text.index(after: range.lowerBound)
            }
        }
        return result
    }

    @Test func findsANameOnlyAsAWholeWord() {
        let text = "Kaito met Kai. Kai’s dog, Kai-Li and Kai2 waited for Kai"
        #expect(offsets(TextMatch.allWholeWords("Kai", in: text), in: text) == [10...13, 15...18, 55...58])
        #expect(TextMatch.firstWholeWord("Kai", in: text).map { text[$0.upperBound] } == ".")
        #expect(TextMatch.firstWholeWord("", in: text) == nil)
        #expect(TextMatch.firstWholeWord("Kaito", in: "Kai") == nil)
    }

    @Test func aCombiningMarkAfterTheNameBelongsToTheWord() {
        let text = "Paris\u{301} is not Paris."
        #expect(offsets(TextMatch.allWholeWords("Paris", in: text), in: text) == [15...20])
    }

    @Test func canonicallyEquivalentSpellingsMatch() {
        let decomposed = "Zoe\u{308} waved."
        #expect(TextMatch.firstWholeWord("Zoë", in: decomposed) != nil)
        #expect(TextMatch.firstWholeWord("Zoe\u{308}", in: "Then Zoë waved.") != nil)
        #expect(TextMatch.firstWholeWord("Zoe", in: decomposed) == nil)
        #expect(TextMatch.firstWholeWord("Kyiv", in: "to \u{212A}yiv") != nil)  // the Kelvin sign is a K
    }

    @Test func searchesBytewiseOnlyWhereThatIsExact() {
        #expect(TextMatch.isPlain("“São Paulo’s Zoë” — Nguyễn, Łódź, Tōkyō… 東京, 서울, Αθήνα, Москва"))
        #expect(!TextMatch.isPlain("Zoe\u{308}"))  // a combining mark
        #expect(!TextMatch.isPlain("\u{212A}yiv"))  // the Kelvin sign, which normalisation replaces by K
        #expect(!TextMatch.isPlain("\u{1100}\u{1161}"))  // conjoining jamo, which compose to 가
        #expect(!TextMatch.isPlain("नमस्ते"))  // vowel signs are marks
        // The first combining mark, U+0300, and the scalar before it, on both sides of the bytes
        // below which no scalar is decoded.
        #expect(!TextMatch.isPlain("a\u{300}"))
        #expect(TextMatch.isPlain("\u{2FF} \u{2C8}a"))
        #expect(!TextMatch.isPlain("😀 e\u{301}"))  // a mark after a four-byte scalar
    }

    @Test("Scalars decoded from UTF-8 bytes are the string's own")
    func decodesScalarsFromBytes() {
        var text = "Łódź, “東京”, 😀, e\u{301}, \u{7F}\u{80}\u{7FF}\u{800}\u{FFFF}\u{10000}\u{10FFFF}"
        let decoded = text.withUTF8 { bytes in
            var scalars: [Unicode.Scalar] = [], index = 0
            while index < bytes.count {
                let (scalar, length) = bytes.utf8Scalar(at: index)
                scalars.append(scalar)
                index += length
            }
            return scalars
        }
        #expect(decoded == Array(text.unicodeScalars))
    }

    @Test func agreesWithFoundationSearch() {
        let texts = [
            "Anna met Anna-Lena and Annabel; “Anna,” said Lena. Anna",
            "São Paulo, São Paulo’s, Sao Paulo and SÃO PAULO.",
            "Sa\u{303}o Paulo written decomposed, then São Paulo.",
            "Zoë and Zoe\u{308} and Zoe, and Zoë\u{301}.",
            "The \u{212A}elvin sign, Kelvin, Åsa and \u{212B}sa.",
            "Line one\r\nKai\r\nKai\u{200D}x Kai🇫🇷 🇫🇷Kai",
            "aaa aa a aa",
            "東京 and 서울 and Αθήνα and Москва; Москвы.",
        ]
        let words = ["Anna", "São Paulo", "Sao Paulo", "Zoë", "Zoe\u{308}", "Zoe", "Kelvin", "\u{212A}elvin", "Åsa",
                     "Kai", "aa", "a", "東京", "서울", "Москва", "Москв", "\u{1F1EB}\u{1F1F7}", "\u{1F1EB}"]
        for text in texts {
            for word in words {
                #expect(offsets(TextMatch.allWholeWords(word, in: text), in: text)
                        == offsets(foundationWholeWords(word, in: text), in: text), "\(word) in \(text.debugDescription)")
            }
        }
    }

    @Test("Comparisons with short ASCII texts by bytes answer as the character comparisons do")
    func asciiComparisonsMatchCharacters() {
        // A comma joined by a combining accent, a curly quote, a carriage return and line
        // feed, letters outside ASCII: around every word boundary of each text.
        let texts = ["Mai, she said.", "Mai,\u{301} she said", "Dr. Okafor", "Dr.\u{0327} Okafor", "Re:\r\nAnna",
                     "Søren: go", "“Kenji,” she said", "..., Kenji.", ",\u{301} Kenji", "Oskar", "",
                     "Re:\u{301} x", "Mai, \u{301}x", "Dr. \u{301}Okafor"]
        for text in texts {
            var positions = Array(text.unicodeScalars.indices)
            positions.append(text.endIndex)
            for position in positions {
                for prefix in [":", ", ", ". "] as [StaticString] {
                    #expect(text.hasASCIIPrefix(prefix, at: position) == text[position...].hasPrefix(prefix.description),
                            "\(text.debugDescription) at \(text.utf8.distance(from: text.startIndex, to: position))")
                }
                for end in positions where end >= position {
                    for ascii in [". ", ", "] as [StaticString] {
                        #expect(text.isASCII(ascii, from: position, to: end) == (text[position..<end] == ascii.description))
                    }
                }
                // A necessary condition: false only where the characters differ.
                if !text.hasASCIISuffix(", ", before: position) {
                    #expect(text[..<position].suffix(2) != ", ")
                }
            }
        }
    }
}
