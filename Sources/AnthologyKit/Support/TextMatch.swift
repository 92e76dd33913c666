/// Finding names in running text as whole words.
enum TextMatch {
    /// A name matches only where it is not part of a longer word: "Kai" is not found in "Kaito",
    /// but is found in "Kai's" and "Kai,".
    static func firstWholeWord(_ word: String, in text: String, from start: String.Index? = nil) -> Range<String.Index>? {
        guard !word.isEmpty else { return nil }
        var searchStart = start ?? text.startIndex
        while searchStart < text.endIndex, let range = text.range(of: word, range: searchStart..<text.endIndex) {
            let before = range.lowerBound == text.startIndex ? nil : text[text.index(before: range.lowerBound)]
            let after = range.upperBound == text.endIndex ? nil : text[range.upperBound]
            if !isWordCharacter(before) && !isWordCharacter(after) {
                return range
            }
            searchStart = text.index(after: range.lowerBound)
        }
        return nil
    }

    /// Every whole-word occurrence of `word`.
    static func allWholeWords(_ word: String, in text: String) -> [Range<String.Index>] {
        var result: [Range<String.Index>] = []
        var start = text.startIndex
        while let range = firstWholeWord(word, in: text, from: start) {
            result.append(range)
            start = range.upperBound
        }
        return result
    }

    private static func isWordCharacter(_ character: Character?) -> Bool {
        guard let character else { return false }
        return character.isLetter || character.isNumber || character == "-"
    }
}
