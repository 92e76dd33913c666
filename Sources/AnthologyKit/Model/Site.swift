/// The whole anthology after linking: every page to write and how they refer to each other.
///
/// Relations are indexes into the arrays of this value, so the model stays a plain value
/// that can be handed to rendering tasks in parallel.
public struct Site: Sendable, Equatable {
    public var stories: [Story]
    /// Sorted by name.
    public var characters: [Character]
    /// Sorted by name.
    public var cities: [CityPage]

    public struct Story: Sendable, Equatable {
        public var slug: String
        public var title: String
        public var titleSource: TitleSource
        public var relativePath: String
        public var date: StoryDate?
        public var author: String?
        public var summary: String?
        public var markdown: String { didSet { markdownHash = ContentHash.of(markdown); markdownIsRead = true } }
        /// Hash of `markdown`, made once per version of the story (`ParsedStory`) rather
        /// than on every rebuild, which fingerprints every story's body.
        public internal(set) var markdownHash: UInt64
        /// False while `markdown` is empty because the story's file was unchanged and not read
        /// (`ParsedStory.markdownIsRead`); the builder reads it before its page is rendered.
        public internal(set) var markdownIsRead = true
        public var opensWithHeading: Bool
        public var wordCount: Int
        public var readingMinutes: Int
        /// The first lines of the story, for the home page.
        public var opening: String
        /// Indexes into `Site.characters`, in order of first mention.
        public var characters: [Int]
        /// Indexes into `Site.cities`, in order of first mention.
        public var cities: [Int]
        /// How this story writes each character's name (full name, aliases), by character index.
        public var characterForms: [Int: [String]]
        /// How this story writes each city's name, by city index.
        public var cityForms: [Int: [String]]
        /// Detection results for this story, as shown by `anthology entities`.
        public var entities: StoryEntities
    }

    public enum TitleSource: String, Sendable {
        case frontMatter = "front matter"
        case heading
        case derived
    }

    public struct Character: Sendable, Equatable {
        public struct Appearance: Sendable, Equatable {
            public var story: Int
            public var mentions: Int
            /// Text around the first mention in that story.
            public var excerpt: String
        }

        public var slug: String
        public var name: String
        public var aliases: [String]
        /// The sentence that introduces the character, from the first story they appear in.
        public var introduction: String
        /// In story order.
        public var appearances: [Appearance]
        /// Characters sharing at least one story, sorted by name.
        public var companions: [Int]
        /// Cities of the stories they appear in, sorted by name.
        public var cities: [Int]
    }

    public struct CityPage: Sendable, Equatable {
        public var slug: String
        public var city: City
        /// In story order.
        public var stories: [Int]
        /// Sorted by name.
        public var characters: [Int]
        /// Places in the city that stories mention, sorted.
        public var places: [String]
    }
}
