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
    /// False for a file known from the build cache and left unread, as `stat` showed it
    /// unchanged (`unread`): `text` is empty, `textHash` the hash of the text it still has.
    private(set) var isRead = true

    public init(relativePath: String, displayPath: String, text: String) {
        self.relativePath = relativePath
        self.displayPath = displayPath
        self.text = text
        textHash = ContentHash.of(text)
    }

    /// A file known only by what the build cache remembers of it, standing in for the file
    /// while `stamp` still describes it (`SourceLoader.load(reusing:)`), so that a rebuild at
    /// 10,000 stories reads one file, not all of them.
    static func unread(relativePath: String, displayPath: String, file: StoredFile) -> SourceFile {
        var unread = SourceFile(relativePath: relativePath, displayPath: displayPath, text: "")
        unread.textHash = file.textHash
        unread.stamp = file.stamp
        unread.isRead = false
        return unread
    }

    /// Plain-text files are not Markdown: `*` or `#` in them is literal.
    public var isPlainText: Bool {
        relativePath.lowercased().hasSuffix(".txt")
    }
}
