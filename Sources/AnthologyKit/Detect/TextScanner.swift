/// Splits running text into sentences and words, remembering where each word stands.
///
/// Detection leans on position more than on spelling: a capital letter at the start of a
/// sentence or after an opening quote says nothing, the same capital in mid-sentence
/// says "name".
struct TextScanner {
    struct Word {
        /// The word as written, without a possessive ending.
        let text: String
        /// Starts with a capital; worked out once, as the detector asks it of every word many times.
        let isCapitalized: Bool
        /// Range in the scanned text, possessive ending included.
        var range: Range<String.Index>
        var sentence: Int
        /// First word of its sentence, or right after an opening quote or bracket.
        var isSentenceInitial: Bool
        /// Right after an opening quote or bracket.
        var followsOpener: Bool
        var isPossessive: Bool
        /// Punctuation (other than a single space) separates this word from the previous one.
        var followsPunctuation: Bool
        /// The text right after the word (possessive included) starts with `.`.
        var followedByPeriod: Bool
    }

    struct Sentence {
        var range: Range<String.Index>
        /// Indexes into `words`.
        var words: Range<Int>
    }

    let text: String
    private(set) var words: [Word] = []
    private(set) var sentences: [Sentence] = []

    /// Abbreviations whose full stop does not end a sentence.
    static let abbreviations: Set<String> = [
        "Mr", "Mrs", "Ms", "Mx", "Dr", "Prof", "St", "Mt", "Jr", "Sr", "Capt", "Col", "Gen", "Lt", "Sgt",
        "Rev", "Fr", "Hon", "Gov", "Sen", "Rep", "Insp", "Det", "vs", "etc", "e.g", "i.e", "No", "Ft", "Ave",
    ]

    private static let openers: [Unicode.Scalar] = ["\"", "\u{201C}", "\u{2018}", "(", "[", "\u{00AB}", "\u{2039}", "\u{201E}"]
    private static let apostropheScalars: [Unicode.Scalar] = ["'", "\u{2019}"]
    /// Closing quotes and brackets, which belong to the sentence they close.
    private static let closers: [Unicode.Scalar] = ["\"", "\u{201D}", "\u{2019}", "'", ")", "]"]

    init(_ text: String) {
        self.text = text
        scan()
    }

    private mutating func scan() {
        var index = text.startIndex
        var sentence = 0
        var sentenceStart = text.startIndex
        var firstWordOfSentence = 0
        var atSentenceStart = true
        var afterOpener = false
        var gapHasPunctuation = false
        var gapSpaces = 0

        func closeSentence(at end: String.Index, _ words: [Word], _ sentences: inout [Sentence]) {
            // Always appended, even when empty, so `Word.sentence` indexes `sentences`.
            sentences.append(Sentence(range: sentenceStart..<max(sentenceStart, end), words: firstWordOfSentence..<words.count))
        }

        while index < text.endIndex {
            let character = ScannedCharacter(at: index, in: text)
            if character.isLetter || character.isNumber {
                // A word: letters and digits, joined by inner apostrophes and hyphens (O'Brien, Pei-ling).
                let start = index
                var end = character.end
                while end < text.endIndex {
                    let c = ScannedCharacter(at: end, in: text)
                    if c.isLetter || c.isNumber {
                        end = c.end
                    } else if c.is("-") || c.isOne(of: Self.apostropheScalars) {
                        let next = c.end
                        if next < text.endIndex, ScannedCharacter(at: next, in: text).isLetter {
                            end = next
                        } else {
                            break
                        }
                    } else {
                        break
                    }
                }
                var word = String(text[start..<end])
                var isPossessive = false
                // "’s" or "'s" after at least one character: by bytes, as neither apostrophe nor
                // "s" can join another character (a combining mark after either would be a byte
                // of its own between them), and anything before them is at least one character.
                if Self.endsInApostropheS(word.utf8) {
                    word.removeLast(2)
                    isPossessive = true
                } else if end < text.endIndex, word.utf8.last == UInt8(ascii: "s"), word.last == "s", case let next = ScannedCharacter(at: end, in: text),
                          next.isOne(of: Self.apostropheScalars), word.first?.isUppercase == true {
                    // Plural possessive: "the Joneses' house", "Charles' hat".
                    end = next.end
                    isPossessive = true
                }
                let followedByPeriod = end < text.endIndex && ScannedCharacter(at: end, in: text).is(".")
                words.append(Word(text: word, isCapitalized: character.asciiIsUppercase ?? word.first?.isUppercase ?? false, range: start..<end, sentence: sentence,
                                  isSentenceInitial: atSentenceStart || afterOpener, followsOpener: afterOpener,
                                  isPossessive: isPossessive,
                                  followsPunctuation: gapHasPunctuation || gapSpaces != 1,
                                  followedByPeriod: followedByPeriod))
                atSentenceStart = false
                afterOpener = false
                gapHasPunctuation = false
                gapSpaces = 0
                index = end
                continue
            }

            if character.is("\n") {
                // A blank line ends a paragraph and so a sentence.
                let next = character.end
                if next < text.endIndex, ScannedCharacter(at: next, in: text).is("\n") {
                    closeSentence(at: index, words, &sentences)
                    sentence += 1
                    sentenceStart = next
                    firstWordOfSentence = words.count
                    atSentenceStart = true
                }
                gapSpaces += 1
            } else if character.isWhitespace {
                gapSpaces += 1
            } else {
                gapHasPunctuation = true
                if character.isOne(of: Self.openers) {
                    afterOpener = true
                } else if character.is(":") || character.is("\u{2014}") || character.is("\u{2013}") {
                    // After a colon or a dash a new clause may start with a capital.
                    afterOpener = false
                }
                if character.is(".") || character.is("!") || character.is("?") || character.is("\u{2026}") {
                    if endsSentence(at: index) {
                        var end = character.end
                        // Closing quotes and brackets belong to the sentence they close.
                        while end < text.endIndex, case let next = ScannedCharacter(at: end, in: text),
                              next.isOne(of: Self.closers) || next.is(".") {
                            end = next.end
                        }
                        closeSentence(at: end, words, &sentences)
                        sentence += 1
                        sentenceStart = end
                        firstWordOfSentence = words.count
                        atSentenceStart = true
                        index = end
                        continue
                    }
                }
            }
            index = character.end
        }
        closeSentence(at: text.endIndex, words, &sentences)
    }

    /// The word's bytes end in "'s", "’s", "'S" or "’S", with more bytes before the apostrophe.
    private static func endsInApostropheS(_ utf8: String.UTF8View) -> Bool {
        guard let last = utf8.last, last == UInt8(ascii: "s") || last == UInt8(ascii: "S") else { return false }
        // Bytes before the "s", last first: "'" then something, or U+2019 (E2 80 99) then something.
        var index = utf8.index(before: utf8.endIndex)
        func previous() -> UInt8? {
            guard index > utf8.startIndex else { return nil }
            index = utf8.index(before: index)
            return utf8[index]
        }
        switch previous() {
        case UInt8(ascii: "'"): return previous() != nil
        case 0x99: return previous() == 0x80 && previous() == 0xE2 && previous() != nil
        default: return false
        }
    }

    /// A stop ends a sentence unless it closes an abbreviation or an initial ("J. R. Tolkien").
    private func endsSentence(at index: String.Index) -> Bool {
        guard text[index] == "." else { return true }
        if let last = words.last, last.range.upperBound == index {
            if Self.abbreviations.contains(last.text) { return false }
            // One character, found without counting them all.
            if !last.text.isEmpty, last.text.index(after: last.text.startIndex) == last.text.endIndex,
               last.text.first?.isUppercase == true {
                // "J. R. Tolkien" goes on; "P.S." and "U.K." (letters joined by stops) can end a sentence.
                let before = text[..<last.range.lowerBound]
                let joined = before.hasSuffix(".") && before.dropLast().last?.isLetter == true
                return joined
            }
        }
        return true
    }

    /// The sentence a word belongs to, trimmed.
    func sentenceText(_ sentence: Int) -> String {
        guard sentences.indices.contains(sentence) else { return "" }
        return String(text[sentences[sentence].range]).trimmedWhitespace
    }

    /// Index of the sentence containing a position in the text.
    func sentenceIndex(containing position: String.Index) -> Int? {
        sentences.firstIndex { $0.range.contains(position) || $0.range.upperBound == position }
    }
}

import Foundation
