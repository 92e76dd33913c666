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
    /// How many pages one sitemap file lists (`Sitemap.urlLimit`); tests lower it.
    var sitemapLimit = Sitemap.urlLimit

    /// What a render did, once every file has been delivered.
    public struct Rendered: Sendable {
        /// Pages of the previous build that are still current, in page order: not delivered.
        /// Empty after a limited plan, whose write keeps every file it is not given.
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
        /// The story pages planned, in story order: every story's, or in a limited plan
        /// those of the stories that changed.
        let storyPages: [StoryPage]
        /// The other pages planned: every one, or in a limited plan those the changed
        /// stories reach.
        let pages: [Page]
        /// Every page, the stories' first, in page order: in a limited plan, a slice of the
        /// render cache's order, not a copy of its 14,000 paths at 10,000 stories.
        let pagePaths: ArraySlice<String>
        /// Every file of the site: the pages, then feed, sitemap (and its parts), robots.txt
        /// and assets.
        var paths: [String] {
            Array(pagePaths) + [SitePaths.feed, SitePaths.sitemap] + sitemapParts + [SitePaths.robots] + assetPaths
        }
        /// The sitemap's parts past 50,000 pages (`Sitemap.parts`); the same link has the same.
        let sitemapParts: [String]
        let assetPaths: [String]
        /// Each story's entry in the feed, in story order (`PageFingerprints.feedEntry`).
        let feedEntries: [UInt64]
        /// What the render is made from, to be kept with its fingerprints; nil when the
        /// sources given do not fit the site's stories.
        let basis: RenderBasis?
        /// Only the pages planned can differ from those of the render cache's basis: the
        /// others keep their fingerprints, and are not looked at.
        let isLimited: Bool

        /// The pages whose fingerprints are worked out.
        var plannedPages: Int { isLimited ? storyPages.count + pages.count : pagePaths.count }
    }

    /// A story page's path and fingerprint, and the fingerprint of its body: what tells
    /// whether the page must be rendered again, worked out once per build.
    struct StoryPage: Sendable {
        var index: Int
        var path: String
        var fingerprint: UInt64
        var body: UInt64

        /// The anchors this page's body placed, if `cache` has this very page and them; nil
        /// when the page must be rendered again.
        func cachedAnchors(in cache: RenderCache) -> PlacedAnchors? {
            cache.fingerprint(of: path) == fingerprint ? cache.anchors[body] : nil
        }
    }

    /// The pages of `site`, whose link has the generation `link` and whose stories, in
    /// reading order, come from analyses with `sources`. When `cache` was rendered from the
    /// same link and settings, only the stories whose sources changed, and the pages they
    /// reach, are planned (`RenderBasis`); otherwise every page is.
    func plan(_ site: Site, link: UInt64, sources: [UInt64], cache: RenderCache) -> Plan {
        guard sources.count == site.stories.count else { return plan(site, basis: nil) }
        let basis = RenderBasis(settings: settingsFingerprint.value, link: link, sources: sources, bodies: [], feedEntries: [])
        return limitedPlan(site, basis: basis, cache: cache) ?? plan(site, basis: basis)
    }

    private func plan(_ site: Site, basis: RenderBasis?) -> Plan {
        let fingerprints = self.fingerprints(site)
        let mentions = MentionTargets(site: site)
        let storyPages = Array(site.stories.indices).concurrentMap {
            storyPage($0, of: site, fingerprints: fingerprints, mentions: mentions)
        }
        let pages = pageList(site, fingerprints: fingerprints)
        let feedEntries = Array(site.stories.indices).concurrentMap(fingerprints.feedEntry)
        var basis = basis
        basis?.bodies = storyPages.map(\.body)
        basis?.feedEntries = feedEntries
        return Plan(site: site, fingerprints: fingerprints, mentions: mentions, storyPages: storyPages, pages: pages,
                    pagePaths: ArraySlice(storyPages.map(\.path) + pages.map(\.path)),
                    sitemapParts: Sitemap.parts(pageCount: storyPages.count + pages.count, limit: sitemapLimit),
                    assetPaths: templates.assets.map { "assets/" + $0.path }, feedEntries: feedEntries,
                    basis: basis, isLimited: false)
    }

    /// The plan of the changed stories and the pages they reach, or nil when `cache` does
    /// not have what the others need: the same link and settings, each page's fingerprint
    /// and each unchanged story's anchors. Past a quarter of the stories (and eight), every
    /// page is planned: planning them all is then the cheaper way.
    private func limitedPlan(_ site: Site, basis: RenderBasis, cache: RenderCache) -> Plan? {
        guard let previous = cache.basis, let changed = basis.changedStories(since: previous),
              changed.count <= max(8, site.stories.count / 4) else { return nil }
        // The pages recorded are the stories', the other pages, the feed and the sitemap, in
        // that order (`render`); the same link gives the same pages.
        let otherPages = storyPages(of: site).count + 3
            + site.characters.count + site.cities.count
        let order = cache.order
        guard order.count == site.stories.count + otherPages + 2,
              order[order.count - 2] == SitePaths.feed, order[order.count - 1] == SitePaths.sitemap,
              changed.allSatisfy({ order[$0] == SitePaths.story(site.stories[$0].slug) }),
              previous.bodies.allSatisfy({ cache.anchors[$0] != nil }) else { return nil }
        let fingerprints = self.fingerprints(site, lazily: true)
        let mentions = MentionTargets(site: site)
        let storyPages = changed.map { storyPage($0, of: site, fingerprints: fingerprints, mentions: mentions) }
        var basis = basis
        basis.bodies = previous.bodies
        basis.feedEntries = previous.feedEntries
        for page in storyPages {
            basis.bodies[page.index] = page.body
            basis.feedEntries[page.index] = fingerprints.feedEntry(page.index)
        }
        return Plan(site: site, fingerprints: fingerprints, mentions: mentions, storyPages: storyPages,
                    pages: pages(reachedBy: changed, in: site, fingerprints: fingerprints),
                    pagePaths: order.dropLast(2), sitemapParts: Sitemap.parts(pageCount: order.count - 2, limit: sitemapLimit),
                    assetPaths: templates.assets.map { "assets/" + $0.path },
                    feedEntries: basis.feedEntries, basis: basis, isLimited: true)
    }

    private func storyPage(_ index: Int, of site: Site, fingerprints: PageFingerprints, mentions: MentionTargets) -> StoryPage {
        let path = SitePaths.story(site.stories[index].slug)
        let body = Self.bodyFingerprint(markdownHash: site.stories[index].markdownHash,
                                        opensWithHeading: site.stories[index].opensWithHeading, targets: mentions.story(index))
        return StoryPage(index: index, path: path, fingerprint: fingerprints.story(index, path: path, body: body), body: body)
    }

    /// Renders the planned site and hands each file to `deliver` as soon as it is rendered,
    /// from several threads at once: no page's HTML is kept here.
    func render(_ plan: Plan, cache: inout RenderCache, deliver: @Sendable (OutputFile) -> Void) -> Rendered {
        let site = plan.site
        var contexts = self.contexts(site, fingerprints: plan.fingerprints)
        let storyContexts = contexts  // story pages need no placed anchors
        let fingerprints = plan.fingerprints
        let mentions = plan.mentions
        let previous = cache
        // A limited plan changes a few of the previous render's records; a full one makes them all.
        var next = plan.isLimited ? previous : RenderCache()
        if !plan.isLimited {
            next.reserveCapacity(pages: previous.order.count)
            next.anchors.reserveCapacity(site.stories.count)
        }
        // A full plan lists the unchanged pages as it goes; a limited one keeps every file.
        var unchanged: [String] = []
        var rendered = 0
        func note(_ path: String, rendered isRendered: Bool, isPage: Bool = true) {
            if isRendered && isPage { rendered += 1 }
            if !isRendered && !plan.isLimited { unchanged.append(path) }
        }

        let stories = plan.storyPages.concurrentMap { page -> (rendered: Bool, anchors: PlacedAnchors) in
            if let anchors = page.cachedAnchors(in: previous) { return (false, anchors) }
            let (body, anchors) = storyBody(page.index, in: site, targets: mentions.story(page.index))
            deliver(OutputFile(path: page.path, text: templates.render(storyContexts.story(page.index, body: body), page: "story")))
            return (true, anchors)
        }
        for (page, story) in zip(plan.storyPages, stories) {
            next.record(page.fingerprint, for: page.path)
            next.anchors[page.body] = story.anchors
            note(page.path, rendered: story.rendered)
        }
        if plan.isLimited, let bodies = plan.basis?.bodies, let old = previous.basis?.bodies {
            // The anchors of a body no story has any more.
            for page in plan.storyPages where old[page.index] != page.body && !bodies.contains(old[page.index]) {
                next.anchors[old[page.index]] = nil
            }
            contexts.placedAnchors = bodies.map { next.anchors[$0]! }
        } else {
            contexts.placedAnchors = stories.map(\.anchors)
        }
        let linked = contexts
        let placedAnchors = contexts.placedAnchors
        let others = plan.pages.concurrentMap { page -> (fingerprint: UInt64, rendered: Bool) in
            let fingerprint = page.fingerprint(placedAnchors)
            if previous.fingerprint(of: page.path) == fingerprint { return (fingerprint, false) }
            deliver(OutputFile(path: page.path, text: templates.render(page.context(linked), page: page.template)))
            return (fingerprint, true)
        }
        for (page, result) in zip(plan.pages, others) {
            next.record(result.fingerprint, for: page.path)
            note(page.path, rendered: result.rendered)
        }

        /// A file outside the page list: kept when its fingerprint is the previous one.
        func keep(_ path: String, fingerprint: UInt64, else render: () -> String) {
            next.record(fingerprint, for: path)
            let isCurrent = previous.fingerprint(of: path) == fingerprint
            if !isCurrent { deliver(OutputFile(path: path, text: render())) }
            note(path, rendered: !isCurrent, isPage: false)
        }
        let feed = AtomFeed(site: site, metadata: metadata)
        keep(SitePaths.feed, fingerprint: fingerprints.feed(feed, entries: plan.feedEntries)) {
            feed.render()
        }
        // The same link has the same pages, so a limited plan keeps the sitemap.
        if !plan.isLimited {
            // In page order: the sitemap sorts its entries itself.
            let pages = Array(plan.pagePaths)
            let fingerprint = fingerprints.sitemap(pages: pages)
            next.record(fingerprint, for: SitePaths.sitemap)
            // Its parts follow from the same pages, so they are current with it; they are
            // not recorded, as the pages a limited plan finds in the cache's order end
            // with the feed and `sitemap.xml`.
            let isCurrent = previous.fingerprint(of: SitePaths.sitemap) == fingerprint
            if !isCurrent {
                for file in Sitemap(pages: pages, baseURL: metadata.baseURL, limit: sitemapLimit).render() { deliver(file) }
            }
            for path in [SitePaths.sitemap] + plan.sitemapParts { note(path, rendered: !isCurrent, isPage: false) }
        }
        deliver(OutputFile(path: SitePaths.robots, text: RobotsFile(baseURL: metadata.baseURL).render()))
        for (path, asset) in zip(plan.assetPaths, templates.assets) {
            deliver(OutputFile(path: path, contents: asset.data))
        }
        next.manifest = previous.manifest
        next.basis = plan.basis
        cache = next
        return Rendered(unchanged: unchanged, pages: plan.pagePaths.count, renderedPages: rendered)
    }

    /// The stories whose pages `render` will render again with `cache`: the only stories
    /// whose Markdown rendering needs.
    func storiesToRender(_ plan: Plan, cache: RenderCache) -> [Int] {
        plan.storyPages.filter { $0.cachedAnchors(in: cache) == nil }.map(\.index)
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
        let pages = PageMaker(site: site, fingerprints: fingerprints, storyPages: storyPages(of: site))
        return (1...pages.storyPages.count).map(pages.stories) + [pages.charactersIndex, pages.citiesIndex, pages.notFound]
            + site.characters.indices.map(pages.character) + site.cities.indices.map(pages.city)
    }

    /// The pages other than their own that `stories` (indexes) can change without changing
    /// the link: the list pages that show them, the pages of their characters (mentions,
    /// excerpts, anchors) and of their cities (the stories' cards), and the two indexes
    /// (mention counts). Not the pages of neighbouring stories, nor the 404 page, which show
    /// only their titles, nor the sitemap: the link decides those. `PageFingerprintTests`
    /// checks this against what every page shows.
    func pages(reachedBy stories: [Int], in site: Site, fingerprints: PageFingerprints) -> [Page] {
        guard !stories.isEmpty else { return [] }
        let pages = PageMaker(site: site, fingerprints: fingerprints, storyPages: storyPages(of: site))
        var numbers: Set<Int> = [], characters: Set<Int> = [], cities: Set<Int> = []
        for index in stories {
            numbers.insert(index / pages.storyPages.perPage + 1)
            characters.formUnion(site.stories[index].characters)
            cities.formUnion(site.stories[index].cities)
        }
        return numbers.sorted().map(pages.stories) + [pages.charactersIndex, pages.citiesIndex]
            + characters.sorted().map(pages.character) + cities.sorted().map(pages.city)
    }

    private func storyPages(of site: Site) -> StoryPages {
        StoryPages(stories: site.stories.count, perPage: metadata.storiesPerPage)
    }

    /// Makes each page other than a story's.
    private struct PageMaker {
        let site: Site
        let fingerprints: PageFingerprints
        let storyPages: StoryPages

        func stories(_ number: Int) -> Page {
            let path = SitePaths.storiesPage(number)
            let stories = storyPages.stories(onPage: number)
            return Page(path: path, template: "home",
                        fingerprint: { [fingerprints] _ in
                            fingerprints.storiesPage(number, stories: stories, path: path, template: "home")
                        },
                        context: { $0.home(page: number) })
        }

        var charactersIndex: Page {
            Page(path: SitePaths.charactersIndex, template: "characters",
                 fingerprint: { [fingerprints] _ in fingerprints.charactersIndex(path: SitePaths.charactersIndex, template: "characters") },
                 context: { $0.charactersIndex() })
        }

        var citiesIndex: Page {
            Page(path: SitePaths.citiesIndex, template: "cities",
                 fingerprint: { [fingerprints] _ in fingerprints.citiesIndex(path: SitePaths.citiesIndex, template: "cities") },
                 context: { $0.citiesIndex() })
        }

        var notFound: Page {
            // The fingerprint and the context take the same stories: those of the home page.
            let stories = storyPages.stories(onPage: 1)
            return Page(path: SitePaths.notFound, template: "404",
                        fingerprint: { [fingerprints] _ in
                            fingerprints.notFound(stories: stories, path: SitePaths.notFound, template: "404")
                        },
                        context: { $0.notFound(listing: stories) })
        }

        func character(_ index: Int) -> Page {
            let path = SitePaths.character(site.characters[index].slug)
            let anchor = SitePaths.characterAnchor(site.characters[index].slug)
            return Page(path: path, template: "character",
                        fingerprint: { [fingerprints] placed in fingerprints.character(index, path: path) { placed[$0].contains(anchor) } },
                        context: { $0.character(index) })
        }

        func city(_ index: Int) -> Page {
            let path = SitePaths.city(site.cities[index].slug)
            return Page(path: path, template: "city", fingerprint: { [fingerprints] _ in fingerprints.city(index, path: path) },
                        context: { $0.city(index) })
        }
    }

    /// The fingerprints of the pages of `site` rendered with these templates and metadata.
    func fingerprints(_ site: Site, lazily: Bool = false) -> PageFingerprints {
        PageFingerprints(site: site, settings: settingsFingerprint, cardFields: templates.cardFields, lazily: lazily)
    }

    /// The values the templates receive for the pages of `site`; with its `fingerprints`,
    /// what both need is worked out once.
    func contexts(_ site: Site, fingerprints: PageFingerprints? = nil) -> PageContexts {
        PageContexts(site: site, metadata: metadata, cardFields: templates.cardFields,
                     disambiguations: fingerprints?.disambiguations)
    }

    /// The templates, the site's metadata and the sitemap's page limit: what every page depends on.
    var settingsFingerprint: ContentHash {
        var hash = ContentHash()
        hash.combine(templates.fingerprint)
        hash.combine(metadata)
        hash.combine(sitemapLimit)
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
