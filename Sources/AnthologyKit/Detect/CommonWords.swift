import Foundation

/// Ordinary English words (lower-case SCOWL entries, see NOTICE).
///
/// A capitalised word at the start of a sentence that is *not* an ordinary word ("Oskar",
/// "Tokyo") is most likely a name even if the story never uses it mid-sentence; one that is
/// ("Despite", "Together") needs other evidence.
public struct CommonWords: Sendable {
    /// One word a line, sorted by their bytes: a lookup is a binary search, and loading the
    /// 64,000 words makes no string or set of them (that took 15 ms of every build's start).
    /// Only sentence-initial words and hyphenated parts are looked up, a few per story. Words
    /// compare by their bytes, as the bundled ones are ASCII.
    private let words: ByteLines

    public init(_ words: Set<String>) {
        self.words = ByteLines(sorting: words.map { Array($0.utf8) })
    }

    public static let bundled = CommonWords(lines: .bundled("common-words", withExtension: "txt"))

    /// One word per line; lines starting with `#` are comments. Sorted here unless they are
    /// (Scripts/make-common-words.sh sorts them by bytes).
    init(lines: ByteLines) {
        words = lines.sorted()
    }

    /// "Despite" and "despite" are common; "Oskar" is not. Hyphenated words count when every part does.
    public func contains(_ word: String) -> Bool {
        contains(lowercased: word.lowercased())
    }

    /// `contains` for a word its caller has lower-cased already.
    func contains(lowercased lower: String) -> Bool {
        if words.contains(Array(lower.utf8)) { return true }
        guard lower.utf8.contains(UInt8(ascii: "-")) else { return false }  // no hyphen, no parts
        let parts = lower.utf8.split(separator: UInt8(ascii: "-"))
        return parts.count > 1 && parts.allSatisfy { words.contains(Array($0)) }
    }
}
