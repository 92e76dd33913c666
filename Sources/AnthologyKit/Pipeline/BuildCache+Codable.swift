/// How a story's analysis is stored on disk (see `CacheFile`); `BuildCache` and
/// `RenderCache` derive their conformance.
///
/// A story's Markdown and prose are not stored: they are most of a story's bytes, and the
/// next build reads the story file anyway (to hash it). The Markdown is cut from the file's
/// text again (`StoryParser.restoreText`); the prose only served detection, whose results are
/// stored, and the two things later stages take from it (`opening`, `leadWords`) are stored.
/// What is stored is what is costly to recompute: the front matter (YAML), the detection
/// results, the heading and word count (a Markdown parse).
extension StoryAnalysis: Codable {
    private enum CodingKeys: String, CodingKey {
        case source, story, parseProblems, entities, detectionProblems
    }

    func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(source, forKey: .source)
        if let parsed {
            try container.encode(StoredStory(parsed), forKey: .story)
        }
        try container.encode(parseProblems, forKey: .parseProblems)
        if let detection {
            try container.encode(detection.entities, forKey: .entities)
            try container.encode(detection.problems, forKey: .detectionProblems)
        }
    }

    init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        var parsed: ParsedStory?
        if let stored = try container.decodeIfPresent(StoredStory.self, forKey: .story) {
            parsed = ParsedStory(relativePath: stored.relativePath, displayPath: stored.displayPath,
                                 frontMatter: stored.frontMatter, markdown: "", headingTitle: stored.headingTitle,
                                 opensWithHeading: stored.opensWithHeading, prose: "", wordCount: stored.wordCount)
            parsed?.opening = stored.opening
            parsed?.leadWords = stored.leadWords
        }
        var detection: (entities: StoryEntities, problems: [Diagnostic])?
        if let entities = try container.decodeIfPresent(StoryEntities.self, forKey: .entities) {
            detection = (entities, try container.decode([Diagnostic].self, forKey: .detectionProblems))
        }
        self.init(source: try container.decode(UInt64.self, forKey: .source), parsed: parsed,
                  parseProblems: try container.decode([Diagnostic].self, forKey: .parseProblems), detection: detection)
        needsText = parsed != nil
    }
}

/// `ParsedStory` without its text: what the cache stores of it.
struct StoredStory: Codable, Equatable {
    var relativePath: String
    var displayPath: String
    var frontMatter: FrontMatter
    var headingTitle: String?
    var opensWithHeading: Bool
    var wordCount: Int
    var opening: String
    var leadWords: String

    init(_ story: ParsedStory) {
        relativePath = story.relativePath
        displayPath = story.displayPath
        frontMatter = story.frontMatter
        headingTitle = story.headingTitle
        opensWithHeading = story.opensWithHeading
        wordCount = story.wordCount
        opening = story.opening
        leadWords = story.leadWords
    }
}
