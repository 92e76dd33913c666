import Foundation

/// Ordinary English words (lower-case SCOWL entries, see NOTICE).
///
/// A capitalised word at the start of a sentence that is *not* an ordinary word ("Oskar",
/// "Tokyo") is most likely a name even if the story never uses it mid-sentence; one that is
/// ("Despite", "Together") needs other evidence.
public struct CommonWords: Sendable {
    private let words: Set<String>

    public init(_ words: Set<String>) {
        self.words = words
    }

    public static let bundled: CommonWords = {
        guard let url = Bundle.module.url(forResource: "common-words", withExtension: "txt"),
              let text = try? String(contentsOf: url, encoding: .utf8) else {
            preconditionFailure("the common-words resource is missing from the AnthologyKit bundle")
        }
        // Split at line-feed bytes: splitting 600 KB by characters took a third of a small build's start-up.
        // Into a set sized for the file's 64,000 lines at once, rather than one grown as it fills.
        let lines = text.utf8.split(separator: UInt8(ascii: "\n"))
        var words = Set<String>(minimumCapacity: lines.count)
        for line in lines where line.first != UInt8(ascii: "#") { words.insert(String(Substring(line))) }
        return CommonWords(words)
    }()

    /// "Despite" and "despite" are common; "Oskar" is not. Hyphenated words count when every part does.
    public func contains(_ word: String) -> Bool {
        contains(lowercased: word.lowercased())
    }

    /// `contains` for a word its caller has lower-cased already.
    func contains(lowercased lower: String) -> Bool {
        if words.contains(lower) { return true }
        guard lower.utf8.contains(UInt8(ascii: "-")) else { return false }  // no hyphen, no parts
        let parts = lower.split(separator: "-")
        return parts.count > 1 && parts.allSatisfy { words.contains(String($0)) }
    }
}
