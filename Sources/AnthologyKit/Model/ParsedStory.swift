/// A story after the parse stage: metadata read, Markdown checked, prose extracted.
public struct ParsedStory: Sendable, Hashable, Codable {
    public var relativePath: String
    public var displayPath: String
    public var frontMatter: FrontMatter
    /// The body as Markdown (plain-text stories are escaped so they read as written).
    public var markdown: String { didSet { markdownHash = ContentHash.of(markdown); markdownIsRead = true } }
    /// Hash of `markdown`, which page fingerprints use; kept in the build cache, so that it is
    /// known for a story whose file a rebuild does not read.
    public internal(set) var markdownHash: UInt64
    /// False for a story read back from the build cache on disk whose file was unchanged and so
    /// not read again: `markdown` is then empty until the builder reads it for a page it renders.
    public internal(set) var markdownIsRead = true
    /// The opening heading (removed from the body when rendered) or, failing that, the first heading.
    public var headingTitle: String?
    /// The story opens with a heading, which is its title and so is not repeated in the body.
    public var opensWithHeading: Bool
    /// Running text for detection. Only detection reads it, and what later stages need of it
    /// is kept in `opening` and `leadWords`, so the detect stage empties it once read; so is
    /// it in a story read back from the build cache on disk with its detection results
    /// (`StoryParser.restoreText`).
    public var prose: String
    public var wordCount: Int
    /// The first sentences of the prose, about forty words, for the home page (`Excerpt.opening`).
    public var opening: String
    /// The first six words of the prose, for a title derived from the text.
    public var leadWords: String

    public init(relativePath: String, displayPath: String, frontMatter: FrontMatter, markdown: String,
                headingTitle: String?, opensWithHeading: Bool, prose: String, wordCount: Int) {
        self.relativePath = relativePath
        self.displayPath = displayPath
        self.frontMatter = frontMatter
        self.markdown = markdown
        markdownHash = ContentHash.of(markdown)
        self.headingTitle = headingTitle
        self.opensWithHeading = opensWithHeading
        self.prose = prose
        self.wordCount = wordCount
        opening = Excerpt.opening(of: prose)
        leadWords = Excerpt.words(of: prose, limit: SiteLinker.derivedTitleWords)
    }
}
