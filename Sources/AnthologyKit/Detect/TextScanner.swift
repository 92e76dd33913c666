/// Splits running text into sentences and words, remembering where each word stands.
///
/// Detection leans on position more than on spelling: a capital letter at the start of a
/// sentence or after an opening quote says nothing, the same capital in mid-sentence
/// says "name".
struct TextScanner {
    struct Word {
        /// The word as written, without a possessive ending.
        var text: String
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

        var isCapitalized: Bool { text.first?.isUppercase ?? false }
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

    private static let openers: Set<Character> = ["\"", "\u{201C}", "\u{2018}", "(", "[", "\u{00AB}", "\u{2039}", "\u{201E}"]
    private static let apostrophes: Set<Character> = ["'", "\u{2019}"]

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
            let character = text[index]
            if character.isLetter || character.isNumber {
                // A word: letters and digits, joined by inner apostrophes and hyphens (O'Brien, Pei-ling).
                let start = index
                var end = text.index(after: index)
                while end < text.endIndex {
                    let c = text[end]
                    if c.isLetter || c.isNumber {
                        end = text.index(after: end)
                    } else if c == "-" || Self.apostrophes.contains(c) {
                        let next = text.index(after: end)
                        if next < text.endIndex, text[next].isLetter {
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
                if word.count > 2, let last = word.last, last == "s" || last == "S",
                   Self.apostrophes.contains(word[word.index(word.endIndex, offsetBy: -2)]) {
                    word.removeLast(2)
                    isPossessive = true
                } else if end < text.endIndex, Self.apostrophes.contains(text[end]), word.last == "s",
                          word.first?.isUppercase == true {
                    // Plural possessive: "the Joneses' house", "Charles' hat".
                    end = text.index(after: end)
                    isPossessive = true
                }
                let followedByPeriod = end < text.endIndex && text[end] == "."
                words.append(Word(text: word, range: start..<end, sentence: sentence,
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

            if character == "\n" {
                // A blank line ends a paragraph and so a sentence.
                let next = text.index(after: index)
                if next < text.endIndex, text[next] == "\n" {
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
                if Self.openers.contains(character) {
                    afterOpener = true
                } else if character == ":" || character == "\u{2014}" || character == "\u{2013}" {
                    // After a colon or a dash a new clause may start with a capital.
                    afterOpener = false
                }
                if character == "." || character == "!" || character == "?" || character == "\u{2026}" {
                    if endsSentence(at: index) {
                        var end = text.index(after: index)
                        // Closing quotes and brackets belong to the sentence they close.
                        while end < text.endIndex, "\"\u{201D}\u{2019}')]".contains(text[end]) || text[end] == "." {
                            end = text.index(after: end)
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
            index = text.index(after: index)
        }
        closeSentence(at: text.endIndex, words, &sentences)
    }

    /// A stop ends a sentence unless it closes an abbreviation or an initial ("J. R. Tolkien").
    private func endsSentence(at index: String.Index) -> Bool {
        guard text[index] == "." else { return true }
        if let last = words.last, last.range.upperBound == index {
            if Self.abbreviations.contains(last.text) { return false }
            if last.text.count == 1, last.text.first?.isUppercase == true {
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
        return String(text[sentences[sentence].range]).trimmingCharacters(in: .whitespacesAndNewlines)
    }

    /// Index of the sentence containing a position in the text.
    func sentenceIndex(containing position: String.Index) -> Int? {
        sentences.firstIndex { $0.range.contains(position) || $0.range.upperBound == position }
    }
}

import Foundation
