/// Short passages of a story shown on other pages.
enum Excerpt {
    /// The story's first sentences, about forty words, cut at a word with an ellipsis.
    static func opening(of prose: String, words limit: Int = 40) -> String {
        let firstParagraph = prose.range(of: "\n\n").map { prose[..<$0.lowerBound] } ?? prose[...]
        return words(of: firstParagraph, limit: limit)
    }

    /// At most `limit` words of `text`, with an ellipsis when cut.
    ///
    /// Only the first `limit + 1` words are split off: the callers pass whole stories.
    static func words(of text: some StringProtocol, limit: Int) -> String {
        let words = text.split(maxSplits: limit, whereSeparator: \.isWhitespace)
        // The last piece holds the rest of the text when there are more words than `limit`.
        let isCut = words.count > limit && words[limit].contains { !$0.isWhitespace }
        guard isCut else { return words.prefix(limit).joined(separator: " ") }
        var cut = words.prefix(limit).joined(separator: " ")
        while let last = cut.last, ",;:–—-".contains(last) { cut.removeLast() }
        return cut + "…"
    }

    /// The sentence around a mention, shortened to a window of words centred on the name.
    static func around(_ forms: [String], in sentence: String, limit: Int = 36) -> String {
        let words = sentence.split(whereSeparator: \.isWhitespace).map(String.init)
        guard words.count > limit else { return words.joined(separator: " ") }
        let firstWords = Set(forms.compactMap { $0.split(separator: " ").first.map(String.init) })
        let position = words.firstIndex { word in firstWords.contains { word.hasPrefix($0) } } ?? 0
        let start = max(0, min(position - limit / 2, words.count - limit))
        let end = min(words.count, start + limit)
        return (start > 0 ? "…" : "") + words[start..<end].joined(separator: " ") + (end < words.count ? "…" : "")
    }
}
