/// What the site says about itself: in every page's `<head>`, the feed and the structured data.
///
/// Kept apart from where files are read and written (`BuildOptions`) because rendering needs
/// only this, and because `anthology serve` and `anthology check` read the same values.
public struct SiteMetadata: Sendable, Hashable {
    public var title: String
    /// One or two sentences about the anthology; nil lets each page describe itself.
    public var description: String?
    /// The anthology's author or editor; stories name their own authors in front matter.
    public var author: String?
    /// A BCP 47 language tag (`en`, `fr`, `pt-BR`) for `lang`, the feed and the structured data.
    public var language: String
    /// Where the site is published; nil when unknown, and then no page claims an absolute address.
    public var baseURL: BaseURL?
    /// How many stories the home page lists; the rest follow on `page/2/`, `page/3/`...
    /// An archive of thousands of stories then loads quickly, and saving one story re-renders
    /// one list page rather than a list of everything.
    public var storiesPerPage: Int
    /// How many stories `feed.xml` holds: the newest. Feed readers fetch the whole file on
    /// every poll and only show what is new, so an archive's feed lists its latest stories
    /// rather than all of them (5 MB at 10,000 stories).
    public var feedLimit: Int

    public static let defaultTitle = "Anthology"
    public static let defaultStoriesPerPage = 50
    public static let defaultFeedLimit = 50
    public static let defaultLanguage = "en"

    public init(title: String = defaultTitle, description: String? = nil, author: String? = nil,
                language: String = defaultLanguage, baseURL: BaseURL? = nil, storiesPerPage: Int = defaultStoriesPerPage,
                feedLimit: Int = defaultFeedLimit) {
        self.title = title
        self.description = description
        self.author = author
        self.language = language
        self.baseURL = baseURL
        self.storiesPerPage = max(1, storiesPerPage)
        self.feedLimit = max(1, feedLimit)
    }

    /// Whether `tag` looks like a BCP 47 language tag: a 2–3 letter language, then subtags
    /// (`en`, `pt-BR`, `zh-Hant-TW`). Stricter checks would reject real tags for little gain.
    public static func isLanguageTag(_ tag: String) -> Bool {
        let parts = tag.split(separator: "-", omittingEmptySubsequences: false)
        guard let language = parts.first, (2...3).contains(language.count),
              language.allSatisfy({ $0.isASCII && $0.isLetter }) else { return false }
        return parts.dropFirst().allSatisfy { part in
            (1...8).contains(part.count) && part.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber) }
        }
    }

    /// `og:locale` wants `language_TERRITORY` (`pt_BR`); nil when the tag names no territory.
    var openGraphLocale: String? {
        let parts = language.split(separator: "-")
        guard parts.count >= 2, let region = parts.last, region.count == 2, region.allSatisfy(\.isLetter) else { return nil }
        return "\(parts[0].lowercased())_\(region.uppercased())"
    }
}

extension ContentHash {
    /// Every setting of `metadata`: each can change what any page says, so the page
    /// fingerprints and the build cache's key both include them.
    mutating func combine(_ metadata: SiteMetadata) {
        for value in [metadata.title, metadata.description ?? "\u{0}", metadata.author ?? "\u{0}", metadata.language,
                      metadata.baseURL.map { "\($0)" } ?? "\u{0}"] {
            combine(value)
        }
        combine(metadata.storiesPerPage)
        combine(metadata.feedLimit)
    }
}
