import Foundation

/// Finding names in running text as whole words.
enum TextMatch {
    /// A name matches only where it is not part of a longer word: "Kai" is not found in "Kaito",
    /// but is found in "Kai's" and "Kai,".
    ///
    /// Occurrences are found as Foundation's `range(of:)` finds them: canonically equivalent
    /// spellings match ("Zoë" precomposed or as "e" plus a combining diaeresis), and a match
    /// never ends inside an accented letter. The search itself runs over UTF-8 unless that could
    /// differ (see `isPlain`), because bridging every search to NSString cost more than the
    /// rest of finding a city in a story.
    ///
    /// `textIsPlain` is `isPlain(text)` when the caller knows it: a text searched for many
    /// names need not be checked again for each.
    static func firstWholeWord(_ word: String, in text: String, from start: String.Index? = nil,
                               textIsPlain: Bool? = nil) -> Range<String.Index>? {
        firstWholeWord(word, in: text, from: start ?? text.startIndex, bytewise: (textIsPlain ?? isPlain(text)) && isPlain(word))
    }

    private static func firstWholeWord(_ word: String, in text: String, from start: String.Index, bytewise: Bool) -> Range<String.Index>? {
        guard !word.isEmpty else { return nil }
        var searchStart = start
        while searchStart < text.endIndex,
              let range = bytewise ? bytewiseRange(of: word, in: text, from: searchStart)
                                   : text.range(of: word, range: searchStart..<text.endIndex) {
            let before = range.lowerBound == text.startIndex ? nil : text[text.index(before: range.lowerBound)]
            let after = range.upperBound == text.endIndex ? nil : text[range.upperBound]
            if !isWordCharacter(before) && !isWordCharacter(after) {
                return range
            }
            searchStart = text.index(after: range.lowerBound)
        }
        return nil
    }

    /// Every whole-word occurrence of `word`; `textIsPlain` as for `firstWholeWord`.
    static func allWholeWords(_ word: String, in text: String, textIsPlain: Bool? = nil) -> [Range<String.Index>] {
        var result: [Range<String.Index>] = []
        let bytewise = (textIsPlain ?? isPlain(text)) && isPlain(word)
        var start = text.startIndex
        while let range = firstWholeWord(word, in: text, from: start, bytewise: bytewise) {
            result.append(range)
            start = range.upperBound
        }
        return result
    }

    private static func isWordCharacter(_ character: Character?) -> Bool {
        guard let character else { return false }
        return character.isLetter || character.isNumber || character == "-"
    }

    // MARK: - Searching without Foundation

    /// Whether every scalar of `string` is a character on its own that no other sequence of
    /// scalars is canonically equivalent to: no combining or spacing mark, no conjoining Hangul
    /// jamo, nothing that normalisation would replace (the Kelvin sign, a decomposed-only
    /// letter). Between two such strings, canonical equivalence is byte equality of their UTF-8
    /// and every scalar boundary is a boundary of Foundation's composed characters, so a
    /// byte-wise search finds exactly what Foundation finds. Prose nearly always qualifies:
    /// Latin letters with precomposed accents, curly quotes and dashes all do.
    static func isPlain(_ string: String) -> Bool {
        // Below U+0300 there are no marks, no combining classes and nothing normalisation
        // changes, and every byte of such a scalar is below 0xCC, the lead byte of U+0300: only
        // the scalars from there up (in prose, its curly quotes and dashes) are decoded.
        var string = string
        return string.withUTF8 { bytes in
            var index = 0
            while index < bytes.count {
                guard bytes[index] >= 0xCC else { index += 1; continue }
                let (scalar, length) = bytes.utf8Scalar(at: index)
                guard isPlain(scalar) else { return false }
                index += length
            }
            return true
        }
    }

    /// `isPlain` for one scalar from U+0300 up.
    private static func isPlain(_ scalar: Unicode.Scalar) -> Bool {
        let properties = scalar.properties
        switch properties.generalCategory {
        case .nonspacingMark, .spacingMark, .enclosingMark: return false
        default: break
        }
        if properties.canonicalCombiningClass != .notReordered || properties.isFullCompositionExclusion { return false }
        switch scalar.value {
        case 0x1100...0x11FF, 0xA960...0xA97F, 0xD7B0...0xD7FF: return false  // conjoining jamo
        default: return true
        }
    }

    /// The first occurrence of `word`'s UTF-8 in `text`'s, at or after `start`.
    private static func bytewiseRange(of word: String, in text: String, from start: String.Index) -> Range<String.Index>? {
        var haystack = text, needle = word
        // Both are already contiguous UTF-8 unless bridged from NSString; offsets are UTF-8 either way.
        haystack.makeContiguousUTF8()
        needle.makeContiguousUTF8()
        let from = text.utf8.distance(from: text.utf8.startIndex, to: start)
        let found = haystack.utf8.withContiguousStorageIfAvailable { haystack in
            needle.utf8.withContiguousStorageIfAvailable { needle in firstOffset(of: needle, in: haystack, from: from) }
        }
        // Both storages exist once contiguous, so only the innermost optional can be nil.
        guard case let offset??? = found else { return nil }
        let lower = text.utf8.index(text.utf8.startIndex, offsetBy: offset)
        return lower..<text.utf8.index(lower, offsetBy: word.utf8.count)
    }

    private static func firstOffset(of needle: UnsafeBufferPointer<UInt8>, in haystack: UnsafeBufferPointer<UInt8>, from start: Int) -> Int? {
        guard let first = needle.first, needle.count <= haystack.count else { return nil }
        var position = start
        let last = haystack.count - needle.count
        while position <= last {
            if haystack[position] == first, (1..<needle.count).allSatisfy({ haystack[position + $0] == needle[$0] }) {
                return position
            }
            position += 1
        }
        return nil
    }
}
