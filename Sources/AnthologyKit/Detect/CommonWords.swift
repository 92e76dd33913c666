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
        return CommonWords(lines: text)
    }()

    /// One word per line; lines starting with `#` are comments.
    ///
    /// Read by bytes, a line at a time: splitting 600 KB by characters took a third of a
    /// small build's start-up, and making an array of its 64,000 lines first, almost half of
    /// reading it. Into a set sized for the lines at once, rather than one grown as it fills.
    init(lines text: String) {
        var text = text
        words = text.withUTF8 { bytes in
            var words = Set<String>(minimumCapacity: bytes.count { $0 == UInt8(ascii: "\n") } + 1)
            var start = 0
            while start < bytes.count {
                var end = start
                while end < bytes.count, bytes[end] != UInt8(ascii: "\n") { end += 1 }
                if end > start, bytes[start] != UInt8(ascii: "#") {
                    words.insert(String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<end]), as: UTF8.self))
                }
                start = end + 1
            }
            return words
        }
    }

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
