import Foundation

/// Stage 5, render: turns the linked site into HTML files.
///
/// Story pages come first because they decide which mentions get a link (and so which
/// `#fragment` ids exist); character pages then point only at anchors that are really there.
/// Besides the pages it writes the files hosts and crawlers look for: `404.html`,
/// `sitemap.xml`, `robots.txt` and the Atom feed `feed.xml`.
///
/// Pages are rendered in parallel, and each is handed to the writer as soon as it is
/// rendered, so memory holds a few pages at a time, not the site. With a cache from the
/// previous build, a page whose fingerprint (template, context, story text) is unchanged is
/// not rendered again.
public struct SiteRenderer: Sendable {
    public var templates: TemplateSet
    public var metadata: SiteMetadata

    /// What a render did, once every file has been delivered.
    public struct Rendered: Sendable {
        /// Pages of the previous build that are still current, in page order: not delivered.
        public var unchanged: [String]
        /// Pages of the site, and how many of them were rendered (the rest are unchanged).
        public var pages: Int
        public var renderedPages: Int
    }

    public init(templates: TemplateSet, metadata: SiteMetadata = SiteMetadata()) {
        self.templates = templates
        self.metadata = metadata
    }

    /// What a render will produce, known before any page is rendered: the writer needs every
    /// path first, to refuse to overwrite a file that is not Anthology's, and to make folders.
    struct Plan: Sendable {
        /// Changed after planning only to fill in the Markdown of stories whose files were not
        /// read (`Builder`), which no fingerprint depends on.
        var site: Site
        let fingerprints: PageFingerprints
        let mentions: MentionTargets
        /// Each story's page, in story order.
        let storyPages: [StoryPage]
        /// Every page but the stories'.
        let pages: [Page]
        /// Every page, the stories' first, in page order.
        let pagePaths: [String]
        /// Every file of the site: the pages, then feed, sitemap, robots.txt and assets.
        var paths: [String] {
            pagePaths + [SitePaths.feed, SitePaths.sitemap, SitePaths.robots] + assetPaths
        }
        let assetPaths: [String]
    }

    /// A story page's path and fingerprint, and the fingerprint of its body: what tells
    /// whether the page must be rendered again, worked out once per build.
    struct StoryPage: Sendable {
        var path: String
        var fingerprint: UInt64
        var body: UInt64

        /// The anchors this page's body placed, if `cache` has this very page and them; nil
        /// when the page must be rendered again.
        func cachedAnchors(in cache: RenderCache) -> PlacedAnchors? {
            cache.pages[path] == fingerprint ? cache.anchors[body] : nil
        }
    }

    func plan(_ site: Site) -> Plan {
        let fingerprints = PageFingerprints(site: site, settings: settingsFingerprint)
        let mentions = MentionTargets(site: site)
        let storyPages = Array(site.stories.indices).concurrentMap { index in
            let path = SitePaths.story(site.stories[index].slug)
            let body = Self.bodyFingerprint(markdownHash: site.stories[index].markdownHash,
                                            opensWithHeading: site.stories[index].opensWithHeading, targets: mentions.story(index))
            return StoryPage(path: path, fingerprint: fingerprints.story(index, path: path, body: body), body: body)
        }
        let pages = pageList(site, fingerprints: fingerprints)
        return Plan(site: site, fingerprints: fingerprints, mentions: mentions, storyPages: storyPages, pages: pages,
                    pagePaths: storyPages.map(\.path) + pages.map(\.path),
                    assetPaths: templates.assets.map { "assets/" + $0.path })
    }

    /// Renders the planned site and hands each file to `deliver` as soon as it is rendered,
    /// from several threads at once: no page's HTML is kept here.
    func render(_ plan: Plan, cache: inout RenderCache, deliver: @Sendable (OutputFile) -> Void) -> Rendered {
        let site = plan.site
        var contexts = PageContexts(site: site, metadata: metadata)
        let storyContexts = contexts  // story pages need no placed anchors
        let fingerprints = plan.fingerprints
        let mentions = plan.mentions
        let previous = cache
        var next = RenderCache()
        next.reserveCapacity(pages: previous.pages.count)
        next.anchors.reserveCapacity(site.stories.count)
        contexts.placedAnchors.reserveCapacity(site.stories.count)
        var unchanged: [String] = []
        var rendered = 0

        let stories = Array(site.stories.indices).concurrentMap { index -> (page: String, fingerprint: UInt64, body: UInt64, rendered: Bool, anchors: PlacedAnchors) in
            let page = plan.storyPages[index]
            if let anchors = page.cachedAnchors(in: previous) {
                return (page.path, page.fingerprint, page.body, false, anchors)
            }
            let (body, anchors) = storyBody(index, in: site, targets: mentions.story(index))
            deliver(OutputFile(path: page.path, text: templates.render(storyContexts.story(index, body: body), page: "story")))
            return (page.path, page.fingerprint, page.body, true, anchors)
        }
        for story in stories {
            contexts.placedAnchors.append(story.anchors)
            next.record(story.fingerprint, for: story.page)
            next.anchors[story.body] = story.anchors
            if story.rendered { rendered += 1 } else { unchanged.append(story.page) }
        }
        let linked = contexts
        let placedAnchors = contexts.placedAnchors
        let others = plan.pages.concurrentMap { page -> (fingerprint: UInt64, rendered: Bool) in
            let fingerprint = page.fingerprint(placedAnchors)
            if previous.pages[page.path] == fingerprint { return (fingerprint, false) }
            deliver(OutputFile(path: page.path, text: templates.render(page.context(linked), page: page.template)))
            return (fingerprint, true)
        }
        for (page, result) in zip(plan.pages, others) {
            next.record(result.fingerprint, for: page.path)
            if result.rendered { rendered += 1 } else { unchanged.append(page.path) }
        }

        /// A file outside the page list: kept when its fingerprint is the previous one.
        func keep(_ path: String, fingerprint: UInt64, else render: () -> String) {
            next.record(fingerprint, for: path)
            if previous.pages[path] == fingerprint {
                unchanged.append(path)
            } else {
                deliver(OutputFile(path: path, text: render()))
            }
        }
        keep(SitePaths.feed, fingerprint: fingerprints.feed()) { AtomFeed(site: site, metadata: metadata).render() }
        // In page order: the sitemap sorts its entries itself.
        keep(SitePaths.sitemap, fingerprint: fingerprints.sitemap(pages: plan.pagePaths)) {
            Sitemap(pages: plan.pagePaths, baseURL: metadata.baseURL).render()
        }
        deliver(OutputFile(path: SitePaths.robots, text: RobotsFile(baseURL: metadata.baseURL).render()))
        for (path, asset) in zip(plan.assetPaths, templates.assets) {
            deliver(OutputFile(path: path, contents: asset.data))
        }
        next.manifest = previous.manifest
        cache = next
        return Rendered(unchanged: unchanged, pages: site.stories.count + plan.pages.count, renderedPages: rendered)
    }

    /// The stories whose pages `render` will render again with `cache`: the only stories
    /// whose Markdown rendering needs.
    func storiesToRender(_ plan: Plan, cache: RenderCache) -> [Int] {
        plan.storyPages.indices.filter { plan.storyPages[$0].cachedAnchors(in: cache) == nil }
    }

    /// A page other than a story's: where it goes, its template, and how to fingerprint it
    /// and build its context.
    struct Page: Sendable {
        var path: String
        var template: String
        /// Given the fragment ids each story page holds, by story index.
        var fingerprint: @Sendable (_ placedAnchors: [PlacedAnchors]) -> UInt64
        var context: @Sendable (PageContexts) -> [String: Any]
    }

    /// The home page, the indexes, the 404 page, and a page per character and per city.
    func pageList(_ site: Site, fingerprints: PageFingerprints) -> [Page] {
        let storyPages = StoryPages(stories: site.stories.count, perPage: metadata.storiesPerPage)
        var pages: [Page] = (1...storyPages.count).map { number in
            let path = SitePaths.storiesPage(number)
            let stories = storyPages.stories(onPage: number)
            return Page(path: path, template: "home",
                        fingerprint: { _ in fingerprints.storiesPage(number, stories: stories, path: path, template: "home") },
                        context: { $0.home(page: number) })
        }
        pages += [
            Page(path: SitePaths.charactersIndex, template: "characters",
                 fingerprint: { _ in fingerprints.charactersIndex(path: SitePaths.charactersIndex, template: "characters") },
                 context: { $0.charactersIndex() }),
            Page(path: SitePaths.citiesIndex, template: "cities",
                 fingerprint: { _ in fingerprints.citiesIndex(path: SitePaths.citiesIndex, template: "cities") },
                 context: { $0.citiesIndex() }),
            Page(path: SitePaths.notFound, template: "404",
                 fingerprint: { _ in fingerprints.notFound(path: SitePaths.notFound, template: "404") }, context: { $0.notFound() }),
        ]
        for index in site.characters.indices {
            let path = SitePaths.character(site.characters[index].slug)
            let anchor = SitePaths.characterAnchor(site.characters[index].slug)
            pages.append(Page(path: path, template: "character",
                              fingerprint: { placed in fingerprints.character(index, path: path) { placed[$0].contains(anchor) } },
                              context: { $0.character(index) }))
        }
        for index in site.cities.indices {
            let path = SitePaths.city(site.cities[index].slug)
            pages.append(Page(path: path, template: "city", fingerprint: { _ in fingerprints.city(index, path: path) },
                              context: { $0.city(index) }))
        }
        return pages
    }

    /// The templates and the site's metadata: what every page depends on.
    var settingsFingerprint: ContentHash {
        var hash = ContentHash()
        hash.combine(templates.fingerprint)
        hash.combine(metadata)
        return hash
    }

    /// Everything a story's body depends on: its Markdown and what its mentions link to.
    /// Given the two values it takes of the story, not the story, which passing would copy
    /// (see `PageFingerprints.card`).
    static func bodyFingerprint(markdownHash: UInt64, opensWithHeading: Bool, targets: [MarkdownDocument.MentionTarget]) -> UInt64 {
        var hash = ContentHash()
        hash.combine(markdownHash)
        hash.combine(opensWithHeading)
        for target in targets {
            hash.combine(target.forms.count)
            for form in target.forms { hash.combine(form) }
            hash.combine(target.href)
            hash.combine(target.id)
        }
        return hash.value
    }

    /// The story's HTML with the first mention of each character and city linked to its page.
    func storyBody(_ index: Int, in site: Site, targets: [MarkdownDocument.MentionTarget]) -> (html: String, anchors: PlacedAnchors) {
        let story = site.stories[index]
        precondition(story.markdownIsRead, "the Markdown of \(story.relativePath) was not read before its page was rendered")
        let document = MarkdownDocument(markdown: story.markdown)
        if story.opensWithHeading { document.removeOpeningHeading() }
        let anchors = PlacedAnchors(document.linkFirstMentions(targets))
        return (document.html(), anchors)
    }
}
