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
        var contiguous = text
        (words, sentences) = contiguous.withUTF8 { bytes in
            var pass = Pass(text: text, bytes: bytes)
            pass.run()
            return (pass.words, pass.sentences)
        }
    }

    /// One reading of the text, by UTF-8 offsets: only a word's own text and the ranges kept
    /// in `words` and `sentences` become strings and string indexes. Reading it through
    /// `String.Index` was a sixth of detection.
    private struct Pass {
        let text: String
        let bytes: UnsafeBufferPointer<UInt8>
        var words: [Word] = []
        var sentences: [Sentence] = []
        private var sentenceStart = 0
        private var firstWordOfSentence = 0

        init(text: String, bytes: UnsafeBufferPointer<UInt8>) {
            self.text = text
            self.bytes = bytes
        }

        func character(at offset: Int) -> ScannedCharacter {
            ScannedCharacter(at: offset, in: bytes, of: text)
        }

        /// The index of a UTF-8 offset; constant time for a native string.
        func index(_ offset: Int) -> String.Index {
            text.utf8.index(text.utf8.startIndex, offsetBy: offset)
        }

        /// Ends the current sentence at `end`, and starts the next at `next`.
        private mutating func closeSentence(at end: Int, next: Int) {
            // Always appended, even when empty, so `Word.sentence` indexes `sentences`.
            sentences.append(Sentence(range: index(sentenceStart)..<index(max(sentenceStart, end)),
                                      words: firstWordOfSentence..<words.count))
            sentenceStart = next
            firstWordOfSentence = words.count
        }

        mutating func run() {
            var offset = 0
            var sentence = 0
            var atSentenceStart = true
            var afterOpener = false
            var gapHasPunctuation = false
            var gapSpaces = 0
            /// Where the last word ends, for telling an abbreviation's stop from a sentence's.
            var lastWordEnd = -1

            while offset < bytes.count {
                let character = self.character(at: offset)
                if character.isLetter || character.isNumber {
                    // A word: letters and digits, joined by inner apostrophes and hyphens (O'Brien, Pei-ling).
                    let start = offset
                    var end = character.end
                    while end < bytes.count {
                        let c = self.character(at: end)
                        if c.isLetter || c.isNumber {
                            end = c.end
                        } else if c.is("-") || c.isOne(of: TextScanner.apostropheScalars) {
                            let next = c.end
                            if next < bytes.count, self.character(at: next).isLetter {
                                end = next
                            } else {
                                break
                            }
                        } else {
                            break
                        }
                    }
                    var isPossessive = false
                    var textEnd = end
                    // "’s" or "'s" after at least one character: by bytes, as neither apostrophe nor
                    // "s" can join another character (a combining mark after either would be a byte
                    // of its own between them), and anything before them is at least one character.
                    if let apostrophe = TextScanner.apostropheS(endingAt: end, from: start, in: bytes) {
                        textEnd = apostrophe
                        isPossessive = true
                    }
                    let word = String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<textEnd]), as: UTF8.self)
                    if !isPossessive, end < bytes.count, bytes[end - 1] == UInt8(ascii: "s"), word.last == "s",
                       case let next = self.character(at: end), next.isOne(of: TextScanner.apostropheScalars),
                       word.first?.isUppercase == true {
                        // Plural possessive: "the Joneses' house", "Charles' hat".
                        end = next.end
                        isPossessive = true
                    }
                    let followedByPeriod = end < bytes.count && self.character(at: end).is(".")
                    words.append(Word(text: word, isCapitalized: character.asciiIsUppercase ?? word.first?.isUppercase ?? false,
                                      range: index(start)..<index(end), sentence: sentence,
                                      isSentenceInitial: atSentenceStart || afterOpener, followsOpener: afterOpener,
                                      isPossessive: isPossessive,
                                      followsPunctuation: gapHasPunctuation || gapSpaces != 1,
                                      followedByPeriod: followedByPeriod))
                    lastWordEnd = end
                    atSentenceStart = false
                    afterOpener = false
                    gapHasPunctuation = false
                    gapSpaces = 0
                    offset = end
                    continue
                }

                if character.is("\n") {
                    // A blank line ends a paragraph and so a sentence.
                    let next = character.end
                    if next < bytes.count, self.character(at: next).is("\n") {
                        closeSentence(at: offset, next: next)
                        sentence += 1
                        atSentenceStart = true
                    }
                    gapSpaces += 1
                } else if character.isWhitespace {
                    gapSpaces += 1
                } else {
                    gapHasPunctuation = true
                    if character.isOne(of: TextScanner.openers) {
                        afterOpener = true
                    } else if character.is(":") || character.is("\u{2014}") || character.is("\u{2013}") {
                        // After a colon or a dash a new clause may start with a capital.
                        afterOpener = false
                    }
                    if character.is(".") || character.is("!") || character.is("?") || character.is("\u{2026}") {
                        if !character.is(".") || endsSentence(atStopAfterWord: lastWordEnd == offset) {
                            var end = character.end
                            // Closing quotes and brackets belong to the sentence they close.
                            while end < bytes.count, case let next = self.character(at: end),
                                  next.isOne(of: TextScanner.closers) || next.is(".") {
                                end = next.end
                            }
                            closeSentence(at: end, next: end)
                            sentence += 1
                            atSentenceStart = true
                            offset = end
                            continue
                        }
                    }
                }
                offset = character.end
            }
            closeSentence(at: bytes.count, next: bytes.count)
        }

        /// A full stop ends a sentence unless it closes an abbreviation or an initial ("J. R.
        /// Tolkien"); `afterWord` says whether it follows the last word directly.
        func endsSentence(atStopAfterWord afterWord: Bool) -> Bool {
            guard afterWord, let last = words.last else { return true }
            if TextScanner.abbreviations.contains(last.text) { return false }
            // One character, found without counting them all.
            if !last.text.isEmpty, last.text.index(after: last.text.startIndex) == last.text.endIndex,
               last.text.first?.isUppercase == true {
                // "J. R. Tolkien" goes on; "P.S." and "U.K." (letters joined by stops) can end a sentence.
                let before = text[..<last.range.lowerBound]
                let joined = before.hasSuffix(".") && before.dropLast().last?.isLetter == true
                return joined
            }
            return true
        }
    }

    /// Where the word `start..<end` of `bytes` would end without a final "'s", "’s", "'S" or
    /// "’S" that has more bytes before its apostrophe; nil if it has none.
    private static func apostropheS(endingAt end: Int, from start: Int, in bytes: UnsafeBufferPointer<UInt8>) -> Int? {
        guard end - start >= 3, bytes[end - 1] | 0x20 == UInt8(ascii: "s") else { return nil }
        if bytes[end - 2] == UInt8(ascii: "'") { return end - 2 }
        // U+2019 is E2 80 99 in UTF-8.
        if end - start >= 5, bytes[end - 2] == 0x99, bytes[end - 3] == 0x80, bytes[end - 4] == 0xE2 { return end - 4 }
        return nil
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
