import Foundation

/// Stage 5, render: turns the linked site into HTML files.
///
/// Story pages come first because they decide which mentions get a link (and so which
/// `#fragment` ids exist); character pages then point only at anchors that are really there.
/// Besides the pages it writes the files hosts and crawlers look for: `404.html`,
/// `sitemap.xml`, `robots.txt` and the Atom feed `feed.xml`.
///
/// Pages are rendered in parallel. With a cache from the previous build, a page whose
/// fingerprint (template, context, story text) is unchanged is not rendered again.
public struct SiteRenderer: Sendable {
    public var templates: TemplateSet
    public var metadata: SiteMetadata

    /// The rendered files, and the pages of the previous build that are still current.
    public struct Rendered: Sendable {
        public var files: [OutputFile]
        public var unchanged: [String]
        public var pages: Int
    }

    public init(templates: TemplateSet, metadata: SiteMetadata = SiteMetadata()) {
        self.templates = templates
        self.metadata = metadata
    }

    public func render(_ site: Site) -> [OutputFile] {
        var cache = RenderCache()
        return render(site, cache: &cache).files
    }

    func render(_ site: Site, cache: inout RenderCache) -> Rendered {
        var contexts = PageContexts(site: site, metadata: metadata)
        let storyContexts = contexts
        let previous = cache
        var next = RenderCache()
        var files: [OutputFile] = []
        var unchanged: [String] = []
        let base = settingsFingerprint

        let stories = Array(site.stories.indices).concurrentMap { index -> (page: String, fingerprint: UInt64, body: UInt64, file: OutputFile?, anchors: Set<String>) in
            let page = SitePaths.story(site.stories[index].slug)
            let targets = mentionTargets(index, in: site)
            let bodyKey = Self.bodyFingerprint(site.stories[index], targets: targets)
            var hash = base
            hash.combine(page)
            hash.combine(bodyKey)
            ContextFingerprint.combine(storyContexts.story(index, body: ""), into: &hash)
            let fingerprint = hash.value
            if previous.pages[page] == fingerprint, let anchors = previous.anchors[bodyKey] {
                return (page, fingerprint, bodyKey, nil, anchors)
            }
            let (body, anchors) = storyBody(index, in: site, targets: targets)
            let file = OutputFile(path: page, text: templates.render(storyContexts.story(index, body: body), page: "story"))
            return (page, fingerprint, bodyKey, file, anchors)
        }
        for story in stories {
            contexts.placedAnchors.append(story.anchors)
            next.pages[story.page] = story.fingerprint
            next.anchors[story.body] = story.anchors
            if let file = story.file { files.append(file) } else { unchanged.append(story.page) }
        }

        var pages: [(path: String, template: String, context: @Sendable (PageContexts) -> [String: Any])] = [
            (SitePaths.home, "home", { $0.home() }),
            (SitePaths.charactersIndex, "characters", { $0.charactersIndex() }),
            (SitePaths.citiesIndex, "cities", { $0.citiesIndex() }),
            (SitePaths.notFound, "404", { $0.notFound() }),
        ]
        for index in site.characters.indices {
            pages.append((SitePaths.character(site.characters[index].slug), "character", { $0.character(index) }))
        }
        for index in site.cities.indices {
            pages.append((SitePaths.city(site.cities[index].slug), "city", { $0.city(index) }))
        }
        let linked = contexts
        let others = pages.concurrentMap { page -> (fingerprint: UInt64, file: OutputFile?) in
            let context = page.context(linked)
            var hash = base
            hash.combine(page.path)
            hash.combine(page.template)
            ContextFingerprint.combine(context, into: &hash)
            let fingerprint = hash.value
            if previous.pages[page.path] == fingerprint { return (fingerprint, nil) }
            return (fingerprint, OutputFile(path: page.path, text: templates.render(context, page: page.template)))
        }
        for (page, result) in zip(pages, others) {
            next.pages[page.path] = result.fingerprint
            if let file = result.file { files.append(file) } else { unchanged.append(page.path) }
        }
        let allPages = (site.stories.map { SitePaths.story($0.slug) } + pages.map(\.path)).sorted()
        files.append(OutputFile(path: SitePaths.sitemap, text: Sitemap(pages: allPages, baseURL: metadata.baseURL).render()))
        files.append(OutputFile(path: SitePaths.robots, text: RobotsFile(baseURL: metadata.baseURL).render()))
        files.append(OutputFile(path: SitePaths.feed, text: AtomFeed(site: site, metadata: metadata).render()))
        for asset in templates.assets {
            files.append(OutputFile(path: "assets/" + asset.path, contents: asset.data))
        }
        next.manifest = previous.manifest
        cache = next
        return Rendered(files: files.sorted { $0.path < $1.path }, unchanged: unchanged.sorted(),
                        pages: site.stories.count + pages.count)
    }

    /// The templates and the site's metadata: what every page depends on.
    private var settingsFingerprint: ContentHash {
        var hash = ContentHash()
        hash.combine(templates.fingerprint)
        for value in [metadata.title, metadata.description ?? "\u{0}", metadata.author ?? "\u{0}", metadata.language,
                      metadata.baseURL.map { "\($0)" } ?? "\u{0}"] {
            hash.combine(value)
        }
        return hash
    }

    /// Everything a story's body depends on: its Markdown and what its mentions link to.
    static func bodyFingerprint(_ story: Site.Story, targets: [MarkdownDocument.MentionTarget]) -> UInt64 {
        var hash = ContentHash()
        hash.combine(story.markdown)
        hash.combine(story.opensWithHeading)
        for target in targets {
            hash.combine(target.forms.count)
            for form in target.forms { hash.combine(form) }
            hash.combine(target.href)
            hash.combine(target.id)
        }
        return hash.value
    }

    /// Where the first mention of each of the story's characters and cities links to.
    func mentionTargets(_ index: Int, in site: Site) -> [MarkdownDocument.MentionTarget] {
        let story = site.stories[index]
        let root = SitePaths.root(of: SitePaths.story(story.slug))
        var targets: [MarkdownDocument.MentionTarget] = []
        for index in story.characters {
            let character = site.characters[index]
            targets.append(.init(forms: story.characterForms[index] ?? [character.name] + character.aliases,
                                 href: root + SitePaths.character(character.slug),
                                 id: SitePaths.characterAnchor(character.slug)))
        }
        for index in story.cities {
            let page = site.cities[index]
            targets.append(.init(forms: story.cityForms[index] ?? [page.city.name],
                                 href: root + SitePaths.city(page.slug), id: SitePaths.cityAnchor(page.slug)))
        }
        return targets
    }

    /// The story's HTML with the first mention of each character and city linked to its page.
    func storyBody(_ index: Int, in site: Site, targets: [MarkdownDocument.MentionTarget]) -> (html: String, anchors: Set<String>) {
        let story = site.stories[index]
        let document = MarkdownDocument(markdown: story.markdown)
        if story.opensWithHeading { document.removeOpeningHeading() }
        let anchors = document.linkFirstMentions(targets)
        return (document.html(), anchors)
    }
}
