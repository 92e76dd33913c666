/// Short passages of a story shown on other pages.
enum Excerpt {
    /// The story's first sentences, about forty words, cut at a word with an ellipsis.
    static func opening(of prose: String, words limit: Int = 40) -> String {
        words(of: prose[..<firstParagraphEnd(of: prose)], limit: limit)
    }

    /// Where the first blank line starts (two line feeds), or the end. By byte: `range(of:)`
    /// with a string is Foundation's, which on Linux hands the whole prose to NSString.
    private static func firstParagraphEnd(of prose: String) -> String.Index {
        let utf8 = prose.utf8
        var index = utf8.startIndex
        while let newline = utf8[index...].firstIndex(of: UInt8(ascii: "\n")) {
            let next = utf8.index(after: newline)
            if next != utf8.endIndex, utf8[next] == UInt8(ascii: "\n") { return newline }
            index = next
        }
        return prose.endIndex
    }

    /// At most `limit` words of `text`, with an ellipsis when cut.
    ///
    /// Only the first `limit + 1` words are split off: the callers pass whole stories.
    static func words(of text: some StringProtocol, limit: Int) -> String {
        let (words, isCut) = asciiWords(of: text, limit: limit) ?? {
            let words = text.split(maxSplits: limit, whereSeparator: \.isWhitespace)
            // The last piece holds the rest of the text when there are more words than `limit`.
            return (Array(words.prefix(limit)), words.count > limit && words[limit].contains { !$0.isWhitespace })
        }()
        guard isCut else { return words.joined(separator: " ") }
        var cut = words.joined(separator: " ")
        while let last = cut.last, ",;:–—-".contains(last) { cut.removeLast() }
        return cut + "…"
    }

    /// The first `limit` words of `text` and whether more follow, found by bytes while the
    /// text is ASCII; nil at the first other byte, for the caller to split by `Character`.
    /// Parsing asks this twice of every story, and breaking the text into characters was a
    /// sixth of the parse stage.
    private static func asciiWords<S: StringProtocol>(of text: S, limit: Int) -> (words: [S.SubSequence], isCut: Bool)? {
        let utf8 = text.utf8
        var words: [S.SubSequence] = []
        var index = utf8.startIndex
        while true {
            while index != utf8.endIndex, isASCIISpace(utf8[index]) { index = utf8.index(after: index) }
            guard index != utf8.endIndex else { return (words, false) }
            guard utf8[index] < 0x80 else { return nil }
            if words.count == limit { return (words, true) }
            let start = index
            while index != utf8.endIndex, !isASCIISpace(utf8[index]) {
                guard utf8[index] < 0x80 else { return nil }
                index = utf8.index(after: index)
            }
            words.append(text[start..<index])
        }
    }

    /// The sentence around a mention, shortened to a window of words centred on the name.
    static func around(_ forms: [String], in sentence: String, limit: Int = 36) -> String {
        // Most sentences are short, single-spaced ASCII, and so their own excerpt: splitting
        // and joining them again was most of what linking costs a story read from the cache.
        if let gaps = singleSpaceGaps(sentence), gaps < limit { return sentence }
        let words = Self.whitespaceSeparated(sentence)
        guard words.count > limit else { return words.joined(separator: " ") }
        let firstWords = Set(forms.compactMap { $0.split(separator: " ").first.map(String.init) })
        let position = words.firstIndex { word in firstWords.contains { word.hasPrefix($0) } } ?? 0
        let start = max(0, min(position - limit / 2, words.count - limit))
        let end = min(words.count, start + limit)
        return (start > 0 ? "…" : "") + words[start..<end].joined(separator: " ") + (end < words.count ? "…" : "")
    }

    /// The words of `text` between runs of white space, as `split(whereSeparator: \.isWhitespace)`
    /// gives them. ASCII text, nearly every sentence, is split by bytes: breaking it into
    /// characters first made excerpts a third of a one-story rebuild's link work at 10,000
    /// stories, where every story's excerpts are worked out again from the cache.
    static func whitespaceSeparated(_ text: String) -> [String] {
        let utf8 = text.utf8
        guard utf8.allSatisfy({ $0 < 0x80 }) else { return text.split(whereSeparator: \.isWhitespace).map(String.init) }
        return utf8.split(whereSeparator: isASCIISpace).map { String(Substring($0)) }
    }

    /// How many single spaces separate the words of `text`, when they are all it has of white
    /// space (none at either end, no tab, no two in a row, nothing but a plain ASCII character
    /// right after one, where a combining mark would join the space's character); else nil.
    private static func singleSpaceGaps(_ text: String) -> Int? {
        var gaps = 0
        var afterSpace = true
        for scalar in text.unicodeScalars {
            if scalar == " " {
                guard !afterSpace else { return nil }
                gaps += 1
                afterSpace = true
            } else if scalar.isASCII ? isASCIISpace(UInt8(scalar.value)) : afterSpace || scalar.properties.isWhitespace {
                return nil
            } else {
                afterSpace = false
            }
        }
        return afterSpace ? nil : gaps
    }

    /// ASCII's white space: tab, line feed, vertical tab, form feed, carriage return, space.
    private static func isASCIISpace(_ byte: UInt8) -> Bool {
        byte == 0x20 || (0x09...0x0D).contains(byte)
    }
}
