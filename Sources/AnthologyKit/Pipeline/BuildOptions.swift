import Foundation

/// Where a build reads from and writes to, what it includes, and what the site says about itself.
public struct BuildOptions: Sendable {
    public var seeds: URL
    public var templates: URL
    public var output: URL
    /// Paths as the user typed them, for messages.
    public var seedsDisplay: String
    public var templatesDisplay: String
    public var outputDisplay: String
    public var includeDrafts: Bool
    /// Title, description, author, language and base URL of the site.
    public var metadata: SiteMetadata
    /// The configuration file the options came from, if any (for messages, and for commands that watch it).
    public var configFile: URL?
    /// Where `Builder.build()` keeps its cache between runs (`CacheFile`); nil builds without one.
    /// `resolving` puts it in the project folder: `.anthology-cache` beside the configuration
    /// file when there is one, in the working directory otherwise.
    public var cacheFolder: URL?
    /// How many pages one sitemap file lists: the protocol's 50,000 (`Sitemap.urlLimit`).
    /// Tests lower it to build an archive's sitemap index from a few stories.
    var sitemapLimit = Sitemap.urlLimit

    public var siteTitle: String {
        get { metadata.title }
        set { metadata.title = newValue }
    }

    public init(seeds: String = "seeds", templates: String = "templates", output: String = "public",
                includeDrafts: Bool = false, siteTitle: String = SiteMetadata.defaultTitle,
                metadata: SiteMetadata? = nil,
                relativeTo base: URL = URL(fileURLWithPath: FileManager.default.currentDirectoryPath)) {
        self.seeds = Self.resolve(seeds, relativeTo: base)
        self.templates = Self.resolve(templates, relativeTo: base)
        self.output = Self.resolve(output, relativeTo: base)
        self.seedsDisplay = seeds
        self.templatesDisplay = templates
        self.outputDisplay = output
        self.includeDrafts = includeDrafts
        self.metadata = metadata ?? SiteMetadata(title: siteTitle)
    }

    /// A path as typed (`~` expanded) made absolute against `base`.
    static func resolve(_ path: String, relativeTo base: URL) -> URL {
        let expanded = (path as NSString).expandingTildeInPath
        return expanded.hasPrefix("/") ? URL(fileURLWithPath: expanded) : base.appendingPathComponent(expanded)
    }
}

extension BuildOptions {
    /// Whether the build publishes a story that is (or is not) a draft: every story but
    /// drafts, unless drafts are included.
    func publishes(draft: Bool) -> Bool {
        includeDrafts || !draft
    }
}
