/// A story file as read from disk, before any parsing.
public struct SourceFile: Sendable, Hashable {
    /// Path relative to the seeds folder, with `/` separators; the story's identity.
    public var relativePath: String
    /// Path for messages: the seeds folder as the user gave it, joined with `relativePath`.
    public var displayPath: String
    public var text: String { didSet { textHash = ContentHash.of(text) } }
    /// Hash of `text`, taken when it is read, so that a rebuild tells the unchanged stories
    /// it reuses from changed ones without reading their text again.
    private(set) var textHash: UInt64
    /// The file as it was when read, so an unchanged file need not be read again.
    var stamp: FileStamp?

    public init(relativePath: String, displayPath: String, text: String) {
        self.relativePath = relativePath
        self.displayPath = displayPath
        self.text = text
        textHash = ContentHash.of(text)
    }

    /// Plain-text files are not Markdown: `*` or `#` in them is literal.
    public var isPlainText: Bool {
        relativePath.lowercased().hasSuffix(".txt")
    }
}
