/// The settings of `anthology.yml`, or of the command line: every one optional, so that a flag
/// given on the command line wins over the file, and the file wins over the defaults.
///
/// Paths are kept as written; `BuildOptions.resolving` decides what they are relative to
/// (the file's folder for the file, the working directory for flags).
public struct SiteConfig: Sendable, Hashable {
    public var title: String?
    public var description: String?
    public var author: String?
    public var language: String?
    public var baseURL: BaseURL?
    public var seeds: String?
    public var templates: String?
    public var output: String?
    public var drafts: Bool?
    public var storiesPerPage: Int?
    public var feedLimit: Int?

    /// The keys `anthology.yml` accepts, as written in the file (documented in the README).
    public static let keys = ["author", "base_url", "description", "drafts", "feed_limit", "language", "output", "seeds",
                              "stories_per_page", "templates", "title"]

    public init(title: String? = nil, description: String? = nil, author: String? = nil, language: String? = nil,
                baseURL: BaseURL? = nil, seeds: String? = nil, templates: String? = nil, output: String? = nil,
                drafts: Bool? = nil, storiesPerPage: Int? = nil, feedLimit: Int? = nil) {
        self.title = title
        self.description = description
        self.author = author
        self.language = language
        self.baseURL = baseURL
        self.seeds = seeds
        self.templates = templates
        self.output = output
        self.drafts = drafts
        self.storiesPerPage = storiesPerPage
        self.feedLimit = feedLimit
    }

    /// Settings from command-line flags, checked the way the file's values are; a problem names the flag.
    public static func commandLine(title: String? = nil, description: String? = nil, author: String? = nil,
                                   language: String? = nil, baseURL: String? = nil, seeds: String? = nil,
                                   templates: String? = nil, output: String? = nil,
                                   drafts: Bool? = nil, storiesPerPage: Int? = nil,
                                   feedLimit: Int? = nil) -> (SiteConfig, [Diagnostic]) {
        var config = SiteConfig(title: title, description: description, author: author, seeds: seeds,
                                templates: templates, output: output, drafts: drafts)
        var diagnostics: [Diagnostic] = []
        func count(_ value: Int?, flag: String) -> Int? {
            guard let value else { return nil }
            if value >= 1 { return value }
            diagnostics.append(.error(flag, "\(value) is not a number of stories", fix: countFix))
            return nil
        }
        config.storiesPerPage = count(storiesPerPage, flag: "--stories-per-page")
        config.feedLimit = count(feedLimit, flag: "--feed-limit")
        if let language {
            if SiteMetadata.isLanguageTag(language) {
                config.language = language
            } else {
                diagnostics.append(.error("--language", "\"\(language)\" is not a language tag", fix: languageFix))
            }
        }
        if let baseURL {
            do {
                config.baseURL = try BaseURL(validating: baseURL)
            } catch {
                diagnostics.append(.error("--base-url", "\(error.message): \"\(baseURL)\"", fix: BaseURL.Problem.fix))
            }
        }
        return (config, diagnostics)
    }

    static let languageFix = "use a BCP 47 tag such as en, fr or pt-BR"
    /// For `stories_per_page` and `feed_limit`.
    static let countFix = "use a whole number of at least 1, such as 50"

    /// These settings with every value `other` sets replaced by `other`'s.
    public func overridden(by other: SiteConfig) -> SiteConfig {
        SiteConfig(title: other.title ?? title, description: other.description ?? description,
                   author: other.author ?? author, language: other.language ?? language,
                   baseURL: other.baseURL ?? baseURL, seeds: other.seeds ?? seeds,
                   templates: other.templates ?? templates, output: other.output ?? output,
                   drafts: other.drafts ?? drafts, storiesPerPage: other.storiesPerPage ?? storiesPerPage,
                   feedLimit: other.feedLimit ?? feedLimit)
    }
}
