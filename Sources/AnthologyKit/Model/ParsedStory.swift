/// A story after the parse stage: metadata read, Markdown checked, prose extracted.
public struct ParsedStory: Sendable, Hashable {
    public var relativePath: String
    public var displayPath: String
    public var frontMatter: FrontMatter
    /// The body as Markdown (plain-text stories are escaped so they read as written).
    public var markdown: String
    /// The opening heading (removed from the body when rendered) or, failing that, the first heading.
    public var headingTitle: String?
    /// The story opens with a heading, which is its title and so is not repeated in the body.
    public var opensWithHeading: Bool
    /// Running text for detection and excerpts.
    public var prose: String
    public var wordCount: Int
}
